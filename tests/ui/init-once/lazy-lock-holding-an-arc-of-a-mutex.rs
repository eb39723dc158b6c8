use std::sync::{Arc, LazyLock, Mutex};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static PROCESSED: LazyLock<Arc<Mutex<Vec<String>>>> =
    LazyLock::new(|| Arc::new(Mutex::new(Vec::new())));

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let mut processed = PROCESSED.lock().unwrap();
    processed.push(event.payload);
    Ok(processed.len())
}

fn main() {}
