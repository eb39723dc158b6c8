// The work function the handler calls stamps each log record with
// `increment_count_and_fetch()`, which bumps `INVOCATION_COUNT`, a `static AtomicUsize`.
// Reduced from pkdone/mongo-rust-lambda-demo, src/main.rs. Verdict: refused (an atomic; a counter needs `allow`).
use std::sync::atomic::{AtomicUsize, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

static INVOCATION_COUNT: AtomicUsize = AtomicUsize::new(0);

// Increment the atomic number counter and return its new value
fn increment_count_and_fetch() -> usize {
    INVOCATION_COUNT.fetch_add(1, Ordering::SeqCst) + 1
}

async fn process_work(message: &str, request_id: &str) -> Result<Value, Error> {
    let invocation_count = increment_count_and_fetch();
    Ok(json!({
        "invocation_count": invocation_count,
        "message_received": message,
        "aws_request_id": request_id,
    }))
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let message = event.payload["message"].as_str().unwrap_or("Missing input payload message");
    process_work(message, &event.context.request_id).await
}

fn main() {}
