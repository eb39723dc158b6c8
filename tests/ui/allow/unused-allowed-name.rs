use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static GREETING: &str = "hello";

#[invocation_handler(allow(CACHE))]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    Ok(GREETING.len())
}

fn main() {}
