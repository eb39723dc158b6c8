//! The local Runtime API drives real `lambda_runtime` processes: warm invocations in one process,
//! function errors and panics, crashes, init errors and concurrent invocations.

use invocation_scope::testing::local_runtime::{HarnessError, LocalLambda};
use serde_json::{Value, json};

const SCOPED: &str = env!("CARGO_BIN_EXE_scoped-list");
const NAIVE: &str = env!("CARGO_BIN_EXE_naive-global-list");
const INIT_FAILS: &str = env!("CARGO_BIN_EXE_init-fails");

fn items(n: usize) -> Vec<String> {
    (0..n % 4).map(|i| format!("{n}.{i}")).collect()
}

#[test]
fn two_hundred_warm_invocations_run_in_one_process_with_fresh_state() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    let pid = lambda.pid();
    for n in 0..200 {
        let invoked = lambda
            .invoke(&json!({ "items": items(n) }))
            .expect("an answer");
        assert_eq!(
            invoked.response(),
            Some(&json!({ "request_id": invoked.request_id, "count": n % 4, "items": items(n) })),
            "invocation {n}"
        );
        assert!(
            invoked.trace_id.starts_with("Root=1-"),
            "{}",
            invoked.trace_id
        );
    }
    assert_eq!(lambda.pid(), pid);
    assert_eq!(lambda.exit_status(), None, "the process is still warm");
    assert_eq!(lambda.max_in_flight(), 1);
}

#[test]
fn errors_and_panics_are_function_errors_and_the_next_invocation_is_fresh() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    let failed = lambda
        .invoke(&json!({ "items": ["a", "b"], "then": "error" }))
        .expect("an answer");
    let error = failed.error().expect("a function error");
    assert_eq!(error.error_message, r#"asked to fail after ["a", "b"]"#);
    assert!(
        error.error_type.contains("Box<dyn core::error::Error"),
        "{error}"
    );

    let next = lambda
        .invoke(&json!({ "items": ["c"] }))
        .expect("an answer");
    assert_eq!(next.response().map(|r| &r["items"]), Some(&json!(["c"])));

    let panicked = lambda
        .invoke(&json!({ "items": ["d"], "then": "panic" }))
        .expect("an answer");
    let error = panicked.error().expect("a function error");
    assert!(
        error
            .error_message
            .contains(r#"asked to panic after ["d"]"#),
        "{error}"
    );

    let next = lambda
        .invoke(&json!({ "items": ["e"] }))
        .expect("an answer");
    assert_eq!(
        next.response(),
        Some(&json!({ "request_id": next.request_id, "count": 1, "items": ["e"] }))
    );
    assert_eq!(
        lambda.exit_status(),
        None,
        "errors and panics do not end the process"
    );
}

#[test]
fn a_crash_during_an_invocation_is_reported_with_the_exit_status() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    lambda
        .invoke(&json!({ "items": ["a"] }))
        .expect("an answer");
    let error = lambda
        .invoke(&json!({ "then": "exit" }))
        .expect_err("the process exits");
    let HarnessError::Exited {
        status, request_id, ..
    } = &error
    else {
        panic!("an exit, not {error}");
    };
    assert_eq!(status.code(), Some(3));
    assert!(request_id.is_some());
    assert!(
        error.to_string().contains("exited during invocation"),
        "{error}"
    );
    // Nothing is left to take the next invocation.
    assert!(matches!(
        lambda.invoke(&json!({})),
        Err(HarnessError::Exited { .. })
    ));
}

#[test]
fn an_init_error_is_reported_as_such() {
    let error = LocalLambda::builder(INIT_FAILS)
        .initialization_type("snap-start")
        .start()
        .err()
        .expect("init fails");
    let HarnessError::InitError {
        error: reported, ..
    } = &error
    else {
        panic!("an init error, not {error}");
    };
    assert_eq!(reported.error_message, "the database is unreachable");
}

