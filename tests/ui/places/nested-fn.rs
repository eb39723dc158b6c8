use std::sync::atomic::{AtomicU32, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    fn bump() -> u32 {
        COUNTER.fetch_add(1, Ordering::Relaxed)
    }
    Ok(bump())
}

fn main() {}
