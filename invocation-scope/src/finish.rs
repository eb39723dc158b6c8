//! The async step per-invocation state runs when the handler's body has returned.

use std::future::Future;

/// An async finish step for per-invocation state: flush a buffer, join tasks, remove files.
///
/// [`#[invocation_handler]`](macro@crate::invocation_handler) awaits it for every `&mut`
/// parameter whose type implements `Finish`, after the body returns (`Ok` or `Err`) and before
/// the handler's future completes, so before the runtime sends the response and Lambda may
/// freeze the environment. Types that do not implement it cost nothing.
///
/// - **Order**: the reverse of construction. State is built in parameter order, so the last
///   parameter finishes first, as values are dropped; each value is dropped after the finish
///   steps, at the end of the call.
/// - **Every step runs**, even when the body or an earlier step failed.
/// - **Failure**: when the body returned `Ok` and a step fails, the invocation returns that
///   step's error, converted with `From` into the handler's error type (so the handler's error
///   type must implement `From<Self::Error>`; `lambda_runtime::Error` does for every
///   `std::error::Error`). When the body already returned `Err`, or an earlier step failed, the
///   first error is kept and the later one is dropped: log it in the step if it matters. An
///   infallible step declares `type Error = std::convert::Infallible`.
/// - **Panic and cancellation**: when the body panics, or the runtime drops the handler's
///   future, no finish step runs; only `Drop` does, as for any value. Put the cleanup that must
///   happen on every path in `Drop` as well.
/// - **Deadline**: the steps run inside the invocation, so they count against its timeout.
///   [`current_invocation`](crate::current_invocation) still returns the invocation in them.
///
/// ```
/// use invocation_scope::{invocation_handler, per_invocation, Finish};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::Value;
///
/// #[per_invocation]
/// struct Metrics {
///     buffered: Vec<String>,
/// }
///
/// impl Finish for Metrics {
///     type Error = std::io::Error;
///
///     async fn finish(&mut self) -> Result<(), Self::Error> {
///         for line in self.buffered.drain(..) {
///             println!("{line}"); // or one batched call to a metrics service
///         }
///         Ok(())
///     }
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, metrics: &mut Metrics) -> Result<Value, Error> {
///     metrics.buffered.push("handled=1".to_owned());
///     Ok(event.payload)
/// }
/// ```
///
/// The handler's expansion picks the step from the parameter's concrete type; a state
/// parameter whose type is a generic parameter `S` is never finished (see the README's
/// limitations).
pub trait Finish {
    /// What a failed step returns; `std::convert::Infallible` when it cannot fail.
    type Error;

    /// Runs once, after the handler's body has returned.
    fn finish(&mut self) -> impl Future<Output = Result<(), Self::Error>>;
}
