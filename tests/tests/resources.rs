//! Shared resources are built once, before the first invocation, and lent to every invocation,
//! sequential or concurrent, while per-invocation state stays fresh.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use invocation_scope::{
    invocation_handler, per_invocation, with_concurrent_resources, with_resources,
};
use invocation_scope_tests::event;
use lambda_runtime::tower::ServiceExt as _;
use lambda_runtime::{Error, LambdaEvent, Service};
use serde_json::{Value, json};

/// A client that counts, in the test that owns the counter, how many times it was built.
struct Client {
    prefix: String,
}

impl Client {
    async fn connect(builds: &AtomicUsize) -> Result<Client, Error> {
        tokio::task::yield_now().await;
        builds.fetch_add(1, Ordering::SeqCst);
        Ok(Client {
            prefix: "item:".to_owned(),
        })
    }
}

/// What every invocation shares.
struct Shared {
    client: Client,
    calls: AtomicUsize,
}

impl Shared {
    async fn build(builds: &AtomicUsize) -> Result<Shared, Error> {
        Ok(Shared {
            client: Client::connect(builds).await?,
            calls: AtomicUsize::new(0),
        })
    }
}

#[per_invocation]
struct Seen {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(
    event: LambdaEvent<Value>,
    shared: &Shared,
    seen: &mut Seen,
) -> Result<Value, Error> {
    shared.calls.fetch_add(1, Ordering::SeqCst);
    for item in event.payload.as_array().into_iter().flatten() {
        seen.items.push(format!(
            "{}{}",
            shared.client.prefix,
            item.as_u64().unwrap_or_default()
        ));
        tokio::task::yield_now().await;
    }
    Ok(json!({
        "items": seen.items,
        "shared_at": std::ptr::from_ref(shared) as usize,
    }))
}

fn expected_items(n: u64) -> Vec<String> {
    (0..n % 5).map(|i| format!("item:{}", n * 10 + i)).collect()
}

fn payload(n: u64) -> Value {
    json!((0..n % 5).map(|i| n * 10 + i).collect::<Vec<_>>())
}

#[test]
fn borrowed_resources_are_built_once_and_lent_to_every_warm_invocation() {
    let builds = AtomicUsize::new(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let shared = Shared::build(&builds).await.expect("resources build");
        let mut service = with_resources(&shared, handler);
        let mut addresses = Vec::new();
        for n in 0..50 {
            let response = service
                .ready()
                .await
                .expect("always ready")
                .call(event(payload(n), &format!("req-{n}")))
                .await
                .expect("handler succeeds");
            assert_eq!(
                response["items"],
                json!(expected_items(n)),
                "invocation {n}"
            );
            addresses.push(response["shared_at"].clone());
        }
        assert!(
            addresses.iter().all(|address| *address == addresses[0]),
            "every invocation borrowed the same resources"
        );
        assert_eq!(shared.calls.load(Ordering::SeqCst), 50);
    });
    assert_eq!(builds.load(Ordering::SeqCst), 1);
}

#[test]
fn owned_resources_are_built_once_and_shared_by_concurrent_invocations() {
    let builds = Arc::new(AtomicUsize::new(0));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .build()
        .expect("a multi-thread runtime");
    runtime.block_on(async {
        let shared = Shared::build(&builds).await.expect("resources build");
        let service = with_concurrent_resources(shared, handler);
        let tasks: Vec<_> = (0..200)
            .map(|n| {
                let service = service.clone();
                tokio::spawn(service.oneshot(event(payload(n), &format!("req-{n}"))))
            })
            .collect();
        let mut addresses = Vec::new();
        for (n, task) in (0..).zip(tasks) {
            let response = task.await.expect("task runs").expect("handler succeeds");
            assert_eq!(
                response["items"],
                json!(expected_items(n)),
                "invocation {n}"
            );
            addresses.push(response["shared_at"].clone());
        }
        assert!(
            addresses.iter().all(|address| *address == addresses[0]),
            "every invocation borrowed the same resources"
        );
    });
    assert_eq!(builds.load(Ordering::SeqCst), 1);
}

/// A resource that is itself the whole of what is shared, here behind an `Arc` the caller keeps.
#[invocation_handler]
async fn count_handler(_event: LambdaEvent<()>, calls: &Arc<AtomicUsize>) -> Result<usize, Error> {
    Ok(calls.fetch_add(1, Ordering::SeqCst) + 1)
}

#[test]
fn a_handle_kept_by_the_caller_sees_what_invocations_did() {
    let calls = Arc::new(AtomicUsize::new(0));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let service = with_concurrent_resources(Arc::clone(&calls), count_handler);
    for n in 1..=3 {
        let count = runtime
            .block_on(service.clone().oneshot(event((), "req")))
            .expect("handler succeeds");
        assert_eq!(count, n);
    }
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

/// These only need to type-check: each is the one line a `main` needs.
#[allow(dead_code)]
async fn mains(shared: Shared) -> Result<(), Error> {
    lambda_runtime::run(with_resources(&shared, handler)).await?;
    lambda_runtime::Runtime::new(with_resources(&shared, handler))
        .run()
        .await?;
    lambda_runtime::run_concurrent(with_concurrent_resources(shared, handler)).await
}

/// `lambda_http` handlers bind resources the same way.
#[invocation_handler]
async fn http_handler(
    request: lambda_http::Request,
    shared: &Shared,
    seen: &mut Seen,
) -> Result<lambda_http::Response<String>, Error> {
    seen.items.push(request.uri().path().to_owned());
    Ok(lambda_http::Response::new(format!(
        "{}{:?}",
        shared.client.prefix, seen.items
    )))
}

#[allow(dead_code)]
async fn http_mains(shared: Shared) -> Result<(), Error> {
    lambda_http::run(with_resources(&shared, http_handler)).await?;
    lambda_http::run_concurrent(with_concurrent_resources(shared, http_handler)).await
}
