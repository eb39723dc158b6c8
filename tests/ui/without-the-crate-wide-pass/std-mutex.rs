use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[invocation_handler(crate_wide = false)]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let mut seen = SEEN.lock().unwrap();
    seen.push(event.payload);
    Ok(seen.len())
}

fn main() {}
