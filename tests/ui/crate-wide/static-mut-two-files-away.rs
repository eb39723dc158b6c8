// A `static mut` counter in another file, bumped by a helper of a helper.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/static_mut/mod.rs"]
mod metrics;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<u64, Error> {
    Ok(metrics::track(&event.payload))
}

fn main() {}
