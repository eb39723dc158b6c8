//! Implementation detail of [`invocation-scope`](https://docs.rs/invocation-scope): use the
//! macros through that crate, which re-exports them and holds the items their expansion uses.

#![forbid(unsafe_code)]

mod error;
mod handler;
mod reach;
mod state;

#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

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
    state::expand(args.into(), item.into()).into()
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
/// **The crate-wide pass.** The macro also reads the crate it is compiled in and follows every
/// call the handler can make (functions, methods by name including `dyn` implementations,
/// closures, fns passed by name, `macro_rules!` bodies, static initializers). A static reached
/// through at least one call that holds shared mutable state (`static mut`, `thread_local!`,
/// `lazy_static!`, or a type with interior mutability) is an error at the handler's token that
/// starts the chain. Its switches:
///
/// - `allow(path::to::STATIC, ..)`: the handler may reach these statics;
/// - `stop_at(path::to::function, Type::method, ..)`: do not follow these functions;
/// - `crate_wide = false`: no crate-wide pass for this handler.
///
/// The pass never fails a build by failing itself (it then does nothing; set
/// `INVOCATION_SCOPE_DEBUG=1` to be told why) and does nothing under rust-analyzer.
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
#[proc_macro_attribute]
pub fn invocation_handler(args: TokenStream, item: TokenStream) -> TokenStream {
    handler::expand(args.into(), item.into()).into()
}
