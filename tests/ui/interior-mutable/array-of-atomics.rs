use std::sync::atomic::{AtomicU32, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static SLOTS: [AtomicU32; 4] = [const { AtomicU32::new(0) }; 4];

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let first = SLOTS[0].load(Ordering::Relaxed);
    Ok(first)
}

fn main() {}
