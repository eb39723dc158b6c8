//! The global-list bug, fixed: helpers collect the event's items into a list and read it back.
//!
//! Written with `static ITEMS: Mutex<Vec<String>>`, the list would keep every item of every
//! earlier invocation that ran in this process, and the count would grow with each warm start.
//! As a `#[per_invocation]` struct, the list starts empty for every invocation.

use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

/// What this invocation has collected so far.
#[per_invocation]
struct Report {
    items: Vec<String>,
}

/// Appends the event's `items` (strings) to the report.
fn collect(report: &mut Report, payload: &Value) {
    let items = payload["items"].as_array().into_iter().flatten();
    report
        .items
        .extend(items.filter_map(Value::as_str).map(str::to_owned));
}

/// How many items this invocation collected.
fn summarise(report: &Report) -> usize {
    report.items.len()
}

/// `{"items": ["a", "b"]}` → `{"count": 2, "items": ["a", "b"]}`.
#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
    collect(report, &event.payload);
    Ok(json!({ "count": summarise(report), "items": report.items }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use invocation_scope::testing::{assert_isolated_async, assert_isolated_concurrent_async};
    use lambda_runtime::Context;

    fn event(items: &[&str]) -> LambdaEvent<Value> {
        LambdaEvent::new(json!({ "items": items }), Context::default())
    }

    /// Several calls in one process, as warm invocations are: each sees only its own items.
    #[tokio::test]
    async fn every_warm_invocation_sees_only_its_own_items() {
        let batches: [&[&str]; 4] = [&["a", "b"], &["c"], &[], &["d", "e", "f"]];
        for items in batches {
            let response = handler(event(items)).await.expect("handler succeeds");
            assert_eq!(response, json!({ "count": items.len(), "items": items }));
        }
    }

    /// The test kit replays the events warm in changing orders, then with invocations in flight
    /// together, and fails if an event's answer changes.
    #[tokio::test]
    async fn no_state_crosses_between_invocations() {
        let events = [
            json!({ "items": ["a", "b"] }),
            json!({ "items": [] }),
            json!({ "items": ["c"] }),
        ];
        assert_isolated_async(handler, events.clone()).await;
        assert_isolated_concurrent_async(handler, events).await;
    }
}
