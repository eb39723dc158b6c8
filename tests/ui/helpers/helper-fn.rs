use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

use std::sync::atomic::{AtomicU32, Ordering};

static CALLS: AtomicU32 = AtomicU32::new(0);

#[invocation_scope::no_mutable_statics]
fn count_call() -> u32 {
    CALLS.fetch_add(1, Ordering::Relaxed)
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(count_call())
}

fn main() {}
