//! Resources that every invocation shares: built once before the runtime starts, lent read-only
//! to each call of the handler.
//!
//! A handler declares what it shares as one parameter after its event, `&R`, usually a struct of
//! the clients, pools and caches it needs. `main` builds `R` once (awaiting whatever its
//! construction needs) and binds it to the handler with one of two functions, which both give a
//! `lambda_runtime` service:
//!
//! | runtime entry point | binding | what `R` needs |
//! | --- | --- | --- |
//! | `lambda_runtime::run`, `lambda_http::run`, `Runtime::run` | [`with_resources(&r, handler)`](with_resources) | nothing: it is borrowed from `main` |
//! | `lambda_runtime::run_concurrent`, `Runtime::run_concurrent` | [`with_concurrent_resources(r, handler)`](with_concurrent_resources) | `Send + Sync + 'static` ([`ConcurrentResources`]) |
//!
//! The handler is the same `async fn` in both cases: under `run_concurrent` the binding owns `R`
//! in an [`Arc`] and lends `&R` to every invocation, so `R` itself need not be `Clone`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use lambda_runtime::Service;

/// The handler bound to borrowed resources; made by [`with_resources`].
///
/// A [`Service`] for `lambda_runtime::run`, `lambda_http::run` or `Runtime::run`.
#[derive(Debug)]
pub struct WithResources<'r, R: ?Sized, F> {
    resources: &'r R,
    handler: F,
}

impl<R: ?Sized, F: Clone> Clone for WithResources<'_, R, F> {
    fn clone(&self) -> Self {
        WithResources {
            resources: self.resources,
            handler: self.handler.clone(),
        }
    }
}

/// Binds resources borrowed from `main` to a handler `async fn(event, &R, ..)`, for the
/// sequential runtimes (`lambda_runtime::run`, `lambda_http::run`, `Runtime::run`).
///
/// `resources` is built once, before the runtime starts, and every invocation gets `&R`; nothing
/// is cloned or rebuilt between warm invocations.
///
/// ```no_run
/// use invocation_scope::{invocation_handler, per_invocation, with_resources};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::{json, Value};
///
/// /// What every invocation shares.
/// struct Shared {
///     greeting: String,
/// }
///
/// #[per_invocation]
/// struct Seen {
///     names: Vec<String>,
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, shared: &Shared, seen: &mut Seen) -> Result<Value, Error> {
///     seen.names.push(event.payload["name"].as_str().unwrap_or("world").to_owned());
///     Ok(json!(format!("{} {}", shared.greeting, seen.names.join(", "))))
/// }
///
/// #[tokio::main]
/// async fn main() -> Result<(), Error> {
///     let shared = Shared { greeting: load_greeting().await? };
///     lambda_runtime::run(with_resources(&shared, handler)).await
/// }
/// # async fn load_greeting() -> Result<String, Error> { Ok("hello".into()) }
/// ```
pub fn with_resources<R: ?Sized, F>(resources: &R, handler: F) -> WithResources<'_, R, F> {
    WithResources { resources, handler }
}

impl<'r, R, F, Event, Fut, Response, Error> Service<Event> for WithResources<'r, R, F>
where
    R: ?Sized,
    F: Fn(Event, &'r R) -> Fut,
    Fut: Future<Output = Result<Response, Error>>,
{
    type Response = Response;
    type Error = Error;
    type Future = Fut;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, event: Event) -> Self::Future {
        (self.handler)(event, self.resources)
    }
}

/// Resources that invocations running at the same time can share: `Send + Sync + 'static`.
///
/// [`with_concurrent_resources`] requires it. Every such type implements it; the trait exists so
/// that the compiler says in plain words why a resource cannot be used under `run_concurrent`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be shared by invocations that run at the same time",
    label = "`with_concurrent_resources` needs resources that are `Send + Sync + 'static`",
    note = "under `lambda_runtime::run_concurrent` several invocations use the resources at once, on several threads",
    note = "use thread-safe types inside the resources (`Arc` not `Rc`, `Mutex`/`RwLock` or `invocation_scope::Cache` not `RefCell`/`Cell`), or run sequentially with `lambda_runtime::run(invocation_scope::with_resources(&resources, handler))`"
)]
pub trait ConcurrentResources: Send + Sync + 'static {}

