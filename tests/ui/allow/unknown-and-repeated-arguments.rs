use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_handler(allow(NAME), cache = true, allow(OTHER))]
async fn handler(_event: LambdaEvent<()>) -> Result<(), Error> {
    Ok(())
}

fn main() {}
