use std::sync::atomic::{AtomicU32, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let first = COUNTER.load(Ordering::Relaxed);
    let second = COUNTER.load(Ordering::Relaxed);
    Ok(first + second)
}

fn main() {}