impl<R: Send + Sync + 'static + ?Sized> ConcurrentResources for R {}

/// The handler bound to resources it owns, shared by concurrent invocations; made by
/// [`with_concurrent_resources`].
///
/// A [`Service`] that is `Clone + Send + 'static`, as `lambda_runtime::run_concurrent` needs;
/// cloning it clones an [`Arc`], never the resources.
#[derive(Debug)]
pub struct WithConcurrentResources<R: ?Sized, F> {
    resources: Arc<R>,
    handler: F,
}

impl<R: ?Sized, F: Clone> Clone for WithConcurrentResources<R, F> {
    fn clone(&self) -> Self {
        WithConcurrentResources {
            resources: Arc::clone(&self.resources),
            handler: self.handler.clone(),
        }
    }
}

/// Binds resources to a handler `async fn(event, &R, ..)` for `lambda_runtime::run_concurrent`,
/// where invocations run at the same time on several threads.
///
/// The resources are built once, before the runtime starts, and kept in one [`Arc`]; every
/// invocation borrows them as `&R`, so the handler is the same as under [`with_resources`]. `R`
/// must be [`ConcurrentResources`] (`Send + Sync + 'static`); pass an `Arc<R>` you already hold
/// as `with_concurrent_resources(arc, handler)` with `R = Arc<..>` only if you need to keep a
/// handle yourself, since the binding already shares one value.
///
/// ```no_run
/// use std::time::Duration;
///
/// use invocation_scope::{invocation_handler, with_concurrent_resources, Cache};
/// use lambda_runtime::{Error, LambdaEvent};
///
/// struct Shared {
///     prefix: String,
///     feature_flags: Cache<Vec<String>>,
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<String>, shared: &Shared) -> Result<String, Error> {
///     let flags = shared.feature_flags.get().await?;
///     Ok(format!("{}{} {:?}", shared.prefix, event.payload, *flags))
/// }
///
/// #[tokio::main]
/// async fn main() -> Result<(), Error> {
///     let shared = Shared {
///         prefix: "> ".to_owned(),
///         feature_flags: Cache::new(Duration::from_secs(60), || async {
///             Ok::<_, Error>(vec!["beta".to_owned()])
///         }),
///     };
///     lambda_runtime::run_concurrent(with_concurrent_resources(shared, handler)).await
/// }
/// ```
pub fn with_concurrent_resources<R, F>(resources: R, handler: F) -> WithConcurrentResources<R, F>
where
    R: ConcurrentResources,
{
    WithConcurrentResources {
        resources: Arc::new(resources),
        handler,
    }
}

/// A handler `async fn(event, &R) -> Output` whose future is `Send`, whatever the borrow of `R`.
///
/// Implemented for every such function; named only so that [`WithConcurrentResources`] can say
/// "for every lifetime of `&R`" in its bounds.
pub trait ConcurrentHandler<'r, Event, R: ?Sized + 'r> {
    /// What the handler's future resolves to.
    type Output;
    /// The handler's future, borrowing `R` for `'r`.
    type Future: Future<Output = Self::Output> + Send + 'r;

    /// Calls the handler.
    fn call(&self, event: Event, resources: &'r R) -> Self::Future;
}

impl<'r, Event, R, F, Fut> ConcurrentHandler<'r, Event, R> for F
where
    R: ?Sized + 'r,
    F: Fn(Event, &'r R) -> Fut,
    Fut: Future + Send + 'r,
{
    type Output = Fut::Output;
    type Future = Fut;

    fn call(&self, event: Event, resources: &'r R) -> Fut {
        self(event, resources)
    }
}

impl<R, F, Event, Response, Error> Service<Event> for WithConcurrentResources<R, F>
where
    R: ConcurrentResources,
    F: for<'r> ConcurrentHandler<'r, Event, R, Output = Result<Response, Error>>
        + Clone
        + Send
        + Sync
        + 'static,
    Event: Send + 'static,
{
    type Response = Response;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, event: Event) -> Self::Future {
        let resources = Arc::clone(&self.resources);
        let handler = self.handler.clone();
        Box::pin(async move { handler.call(event, &resources).await })
    }
}
