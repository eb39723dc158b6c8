// A private struct type with an atomic field, in a static the handler cannot name.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/atomic_struct/stats.rs"]
mod stats;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<u64, Error> {
    let _ = event;
    Ok(stats::hit())
}

fn main() {}
