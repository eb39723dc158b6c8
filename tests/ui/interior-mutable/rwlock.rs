use std::sync::RwLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static NAMES: RwLock<Vec<String>> = RwLock::new(Vec::new());

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let count = NAMES.read().unwrap().len();
    Ok(count)
}

fn main() {}
