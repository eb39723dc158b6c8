//! `Cache`: expiry, one load at a time, stale values on error, forced refresh and `SnapStart`,
//! all on a manual clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use invocation_scope::{Cache, ManualClock};
use lambda_runtime::Error;

/// A parameter store the test controls: it counts loads, can be made to fail, and can hold
/// every load in flight until released.
struct Store {
    loads: AtomicUsize,
    failing: AtomicBool,
    /// Loads wait while this is `false`.
    released: tokio::sync::watch::Sender<bool>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            loads: AtomicUsize::new(0),
            failing: AtomicBool::new(false),
            released: tokio::sync::watch::Sender::new(true),
        }
    }
}

impl Store {
    /// The `n`th load returns `"v{n}"`.
    async fn load(&self) -> Result<String, Error> {
        let n = self.loads.fetch_add(1, Ordering::SeqCst) + 1;
        let mut released = self.released.subscribe();
        released
            .wait_for(|released| *released)
            .await
            .expect("the store outlives its loads");
        if self.failing.load(Ordering::SeqCst) {
            return Err(format!("store unavailable at load {n}").into());
        }
        Ok(format!("v{n}"))
    }

    fn loads(&self) -> usize {
        self.loads.load(Ordering::SeqCst)
    }

    /// Holds the loads that start from now on, until `release`.
    fn hold(&self) {
        self.released.send_replace(false);
    }

    fn release(&self) {
        self.released.send_replace(true);
    }

    fn fail(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }
}

const MAX_AGE: Duration = Duration::from_mins(1);

fn cache(store: &Arc<Store>, clock: &ManualClock) -> Cache<String> {
    let store = Arc::clone(store);
    Cache::new(MAX_AGE, move || {
        let store = Arc::clone(&store);
        async move { store.load().await }
    })
    .with_clock(clock.clone())
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
        .block_on(future)
}

#[test]
fn nothing_is_loaded_before_the_first_get() {
    let store = Arc::new(Store::default());
    let _cache = cache(&store, &ManualClock::new());
    assert_eq!(store.loads(), 0);
}

#[test]
fn the_value_is_served_from_the_cache_until_it_reaches_its_max_age() {
    let store = Arc::new(Store::default());
    let clock = ManualClock::new();
    let cache = cache(&store, &clock);
    block_on(async {
        assert_eq!(*cache.get().await.expect("loads"), "v1");
        clock.advance(MAX_AGE.saturating_sub(Duration::from_millis(1)));
        for _ in 0..10 {
            assert_eq!(*cache.get().await.expect("cached"), "v1");
        }
        assert_eq!(store.loads(), 1);

        clock.advance(Duration::from_millis(1));
        let reloaded = cache.get().await.expect("reloads");
        assert_eq!(*reloaded, "v2");
        assert!(reloaded.reload_error().is_none());
        assert_eq!(store.loads(), 2);
        assert_eq!(*cache.get().await.expect("cached"), "v2");
        assert_eq!(store.loads(), 2);
    });
}

#[test]
fn concurrent_gets_of_an_empty_cache_run_one_load() {
    let store = Arc::new(Store::default());
    store.hold();
    let cache = Arc::new(cache(&store, &ManualClock::new()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .build()
        .expect("a multi-thread runtime");
    runtime.block_on(async {
        let started = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let cache = Arc::clone(&cache);
                let started = Arc::clone(&started);
                tokio::spawn(async move {
                    started.fetch_add(1, Ordering::SeqCst);
                    cache.get().await.map(|value| value.to_string())
                })
            })
            .collect();
        // Keep the first load in flight until every task has asked for the value.
        while started.load(Ordering::SeqCst) < 100 || store.loads() == 0 {
            tokio::task::yield_now().await;
        }
        store.release();
        for task in tasks {
            assert_eq!(task.await.expect("task runs").expect("loads"), "v1");
        }
    });
    assert_eq!(store.loads(), 1);
}

/// Callers that ask while a reload is running share its outcome. The runtime has one thread so
/// that every caller provably reaches the gate before the reload ends: a caller arriving after a
/// failed reload rightly tries again, which would make the count depend on thread timing.
#[test]
fn concurrent_gets_of_an_expired_value_run_one_reload_and_share_its_error() {
    let store = Arc::new(Store::default());
    let clock = ManualClock::new();
    let cache = Arc::new(cache(&store, &clock));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        cache.get().await.expect("first load");
        clock.advance(MAX_AGE);
        store.fail(true);
        store.hold();
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.get().await.map(|value| value.to_string()) })
            })
            .collect();
        // Yielding runs the spawned tasks in order: the first starts the reload and waits in
        // the held load, the 99 others wait at the gate; only then is the load released.
        while store.loads() < 2 {
            tokio::task::yield_now().await;
        }
        store.release();
        for task in tasks {
            let error = task.await.expect("task runs").expect_err("no stale window");
            assert!(
                error.to_string().contains("store unavailable at load 2"),
                "{error}"
            );
        }
    });
    assert_eq!(store.loads(), 2, "one reload for the 100 callers");
}