#[test]
fn a_process_that_exits_during_init_is_reported_with_its_output() {
    let error = LocalLambda::builder(INIT_FAILS)
        .start()
        .err()
        .expect("init fails");
    let HarnessError::Exited {
        status,
        request_id: None,
        logs,
    } = &error
    else {
        panic!("an exit during init, not {error}");
    };
    assert_eq!(status.code(), Some(1));
    assert!(
        logs.iter()
            .any(|line| line.contains("DATABASE_URL is not set")),
        "{logs:?}"
    );
}

#[test]
fn a_function_past_its_deadline_is_reported_as_timed_out() {
    let lambda = LocalLambda::builder(SCOPED)
        .timeout(std::time::Duration::from_millis(200))
        .start()
        .expect("the fixture starts");
    let error = lambda
        .invoke(&json!({ "sleep_ms": 60_000 }))
        .expect_err("the deadline passes");
    assert!(matches!(error, HarnessError::TimedOut { .. }), "{error}");
}

#[test]
fn dropping_the_harness_kills_the_process() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    let pid = lambda.pid();
    drop(lambda);
    // The process was reaped: its /proc entry is gone.
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists() || cfg!(not(target_os = "linux"))
    );
}

#[test]
fn stop_returns_how_the_process_ended() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    let status = lambda.stop().expect("the process stops");
    assert!(!status.success());
}

#[test]
fn a_thousand_invocations_in_flight_together_each_get_their_own_answer() {
    let lambda = LocalLambda::builder(SCOPED)
        .max_concurrency(8)
        .start()
        .expect("the fixture starts");
    let payloads: Vec<Value> = (0..1000)
        .map(|n| json!({ "items": items(n), "sleep_ms": n % 3 }))
        .collect();
    let answers = lambda
        .invoke_all(&payloads)
        .expect("every invocation answers");
    assert_eq!(answers.len(), 1000);
    let mut ids = std::collections::HashSet::new();
    for (n, invoked) in answers.iter().enumerate() {
        assert!(
            ids.insert(invoked.request_id.clone()),
            "request ids are unique"
        );
        assert_eq!(
            invoked.response(),
            Some(&json!({ "request_id": invoked.request_id, "count": n % 4, "items": items(n) })),
            "invocation {n}"
        );
    }
    let held = lambda.max_in_flight();
    assert!(
        (2..=8).contains(&held),
        "the process held {held} invocations at once"
    );
}

#[test]
fn the_naive_global_list_leaks_across_warm_invocations_in_a_real_process() {
    let lambda = LocalLambda::builder(NAIVE)
        .start()
        .expect("the fixture starts");
    let counts: Vec<Value> = (0..4)
        .map(|_| {
            lambda
                .invoke(&json!({ "items": ["a"] }))
                .expect("an answer")
        })
        .map(|invoked| invoked.response().expect("a response")["count"].clone())
        .collect();
    assert_eq!(counts, [json!(1), json!(2), json!(3), json!(4)]);
}

#[test]
#[should_panic(expected = "state leaked between invocations")]
fn the_isolation_assertion_fails_for_the_naive_global_list_process() {
    let lambda = LocalLambda::builder(NAIVE)
        .start()
        .expect("the fixture starts");
    lambda.assert_isolated(&[json!({ "items": ["a"] }), json!({ "items": ["b"] })]);
}

#[test]
fn invocations_carry_the_tenant_id_they_are_asked_for() {
    let tenant = json!({ "then": "tenant" });
    let lambda = LocalLambda::builder(SCOPED)
        .tenant_id("customer-42")
        .start()
        .expect("the fixture starts");
    let invoked = lambda.invoke(&tenant).expect("an answer");
    assert_eq!(invoked.response(), Some(&json!("customer-42")));
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    let invoked = lambda.invoke(&tenant).expect("an answer");
    assert_eq!(invoked.response(), Some(&Value::Null));
}

#[test]
#[should_panic(
    expected = "no invocation returned a response (warm invocations one after another): all 3 failed"
)]
fn the_isolation_assertion_fails_when_every_invocation_fails() {
    let lambda = LocalLambda::builder(SCOPED)
        .start()
        .expect("the fixture starts");
    lambda.assert_isolated(&[json!({ "then": "error" })]);
}
