use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

lazy_static::lazy_static! {
    static ref NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());
}

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let len = NAMES.lock().unwrap().len();
    Ok(len)
}

fn main() {}
