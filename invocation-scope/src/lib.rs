//! Per-invocation state for AWS Lambda handlers.
//!
//! | cargo feature | adds | where |
//! | --- | --- | --- |
//! | (none) | the macros, shared resources, [`Cache`], [`InvocationFacts`] | `[dependencies]` |
//! | `http` | [`InvocationSource`] for `lambda_http::Request` | `[dependencies]` |
//! | `testing` | `invocation_scope::testing`: events with a realistic context, warm and concurrent replay, the isolation assertions | `[dev-dependencies]` |
//! | `tasks` | `InvocationTasks`: background tasks bounded by the invocation (Tokio's `time`) | `[dependencies]` |
//! | `local-runtime` | `invocation_scope::testing::local_runtime`: a local Lambda Runtime API that runs your compiled binary (brings `testing`) | `[dev-dependencies]` |
//! | `parking_lot`, `tokio`, `once_cell`, `dashmap`, `arc-swap`, `lazy_static` | clearer compile errors for those crates' shared types (without them, their statics are still refused) | `[dependencies]` |
//! | `strict` | every `#[invocation_handler]` and `#[no_mutable_statics]` of the crate refuses every interior-mutable static, init-once ones (`LazyLock`, `OnceLock`, `lazy_static!`...) included, as if it said `strict` | `[dependencies]` |
//!
//! No feature is on by default. On docs.rs every item behind a feature is marked with it.
//!
//! Lambda keeps a process alive between invocations and reuses it (a warm start), so anything
//! kept at module scope survives from one invocation to the next, and under
//! `lambda_runtime::run_concurrent` is shared by invocations running at the same time. This crate
//! makes the state of a handler belong to one invocation by construction:
//!
//! - [`#[per_invocation]`](macro@per_invocation) on a struct says how a fresh value is built;
//! - [`#[invocation_handler]`](macro@invocation_handler) on an `async fn` removes each `&mut T`
//!   parameter from the signature, builds a fresh `T` at the start of every call, lends it to the
//!   body and drops it when the call ends (on success, error, panic or cancellation).
//!
//! ```
//! use invocation_scope::{invocation_handler, per_invocation};
//! use lambda_runtime::{service_fn, Error, LambdaEvent};
//! use serde_json::{json, Value};
//!
//! #[per_invocation]
//! struct Report {
//!     items: Vec<String>,
//! }
//!
//! fn collect(report: &mut Report, event: &Value) {
//!     if let Some(items) = event["items"].as_array() {
//!         report.items.extend(items.iter().filter_map(|v| v.as_str().map(str::to_owned)));
//!     }
//! }
//!
//! #[invocation_handler]
//! async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
//!     collect(report, &event.payload);
//!     Ok(json!({ "count": report.items.len(), "items": report.items }))
//! }
//!
//! # async fn run() -> Result<(), Error> {
//! // `handler` now takes only the event:
//! lambda_runtime::run(service_fn(handler)).await
//! # }
//! ```
//!
//! What should outlive an invocation is explicit too: shared resources (clients, pools,
//! configuration, a [`Cache`] with a max age) are built once in `main` and bound to the handler
//! with [`with_resources`] or [`with_concurrent_resources`]; the handler takes them as `&Shared`.
//! [`InvocationFacts`], taken as `&mut`, tells the handler whether this is the cold start, its
//! request id and the time left.
//!
//! What an invocation leaves behind besides memory belongs to it too:
//!
//! - [`current_invocation`] returns the request id, X-Ray trace id, tenant id and deadline of the
//!   invocation the calling code runs for, anywhere in it (set by every
//!   `#[invocation_handler]`, right under `run_concurrent`);
//! - a state type may implement [`Finish`], an async step awaited after the body and before the
//!   response (flush a buffer, join tasks, remove files);
//! - `InvocationTasks` (feature `tasks`) runs background tasks that are finished or aborted
//!   before the invocation ends, and [`ScratchDir`] is a directory of the temp dir removed when
//!   it ends.
//!
//! The old way stops compiling: a handler body, and code under
//! [`#[no_mutable_statics]`](macro@no_mutable_statics), that uses a static able to carry data
//! from one invocation into another (a `static mut`, a lock, atomic or cell in a static's type, a
//! once-cell set from invocation data) is a compile error at that use, and the crate-wide pass of
//! `#[invocation_handler]` follows the handler's calls through the crate's own sources to the
//! statics they reach. What is computed once without invocation input (`LazyLock<Regex>`, a
//! client in a `OnceCell`) compiles; `strict` refuses every interior-mutable static.
//!
//! See the README for the equivalent code without the macros and the limitations.

// `deny`, not `forbid`: the compile-time probes (`checks/read.rs`, `reach.rs`) read one byte
// through a pointer during const evaluation, and allow `unsafe` there alone.
#![deny(unsafe_code)]
// docs.rs builds with `--cfg docsrs` (see Cargo.toml) and marks each item with its feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod cache;
mod checks;
mod clock;
mod cold_start;
mod context;
mod facts;
mod finish;
mod invocation;
#[allow(unsafe_code)]
mod reach;
mod resources;
mod scratch;
mod state;
#[cfg(feature = "tasks")]
mod tasks;

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

pub use cache::{Cache, CacheError, Cached};
pub use clock::{Clock, ManualClock, SystemClock};
pub use cold_start::{ColdStart, InitializationType};
pub use context::{CurrentInvocation, current_invocation};
pub use facts::InvocationFacts;
pub use finish::Finish;
pub use invocation::{Invocation, InvocationSource};
pub use resources::{
    ConcurrentHandler, ConcurrentResources, WithConcurrentResources, WithResources,
    with_concurrent_resources, with_resources,
};
pub use scratch::ScratchDir;
pub use state::PerInvocation;
#[cfg(feature = "tasks")]
#[cfg_attr(docsrs, doc(cfg(feature = "tasks")))]
pub use tasks::{InvocationTasks, TaskEnd, TaskOutcome, TaskOutput, TasksOnFinish};

#[doc(inline)]
pub use invocation_scope_macros::{invocation_handler, no_mutable_statics, per_invocation};

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// The README's Rust blocks, built and run as doctests so that they follow the API. Some use the
/// test kit, so they are collected when `local-runtime` (which brings `testing`) is on, as under
/// `cargo test --workspace`.
#[cfg(all(doctest, feature = "local-runtime"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
