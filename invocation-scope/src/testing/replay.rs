//! Replaying a handler over many invocations in one process, as warm starts do.

use std::future::Future;

use lambda_runtime::{Diagnostic, LambdaEvent};
use serde::Serialize;

use super::{EventBuilder, Outcome, outcome::run_to_outcome};

/// Invokes `handler` once per payload, one after another on one Tokio runtime, as a warm Lambda
/// process does: whatever the handler leaves behind in the process is there for the next call.
///
/// Each invocation gets its own event (see [`EventBuilder`]); a panic is caught and returned as
/// [`Outcome::Panic`], like `lambda_runtime` reports it, and the next invocation still runs.
///
/// ```
/// use invocation_scope::testing::{replay, Outcome};
/// use lambda_runtime::{Error, LambdaEvent};
///
/// async fn double(event: LambdaEvent<u32>) -> Result<u32, Error> {
///     Ok(event.payload * 2)
/// }
///
/// let outcomes = replay(double, [1, 2, 3]);
/// assert_eq!(outcomes[2], Outcome::Response(6.into()));
/// ```
///
/// # Panics
///
/// If a Tokio runtime cannot be built, or when called from inside an async context.
pub fn replay<P, F, Fut, R, E>(handler: F, payloads: impl IntoIterator<Item = P>) -> Vec<Outcome>
where
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    replay_with(&EventBuilder::default(), handler, payloads)
}

/// [`replay`] with events built by `events`.
///
/// # Panics
///
/// If a Tokio runtime cannot be built, or when called from inside an async context.
pub fn replay_with<P, F, Fut, R, E>(
    events: &EventBuilder,
    mut handler: F,
    payloads: impl IntoIterator<Item = P>,
) -> Vec<Outcome>
where
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    let runtime = current_thread_runtime();
    payloads
        .into_iter()
        .map(|payload| run_to_outcome(&runtime, handler(events.event(payload))))
        .collect()
}

/// The runtime `lambda_runtime::run` is usually driven by in a warm process.
pub(crate) fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread Tokio runtime")
}
