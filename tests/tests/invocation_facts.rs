//! `InvocationFacts`: the cold-start flag for each initialization type, the request id and the
//! time left, injected per invocation.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use invocation_scope::{ColdStart, InitializationType, InvocationFacts, invocation_handler};
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, facts: &mut InvocationFacts) -> Result<Value, Error> {
    let _ = event;
    Ok(json!({
        "cold_start": facts.is_cold_start(),
        "request_id": facts.request_id(),
        "remaining_ms": facts.remaining().map(|left| u64::try_from(left.as_millis()).unwrap_or(u64::MAX)),
    }))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
}

#[test]
fn every_value_of_the_variable_is_read() {
    let cases = [
        (Some("on-demand"), InitializationType::OnDemand),
        (
            Some("provisioned-concurrency"),
            InitializationType::ProvisionedConcurrency,
        ),
        (Some("snap-start"), InitializationType::SnapStart),
        (None, InitializationType::OnDemand),
        (Some("something-new"), InitializationType::OnDemand),
    ];
    for (value, expected) in cases {
        assert_eq!(InitializationType::from_value(value), expected, "{value:?}");
    }
}

#[test]
fn only_the_first_on_demand_invocation_is_a_cold_start() {
    let tracker = ColdStart::new(InitializationType::OnDemand);
    let claims: Vec<bool> = (0..5).map(|_| tracker.claim()).collect();
    assert_eq!(claims, [true, false, false, false, false]);
}

#[test]
fn no_invocation_is_a_cold_start_under_provisioned_concurrency_or_snapstart() {
    for initialization in [
        InitializationType::ProvisionedConcurrency,
        InitializationType::SnapStart,
    ] {
        let tracker = ColdStart::new(initialization);
        assert!(
            (0..5).all(|_| !tracker.claim()),
            "{initialization:?} has no cold start"
        );
    }
}

#[test]
fn concurrent_first_invocations_get_one_cold_start() {
    let tracker = Arc::new(ColdStart::new(InitializationType::OnDemand));
    let cold = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let tracker = Arc::clone(&tracker);
            let cold = Arc::clone(&cold);
            std::thread::spawn(move || {
                if tracker.claim() {
                    cold.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread runs");
    }
    assert_eq!(cold.load(Ordering::SeqCst), 1);
}

#[test]
fn facts_carry_the_request_id_and_the_time_left() {
    let runtime = runtime();
    for n in 0..3 {
        let response = runtime
            .block_on(handler(event(json!(n), &format!("req-{n}"))))
            .expect("handler succeeds");
        assert_eq!(response["request_id"], json!(format!("req-{n}")));
        let left = response["remaining_ms"]
            .as_u64()
            .expect("the event has a deadline");
        assert!(
            left > 0 && Duration::from_millis(left) <= Duration::from_mins(1),
            "{left} ms left of the fixture's minute"
        );
    }
}

#[invocation_handler]
async fn plain_handler(payload: u32, facts: &mut InvocationFacts) -> String {
    format!("{payload} {:?} {:?}", facts.request_id(), facts.remaining())
}

#[test]
fn without_a_lambda_event_there_is_no_request_id_or_deadline() {
    assert_eq!(runtime().block_on(plain_handler(1)), "1 None None");
}

/// Set in the child processes that `cold_start_in_a_fresh_process` starts.
const CHILD: &str = "INVOCATION_SCOPE_COLD_START_CHILD";

/// Runs in a child process with a chosen `AWS_LAMBDA_INITIALIZATION_TYPE`: five warm
/// invocations of the handler, printing each one's cold-start flag.
#[test]
#[ignore = "run in a child process by `cold_start_in_a_fresh_process`"]
fn child_invokes_the_handler_five_times() {
    assert!(
        std::env::var_os(CHILD).is_some(),
        "started by `cold_start_in_a_fresh_process`"
    );
    let runtime = runtime();
    let flags: Vec<bool> = (0..5)
        .map(|n| {
            let response = runtime
                .block_on(handler(event(json!(n), &format!("req-{n}"))))
                .expect("handler succeeds");
            response["cold_start"].as_bool().expect("a flag")
        })
        .collect();
    println!("cold-start flags: {}", json!(flags));
}

/// The process's own flag, read from the real environment of a fresh process for each
/// initialization type.
#[test]
fn cold_start_in_a_fresh_process() {
    let cases = [
        (Some("on-demand"), [true, false, false, false, false]),
        (None, [true, false, false, false, false]),
        (Some("provisioned-concurrency"), [false; 5]),
        (Some("snap-start"), [false; 5]),
    ];
    let this_test_binary = std::env::current_exe().expect("the test binary's path");
    for (initialization, expected) in cases {
        let mut child = Command::new(&this_test_binary);
        child
            .args([
                "--ignored",
                "--exact",
                "child_invokes_the_handler_five_times",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1");
        match initialization {
            Some(value) => child.env(InitializationType::ENV_VAR, value),
            None => child.env_remove(InitializationType::ENV_VAR),
        };
        let output = child.output().expect("the child runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{initialization:?}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let expected_line = format!("cold-start flags: {}", json!(expected));
        assert!(
            stdout.lines().any(|line| line.ends_with(&expected_line)),
            "{initialization:?}: expected `{expected_line}` in\n{stdout}"
        );
    }
}
