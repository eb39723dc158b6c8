//! The test kit where tests are written: inside `#[tokio::test]`, with a clear message when a
//! blocking form is called there; checks that refuse to pass when nothing was compared; a forced
//! overlap that catches a leak needing overlap on every run; events with a tenant id.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use invocation_scope::testing::{
    EventBuilder, Isolation, IsolationError, Outcome, Schedule, assert_isolated,
    assert_isolated_async, assert_isolated_concurrent, assert_isolated_concurrent_async,
    replay_async, replay_with_async,
};
use invocation_scope::{invocation_handler, per_invocation};
use invocation_scope_tests::naive_global_list;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

#[per_invocation]
struct Seen {
    items: Vec<Value>,
}

#[invocation_handler]
async fn scoped(event: LambdaEvent<Value>, seen: &mut Seen) -> Result<Value, Error> {
    for item in event.payload["items"].as_array().into_iter().flatten() {
        seen.items.push(item.clone());
        tokio::task::yield_now().await;
    }
    match event.payload["then"].as_str() {
        Some("panic") => panic!("asked to panic"),
        _ => Ok(json!({ "count": seen.items.len(), "items": seen.items })),
    }
}

fn events() -> Vec<Value> {
    vec![
        json!({ "items": ["a", "b"] }),
        json!({ "items": [] }),
        json!({ "items": ["c"], "then": "panic" }),
        json!({ "items": ["d", "e", "f"] }),
    ]
}

#[tokio::test]
async fn the_async_checks_pass_per_invocation_state_inside_tokio_test() {
    assert_isolated_async(scoped, events()).await;
    assert_isolated_concurrent_async(scoped, events()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn the_concurrent_async_check_reports_the_test_runtime_threads() {
    let divergence = Isolation::new()
        .in_flight(4)
        .force_overlap()
        .check_concurrent_async(last_payload_async, (0..8).map(|n| json!(n)))
        .await
        .expect_err("held in flight together, the invocations overwrite each other");
    let divergence = divergence.divergence().expect("a divergence");
    assert_eq!(
        divergence.schedule,
        Schedule::Overlapped {
            in_flight: 4,
            worker_threads: 3
        }
    );
}

/// As `last_payload`, with its own static: tests run in parallel.
static LAST_ASYNC: Mutex<Option<Value>> = Mutex::new(None);

async fn last_payload_async(event: LambdaEvent<Value>) -> Result<Value, Error> {
    *LAST_ASYNC.lock().map_err(|_| "poisoned")? = Some(event.payload);
    tokio::task::yield_now().await;
    let last = LAST_ASYNC.lock().map_err(|_| "poisoned")?.clone();
    Ok(last.unwrap_or_default())
}

#[tokio::test]
async fn the_async_warm_check_catches_a_static_list() {
    let failure = Isolation::new()
        .check_async(
            naive_global_list::handler,
            [json!({ "items": ["a"] }), json!({ "items": ["b"] })],
        )
        .await
        .expect_err("the static list leaks");
    let divergence = failure.divergence().expect("a divergence");
    assert_eq!(divergence.schedule, Schedule::Warm);
    assert_ne!(divergence.first.outcome, divergence.later.outcome);
}

#[tokio::test]
#[should_panic(expected = "state leaked between invocations (warm invocations one after another)")]
async fn assert_isolated_async_fails_on_a_static_list() {
    assert_isolated_async(naive_global_list::handler, [json!({ "items": ["x"] })]).await;
}

#[tokio::test]
async fn replay_async_returns_every_outcome_and_keeps_going_after_a_panic() {
    let outcomes = replay_async(scoped, events()).await;
    assert_eq!(outcomes.len(), 4);
    assert_eq!(
        outcomes[1].response(),
        Some(&json!({ "count": 0, "items": [] }))
    );
    assert_eq!(outcomes[2], Outcome::Panic("asked to panic".to_owned()));
    assert_eq!(outcomes[3].response().map(|r| &r["count"]), Some(&json!(3)));
}

async fn tenant(event: LambdaEvent<()>) -> Result<Option<String>, Error> {
    Ok(event.context.tenant_id)
}

#[tokio::test]
async fn events_carry_the_tenant_id_they_are_asked_for() {
    let outcomes = replay_with_async(&EventBuilder::new().tenant_id("t-1"), tenant, [()]).await;
    assert_eq!(outcomes, [Outcome::Response(json!("t-1"))]);
    let outcomes = replay_async(tenant, [()]).await;
    assert_eq!(outcomes, [Outcome::Response(Value::Null)]);
}

// The blocking forms inside `#[tokio::test]`: one clear panic naming the async form, instead of
// tokio's "Cannot start a runtime from within a runtime".

#[tokio::test]
#[should_panic(
    expected = "`assert_isolated` starts its own Tokio runtime, so it cannot run inside one (such as `#[tokio::test]`): write `assert_isolated_async(...).await` there"
)]
async fn assert_isolated_inside_tokio_test_names_the_async_form() {
    assert_isolated(scoped, events());
}

#[tokio::test]
#[should_panic(expected = "write `assert_isolated_concurrent_async(...).await` there")]
async fn assert_isolated_concurrent_inside_tokio_test_names_the_async_form() {
    assert_isolated_concurrent(scoped, events());
}

#[tokio::test]
#[should_panic(expected = "write `Isolation::check_async(...).await` there")]
async fn isolation_check_inside_tokio_test_names_the_async_form() {
    let _ = Isolation::new().check(scoped, events());
}

#[tokio::test]
#[should_panic(expected = "write `replay_async(...).await` there")]
async fn replay_inside_tokio_test_names_the_async_form() {
    let _ = invocation_scope::testing::replay(scoped, events());
}

