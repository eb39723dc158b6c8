//! What an invocation can leave behind besides its state: the current-invocation context, the
//! finish steps, bounded tasks and the scratch directory.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use invocation_scope::{
    Finish, InvocationTasks, ScratchDir, TasksOnFinish, current_invocation, invocation_handler,
    per_invocation,
};
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a runtime")
}

fn traced(payload: Value, request_id: &str) -> LambdaEvent<Value> {
    let mut event = event(payload, request_id);
    event.context.xray_trace_id = Some(format!("Root=1-{request_id}"));
    event.context.tenant_id = Some(format!("tenant-{request_id}"));
    event
}

/// What a helper deep in the handler sees, without a `Context` parameter.
fn seen_here() -> Value {
    current_invocation().map_or(Value::Null, |now| {
        json!({
            "request_id": now.request_id(),
            "trace": now.xray_trace_id(),
            "tenant": now.tenant_id(),
            "deadline_ahead": now.remaining() > Duration::ZERO,
        })
    })
}

#[invocation_handler]
async fn stateless(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let _ = event;
    tokio::task::yield_now().await;
    Ok(seen_here())
}

#[test]
fn a_handler_without_state_sets_the_current_invocation() {
    assert_eq!(current_invocation(), None);
    let seen = runtime()
        .block_on(stateless(traced(json!({}), "req-1")))
        .unwrap();
    assert_eq!(
        seen,
        json!({ "request_id": "req-1", "trace": "Root=1-req-1", "tenant": "tenant-req-1", "deadline_ahead": true })
    );
    assert_eq!(current_invocation(), None);
}

#[invocation_handler]
async fn plain(payload: u32) -> Option<String> {
    let _ = payload;
    current_invocation().map(|now| now.request_id().to_owned())
}

#[test]
fn an_event_without_context_hides_an_enclosing_invocation() {
    let outer =
        invocation_scope::CurrentInvocation::from_context(&traced(json!({}), "outer").context);
    let seen = runtime().block_on(outer.scope(async {
        let inside = plain(1).await;
        let after = current_invocation().map(|now| now.request_id().to_owned());
        (inside, after)
    }));
    assert_eq!(seen, (None, Some("outer".to_owned())));
}

#[invocation_handler]
async fn with_tasks(
    event: LambdaEvent<Value>,
    tasks: &mut InvocationTasks,
) -> Result<Value, Error> {
    let expected = event.context.request_id.clone();
    // The task yields so that other invocations run on the same threads meanwhile.
    tasks.spawn(async move {
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        let seen = current_invocation().map(|now| now.request_id().to_owned());
        if seen.as_deref() == Some(expected.as_str()) {
            Ok(())
        } else {
            Err(format!("task of {expected} saw {seen:?}"))
        }
    });
    tokio::task::yield_now().await;
    let body = seen_here();
    let outcomes = tasks.join_all().await;
    let task = outcomes.iter().map(ToString::to_string).collect::<Vec<_>>();
    Ok(json!({ "body": body["request_id"], "task": task }))
}

#[test]
fn a_thousand_concurrent_invocations_each_see_their_own_context_in_body_and_tasks() {
    let outcomes = runtime().block_on(async {
        let handles: Vec<_> = (0..1000)
            .map(|n| tokio::spawn(with_tasks(traced(json!({}), &format!("req-{n}")))))
            .collect();
        let mut outcomes = Vec::new();
        for handle in handles {
            outcomes.push(handle.await.unwrap().unwrap());
        }
        outcomes
    });
    for (n, outcome) in outcomes.iter().enumerate() {
        assert_eq!(
            outcome,
            &json!({ "body": format!("req-{n}"), "task": ["task 0 finished"] })
        );
    }
}

/// Records the order in which steps ran, shared with the test.
type Journal = Arc<Mutex<Vec<String>>>;

fn journal() -> &'static Mutex<Option<Journal>> {
    static JOURNAL: Mutex<Option<Journal>> = Mutex::new(None);
    &JOURNAL
}

fn note(line: String) {
    if let Some(journal) = journal()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        journal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }
}

/// Serializes the tests that read the journal.
static JOURNALED: Mutex<()> = Mutex::new(());

