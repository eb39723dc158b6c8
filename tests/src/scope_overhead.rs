//! Handlers that differ by one per-invocation feature each, measured by
//! `examples/scope_overhead.rs` under callgrind (`benches/scope_instructions.sh`).
//!
//! Each answers the number of items of the event, so that the difference between two of them
//! is the feature alone.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::convert::Infallible;

use invocation_scope::{
    Finish, InvocationTasks, ScratchDir, current_invocation, invocation_handler, per_invocation,
};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

fn count(event: &LambdaEvent<Value>) -> usize {
    event.payload["items"].as_array().map_or(0, Vec::len)
}

/// Without the macro.
pub async fn by_hand(event: LambdaEvent<Value>) -> Result<usize, Error> {
    Ok(count(&event))
}

/// The macro and no state: the always-on current-invocation context alone.
#[invocation_handler]
pub async fn context_only(event: LambdaEvent<Value>) -> Result<usize, Error> {
    Ok(count(&event))
}

/// The same, reading the current invocation once.
#[invocation_handler]
pub async fn context_read(event: LambdaEvent<Value>) -> Result<usize, Error> {
    let known = current_invocation().is_some_and(|now| !now.request_id().is_empty());
    Ok(count(&event) + usize::from(!known))
}

/// Per-invocation state without a finish step.
#[per_invocation]
pub struct Plain {
    seen: usize,
}

/// The same state with a finish step that does nothing.
#[per_invocation]
pub struct Finished {
    seen: usize,
}

impl Finish for Finished {
    type Error = Infallible;
    async fn finish(&mut self) -> Result<(), Infallible> {
        self.seen = 0;
        Ok(())
    }
}

/// One state without a finish step.
#[invocation_handler]
pub async fn state(event: LambdaEvent<Value>, state: &mut Plain) -> Result<usize, Error> {
    state.seen = count(&event);
    Ok(state.seen)
}

/// One state with a finish step.
#[invocation_handler]
pub async fn state_finish(event: LambdaEvent<Value>, state: &mut Finished) -> Result<usize, Error> {
    state.seen = count(&event);
    Ok(state.seen)
}

/// A task set taken and not used.
#[invocation_handler]
pub async fn tasks_unused(
    event: LambdaEvent<Value>,
    tasks: &mut InvocationTasks,
) -> Result<usize, Error> {
    Ok(count(&event) + tasks.running())
}

/// One task spawned and joined (needs a runtime).
#[invocation_handler]
pub async fn tasks_one(
    event: LambdaEvent<Value>,
    tasks: &mut InvocationTasks,
) -> Result<usize, Error> {
    tasks.spawn(async {});
    Ok(count(&event) + tasks.join_all().await.len() - 1)
}

/// A scratch directory taken and not used: nothing is created.
#[invocation_handler]
pub async fn scratch_unused(
    event: LambdaEvent<Value>,
    scratch: &mut ScratchDir,
) -> Result<usize, Error> {
    Ok(count(&event) + usize::from(scratch.created().is_some()))
}

/// A scratch directory created (and removed by the finish step).
#[invocation_handler]
pub async fn scratch_used(
    event: LambdaEvent<Value>,
    scratch: &mut ScratchDir,
) -> Result<usize, Error> {
    scratch.path()?;
    Ok(count(&event))
}
