use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static MAYBE: Option<Mutex<u32>> = None;

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<bool, Error> {
    let present = MAYBE.is_some();
    Ok(present)
}

fn main() {}