fn journaled(run: impl FnOnce()) -> Vec<String> {
    let _one = JOURNALED.lock().unwrap_or_else(PoisonError::into_inner);
    let lines = Journal::default();
    *journal().lock().unwrap_or_else(PoisonError::into_inner) = Some(lines.clone());
    run();
    journal()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    lines.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

#[per_invocation(new = Step::first)]
struct First(&'static str);

#[per_invocation(new = Step::second)]
struct Second(&'static str);

struct Step;

impl Step {
    fn first() -> First {
        note("build first".to_owned());
        First("first")
    }
    fn second() -> Second {
        note("build second".to_owned());
        Second("second")
    }
}

/// Fails when the current request id is `fail-<name>`.
async fn step(name: &str) -> Result<(), std::io::Error> {
    tokio::task::yield_now().await;
    let request = current_invocation().map(|now| now.request_id().to_owned());
    note(format!(
        "finish {name} in {}",
        request.as_deref().unwrap_or("none")
    ));
    if request.as_deref() == Some(&format!("fail-{name}")) {
        return Err(std::io::Error::other(format!("{name} failed")));
    }
    Ok(())
}

impl Finish for First {
    type Error = std::io::Error;
    async fn finish(&mut self) -> Result<(), Self::Error> {
        step(self.0).await
    }
}

impl Finish for Second {
    type Error = std::io::Error;
    async fn finish(&mut self) -> Result<(), Self::Error> {
        step(self.0).await
    }
}

impl Drop for First {
    fn drop(&mut self) {
        note("drop first".to_owned());
    }
}

impl Drop for Second {
    fn drop(&mut self) {
        note("drop second".to_owned());
    }
}

#[invocation_handler]
async fn finishing(
    event: LambdaEvent<Value>,
    _first: &mut First,
    _second: &mut Second,
) -> Result<Value, Error> {
    note("body".to_owned());
    match event.payload["then"].as_str() {
        Some("fail") => Err("the body failed".into()),
        Some("panic") => panic!("the body panicked"),
        _ => Ok(json!("done")),
    }
}

fn run_finishing(then: &str, request_id: &str) -> Result<Result<Value, String>, String> {
    let runtime = runtime();
    let handle = runtime.spawn(finishing(traced(json!({ "then": then }), request_id)));
    match runtime.block_on(handle) {
        Ok(result) => Ok(result.map_err(|error| error.to_string())),
        Err(error) if error.is_panic() => Err("panicked".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

#[test]
fn finish_steps_run_in_reverse_order_inside_the_invocation_then_drops() {
    let mut result = None;
    let lines = journaled(|| result = Some(run_finishing("ok", "r")));
    assert_eq!(result, Some(Ok(Ok(json!("done")))));
    assert_eq!(
        lines,
        [
            "build first",
            "build second",
            "body",
            "finish second in r",
            "finish first in r",
            "drop second",
            "drop first"
        ]
    );
}

#[test]
fn finish_steps_run_after_an_error_and_the_body_error_wins() {
    let mut result = None;
    let lines = journaled(|| result = Some(run_finishing("fail", "fail-second")));
    assert_eq!(result, Some(Ok(Err("the body failed".to_owned()))));
    assert_eq!(
        lines[3..],
        [
            "finish second in fail-second",
            "finish first in fail-second",
            "drop second",
            "drop first"
        ]
    );
}

#[test]
fn a_failed_finish_step_fails_the_invocation_and_later_steps_still_run() {
    let mut result = None;
    let lines = journaled(|| result = Some(run_finishing("ok", "fail-second")));
    assert_eq!(result, Some(Ok(Err("second failed".to_owned()))));
    assert!(
        lines.contains(&"finish first in fail-second".to_owned()),
        "{lines:?}"
    );
}

#[test]
fn on_panic_only_drop_runs() {
    let mut result = None;
    let lines = journaled(|| result = Some(run_finishing("panic", "r")));
    assert_eq!(result, Some(Err("panicked".to_owned())));
    assert_eq!(
        lines,
        [
            "build first",
            "build second",
            "body",
            "drop second",
            "drop first"
        ]
    );
}

fn explode() {
    panic!("task panicked");
}

#[invocation_handler]
async fn outcomes(event: LambdaEvent<Value>, tasks: &mut InvocationTasks) -> Result<Value, Error> {
    let _ = event;
    tasks.spawn(async {});
    tasks.spawn(async { Err::<(), _>("no audit") });
    tasks.spawn(async { explode() });
    tasks.spawn(std::future::pending::<()>());
    let outcomes = tasks.join_until(Duration::from_millis(9_800)).await;
    let mut lines: Vec<String> = outcomes.iter().map(ToString::to_string).collect();
    lines.sort();
    Ok(json!(lines))
}

#[test]
fn the_handler_reads_every_outcome_before_it_answers() {
    // The deadline is 10 s ahead: waiting until 9.8 s before it gives the tasks 0.2 s.
    let mut event = traced(json!({}), "r");
    let deadline = std::time::SystemTime::now() + Duration::from_secs(10);
    event.context.deadline = deadline
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .try_into()
        .unwrap();
    let started = std::time::Instant::now();
    let answer = runtime().block_on(outcomes(event)).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it waited past the margin"
    );
    assert_eq!(
        answer,
        json!([
            "task 0 finished",
            "task 1 failed: no audit",
            "task 2 panicked: task panicked",
            "task 3 was aborted"
        ])
    );
}

/// Set by a task only if it runs to its end.
struct Effect(Arc<AtomicBool>);

#[invocation_handler]
async fn leaves_work(
    event: LambdaEvent<Arc<AtomicBool>>,
    tasks: &mut InvocationTasks,
) -> Result<usize, Error> {
    let policy = if event.context.request_id == "abort" {
        TasksOnFinish::Abort
    } else {
        TasksOnFinish::JoinAll
    };
    tasks.on_finish(policy);
    let effect = Effect(event.payload.clone());
    tasks.spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        effect.0.store(true, Ordering::SeqCst);
    });
    Ok(tasks.running())
}

#[test]
fn the_finish_step_waits_for_unjoined_tasks_before_the_response() {
    let done = Arc::new(AtomicBool::new(false));
    let running = runtime()
        .block_on(leaves_work(event(done.clone(), "join")))
        .unwrap();
    assert_eq!(running, 1);
    assert!(
        done.load(Ordering::SeqCst),
        "the response went out before the task ended"
    );
}

#[test]
fn an_aborted_task_never_runs_after_its_invocation() {
    let done = Arc::new(AtomicBool::new(false));
    let runtime = runtime();
    runtime
        .block_on(leaves_work(event(done.clone(), "abort")))
        .unwrap();
    // The next "invocation": plenty of time for a leaked task to finish.
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(200)).await });
    assert!(
        !done.load(Ordering::SeqCst),
        "the task ran after its invocation"
    );
}

