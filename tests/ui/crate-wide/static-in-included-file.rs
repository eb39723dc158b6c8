// The static and its helper come from an `include!`d file.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

include!("support/included/counter.rs");

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<u32, Error> {
    let _ = event;
    Ok(next_id())
}

fn main() {}
