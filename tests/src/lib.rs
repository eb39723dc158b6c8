//! Fixtures shared by the behaviour tests in `tests/`.

pub mod large_crate;

use std::cell::Cell;

use lambda_runtime::{Context, LambdaEvent};

/// An event as Lambda would deliver it, with its own request id and a deadline a minute away.
#[must_use]
pub fn event<T>(payload: T, request_id: &str) -> LambdaEvent<T> {
    let mut context = Context::default();
    request_id.clone_into(&mut context.request_id);
    let deadline = std::time::SystemTime::now() + std::time::Duration::from_mins(1);
    context.deadline = deadline
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        });
    LambdaEvent::new(payload, context)
}

thread_local! {
    static BUILT: Cell<usize> = const { Cell::new(0) };
    static DROPPED: Cell<usize> = const { Cell::new(0) };
}

/// Counts, on the current thread, how many values are built and dropped, so a test can tell
/// that each invocation's state was dropped whatever way the invocation ended.
#[derive(Debug)]
pub struct Tracked;

impl Default for Tracked {
    fn default() -> Self {
        BUILT.with(|built| built.set(built.get() + 1));
        Tracked
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPPED.with(|dropped| dropped.set(dropped.get() + 1));
    }
}

/// `(built, dropped)` on this thread so far.
#[must_use]
pub fn tracked_counts() -> (usize, usize) {
    (BUILT.with(Cell::get), DROPPED.with(Cell::get))
}