#[test]
#[should_panic(expected = "`Isolation::check_concurrent_async` runs on the caller's Tokio runtime")]
fn the_concurrent_async_check_outside_a_runtime_says_where_it_runs() {
    let isolation = Isolation::new();
    let check = isolation.check_concurrent_async(scoped, events());
    // Polled by an executor that is not Tokio's.
    futures_lite_block_on(check).ok();
}

/// Polls `future` to its end on this thread without any Tokio runtime.
fn futures_lite_block_on<F: Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

// A handler that never answers compares nothing: the checks fail, saying so.

async fn always_fails(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Err(format!("no table for {}", event.payload).into())
}

async fn always_panics(_: LambdaEvent<Value>) -> Result<Value, Error> {
    panic!("not implemented yet")
}

#[test]
fn a_handler_that_always_fails_fails_the_warm_check() {
    let failure = Isolation::new()
        .check(always_fails, [json!(1), json!(2)])
        .expect_err("nothing was compared");
    let IsolationError::NoResponse(no_response) = &*failure else {
        panic!("not a NoResponse: {failure}");
    };
    assert_eq!(no_response.invocations, 6);
    assert_eq!(no_response.first.invocation, 1);
    assert_eq!(no_response.event_index, 0);
    let report = failure.to_string();
    assert!(
        report.starts_with(
            "no invocation returned a response (warm invocations one after another): all 6 \
             failed or panicked, so nothing was compared"
        ),
        "{report}"
    );
    assert!(report.contains("invocation 1 returned: error"), "{report}");
    assert!(report.contains("no table for 1"), "{report}");
    assert!(
        report.contains("`Isolation::new().compare_failures()`"),
        "{report}"
    );
}

#[test]
#[should_panic(expected = "no invocation returned a response (concurrent invocations")]
fn a_handler_that_always_panics_fails_the_concurrent_assertion() {
    assert_isolated_concurrent(always_panics, [json!(1), json!(2)]);
}

#[tokio::test]
#[should_panic(expected = "no invocation returned a response (warm invocations")]
async fn a_handler_that_always_fails_fails_the_async_assertion() {
    assert_isolated_async(always_fails, [json!(1)]).await;
}

#[test]
fn failures_are_compared_when_asked() {
    let compared = Isolation::new().compare_failures();
    compared
        .check(always_fails, [json!(1), json!(2)])
        .expect("the same error every time");
    compared
        .check_concurrent(always_panics, [json!(1)])
        .expect("the same panic every time");
}

#[test]
fn one_response_among_failures_is_enough_to_compare() {
    Isolation::new()
        .check(
            scoped,
            [json!({ "items": ["c"], "then": "panic" }), json!({})],
        )
        .expect("the second event answers the same every time");
}

// Forced overlap: a leak that needs two invocations in flight at once, caught on every run.

/// The last request's payload, written before an `.await` and read after it: right one at a
/// time, wrong as soon as another invocation runs in between. The await yields once, so without
/// forced overlap whether another invocation runs in between depends on scheduling.
static LAST: Mutex<Option<Value>> = Mutex::new(None);

async fn last_payload(event: LambdaEvent<Value>) -> Result<Value, Error> {
    *LAST.lock().map_err(|_| "poisoned")? = Some(event.payload);
    tokio::task::yield_now().await;
    let last = LAST.lock().map_err(|_| "poisoned")?.clone();
    Ok(last.unwrap_or_default())
}

#[test]
fn forced_overlap_catches_a_leak_that_needs_overlap_on_every_run() {
    for run in 0..20 {
        let failure = Isolation::new()
            .in_flight(2)
            .worker_threads(1)
            .force_overlap()
            .check_concurrent(last_payload, [json!("a"), json!("b")])
            .expect_err("two invocations held in flight together read each other's payload");
        let divergence = failure.divergence().expect("a divergence");
        assert_eq!(
            divergence.schedule,
            Schedule::Overlapped {
                in_flight: 2,
                worker_threads: 1
            },
            "run {run}"
        );
        // The first batch of the replay: invocations 3 and 4 ("a" and "b"), together.
        assert!(
            (3..=4).contains(&divergence.later.invocation),
            "run {run}: {divergence}"
        );
        assert!(
            divergence
                .to_string()
                .contains("batches of 2 held in flight together on 1 threads"),
            "{divergence}"
        );
    }
}

/// How many invocations of `counted` are between their start and their end right now, and the
/// most seen at once.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_RUNNING: AtomicUsize = AtomicUsize::new(0);

async fn counted(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_RUNNING.fetch_max(now, Ordering::SeqCst);
    tokio::task::yield_now().await;
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    Ok(event.payload)
}

#[test]
fn forced_overlap_holds_a_whole_batch_in_flight_at_once() {
    Isolation::new()
        .in_flight(6)
        .worker_threads(2)
        .force_overlap()
        .check_concurrent(counted, (0..6).map(|n| json!(n)))
        .expect("the payload comes back unchanged");
    assert_eq!(MOST_RUNNING.load(Ordering::SeqCst), 6);
}

/// Panics in its first step: the rest of its batch must not wait for it forever.
async fn panics_at_once_for_odd(event: LambdaEvent<Value>) -> Result<Value, Error> {
    assert!(event.payload.as_u64().is_some_and(|n| n % 2 == 0), "odd");
    tokio::task::yield_now().await;
    Ok(event.payload)
}

#[test]
fn a_panic_before_the_first_await_does_not_hold_up_the_batch() {
    Isolation::new()
        .in_flight(4)
        .force_overlap()
        .check_concurrent(panics_at_once_for_odd, (0..4).map(|n| json!(n)))
        .expect("each event panics or answers the same way every time");
}
