use std::sync::atomic::{AtomicU32, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static PAIR: (u32, AtomicU32) = (0, AtomicU32::new(0));

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let second = PAIR.1.load(Ordering::Relaxed);
    Ok(second)
}

fn main() {}
