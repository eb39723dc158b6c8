//! The global-list handler written the naive way: its list lives in a `static`, so every warm
//! invocation returns the items of all the invocations before it. Deliberately wrong; the tests
//! use it to prove that the isolation checks catch such a leak.

use std::sync::Mutex;

use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// `{"items": ["a"]}` → `{"count": N, "items": [...]}` with every item since the process began;
/// with `"count_only": true`, just `{"count": N}` (the memory benchmark runs it 50,000 times, and
/// an answer that grows with the list would measure serialisation instead).
// `async` because `service_fn` calls a handler for a future.
#[allow(clippy::unused_async)]
pub async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let mut items = ITEMS.lock().map_err(|_| "the list is poisoned")?;
    for item in event.payload["items"].as_array().into_iter().flatten() {
        items.push(item.as_str().unwrap_or_default().to_owned());
    }
    if event.payload["count_only"] == true {
        return Ok(json!({ "count": items.len() }));
    }
    Ok(json!({ "count": items.len(), "items": *items }))
}
