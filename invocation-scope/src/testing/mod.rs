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
//!   with a [`Divergence`] naming the invocation that returned something else, and both values.
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
pub mod local_runtime;

pub use divergence::{Divergence, Observed, Schedule};
pub use event::{EventBuilder, lambda_event};
pub use isolation::{Isolation, assert_isolated, assert_isolated_concurrent};
pub use left_behind::{LeftBehind, Leftover};
pub use outcome::Outcome;
pub use replay::{replay, replay_with};
