//! A kit for testing that a handler's state stays inside one invocation (cargo feature
//! `testing`; add it to `[dev-dependencies]`).
//!
//! Lambda reuses a process for many invocations (warm starts) and, under
//! `lambda_runtime::run_concurrent`, runs several at once. A handler that keeps something at
//! module scope passes every test that calls it once, then returns another customer's data in
//! production. This kit replays a handler the way Lambda does and compares:
//!
//! - [`EventBuilder`] and [`lambda_event`] build [`LambdaEvent`](lambda_runtime::LambdaEvent)s
//!   with a realistic context (unique request id and trace id, deadline ahead, function ARN);
//! - [`replay`] invokes a handler over many events in one process and returns each
//!   [`Outcome`];
//! - [`assert_isolated`] and [`assert_isolated_concurrent`] (or [`Isolation`] for the settings)
//!   replay events in changing orders, warm or overlapping on a multi-thread runtime, and fail
//!   with a [`Divergence`] naming the invocation that returned something else, and both values;
//!   they fail with [`NoResponse`] when every invocation failed, since nothing was compared
//!   ([`Isolation::compare_failures`] compares the failures instead);
//! - [`Isolation::force_overlap`] holds batches of invocations in flight together, so a leak
//!   that needs two invocations at once is caught on every run, not by chance.
//!
//! The functions above start their own Tokio runtime, for a plain `#[test]`. In
//! `#[tokio::test]`, await their `_async` forms instead ([`assert_isolated_async`],
//! [`assert_isolated_concurrent_async`], [`replay_async`], [`Isolation::check_async`],
//! [`Isolation::check_concurrent_async`]): they run on the test's runtime. A blocking form
//! called inside a runtime panics with a message that names its `_async` form.
//!
//! ```
//! use invocation_scope::testing::{assert_isolated, assert_isolated_concurrent};
//! use invocation_scope::{invocation_handler, per_invocation};
//! use lambda_runtime::{Error, LambdaEvent};
//! use serde_json::{json, Value};
//!
//! #[per_invocation]
//! struct Seen {
//!     items: Vec<Value>,
//! }
//!
//! #[invocation_handler]
//! async fn handler(event: LambdaEvent<Value>, seen: &mut Seen) -> Result<Value, Error> {
//!     seen.items.extend(event.payload["items"].as_array().cloned().unwrap_or_default());
//!     Ok(json!({ "count": seen.items.len(), "items": seen.items }))
//! }
//!
//! let events = [json!({ "items": ["a", "b"] }), json!({ "items": ["c"] })];
//! assert_isolated(handler, events.clone());
//! assert_isolated_concurrent(handler, events);
//! ```
//!
//! The same in `#[tokio::test]`:
//!
//! ```
//! # use invocation_scope::{invocation_handler, per_invocation};
//! # use lambda_runtime::{Error, LambdaEvent};
//! # use serde_json::{json, Value};
//! # #[per_invocation]
//! # struct Seen {
//! #     items: Vec<Value>,
//! # }
//! # #[invocation_handler]
//! # async fn handler(event: LambdaEvent<Value>, seen: &mut Seen) -> Result<Value, Error> {
//! #     seen.items.extend(event.payload["items"].as_array().cloned().unwrap_or_default());
//! #     Ok(json!({ "count": seen.items.len(), "items": seen.items }))
//! # }
//! use invocation_scope::testing::{assert_isolated_async, assert_isolated_concurrent_async};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! // In `#[tokio::test] async fn no_state_crosses_between_invocations()`:
//! let events = [json!({ "items": ["a", "b"] }), json!({ "items": ["c"] })];
//! assert_isolated_async(handler, events.clone()).await;
//! assert_isolated_concurrent_async(handler, events).await;
//! # }
//! ```
//!
//! With the cargo feature `local-runtime`, [`local_runtime`] runs a compiled Lambda binary
//! against a local Lambda Runtime API, for end-to-end tests of the real process.

pub(crate) mod divergence;
mod event;
mod ids;
pub(crate) mod isolation;
pub(crate) mod left_behind;
mod outcome;
mod replay;

#[cfg(feature = "local-runtime")]
#[cfg_attr(docsrs, doc(cfg(feature = "local-runtime")))]
pub mod local_runtime;

pub use divergence::{Divergence, IsolationError, NoResponse, Observed, Schedule};
pub use event::{EventBuilder, lambda_event};
pub use isolation::{
    Isolation, assert_isolated, assert_isolated_async, assert_isolated_concurrent,
    assert_isolated_concurrent_async,
};
pub use left_behind::{LeftBehind, Leftover};
pub use outcome::Outcome;
pub use replay::{replay, replay_async, replay_with, replay_with_async};
