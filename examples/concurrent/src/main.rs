//! A handler for Lambda Managed Instances: `run_concurrent` runs up to
//! `AWS_LAMBDA_MAX_CONCURRENCY` invocations at once in this process.
//!
//! A global list here would be shared by invocations in flight together, so one invocation would
//! read another's items. The `#[per_invocation]` state belongs to one invocation even while others
//! run on other threads; the handler's future is `Send`, as `run_concurrent` requires.

use std::time::Duration;

use invocation_scope::{Invocation, invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

/// The steps of one invocation, tagged with its request id.
#[per_invocation(from_invocation = Steps::for_invocation)]
struct Steps {
    request_id: String,
    done: Vec<String>,
}

impl Steps {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        Steps {
            request_id: invocation.request_id().unwrap_or_default().to_owned(),
            done: Vec::new(),
        }
    }
}

/// `{"steps": ["a", "b"], "pause_ms": 5}` → `{"request_id": "…", "done": ["a", "b"]}`, pausing
/// between steps so that concurrent invocations interleave.
#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, steps: &mut Steps) -> Result<Value, Error> {
    let pause = Duration::from_millis(event.payload["pause_ms"].as_u64().unwrap_or(0));
    for step in event.payload["steps"].as_array().into_iter().flatten() {
        steps
            .done
            .push(step.as_str().unwrap_or_default().to_owned());
        tokio::time::sleep(pause).await;
    }
    Ok(json!({ "request_id": steps.request_id, "done": steps.done }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run_concurrent(service_fn(handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use invocation_scope::testing::Isolation;
    use lambda_runtime::Context;

    fn event(request_id: &str, steps: &[String]) -> LambdaEvent<Value> {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        LambdaEvent::new(json!({ "steps": steps, "pause_ms": 1 }), context)
    }

    /// Many invocations in flight at once on several threads: none sees another's steps.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn invocations_in_flight_together_keep_their_own_state() {
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let request_id = format!("req-{n}");
                let steps: Vec<String> = (0..n % 5).map(|i| format!("{n}.{i}")).collect();
                let expected = json!({ "request_id": request_id, "done": steps });
                (expected, tokio::spawn(handler(event(&request_id, &steps))))
            })
            .collect();
        for (expected, task) in tasks {
            let response = task
                .await
                .expect("the task runs")
                .expect("the handler succeeds");
            assert_eq!(response, expected);
        }
    }

    /// The test kit holds eight invocations in flight together (each waits at its first pause
    /// until all eight have started) and fails if an event's answer changes.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_state_crosses_between_overlapping_invocations() {
        let events: Vec<Value> = (0..16)
            .map(|n| json!({ "steps": [format!("{n}.a"), format!("{n}.b")], "pause_ms": 1 }))
            .collect();
        Isolation::new()
            .in_flight(8)
            .force_overlap()
            .check_concurrent_async(handler, events)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }
}
