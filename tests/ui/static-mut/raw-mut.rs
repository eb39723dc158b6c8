use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static mut COUNTER: u32 = 0;

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let counter = &raw mut COUNTER;
    let _ = counter;
    Ok(0)
}

fn main() {}
