use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static INNER: Mutex<u32> = Mutex::new(0);
static SHARED: &Mutex<u32> = &INNER;

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let value = *SHARED.lock().unwrap();
    Ok(value)
}

fn main() {}
