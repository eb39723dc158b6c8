use std::sync::Once;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static SETUP: Once = Once::new();

#[invocation_handler(strict)]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    SETUP.call_once(|| {});
    Ok(0)
}

fn main() {}
