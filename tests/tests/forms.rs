//! Every supported form of `#[per_invocation]` and `#[invocation_handler]` compiles and behaves.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::sync::Arc;

use invocation_scope::{PerInvocation, invocation_handler, per_invocation};
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

#[per_invocation]
struct Unit;

#[per_invocation]
struct Tuple(Vec<u32>, #[per_invocation(init = 7)] u32);

#[per_invocation]
struct Generic<T> {
    values: Vec<T>,
    #[per_invocation(init = String::from("start"))]
    label: String,
}

#[per_invocation(new = Counter::starting_at_ten)]
struct Counter {
    count: u32,
}

impl Counter {
    fn starting_at_ten() -> Self {
        Counter { count: 10 }
    }
}

/// An enum is state when it says by hand which variant a fresh value starts in.
enum Phase {
    Started,
    Finished(u32),
}

impl PerInvocation for Phase {
    fn fresh(_: invocation_scope::Invocation<'_>) -> Self {
        Phase::Started
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
}

#[invocation_handler]
async fn every_struct_shape(
    event: LambdaEvent<u32>,
    unit: &mut Unit,
    tuple: &mut Tuple,
    generic: &mut Generic<u32>,
    mut counter: &mut Counter,
    phase: &mut Phase,
) -> Result<Value, Error> {
    let Unit = unit;
    tuple.0.push(event.payload);
    generic.values.push(event.payload * 2);
    counter.count += event.payload;
    counter = &mut *counter;
    *phase = Phase::Finished(counter.count);
    let Phase::Finished(finished) = phase else {
        return Err("phase not finished".into());
    };
    Ok(json!([
        tuple.0,
        tuple.1,
        generic.values,
        generic.label,
        finished
    ]))
}

#[test]
fn tuple_unit_generic_init_new_and_manual_states_start_fresh() {
    let runtime = runtime();
    for n in 1..4 {
        let response = runtime
            .block_on(every_struct_shape(event(n, "req")))
            .expect("handler succeeds");
        assert_eq!(response, json!([[n], 7, [n * 2], "start", 10 + n]));
    }
}

/// A client built once in `main` and shared by every invocation.
struct Client {
    name: &'static str,
}

#[per_invocation]
struct Calls {
    made: Vec<String>,
}

#[invocation_handler]
async fn with_shared_client(
    event: LambdaEvent<String>,
    client: &Client,
    calls: &mut Calls,
    pool: Arc<Vec<u8>>,
) -> Result<Vec<String>, Error> {
    calls
        .made
        .push(format!("{} {} {}", client.name, event.payload, pool.len()));
    Ok(calls.made.clone())
}

#[test]
fn shared_parameters_stay_and_state_is_fresh() {
    let client = Client { name: "client" };
    let pool = Arc::new(vec![1, 2, 3]);
    let runtime = runtime();
    for n in 0..3 {
        let made = runtime
            .block_on(with_shared_client(
                event(n.to_string(), "req"),
                &client,
                Arc::clone(&pool),
            ))
            .expect("handler succeeds");
        assert_eq!(made, vec![format!("client {n} 3")]);
    }
}

/// Handlers in `impl` blocks take `&self`.
struct Service {
    prefix: String,
}

impl Service {
    #[invocation_handler]
    async fn handle(
        &self,
        event: LambdaEvent<u32>,
        calls: &mut Calls,
    ) -> Result<Vec<String>, Error> {
        calls.made.push(format!("{}{}", self.prefix, event.payload));
        Ok(calls.made.clone())
    }
}

#[test]
fn methods_take_self_and_fresh_state() {
    let service = Service {
        prefix: "n=".into(),
    };
    let runtime = runtime();
    for n in 0..3 {
        let made = runtime
            .block_on(service.handle(event(n, "req")))
            .expect("handler succeeds");
        assert_eq!(made, vec![format!("n={n}")]);
    }
}

/// Generics and where clauses are kept.
#[invocation_handler]
async fn generic_handler<T>(event: LambdaEvent<T>, calls: &mut Calls) -> Result<usize, Error>
where
    T: std::fmt::Debug + Send,
{
    calls.made.push(format!("{:?}", event.payload));
    Ok(calls.made.len())
}

#[test]
fn generic_handlers_get_fresh_state() {
    let runtime = runtime();
    assert_eq!(
        runtime.block_on(generic_handler(event("a", "r"))).ok(),
        Some(1)
    );
    assert_eq!(
        runtime.block_on(generic_handler(event(1.5, "r"))).ok(),
        Some(1)
    );
}

/// `#[tracing::instrument]` before and after ours.
#[tracing::instrument(skip(calls))]
#[invocation_handler]
async fn instrumented_outside(event: LambdaEvent<u32>, calls: &mut Calls) -> Result<usize, Error> {
    calls.made.push(event.payload.to_string());
    Ok(calls.made.len())
}

/// Ours runs first here, so `instrument` no longer sees the state parameter.
#[invocation_handler]
#[tracing::instrument(skip(event))]
async fn instrumented_inside(event: LambdaEvent<u32>, calls: &mut Calls) -> Result<usize, Error> {
    calls.made.push(event.payload.to_string());
    Ok(calls.made.len())
}

#[test]
fn other_attributes_in_either_order_keep_working() {
    let runtime = runtime();
    for _ in 0..2 {
        assert_eq!(
            runtime.block_on(instrumented_outside(event(1, "r"))).ok(),
            Some(1)
        );
        assert_eq!(
            runtime.block_on(instrumented_inside(event(1, "r"))).ok(),
            Some(1)
        );
    }
}

/// `lambda_http` handlers take a `Request` and read the invocation facts from it.
#[per_invocation(from_invocation = RequestTag::new)]
struct RequestTag {
    request_id: Option<String>,
}

impl RequestTag {
    fn new(invocation: invocation_scope::Invocation<'_>) -> Self {
        RequestTag {
            request_id: invocation.request_id().map(str::to_owned),
        }
    }
}

#[invocation_handler]
async fn http_handler(
    request: lambda_http::Request,
    tag: &mut RequestTag,
) -> Result<lambda_http::Response<String>, Error> {
    let path = request.uri().path().to_owned();
    Ok(lambda_http::Response::new(format!(
        "{path} {:?}",
        tag.request_id
    )))
}

#[test]
fn lambda_http_handlers_get_state_built_from_the_request() {
    use lambda_http::RequestExt as _;
    let runtime = runtime();
    let context = event((), "http-req").context;
    let request = lambda_http::http::Request::builder()
        .uri("https://example.com/items")
        .body(lambda_http::Body::Empty)
        .expect("a request")
        .with_lambda_context(context);
    let response = runtime
        .block_on(http_handler(request))
        .expect("handler succeeds");
    assert_eq!(response.body(), "/items Some(\"http-req\")");
}

/// These only need to type-check: they are what `main` looks like.
#[allow(dead_code)]
async fn mains(client: &'static Client) -> Result<(), Error> {
    lambda_runtime::run(service_fn(every_struct_shape)).await?;
    lambda_runtime::run(service_fn(|event| async move {
        with_shared_client(event, client, Arc::new(Vec::new())).await
    }))
    .await?;
    lambda_runtime::run_concurrent(service_fn(every_struct_shape)).await?;
    lambda_http::run(service_fn(http_handler)).await?;
    lambda_http::run_concurrent(service_fn(http_handler)).await
}

/// A destructured event still gives the invocation's facts to the body's context, and `mut`
/// parameters and the body's inner attributes are the body's own.
#[invocation_handler]
async fn destructured_event(
    LambdaEvent { payload, .. }: LambdaEvent<u32>,
    mut extra: u32,
    calls: &mut Calls,
) -> Result<(u32, Option<String>), Error> {
    #![allow(unused_mut)]
    extra += payload;
    calls.made.push(extra.to_string());
    let request_id = invocation_scope::current_invocation().map(|now| now.request_id().to_owned());
    Ok((extra + u32::try_from(calls.made.len())?, request_id))
}

#[test]
fn patterns_and_mut_parameters_reach_the_body() {
    let runtime = runtime();
    let (sum, request_id) = runtime
        .block_on(destructured_event(event(2, "req-7"), 3))
        .expect("handler succeeds");
    assert_eq!(sum, 6);
    assert_eq!(request_id.as_deref(), Some("req-7"));
}

/// A type parameter only the return type names is passed on to the body.
#[invocation_handler]
async fn returns_a_default<T: Default>(
    _event: LambdaEvent<u32>,
    calls: &mut Calls,
) -> Result<(T, usize), Error> {
    calls.made.push(String::new());
    Ok((T::default(), calls.made.len()))
}

#[test]
fn type_parameters_of_the_return_type_reach_the_body() {
    let runtime = runtime();
    let (value, calls): (String, usize) = runtime
        .block_on(returns_a_default::<String>(event(0, "r")))
        .expect("handler succeeds");
    assert_eq!((value.as_str(), calls), ("", 1));
}
