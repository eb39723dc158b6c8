//! A value loaded by an async function and reloaded when older than a maximum age.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use lambda_runtime::{BoxFuture, SnapStartResource};

use crate::clock::{Clock, SystemClock};

type BoxError = Box<dyn StdError + Send + Sync>;
type Loader<T> =
    Box<dyn Fn() -> Pin<Box<dyn Future<Output = Result<T, BoxError>> + Send>> + Send + Sync>;

/// A value shared by invocations, loaded by an async function and reloaded once it is older than
/// its maximum age, in the spirit of the Parameters utility of Powertools for AWS Lambda.
///
/// A `Cache` is a shared resource: build it in `main`, put it in the resources bound to the
/// handler with [`with_resources`](crate::with_resources) or
/// [`with_concurrent_resources`](crate::with_concurrent_resources), and call [`get`](Cache::get)
/// in the handler. It is visible in the handler's signature, unlike a `static` cache.
///
/// - **Lazy**: nothing is loaded until the first `get`; await one in `main` to load during init.
/// - **One load at a time**: when the value has expired, the first caller loads it and concurrent
///   callers wait for that load and share its outcome instead of starting their own.
/// - **Stale on error** (opt-in, [`serve_stale_for`](Cache::serve_stale_for)): if a reload fails,
///   the last good value is still served, with the error attached, until it is older than its
///   maximum age plus that window; after that `get` fails.
/// - **Forced refresh**: [`refresh`](Cache::refresh) loads now; [`invalidate`](Cache::invalidate)
///   makes the next `get` load.
/// - **`SnapStart`**: register [`snapstart_hook`](Cache::snapstart_hook) with
///   `lambda_runtime::Runtime::register_snapstart_resource` so that a value loaded before the
///   snapshot is dropped when the environment is restored.
///
/// ```
/// use std::time::Duration;
/// use invocation_scope::Cache;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), lambda_runtime::Error> {
/// let table_name = Cache::new(Duration::from_secs(300), || async {
///     // e.g. `ssm.get_parameter().name("/app/table").send().await`
///     Ok::<_, lambda_runtime::Error>("orders".to_owned())
/// })
/// .serve_stale_for(Duration::from_secs(60));
///
/// let name = table_name.get().await?;
/// assert_eq!(name.as_str(), "orders");
/// # Ok(())
/// # }
/// ```
pub struct Cache<T> {
    loader: Loader<T>,
    max_age: Duration,
    stale_for: Duration,
    clock: Arc<dyn Clock>,
    /// Shared with the `SnapStart` hook, which empties it on restore.
    state: Arc<Mutex<State<T>>>,
    /// Held while loading, so that one load runs at a time.
    loading: tokio::sync::Mutex<()>,
}

struct State<T> {
    /// The last value loaded successfully.
    entry: Option<Entry<T>>,
    /// Why the last load failed; `None` after a success.
    last_error: Option<CacheError>,
    /// Loads finished so far, successful or not: a caller that waited for the gate compares it
    /// with what it saw before waiting to learn that another caller has just loaded.
    loads: u64,
}

struct Entry<T> {
    value: Arc<T>,
    loaded_at: Instant,
}

