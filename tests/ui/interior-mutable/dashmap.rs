use std::sync::LazyLock;

use dashmap::DashMap;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static SESSIONS: LazyLock<DashMap<String, u32>> = LazyLock::new(DashMap::new);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    SESSIONS.insert(String::new(), 1);
    Ok(0)
}

fn main() {}
