use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static mut COUNTER: u32 = 0;

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    unsafe { COUNTER = 1 };
    Ok(0)
}

fn main() {}
