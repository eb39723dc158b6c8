// A `OnceLock` set from the first invocation's event: later invocations keep the first value.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/once_lock/tenant.rs"]
mod tenant;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(tenant::current(&event.payload).to_owned())
}

fn main() {}
