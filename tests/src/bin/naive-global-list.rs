//! The global-list Lambda written the naive way: its list lives in a `static`, so every warm
//! invocation returns the items of all the invocations before it. Deliberately wrong; the tests
//! and the demo use it to show the leak.

use std::sync::Mutex;

use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let mut items = ITEMS.lock().map_err(|_| "the list is poisoned")?;
    for item in event.payload["items"].as_array().into_iter().flatten() {
        items.push(item.as_str().unwrap_or_default().to_owned());
    }
    Ok(json!({ "count": items.len(), "items": *items }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}
