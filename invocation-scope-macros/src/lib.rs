//! Implementation detail of [`invocation-scope`](https://docs.rs/invocation-scope): use the
//! macros through that crate, which re-exports them and holds the items their expansion uses.

#![forbid(unsafe_code)]

mod checks;
mod error;
mod handler;
mod no_mutable_statics;
mod once_init;
mod ours;
mod reach;
mod state;
mod walk;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

/// The stack each expansion runs on: 256 MiB of address space, of which only the pages the
/// expansion touches are ever used.
///
/// Parsing nested code, walking it and dropping it recurse once per level of nesting, in syn and
/// in the checks alike, and proc macros are built at opt-level 0 unless the user's profile says
/// otherwise: on the 8 MiB of rustc's thread, a 300-deep `if … else` chain that rustc itself
/// compiles would overflow it. Proc-macro objects cannot move to another thread, so the stack
/// switches on this one (`corosensei`, whose stack switch is inline assembly: no C compiler at
/// build time). With this size an 8,000-deep `if … else` chain, the shape costing the expansion
/// the most stack per level, expands: twelve times what rustc accepts on its own stack.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
const EXPANSION_STACK: usize = 256 * 1024 * 1024;

/// Runs `expand` on a stack of [`EXPANSION_STACK`] bytes; where the system refuses to map one
/// (a strict overcommit policy or address-space limit), on rustc's own stack as before. A panic
/// of the expansion reaches rustc as it would without the switch.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
fn on_large_stack(expand: impl FnOnce() -> TokenStream) -> TokenStream {
    match corosensei::stack::DefaultStack::new(EXPANSION_STACK) {
        Ok(stack) => corosensei::on_stack(stack, expand),
        Err(_) => expand(),
    }
}

/// On other hosts (which build Lambda functions for x86_64 and arm64 only by cross-compiling)
/// the expansion runs on rustc's stack.
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn on_large_stack(expand: impl FnOnce() -> TokenStream) -> TokenStream {
    expand()
}

/// Makes a struct per-invocation state: a value of it is built fresh at the start of every
/// invocation of an `#[invocation_handler]` that takes it as `&mut`, and dropped at its end.
///
/// It implements `invocation_scope::PerInvocation` for the struct (named, tuple or unit; generic
/// or not). How a fresh value is built:
///
/// - **by default**, each field from its [`Default`];
/// - **`#[per_invocation(init = EXPR)]` on a field** gives that field's initial value;
/// - **`#[per_invocation(new = PATH)]` on the struct** calls `PATH()`, a `fn() -> Self`;
/// - **`#[per_invocation(from_invocation = PATH)]` on the struct** calls `PATH(invocation)`, a
///   `fn(invocation_scope::Invocation<'_>) -> Self`, to build it from the request id, the deadline
///   or the whole Lambda `Context`.
///
/// ```
/// use invocation_scope::{per_invocation, Invocation};
///
/// #[per_invocation]
/// struct Report {
///     items: Vec<String>,
///     #[per_invocation(init = 10)]
///     limit: usize,
/// }
///
/// #[per_invocation(from_invocation = LogBuffer::for_request)]
/// struct LogBuffer {
///     request_id: String,
///     lines: Vec<String>,
/// }
///
/// impl LogBuffer {
///     fn for_request(invocation: Invocation<'_>) -> Self {
///         let request_id = invocation.request_id().unwrap_or("local").to_owned();
///         LogBuffer { request_id, lines: Vec::new() }
///     }
/// }
/// ```
///
/// Only structs can be per-invocation; for an enum, implement `PerInvocation` by hand.
#[proc_macro_attribute]
pub fn per_invocation(args: TokenStream, item: TokenStream) -> TokenStream {
    on_large_stack(|| state::expand(args.into(), item.into()).into())
}

