//! Every invocation gets its own state, and the state ends with the invocation.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use invocation_scope::{Invocation, invocation_handler, per_invocation};
use invocation_scope_tests::{Tracked, event, tracked_counts};
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[per_invocation]
struct Report {
    items: Vec<String>,
    _tracked: Tracked,
}

fn collect(report: &mut Report, payload: &Value) {
    for item in payload["items"].as_array().into_iter().flatten() {
        report
            .items
            .push(item.as_str().unwrap_or_default().to_owned());
    }
}

// `Tracked::default` counts constructions in a thread-local on purpose: that count is what the
// tests read.
#[invocation_handler(allow(invocation_scope_tests::BUILT))]
async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
    collect(report, &event.payload);
    match event.payload["then"].as_str() {
        Some("fail") => return Err("asked to fail".into()),
        Some("question-mark") => {
            let number: u32 = "not a number".parse()?;
            return Ok(json!(number));
        }
        Some("panic") => panic!("asked to panic"),
        Some("hang") => std::future::pending::<()>().await,
        _ => {}
    }
    Ok(json!(report.items))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime")
}

#[test]
fn each_warm_invocation_sees_only_its_own_items() {
    let runtime = runtime();
    for n in 0..5 {
        let items: Vec<String> = (0..n).map(|i| format!("item-{n}-{i}")).collect();
        let response = runtime
            .block_on(handler(event(
                json!({ "items": items }),
                &format!("req-{n}"),
            )))
            .expect("handler succeeds");
        assert_eq!(response, json!(items), "invocation {n} saw another's items");
    }
}

#[test]
fn state_is_dropped_when_the_invocation_succeeds() {
    let before = tracked_counts();
    runtime()
        .block_on(handler(event(json!({ "items": ["a"] }), "req")))
        .expect("handler succeeds");
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

#[test]
fn state_is_dropped_when_the_handler_returns_an_error() {
    let before = tracked_counts();
    let result = runtime().block_on(handler(event(json!({ "then": "fail" }), "req")));
    assert_eq!(
        result.expect_err("handler fails").to_string(),
        "asked to fail"
    );
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

#[test]
fn state_is_dropped_when_question_mark_returns_early() {
    let before = tracked_counts();
    let result = runtime().block_on(handler(event(json!({ "then": "question-mark" }), "req")));
    assert!(result.is_err(), "the parse error is returned");
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

#[test]
fn state_is_dropped_when_the_handler_panics() {
    let before = tracked_counts();
    let runtime = runtime();
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(handler(event(json!({ "then": "panic" }), "req")))
    }));
    assert!(outcome.is_err(), "the panic reaches the caller");
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

#[test]
fn state_is_dropped_when_the_invocation_is_cancelled() {
    let before = tracked_counts();
    let outcome = runtime().block_on(async {
        tokio::time::timeout(
            Duration::from_millis(20),
            handler(event(json!({ "then": "hang" }), "req")),
        )
        .await
    });
    assert!(outcome.is_err(), "the hanging invocation times out");
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

#[test]
fn state_lives_while_the_invocation_is_suspended() {
    let before = tracked_counts();
    let runtime = runtime();
    let mut future = Box::pin(handler(event(json!({ "then": "hang" }), "req")));
    runtime.block_on(async {
        tokio::select! {
            biased;
            _ = &mut future => unreachable!("the handler hangs"),
            () = tokio::task::yield_now() => {}
        }
    });
    assert_eq!(
        tracked_counts(),
        (before.0 + 1, before.1),
        "built, not yet dropped"
    );
    drop(future);
    assert_eq!(tracked_counts(), (before.0 + 1, before.1 + 1));
}

/// State built from the invocation's facts.
#[per_invocation(from_invocation = RequestLog::for_invocation)]
struct RequestLog {
    request_id: String,
    has_deadline: bool,
    lines: Vec<String>,
}

impl RequestLog {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        RequestLog {
            request_id: invocation.request_id().unwrap_or("unknown").to_owned(),
            has_deadline: invocation
                .remaining()
                .is_some_and(|left| left > Duration::ZERO),
            lines: Vec::new(),
        }
    }
}

#[invocation_handler]
async fn logging_handler(event: LambdaEvent<Value>, log: &mut RequestLog) -> Result<Value, Error> {
    log.lines.push(format!("payload {}", event.payload));
    Ok(
        json!({ "request_id": log.request_id, "has_deadline": log.has_deadline, "lines": log.lines }),
    )
}

#[test]
fn state_is_built_from_the_request_id_and_deadline() {
    let runtime = runtime();
    for n in 0..3 {
        let response = runtime
            .block_on(logging_handler(event(json!(n), &format!("req-{n}"))))
            .expect("handler succeeds");
        assert_eq!(
            response,
            json!({ "request_id": format!("req-{n}"), "has_deadline": true, "lines": [format!("payload {n}")] })
        );
    }
}

/// Without an event that carries the facts, the state is built with none of them.
#[invocation_handler]
async fn plain_handler(payload: u32, log: &mut RequestLog) -> String {
    log.lines.push(payload.to_string());
    format!("{} {} {:?}", log.request_id, log.has_deadline, log.lines)
}

#[test]
fn state_of_a_handler_without_lambda_event_knows_no_facts() {
    assert_eq!(
        runtime().block_on(plain_handler(7)),
        "unknown false [\"7\"]"
    );
}

#[test]
fn concurrent_invocations_on_a_multi_thread_runtime_do_not_share_state() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .build()
        .expect("a multi-thread runtime");
    runtime.block_on(async {
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let items: Vec<String> = (0..n % 7).map(|i| format!("{n}-{i}")).collect();
                let task = tokio::spawn(handler(event(
                    json!({ "items": items }),
                    &format!("req-{n}"),
                )));
                (items, task)
            })
            .collect();
        for (items, task) in tasks {
            let response = task.await.expect("task runs").expect("handler succeeds");
            assert_eq!(response, json!(items));
        }
    });
}
