// `HOLDER` itself is immutable (it holds a reference), but what it points to is a `Mutex`.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/holder/registry.rs"]
mod registry;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(registry::register(event.payload))
}

fn main() {}
