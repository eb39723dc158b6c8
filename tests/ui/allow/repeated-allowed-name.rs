use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[invocation_handler(allow(COUNTER, COUNTER))]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(COUNTER.load(Ordering::Relaxed))
}

fn main() {}
