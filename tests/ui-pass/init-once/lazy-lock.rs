use std::sync::LazyLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static TABLE: LazyLock<Vec<u32>> = LazyLock::new(Vec::new);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let len = TABLE.len();
    Ok(len)
}

fn main() {}