#[test]
fn a_cancelled_invocation_aborts_its_tasks() {
    let done = Arc::new(AtomicBool::new(false));
    let runtime = runtime();
    runtime.block_on(async {
        let mut handler = Box::pin(leaves_work(event(done.clone(), "join")));
        // Poll until the body has spawned and the finish step waits, then drop the handler.
        let polled = tokio::time::timeout(Duration::from_millis(10), &mut handler).await;
        assert!(
            polled.is_err(),
            "the handler should still be waiting for its task"
        );
        drop(handler);
        tokio::time::sleep(Duration::from_millis(200)).await;
    });
    assert!(
        !done.load(Ordering::SeqCst),
        "the task outlived its cancelled invocation"
    );
}

#[invocation_handler(allow(PATHS))]
async fn with_scratch(event: LambdaEvent<Value>, scratch: &mut ScratchDir) -> Result<Value, Error> {
    let dir = scratch.path()?.to_owned();
    std::fs::create_dir(dir.join("nested"))?;
    std::fs::write(dir.join("nested").join("data"), [0_u8; 1000])?;
    std::fs::write(dir.join("top"), b"abc")?;
    let size = scratch.size()?;
    PATHS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(dir.clone());
    tokio::task::yield_now().await;
    match event.payload["then"].as_str() {
        Some("fail") => Err("asked to fail".into()),
        Some("panic") => panic!("asked to panic"),
        _ => Ok(json!({ "size": size, "in_tmp": dir.starts_with(std::env::temp_dir()) })),
    }
}

static PATHS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static SCRATCHED: Mutex<()> = Mutex::new(());