impl<T: Send + Sync + 'static> Cache<T> {
    /// A cache of the value `load` returns, reloaded when older than `max_age`.
    ///
    /// `load` is called for the first [`get`](Cache::get), then whenever the value has expired.
    /// It returns `Result<T, E>` for any error type that converts into a boxed error.
    pub fn new<F, Fut, E>(max_age: Duration, load: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let loader: Loader<T> = Box::new(move || {
            let future = load();
            Box::pin(async move { future.await.map_err(Into::into) })
        });
        Cache {
            loader,
            max_age,
            stale_for: Duration::ZERO,
            clock: Arc::new(SystemClock),
            state: Arc::new(Mutex::new(State {
                entry: None,
                last_error: None,
                loads: 0,
            })),
            loading: tokio::sync::Mutex::new(()),
        }
    }

    /// Keeps serving the last good value for up to `window` past its maximum age while reloads
    /// fail; the default is no window: a failed reload of an expired value is an error.
    #[must_use]
    pub fn serve_stale_for(mut self, window: Duration) -> Self {
        self.stale_for = window;
        self
    }

    /// Reads the time from `clock` instead of the system's, for tests (see
    /// [`ManualClock`](crate::ManualClock)).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The value: the cached one while it is younger than the maximum age, otherwise a freshly
    /// loaded one.
    ///
    /// # Errors
    ///
    /// When the value has to be loaded and the load fails, unless a last good value is still
    /// inside the stale window: then that value is returned, with the error in
    /// [`Cached::reload_error`].
    pub async fn get(&self) -> Result<Cached<T>, CacheError> {
        let loads_seen = {
            let state = self.lock_state();
            if let Some(entry) = &state.entry
                && self.age(entry) < self.max_age
            {
                return Ok(Cached::fresh(entry));
            }
            state.loads
        };
        let _gate = self.loading.lock().await;
        {
            let state = self.lock_state();
            if state.loads != loads_seen {
                // Another caller loaded while this one waited: share its outcome.
                match (&state.entry, &state.last_error) {
                    (Some(entry), None) => return Ok(Cached::fresh(entry)),
                    (entry, Some(error)) => return self.serve_stale(entry.as_ref(), error),
                    // Invalidated since: load again.
                    (None, None) => {}
                }
            }
            if let Some(entry) = &state.entry
                && self.age(entry) < self.max_age
            {
                return Ok(Cached::fresh(entry));
            }
        }
        self.load().await
    }

    /// Loads the value now, whatever its age, and caches it.
    ///
    /// Waits for a load already running, then loads again.
    ///
    /// # Errors
    ///
    /// When the load fails. The last good value stays cached, and [`get`](Cache::get) serves it
    /// as usual (while it is fresh, or stale inside the window).
    pub async fn refresh(&self) -> Result<Cached<T>, CacheError> {
        let _gate = self.loading.lock().await;
        self.load()
            .await
            .and_then(|cached| match cached.reload_error {
                Some(error) => Err(error),
                None => Ok(cached),
            })
    }

    /// Forgets the value, so that the next [`get`](Cache::get) loads it; it will not be served
    /// as stale either.
    pub fn invalidate(&self) {
        invalidate(&self.state);
    }

    /// A hook that invalidates this cache when a `SnapStart` environment is restored, since a value
    /// loaded before the snapshot would otherwise be served by every restored environment.
    ///
    /// Register it on the runtime; it does nothing unless the function uses `SnapStart`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use invocation_scope::{invocation_handler, with_resources, Cache};
    /// use lambda_runtime::{Error, LambdaEvent, Runtime};
    ///
    /// #[invocation_handler]
    /// async fn handler(event: LambdaEvent<()>, token: &Cache<String>) -> Result<String, Error> {
    ///     Ok(token.get().await?.to_string())
    /// }
    ///
    /// #[tokio::main]
    /// async fn main() -> Result<(), Error> {
    ///     let token = Cache::new(Duration::from_secs(600), || async {
    ///         Ok::<_, Error>("unique per environment".to_owned())
    ///     });
    ///     Runtime::new(with_resources(&token, handler))
    ///         .register_snapstart_resource(token.snapstart_hook())
    ///         .run()
    ///         .await
    /// }
    /// ```
    #[must_use]
    pub fn snapstart_hook(&self) -> Arc<dyn SnapStartResource> {
        Arc::new(InvalidateOnRestore {
            state: Arc::clone(&self.state),
        })
    }

    /// Runs the loader (the caller holds the gate) and records its outcome.
    async fn load(&self) -> Result<Cached<T>, CacheError> {
        let result = (self.loader)().await;
        let mut state = self.lock_state();
        state.loads += 1;
        match result {
            Ok(value) => {
                let entry = Entry {
                    value: Arc::new(value),
                    loaded_at: self.clock.now(),
                };
                let cached = Cached::fresh(&entry);
                state.entry = Some(entry);
                state.last_error = None;
                Ok(cached)
            }
            Err(source) => {
                let error = CacheError {
                    source: Arc::from(source),
                };
                state.last_error = Some(error.clone());
                self.serve_stale(state.entry.as_ref(), &error)
            }
        }
    }

    /// After a failed load: the last good value with the error, while it is inside the stale
    /// window, or else the error.
    fn serve_stale(
        &self,
        entry: Option<&Entry<T>>,
        error: &CacheError,
    ) -> Result<Cached<T>, CacheError> {
        match entry {
            Some(entry) if self.age(entry) < self.max_age.saturating_add(self.stale_for) => {
                Ok(Cached {
                    reload_error: Some(error.clone()),
                    ..Cached::fresh(entry)
                })
            }
            _ => Err(error.clone()),
        }
    }

    fn age(&self, entry: &Entry<T>) -> Duration {
        self.clock.now().saturating_duration_since(entry.loaded_at)
    }

    fn lock_state(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn invalidate<T>(state: &Mutex<State<T>>) {
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    state.entry = None;
    state.last_error = None;
}

impl<T> fmt::Debug for Cache<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cache")
            .field("max_age", &self.max_age)
            .field("stale_for", &self.stale_for)
            .finish_non_exhaustive()
    }
}

/// Empties a [`Cache`] after a `SnapStart` restore; made by [`Cache::snapstart_hook`].
struct InvalidateOnRestore<T> {
    state: Arc<Mutex<State<T>>>,
}

impl<T: Send + Sync> SnapStartResource for InvalidateOnRestore<T> {
    fn after_restore(&self) -> BoxFuture<'_, Result<(), lambda_runtime::Error>> {
        invalidate(&self.state);
        Box::pin(async { Ok(()) })
    }
}

/// A value read from a [`Cache`]; dereferences to `T`.
#[derive(Debug)]
pub struct Cached<T> {
    value: Arc<T>,
    loaded_at: Instant,
    reload_error: Option<CacheError>,
}

impl<T> Cached<T> {
    fn fresh(entry: &Entry<T>) -> Self {
        Cached {
            value: Arc::clone(&entry.value),
            loaded_at: entry.loaded_at,
            reload_error: None,
        }
    }

    /// When the value was loaded, on the cache's clock.
    #[must_use]
    pub fn loaded_at(&self) -> Instant {
        self.loaded_at
    }

    /// Why the value could not be reloaded, when this is a stale value served inside the
    /// cache's stale window; `None` for a fresh value.
    #[must_use]
    pub fn reload_error(&self) -> Option<&CacheError> {
        self.reload_error.as_ref()
    }

    /// The shared value, to keep after this `Cached` is dropped.
    #[must_use]
    pub fn into_arc(self) -> Arc<T> {
        self.value
    }
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Cached {
            value: Arc::clone(&self.value),
            loaded_at: self.loaded_at,
            reload_error: self.reload_error.clone(),
        }
    }
}

impl<T> Deref for Cached<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// A [`Cache`] could not load its value.
#[derive(Clone, Debug)]
pub struct CacheError {
    source: Arc<dyn StdError + Send + Sync>,
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loading the cached value failed: {}", self.source)
    }
}

impl StdError for CacheError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}
