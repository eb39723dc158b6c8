use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static mut COUNTER: u32 = 0;

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(unsafe { COUNTER })
}

fn main() {}
