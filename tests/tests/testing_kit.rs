//! The testing kit passes handlers whose state belongs to one invocation and catches those
//! whose state leaks, warm or concurrent, saying which invocation diverged and how.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::sync::Mutex;
use std::time::Duration;

use invocation_scope::testing::{
    EventBuilder, Isolation, Outcome, Schedule, assert_isolated, assert_isolated_concurrent, replay,
};
use invocation_scope::{Invocation, invocation_handler, per_invocation};
use invocation_scope_tests::naive_global_list;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[per_invocation(from_invocation = Report::for_invocation)]
struct Report {
    request_id: String,
    items: Vec<String>,
}

impl Report {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        Report {
            request_id: invocation.request_id().unwrap_or_default().to_owned(),
            items: Vec::new(),
        }
    }
}

#[invocation_handler]
async fn scoped(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
    for item in event.payload["items"].as_array().into_iter().flatten() {
        report
            .items
            .push(item.as_str().unwrap_or_default().to_owned());
        tokio::task::yield_now().await;
    }
    match event.payload["then"].as_str() {
        Some("error") => Err("asked to fail".into()),
        Some("panic") => panic!("asked to panic"),
        _ => Ok(json!({ "request_id": report.request_id, "items": report.items })),
    }
}

fn events() -> Vec<Value> {
    vec![
        json!({ "items": ["a", "b"] }),
        json!({ "items": [] }),
        json!({ "items": ["c"], "then": "error" }),
        json!({ "items": ["d"], "then": "panic" }),
        json!({ "items": ["e", "f", "g"] }),
    ]
}

#[test]
fn per_invocation_state_passes_both_checks() {
    assert_isolated(scoped, events());
    assert_isolated_concurrent(scoped, events());
}

#[test]
fn replay_returns_every_outcome_and_keeps_going_after_errors_and_panics() {
    let outcomes = replay(scoped, events());
    assert_eq!(outcomes.len(), 5);
    assert_eq!(
        outcomes[0].response().map(|r| &r["items"]),
        Some(&json!(["a", "b"]))
    );
    // As `lambda_runtime` reports it: the error's type name and its message.
    let Outcome::Error {
        error_type,
        error_message,
    } = &outcomes[2]
    else {
        panic!("an error, not {}", outcomes[2]);
    };
    assert!(
        error_type.contains("Box<dyn core::error::Error"),
        "{error_type}"
    );
    assert_eq!(error_message, "asked to fail");
    assert_eq!(outcomes[3], Outcome::Panic("asked to panic".to_owned()));
    assert_eq!(
        outcomes[4].response().map(|r| &r["items"]),
        Some(&json!(["e", "f", "g"]))
    );
}

#[test]
fn each_replayed_event_has_its_own_request_id() {
    let outcomes = replay(scoped, vec![json!({}); 50]);
    let ids: std::collections::HashSet<&Value> = outcomes
        .iter()
        .filter_map(|outcome| outcome.response().map(|r| &r["request_id"]))
        .collect();
    assert_eq!(ids.len(), 50);
}

#[test]
fn the_warm_check_catches_a_static_list_and_shows_both_outcomes() {
    let divergence = Isolation::new()
        .check(
            naive_global_list::handler,
            [json!({ "items": ["a"] }), json!({ "items": ["b"] })],
        )
        .expect_err("the static list leaks");
    let divergence = divergence.divergence().expect("a divergence");
    // Other tests of this process may have used the list first: compare the two outcomes.
    let first = divergence.first.outcome.response().expect("a response")["count"].as_u64();
    let later = divergence.later.outcome.response().expect("a response")["count"].as_u64();
    assert!(later > first, "{divergence}");
    assert_eq!(divergence.schedule, Schedule::Warm);
    // Event 1 runs last in round one and first in the reversed round two.
    assert_eq!(
        (
            divergence.event_index,
            divergence.first.invocation,
            divergence.later.invocation
        ),
        (1, 2, 3)
    );
    let report = divergence.to_string();
    assert!(
        report.contains("invocation 2 returned: response {\"count\":"),
        "{report}"
    );
    assert!(
        report.contains("invocation 3 returned: response {\"count\":"),
        "{report}"
    );
    assert!(
        report.contains(r#"event #1 Object {"items": Array [String("b")]}"#),
        "{report}"
    );
}

#[test]
#[should_panic(expected = "state leaked between invocations (warm invocations one after another)")]
fn assert_isolated_fails_on_a_static_list() {
    assert_isolated(naive_global_list::handler, [json!({ "items": ["x"] })]);
}

/// The last request's payload, overwritten by every invocation: harmless one at a time, wrong as
/// soon as two invocations overlap.
static CURRENT: Mutex<Option<Value>> = Mutex::new(None);

async fn current_payload(event: LambdaEvent<Value>) -> Result<Value, Error> {
    *CURRENT.lock().map_err(|_| "poisoned")? = Some(event.payload);
    tokio::time::sleep(Duration::from_millis(10)).await;
    let current = CURRENT.lock().map_err(|_| "poisoned")?.clone();
    Ok(current.unwrap_or_default())
}

#[test]
fn only_the_concurrent_check_catches_state_shared_by_overlapping_invocations() {
    let payloads: Vec<Value> = (0..16).map(|n| json!(n)).collect();
    Isolation::new()
        .check(current_payload, payloads.clone())
        .expect("one at a time, each invocation reads its own payload back");
    let divergence = Isolation::new()
        .in_flight(8)
        .check_concurrent(current_payload, payloads)
        .expect_err("overlapping invocations overwrite each other's payload");
    let divergence = divergence.divergence().expect("a divergence");
    assert_eq!(
        divergence.schedule,
        Schedule::Concurrent {
            in_flight: 8,
            worker_threads: 4
        }
    );
    assert_eq!(
        divergence.first.outcome,
        Outcome::Response(json!(divergence.event_index))
    );
    assert_ne!(divergence.later.outcome, divergence.first.outcome);
    assert!(
        divergence
            .to_string()
            .contains("concurrent invocations, 8 in flight on 4 threads")
    );
}

#[test]
fn events_carry_a_realistic_context() {
    let events = EventBuilder::new()
        .function_name("orders")
        .timeout(Duration::from_secs(3));
    let event = events.event(json!({}));
    let context = &event.context;
    assert_eq!(context.request_id.len(), 36);
    assert!(
        context
            .xray_trace_id
            .as_deref()
            .is_some_and(|id| id.starts_with("Root=1-"))
    );
    assert_eq!(
        context.invoked_function_arn,
        "arn:aws:lambda:us-east-1:123456789012:function:orders"
    );
    assert_eq!(context.env_config.function_name, "orders");
    let left = Invocation::from_context(context)
        .remaining()
        .expect("a deadline");
    assert!(left > Duration::ZERO && left <= Duration::from_secs(3));
}
