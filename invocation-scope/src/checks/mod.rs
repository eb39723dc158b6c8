//! What the checks of `#[invocation_handler]` and `#[no_mutable_statics]` expand to.
//!
//! A macro sees tokens, not types, so for each path that may name a static it emits two checks
//! that make rustc decide:
//!
//! - a const that reads the first byte of the path's value ([`read_first_byte`]): const
//!   evaluation refuses to read a `static mut` or a static with interior mutability anywhere in
//!   its type, whatever that type is, and accepts consts and immutable statics;
//! - a closure, type-checked and never called, that calls the methods of [`Probe`]: for the
//!   well-known kinds of shared state (locks, atomics, lazily initialised cells, thread- and
//!   task-local keys) an inherent method with an unsatisfiable bound wins, and its
//!   `#[diagnostic::on_unimplemented]` explains the mistake; every other type falls back to the
//!   no-op methods of [`Fallback`].
//!
//! None of it reaches the binary: the const is `()` and the closure is never called.

mod judge;
mod known;
mod markers;
mod read;

pub use judge::{
    Anything, HoldsValue, IsValue, JudgeLazyStatic, JudgeValue, Judged, StorageKind, judge,
};
pub use known::{KnownInitOnce, KnownMutableInside, KnownShared, KnownTaskLocal, KnownThreadLocal};
pub use markers::{
    HoldsSharedMutableState, LazyStaticItem, SharedMutableStatic, TaskLocalKey, ThreadLocalKey,
};
pub use read::read_first_byte;

/// Wraps a reference to the checked path's value so that method resolution can pick a
/// diagnostic by its type.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// The no-op methods for every type that is not a well-known kind of shared state. Inherent
/// methods of [`Probe`] take precedence over these.
pub trait Fallback {
    /// Accepts any type.
    #[inline]
    fn check_known(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_thread_local(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_task_local(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_lazy_static(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_init_once(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_inside(&self) {}

    /// Accepts any type; see `check_known`.
    #[inline]
    fn check_lazy_static_inside(&self) {}
}

impl<T: ?Sized> Fallback for Probe<'_, T> {}
