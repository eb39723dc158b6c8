use std::sync::OnceLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static CONFIG: OnceLock<String> = OnceLock::new();

#[invocation_handler(strict)]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let config = CONFIG.get_or_init(String::new).len();
    Ok(config)
}

fn main() {}
