//! The test kit names the invocation that left a task running or a file in the temp dir.
//!
//! The tests of this file run one at a time: the temp dir is the process's.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use invocation_scope::testing::{
    Isolation, LeftBehind, Leftover, assert_isolated, assert_isolated_async,
};
use invocation_scope::{InvocationTasks, ScratchDir, invocation_handler};
use lambda_runtime::{Error, LambdaEvent};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn file_name(n: u32) -> String {
    format!("left-behind-{}-{n}.tmp", std::process::id())
}

#[invocation_handler]
async fn fire_and_forget(event: LambdaEvent<u32>) -> Result<u32, Error> {
    if event.payload == 2 {
        tokio::spawn(tokio::time::sleep(Duration::from_secs(5)));
    }
    Ok(event.payload)
}

#[invocation_handler]
async fn bounded(event: LambdaEvent<u32>, tasks: &mut InvocationTasks) -> Result<u32, Error> {
    tasks.spawn(tokio::time::sleep(Duration::from_millis(5)));
    Ok(event.payload)
}

#[invocation_handler]
async fn fixed_file(event: LambdaEvent<u32>) -> Result<u32, Error> {
    std::fs::write(std::env::temp_dir().join(file_name(event.payload)), b"data")?;
    Ok(event.payload)
}

#[invocation_handler]
async fn scratch_file(event: LambdaEvent<u32>, scratch: &mut ScratchDir) -> Result<u32, Error> {
    std::fs::write(scratch.path()?.join(file_name(event.payload)), b"data")?;
    Ok(event.payload)
}

#[test]
fn a_task_still_running_is_reported_with_its_invocation() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let report = Isolation::new()
        .check_left_behind(fire_and_forget, [1, 2, 3])
        .expect_err("the sleeping task is reported");
    assert_eq!(report.invocation, 2);
    assert_eq!(report.payload, "2");
    assert_eq!(report.leftover, Leftover::Tasks { running: 1 });
    assert!(
        report.to_string().starts_with(&format!(
            "invocation 2 (request id {}, event 2) left behind 1 task(s)",
            report.request_id
        )),
        "{report}"
    );
}

#[test]
fn tasks_of_the_invocation_are_not_reported() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    assert_isolated(bounded, [1, 2, 3]);
}

#[test]
fn a_file_left_in_the_temp_dir_is_reported_with_its_invocation() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let report: Box<LeftBehind> = Isolation::new()
        .check_left_behind(fixed_file, [7])
        .expect_err("the file is reported");
    let path = std::env::temp_dir().join(file_name(7));
    std::fs::remove_file(&path).expect("cleanup");
    assert_eq!(report.invocation, 1);
    assert_eq!(
        report.leftover,
        Leftover::Files {
            dir: std::env::temp_dir(),
            entries: vec![file_name(7)],
        }
    );
}

#[test]
fn assert_isolated_fails_on_a_file_left_behind() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let report = std::panic::catch_unwind(|| assert_isolated(fixed_file, [8]))
        .expect_err("assert_isolated panics");
    let _ = std::fs::remove_file(std::env::temp_dir().join(file_name(8)));
    let report = report.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(report.contains(&file_name(8)), "{report}");
}

#[test]
fn files_in_the_scratch_dir_are_not_reported() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    assert_isolated(scratch_file, [1, 2]);
}

/// Runs `test` as a `#[tokio::test]` body would, one test of this file at a time.
fn in_async_test<F: std::future::Future>(test: F) -> F::Output {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(test)
}

#[test]
fn in_an_async_test_a_task_still_running_is_reported_with_its_invocation() {
    let report = in_async_test(async {
        // A task the test itself keeps running is not the invocations' doing.
        let own = tokio::spawn(tokio::time::sleep(Duration::from_secs(5)));
        let report = Isolation::new()
            .check_left_behind_async(fire_and_forget, [1, 2, 3])
            .await;
        own.abort();
        report
    })
    .expect_err("the sleeping task is reported");
    assert_eq!(report.invocation, 2);
    assert_eq!(report.leftover, Leftover::Tasks { running: 1 });
}

#[test]
fn in_an_async_test_tasks_of_the_invocation_are_not_reported() {
    in_async_test(assert_isolated_async(bounded, [1, 2, 3]));
}

#[test]
fn assert_isolated_async_fails_on_a_file_left_behind() {
    let panic = in_async_test(async {
        tokio::spawn(assert_isolated_async(fixed_file, [9]))
            .await
            .expect_err("assert_isolated_async panics")
    });
    let _ = std::fs::remove_file(std::env::temp_dir().join(file_name(9)));
    let report = panic
        .into_panic()
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(report.contains(&file_name(9)), "{report}");
}

#[test]
fn the_blocking_check_inside_a_runtime_names_its_async_form() {
    let panic = in_async_test(async {
        tokio::spawn(async { Isolation::new().check_left_behind(fire_and_forget, [1]) })
            .await
            .expect_err("the blocking form panics inside a runtime")
    });
    let message = panic
        .into_panic()
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("`Isolation::check_left_behind_async(...).await`"),
        "{message}"
    );
}