/// Gives an `async fn` Lambda handler state that is fresh for every invocation.
///
/// Every `&mut T` parameter is removed from the function's signature. At the start of each call a
/// fresh `T` is built with `invocation_scope::PerInvocation::fresh` (see `#[per_invocation]`) and
/// lent to the body under the parameter's name; it is dropped when the call ends, whether the
/// body returns, fails with `?`, panics or its future is dropped (timeout, cancellation). The
/// state is built from the handler's event, its first parameter that is not state.
///
/// Every other parameter stays as written, so shared resources built once in `main` are passed
/// as `&Client` or `Arc<Pool>`:
///
/// ```
/// use invocation_scope::{invocation_handler, per_invocation};
/// use lambda_runtime::{service_fn, Error, LambdaEvent};
/// use serde_json::Value;
///
/// struct Client;
///
/// #[per_invocation]
/// struct Seen {
///     keys: Vec<String>,
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, client: &Client, seen: &mut Seen) -> Result<usize, Error> {
///     let _ = client;
///     seen.keys.extend(event.payload.as_object().into_iter().flat_map(|o| o.keys().cloned()));
///     Ok(seen.keys.len())
/// }
///
/// # async fn run() -> Result<(), Error> {
/// let client = Client;
/// lambda_runtime::run(service_fn(|event| handler(event, &client))).await
/// # }
/// ```
///
/// Name, visibility, attributes, generics, where clauses and return type are kept, methods with
/// `&self` work, and the future is `Send` whenever the state and the body are, so the handler runs
/// under `lambda_runtime::run_concurrent` as well as `run`.
///
/// The body is emitted unchanged in a function of its own next to the handler,
/// `__invocation_scope_body_<name>` (a sibling method for a method), with the handler's
/// parameters, state included; the handler builds the state, sets the invocation's context,
/// calls it, then awaits the finish steps. rustc thus reads the body as deeply nested as it would
/// without the attribute. That function also carries the handler's `#[cfg]` and lint attributes
/// (`#[expect(..)]` on the handler acts as `#[allow(..)]`, as the lint may fire in either
/// function).
///
/// **The crate-wide pass.** The macro also reads the crate it is compiled in, with the package's
/// library and the crates of the workspace it depends on by path (whose indexes it keeps beside
/// their metadata in the target directory, for the next crate compiled against them), and follows
/// every call the handler can make (functions, methods by the receiver's type where the sources say
/// it and by name otherwise, `dyn` implementations, closures, fns passed by name, `macro_rules!`
/// bodies, static initializers, the constructors of its `#[per_invocation]` state, the `Display`
/// and `Debug` impls of what it formats). A static reached through at least one call that can carry
/// data from one invocation into another (see the policy below) is an error at the handler's token
/// that starts the chain. Its switches:
///
/// - `allow(path::to::STATIC, ..)`: the handler may reach these statics;
/// - `stop_at(path::to::function, Type::method, ..)`: do not follow these functions;
/// - `crate_wide = false`: no crate-wide pass for this handler;
/// - `strict`: refuse every interior-mutable static, init-once ones included (the cargo feature
///   `strict` of `invocation-scope` turns it on for the whole crate).
///
/// The pass never fails a build by failing itself (it then does nothing; set
/// `INVOCATION_SCOPE_DEBUG=1` to be told why) and does nothing under rust-analyzer. A reached
/// static it cannot judge is an error that asks for `allow(...)`, never skipped silently.
///
/// A `&mut` parameter whose type is not per-invocation state is refused:
///
/// ```compile_fail
/// use invocation_scope::invocation_handler;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// struct Cache(Vec<String>);
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<()>, cache: &mut Cache) -> Result<(), Error> {
///     Ok(())
/// }
/// ```
///
/// # Shared mutable state is refused
///
/// The body may not use a static that can carry data from one invocation into another: a
/// `static mut`, a static with a lock, atomic or cell in its type (`Mutex`, `AtomicU64`, a
/// `LazyLock<Mutex<..>>`, a `thread_local!` of a `RefCell`, a struct containing one...), or a
/// once-cell it sets from its parameters or locals. What is computed once without invocation
/// input is accepted: `LazyLock<Regex>`, `lazy_static!` of a `String`, a `OnceLock` set in
/// `main`, a tokio `OnceCell` client initialised by a fn path. Each refused use is a compile
/// error at the static's name that says what to write instead:
///
/// ```compile_fail,E0277
/// use std::sync::Mutex;
///
/// use invocation_scope::invocation_handler;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
///     let mut seen = SEEN.lock().unwrap(); // error: this static ... is shared mutable state
///     seen.push(event.payload);
///     Ok(seen.len())
/// }
/// ```
///
/// Consts, immutable statics, associated consts, enum variants and locals are accepted. Where
/// the crate-wide pass runs, the body's paths are resolved through the crate's sources; where it
/// does not, a path is checked when its last segment is `SCREAMING_CASE`, it is not bound in the
/// function and it is not `Type::NAME`.
///
/// **`allow(NAME, ...)`** skips the paths whose last segment is one of the names: a cache shared
/// on purpose, or an interior-mutable const (`const JSON: HeaderValue = ...`) that the check
/// cannot tell from a static. A name the body never uses is an error.
///
/// ```
/// use std::sync::Mutex;
///
/// use invocation_scope::invocation_handler;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// /// Shared by every invocation on purpose: a warm cache of resolved names.
/// static WARM_CACHE: Mutex<Vec<String>> = Mutex::new(Vec::new());
///
/// #[invocation_handler(allow(WARM_CACHE))]
/// async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
///     let mut cache = WARM_CACHE.lock().map_err(|_| "poisoned")?;
///     cache.push(event.payload);
///     Ok(cache.len())
/// }
/// ```
#[proc_macro_attribute]
pub fn invocation_handler(args: TokenStream, item: TokenStream) -> TokenStream {
    on_large_stack(|| handler::expand(args.into(), item.into()).into())
}

/// Applies the shared-mutable-state checks of `#[invocation_handler]` to a helper function,
/// every method of an `impl` block, or every function of an inline `mod` (nested modules, `impl`
/// blocks and trait default methods included). Functions under their own
/// `#[invocation_handler]` inside the module are checked by that attribute.
///
/// The global-list bug usually lives in the helpers a handler calls; this refuses it there:
///
/// ```compile_fail,E0277
/// #[invocation_scope::no_mutable_statics]
/// mod report {
///     use std::sync::Mutex;
///
///     static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());
///
///     pub fn collect(item: String) {
///         ITEMS.lock().unwrap().push(item); // error: this static ... is shared mutable state
///     }
/// }
/// ```
///
/// It takes the same `allow(NAME, ...)` as `#[invocation_handler]`:
///
/// ```
/// #[invocation_scope::no_mutable_statics(allow(RETRIES))]
/// mod limits {
///     use std::sync::atomic::{AtomicU32, Ordering};
///
///     const DEFAULT_LIMIT: u32 = 10;
///     static RETRIES: AtomicU32 = AtomicU32::new(0);
///
///     pub fn limit(asked: Option<u32>) -> u32 {
///         RETRIES.fetch_add(1, Ordering::Relaxed);
///         asked.unwrap_or(DEFAULT_LIMIT)
///     }
/// }
/// ```
///
/// It applies to functions, `impl` blocks, traits and inline modules only: stable Rust does not
/// run attributes on `mod name;` files, so put it on the items inside such a file.
#[proc_macro_attribute]
pub fn no_mutable_statics(args: TokenStream, item: TokenStream) -> TokenStream {
    on_large_stack(|| no_mutable_statics::expand(args.into(), item.into()).into())
}
