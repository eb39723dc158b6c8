use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[allow(non_upper_case_globals)]
static seen_ids: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let mut seen = seen_ids.lock().unwrap();
    seen.push(event.payload);
    Ok(seen.len())
}

fn main() {}
