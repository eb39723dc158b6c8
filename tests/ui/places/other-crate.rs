use std::sync::atomic::Ordering;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let n = invocation_scope_tests::SHARED_COUNTER.load(Ordering::Relaxed);
    Ok(n)
}

fn main() {}
