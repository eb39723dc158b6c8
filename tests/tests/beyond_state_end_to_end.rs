//! The real thing: a Lambda process under the local Runtime API, for what an invocation can
//! leave behind besides its state (`src/bin/beyond-state.rs`).

use std::path::PathBuf;

use invocation_scope::testing::local_runtime::LocalLambda;
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_beyond-state");

/// An empty directory for one test, given to the function as `TMPDIR`.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("beyond-state-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

fn entries(dir: &PathBuf) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("the temp dir")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn every_one_of_a_thousand_concurrent_invocations_sees_its_own_context() {
    let lambda = LocalLambda::builder(BINARY)
        .max_concurrency(64)
        .start()
        .expect("the fixture starts");
    let payloads: Vec<Value> = (0..1000)
        .map(|n| json!({ "op": "context", "sleep_ms": n % 7 }))
        .collect();
    let invoked = lambda.invoke_all(&payloads).expect("answers");
    assert!(
        lambda.max_in_flight() > 1,
        "the invocations did not overlap"
    );
    for (n, invoked) in invoked.iter().enumerate() {
        let expected = json!({ "request_id": invoked.request_id, "trace_id": invoked.trace_id });
        assert_eq!(
            invoked.response(),
            Some(&json!({ "helper": expected, "task": expected })),
            "invocation {n}"
        );
    }
}

/// Invokes `audit` twice, one after the other: the first invocation's write lands 100 ms
/// after it starts, and the first answers at once; the second runs for 500 ms. Returns the
/// writes the second invocation saw, and both request ids.
fn audit_twice(mode: &str) -> (Value, String, String) {
    let lambda = LocalLambda::builder(BINARY)
        .env("AUDIT_TASKS", mode)
        .start()
        .expect("the fixture starts");
    let first = lambda
        .invoke(&json!({ "op": "audit", "task_ms": 100, "body_ms": 0 }))
        .expect("an answer");
    let second = lambda
        .invoke(&json!({ "op": "audit", "task_ms": 0, "body_ms": 500 }))
        .expect("an answer");
    (
        second.response().cloned().unwrap_or(Value::Null),
        first.request_id,
        second.request_id,
    )
}

#[test]
fn a_bare_spawn_lands_in_the_next_invocation() {
    let (writes, first, second) = audit_twice("bare");
    assert!(
        writes
            .as_array()
            .is_some_and(|writes| writes.contains(&json!({ "by": first, "during": second }))),
        "{writes}"
    );
}

#[test]
fn a_task_of_the_invocation_never_runs_in_the_next_one() {
    let (writes, first, second) = audit_twice("bounded");
    assert_eq!(
        writes,
        json!([
            { "by": first, "during": first },
            { "by": second, "during": second },
        ])
    );
}

#[test]
fn scratch_dirs_are_gone_after_success_error_and_panic() {
    let tmp = temp_dir("scratch");
    let lambda = LocalLambda::builder(BINARY)
        .env("TMPDIR", tmp.to_str().expect("a UTF-8 path"))
        .start()
        .expect("the fixture starts");
    let mut dirs = Vec::new();
    for then in ["ok", "error", "panic", "ok"] {
        let invoked = lambda
            .invoke(&json!({ "op": "scratch", "then": then }))
            .expect("an answer");
        let dir = match &invoked.result {
            Ok(answer) => {
                assert_eq!(answer["size"], 4096);
                answer["dir"].as_str().expect("a path").to_owned()
            }
            Err(error) => error
                .error_message
                .rsplit(" in ")
                .next()
                .expect("the message names the dir")
                .to_owned(),
        };
        assert!(dir.starts_with(tmp.to_str().unwrap_or_default()), "{dir}");
        assert!(dir.contains(&invoked.request_id), "{dir}");
        assert_eq!(entries(&tmp), Vec::<String>::new(), "left by {then}");
        dirs.push(dir);
    }
    dirs.dedup();
    assert_eq!(dirs.len(), 4);
    assert_eq!(lambda.exit_status(), None, "the process stayed warm");
    std::fs::remove_dir_all(&tmp).expect("cleanup");
}

#[test]
fn the_local_runtime_names_the_invocation_that_left_a_file_in_the_temp_dir() {
    let tmp = temp_dir("left");
    let lambda = LocalLambda::builder(BINARY)
        .env("TMPDIR", tmp.to_str().expect("a UTF-8 path"))
        .start()
        .expect("the fixture starts");
    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lambda.assert_isolated(&[json!({ "op": "leave-file" })]);
    }))
    .expect_err("the file is reported");
    let report = report.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        report.starts_with("invocation 1 (request id ") && report.contains("upload.part"),
        "{report}"
    );
    std::fs::remove_dir_all(&tmp).expect("cleanup");
}
