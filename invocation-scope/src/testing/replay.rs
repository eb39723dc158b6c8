//! Replaying a handler over many invocations in one process, as warm starts do.

use std::future::Future;

use lambda_runtime::{Diagnostic, LambdaEvent};
use serde::Serialize;

use super::outcome::caught_outcome;
use super::{EventBuilder, Outcome};

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
/// In `#[tokio::test]`, use [`replay_async`].
///
/// # Panics
///
/// If a Tokio runtime cannot be built, or when called inside an async runtime (such as
/// `#[tokio::test]`), with a message pointing to [`replay_async`].
#[track_caller]
pub fn replay<P, F, Fut, R, E>(handler: F, payloads: impl IntoIterator<Item = P>) -> Vec<Outcome>
where
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    refuse_async_context("replay", "replay_async");
    replay_with(&EventBuilder::default(), handler, payloads)
}

/// [`replay`] with events built by `events`.
///
/// # Panics
///
/// If a Tokio runtime cannot be built, or when called inside an async runtime, with a message
/// pointing to [`replay_with_async`].
#[track_caller]
pub fn replay_with<P, F, Fut, R, E>(
    events: &EventBuilder,
    handler: F,
    payloads: impl IntoIterator<Item = P>,
) -> Vec<Outcome>
where
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    refuse_async_context("replay_with", "replay_with_async");
    current_thread_runtime().block_on(replay_with_async(events, handler, payloads))
}

/// [`replay`] inside the caller's runtime, for `#[tokio::test]`: the invocations run one after
/// another as part of the returned future.
///
/// ```
/// use invocation_scope::testing::{replay_async, Outcome};
/// use lambda_runtime::{Error, LambdaEvent};
///
/// async fn double(event: LambdaEvent<u32>) -> Result<u32, Error> {
///     Ok(event.payload * 2)
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// // In `#[tokio::test] async fn doubles()`:
/// let outcomes = replay_async(double, [1, 2, 3]).await;
/// assert_eq!(outcomes[2], Outcome::Response(6.into()));
/// # }
/// ```
pub async fn replay_async<P, F, Fut, R, E>(
    handler: F,
    payloads: impl IntoIterator<Item = P>,
) -> Vec<Outcome>
where
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    replay_with_async(&EventBuilder::default(), handler, payloads).await
}

/// [`replay_async`] with events built by `events`.
pub async fn replay_with_async<P, F, Fut, R, E>(
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
    let mut outcomes = Vec::new();
    for payload in payloads {
        outcomes.push(caught_outcome(handler(events.event(payload))).await);
    }
    outcomes
}

/// Panics with a message that names the `async` alternative when `blocking` (a function of the
/// kit that starts its own runtime) is called inside a Tokio runtime, where `block_on` would
/// panic with "Cannot start a runtime from within a runtime".
#[track_caller]
pub(crate) fn refuse_async_context(blocking: &str, alternative: &str) {
    assert!(
        tokio::runtime::Handle::try_current().is_err(),
        "`{blocking}` starts its own Tokio runtime, so it cannot run inside one (such as \
         `#[tokio::test]`): write `{alternative}(...).await` there, or call `{blocking}` from a \
         plain `#[test]`"
    );
}

/// The runtime `lambda_runtime::run` is usually driven by in a warm process.
pub(crate) fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread Tokio runtime")
}
