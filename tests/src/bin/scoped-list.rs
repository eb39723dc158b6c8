//! A Lambda with per-invocation state, run with `run_concurrent`, that fails in the way the
//! event asks: `{"items": [...], "then": "error" | "panic" | "exit", "sleep_ms": n}`. It answers
//! `{"request_id", "count", "items"}` so a test can tell whose state it returned, or the
//! invocation's tenant id for `{"then": "tenant"}`.

use std::time::Duration;

use invocation_scope::{Invocation, invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

#[per_invocation(from_invocation = Report::for_request)]
struct Report {
    request_id: String,
    items: Vec<String>,
}

impl Report {
    fn for_request(invocation: Invocation<'_>) -> Self {
        Report {
            request_id: invocation.request_id().unwrap_or("unknown").to_owned(),
            items: Vec::new(),
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
    for item in event.payload["items"].as_array().into_iter().flatten() {
        report
            .items
            .push(item.as_str().unwrap_or_default().to_owned());
    }
    // Suspends with the state half built, so concurrent invocations interleave.
    if let Some(millis) = event.payload["sleep_ms"].as_u64() {
        tokio::time::sleep(Duration::from_millis(millis)).await;
    }
    match event.payload["then"].as_str() {
        Some("error") => return Err(format!("asked to fail after {:?}", report.items).into()),
        Some("panic") => panic!("asked to panic after {:?}", report.items),
        Some("exit") => std::process::exit(3),
        Some("tenant") => return Ok(json!(event.context.tenant_id)),
        _ => {}
    }
    Ok(json!({
        "request_id": report.request_id,
        "count": report.items.len(),
        "items": report.items,
    }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run_concurrent(service_fn(handler)).await
}
