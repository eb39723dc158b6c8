use tokio::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static QUEUE: Mutex<Vec<u32>> = Mutex::const_new(Vec::new());

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    QUEUE.lock().await.push(1);
    Ok(0)
}

fn main() {}