#[test]
fn scratch_dirs_are_unique_sized_and_gone_after_ok_error_and_panic() {
    let _one = SCRATCHED.lock().unwrap_or_else(PoisonError::into_inner);
    PATHS.lock().unwrap_or_else(PoisonError::into_inner).clear();
    let runtime = runtime();
    let answers = runtime.block_on(async {
        let handles: Vec<_> = (0..30)
            .map(|n| {
                let then = ["ok", "fail", "panic"][n % 3];
                // Same request id twice: a retried asynchronous invocation.
                tokio::spawn(with_scratch(event(
                    json!({ "then": then }),
                    &format!("r{}", n / 2),
                )))
            })
            .collect();
        let mut answers = Vec::new();
        for handle in handles {
            answers.push(match handle.await {
                Ok(Ok(value)) => value,
                Ok(Err(error)) => json!(error.to_string()),
                Err(error) => json!(error.is_panic()),
            });
        }
        answers
    });
    for (n, answer) in answers.iter().enumerate() {
        let expected = [
            json!({ "size": 1003, "in_tmp": true }),
            json!("asked to fail"),
            json!(true),
        ];
        assert_eq!(answer, &expected[n % 3]);
    }
    let mut paths = PATHS.lock().unwrap_or_else(PoisonError::into_inner).clone();
    assert_eq!(paths.len(), 30);
    for path in &paths {
        assert!(!path.exists(), "{} is left behind", path.display());
    }
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 30, "two invocations shared a scratch dir");
}

#[test]
fn a_scratch_dir_costs_nothing_until_used_and_can_live_under_another_dir() {
    let base = std::env::temp_dir().join(format!("scratch-base-{}", std::process::id()));
    std::fs::create_dir_all(&base).unwrap();
    let unused = ScratchDir::in_dir(&base, Some("r/1"));
    assert_eq!(unused.created(), None);
    assert_eq!(unused.size().unwrap(), 0);
    drop(unused);
    let mut used = ScratchDir::in_dir(&base, Some("r/1"));
    let path = used.path().unwrap().to_owned();
    assert!(path.starts_with(&base));
    assert!(
        path.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("invocation-r_1-")
    );
    drop(used);
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(&base).unwrap().count(), 0);
    std::fs::remove_dir(&base).unwrap();
}

/// A state without a finish step and a plain return type: nothing to absorb.
#[per_invocation]
struct Counter {
    n: usize,
}

#[invocation_handler]
async fn plain_output(payload: usize, counter: &mut Counter) -> usize {
    counter.n += payload;
    counter.n
}

#[test]
fn state_without_finish_needs_no_result() {
    assert_eq!(runtime().block_on(plain_output(3)), 3);
}

#[invocation_handler]
async fn margin_policy(
    event: LambdaEvent<Arc<AtomicBool>>,
    tasks: &mut InvocationTasks,
) -> Result<usize, Error> {
    tasks.on_finish(TasksOnFinish::JoinUntilMargin(Duration::from_millis(9_900)));
    let effect = Effect(event.payload.clone());
    tasks.spawn(async {});
    tasks.spawn(async move {
        tokio::time::sleep(Duration::from_mins(1)).await;
        effect.0.store(true, Ordering::SeqCst);
    });
    Ok(tasks.running())
}

#[test]
fn the_margin_policy_aborts_what_is_still_running_a_margin_before_the_deadline() {
    let done = Arc::new(AtomicBool::new(false));
    let mut event = event(done.clone(), "margin");
    let deadline = std::time::SystemTime::now() + Duration::from_secs(10);
    event.context.deadline = deadline
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .try_into()
        .unwrap();
    let started = std::time::Instant::now();
    let running = runtime().block_on(margin_policy(event)).unwrap();
    assert_eq!(running, 2);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the finish step waited past the margin"
    );
    assert!(!done.load(Ordering::SeqCst));
}

#[invocation_handler]
async fn bare_spawn(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let _ = event;
    let outside = tokio::spawn(async { seen_here() }).await?;
    Ok(json!({ "bare_spawn": outside, "body": seen_here()["request_id"] }))
}

#[test]
fn a_task_not_spawned_through_the_set_sees_no_invocation() {
    let answer = runtime()
        .block_on(bare_spawn(traced(json!({}), "r")))
        .unwrap();
    assert_eq!(answer, json!({ "bare_spawn": null, "body": "r" }));
}