#[test]
fn a_failed_reload_serves_the_last_good_value_inside_the_stale_window_and_reports_why() {
    let store = Arc::new(Store::default());
    let clock = ManualClock::new();
    let cache = cache(&store, &clock).serve_stale_for(Duration::from_secs(30));
    block_on(async {
        assert_eq!(*cache.get().await.expect("loads"), "v1");
        store.fail(true);

        clock.advance(MAX_AGE + Duration::from_secs(1));
        let stale = cache.get().await.expect("stale value served");
        assert_eq!(*stale, "v1");
        let error = stale.reload_error().expect("the failure is reported");
        assert!(
            error.to_string().contains("store unavailable at load 2"),
            "{error}"
        );
        assert_eq!(store.loads(), 2);

        // Every get past the max age tries again, one load each.
        clock.advance(Duration::from_secs(28));
        let stale = cache.get().await.expect("still inside the window");
        assert_eq!(*stale, "v1");
        assert!(stale.reload_error().is_some());
        assert_eq!(store.loads(), 3);

        clock.advance(Duration::from_secs(1));
        let error = cache.get().await.expect_err("the window is over");
        assert!(
            error.to_string().contains("store unavailable at load 4"),
            "{error}"
        );

        store.fail(false);
        let recovered = cache.get().await.expect("the store is back");
        assert_eq!(*recovered, "v5");
        assert!(recovered.reload_error().is_none());
    });
}

#[test]
fn without_a_stale_window_a_failed_reload_is_an_error() {
    let store = Arc::new(Store::default());
    let clock = ManualClock::new();
    let cache = cache(&store, &clock);
    block_on(async {
        cache.get().await.expect("loads");
        store.fail(true);
        clock.advance(MAX_AGE);
        let error = cache
            .get()
            .await
            .expect_err("expired and the reload failed");
        assert!(error.to_string().contains("store unavailable"), "{error}");
        let source = std::error::Error::source(&error).expect("the loader's error is the source");
        assert_eq!(source.to_string(), "store unavailable at load 2");
    });
}

#[test]
fn a_first_load_that_fails_is_an_error_and_the_next_get_tries_again() {
    let store = Arc::new(Store::default());
    let cache = cache(&store, &ManualClock::new()).serve_stale_for(Duration::from_secs(30));
    block_on(async {
        store.fail(true);
        assert!(cache.get().await.is_err(), "no good value to serve");
        store.fail(false);
        assert_eq!(*cache.get().await.expect("loads"), "v2");
    });
}

#[test]
fn refresh_loads_a_fresh_value_now() {
    let store = Arc::new(Store::default());
    let clock = ManualClock::new();
    let cache = cache(&store, &clock);
    block_on(async {
        assert_eq!(*cache.get().await.expect("loads"), "v1");
        let refreshed = cache.refresh().await.expect("refreshes");
        assert_eq!(*refreshed, "v2");
        assert_eq!(*cache.get().await.expect("cached"), "v2");
        assert_eq!(store.loads(), 2);

        // The refreshed value's max age counts from the refresh.
        clock.advance(MAX_AGE.saturating_sub(Duration::from_secs(1)));
        assert_eq!(*cache.get().await.expect("cached"), "v2");
        assert_eq!(store.loads(), 2);
    });
}

#[test]
fn a_failed_refresh_is_an_error_and_keeps_the_cached_value() {
    let store = Arc::new(Store::default());
    let cache = cache(&store, &ManualClock::new());
    block_on(async {
        cache.get().await.expect("loads");
        store.fail(true);
        let error = cache.refresh().await.expect_err("the refresh failed");
        assert!(error.to_string().contains("load 2"), "{error}");
        let cached = cache.get().await.expect("the fresh value stays");
        assert_eq!(*cached, "v1");
        assert!(cached.reload_error().is_none());
        assert_eq!(store.loads(), 2);
    });
}

#[test]
fn an_invalidated_value_is_reloaded_and_never_served_stale() {
    let store = Arc::new(Store::default());
    let cache = cache(&store, &ManualClock::new()).serve_stale_for(Duration::from_mins(10));
    block_on(async {
        cache.get().await.expect("loads");
        cache.invalidate();
        assert_eq!(*cache.get().await.expect("reloads"), "v2");
        cache.invalidate();
        store.fail(true);
        assert!(
            cache.get().await.is_err(),
            "the invalidated value is not served"
        );
    });
}

#[test]
fn a_snapstart_restore_drops_the_value_loaded_before_the_snapshot() {
    let store = Arc::new(Store::default());
    let cache = cache(&store, &ManualClock::new()).serve_stale_for(Duration::from_mins(10));
    let hook = cache.snapstart_hook();
    block_on(async {
        assert_eq!(*cache.get().await.expect("loaded during init"), "v1");
        hook.before_snapshot().await.expect("nothing to do");
        assert_eq!(*cache.get().await.expect("still cached"), "v1");
        hook.after_restore().await.expect("invalidates");
        assert_eq!(*cache.get().await.expect("reloaded after restore"), "v2");
        assert_eq!(store.loads(), 2);
    });
}
