// The handler body locks `seen`, a lowercase `static Mutex<Vec<String>>` declared next to it.
// From the failures users met (a lowercase static used in the body was checked by neither check).
// Verdict: refused (a lock in the declared type).
use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[allow(non_upper_case_globals)]
static seen: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let mut ids = seen.lock().unwrap();
    ids.push(event.payload);
    Ok(ids.len())
}

fn main() {}
