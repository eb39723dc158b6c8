use once_cell::sync::Lazy;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static TABLE: Lazy<Vec<u32>> = Lazy::new(Vec::new);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let len = TABLE.len();
    Ok(len)
}

fn main() {}
