use std::cell::Cell;
use std::sync::LazyLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Counter {
    calls: Cell<u64>,
}

// SAFETY: for the example only; the check refuses it anyway.
unsafe impl Sync for Counter {}

static COUNTER: LazyLock<Counter> = LazyLock::new(|| Counter {
    calls: Cell::new(0),
});

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<u64, Error> {
    COUNTER.calls.set(COUNTER.calls.get() + 1);
    Ok(0)
}

fn main() {}
