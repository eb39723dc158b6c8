//! Traits that no type implements: a method bounded on one of them fails to type-check, and
//! the trait's `on_unimplemented` becomes the user's error message, at the static's name.
//!
//! Each carries a lifetime parameter so that a bound naming only concrete types (`AtomicU32:
//! SharedMutableStatic<'a>`) is checked where the method is used, not where it is defined
//! (rust-lang/rust#48214). The messages cannot print the static's name: a type standing for it
//! would be printed with its full path as soon as two uses declare it. The error points at the
//! name, and the E0080 of the const check names it.

/// A lock, atomic, cell or lazily initialised value reached from per-invocation code.
#[diagnostic::on_unimplemented(
    message = "this static of type `{Self}` is shared mutable state: it survives warm invocations and is shared by concurrent ones",
    label = "shared by every invocation, used in code that must keep its state per invocation",
    note = "move the data into a `#[per_invocation]` struct and take it as a `&mut` parameter of the handler",
    note = "or build it once in `main` and pass it to the handler as a parameter (`&T` or `Arc<T>`)",
    note = "or, if sharing it between invocations is intended, add the static's name to `allow(...)` in the attribute"
)]
pub trait SharedMutableStatic<'a> {}

/// A `thread_local!` key reached from per-invocation code.
#[diagnostic::on_unimplemented(
    message = "this is a `thread_local!` key: its value stays on the runtime's thread across warm invocations",
    label = "a `{Self}`, used in code that must keep its state per invocation",
    note = "move the data into a `#[per_invocation]` struct and take it as a `&mut` parameter of the handler",
    note = "or, if keeping it between invocations is intended, add the key's name to `allow(...)` in the attribute"
)]
pub trait ThreadLocalKey<'a> {}

/// A `tokio::task_local!` key reached from per-invocation code.
#[diagnostic::on_unimplemented(
    message = "this is a `tokio::task_local!` key: per-invocation state needs no task-local",
    label = "a `{Self}`, used in code that must keep its state per invocation",
    note = "move the data into a `#[per_invocation]` struct and take it as a `&mut` parameter of the handler",
    note = "or, if the task-local is scoped on purpose, add the key's name to `allow(...)` in the attribute"
)]
pub trait TaskLocalKey<'a> {}

/// A `lazy_static!` item reached from per-invocation code.
#[diagnostic::on_unimplemented(
    message = "this is a `lazy_static!` item: it is built once and shared by every invocation",
    label = "a `lazy_static!` item, used in code that must keep its state per invocation",
    note = "build the value once in `main` and pass it to the handler as a parameter (`&T` or `Arc<T>`), or move it into a `#[per_invocation]` struct",
    note = "or, if sharing it between invocations is intended, add the item's name to `allow(...)` in the attribute"
)]
pub trait LazyStaticItem<'a> {}

/// What an init-once static (`LazyLock`, `OnceLock`, `lazy_static!`, `thread_local!`...) holds
/// is shared mutable state.
#[diagnostic::on_unimplemented(
    message = "this static holds a `{Self}`: its contents can change after it is built, survive warm invocations and are shared by concurrent ones",
    label = "holds shared mutable state, used in code that must keep its state per invocation",
    note = "move the data into a `#[per_invocation]` struct and take it as a `&mut` parameter of the handler",
    note = "or build it once in `main` and pass it to the handler as a parameter (`&T` or `Arc<T>`)",
    note = "or, if sharing it between invocations is intended (a cache, a counter), add the static's name to `allow(...)` in the attribute"
)]
pub trait HoldsSharedMutableState<'a> {}
