//! Correct code that the crate-wide pass must accept. This file is its own crate, so the pass
//! indexes exactly what is here: each handler compiles only if the pass finds nothing wrong
//! with what it reaches, and the tests then run the handlers.

// Handlers are `async` because lambda_runtime awaits them, even when their body does not.
#![allow(clippy::unused_async)]

use invocation_scope::invocation_handler;
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent};

/// Mutable state used only by code that no handler calls.
mod ledger {
    use std::sync::Mutex;

    static AUDIT: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub(crate) fn audit(entry: &str) -> usize {
        let mut audit = AUDIT.lock().unwrap();
        audit.push(entry.to_owned());
        audit.len()
    }

    pub(crate) fn bracket(entry: &str) -> String {
        format!("[{entry}]")
    }
}

/// Immutable statics, read through helpers: a private struct, an array, a `&str`.
mod catalogue {
    struct Limits {
        max_items: usize,
        name: &'static str,
    }

    static LIMITS: Limits = Limits {
        max_items: 3,
        name: "default",
    };
    static UNITS: [&str; 3] = ["g", "kg", "t"];
    static GREETING: &str = "hello";

    pub(crate) fn limit() -> usize {
        LIMITS.max_items
    }

    pub(crate) fn unit(index: usize) -> &'static str {
        UNITS[index % UNITS.len()]
    }

    pub(crate) fn greet() -> String {
        format!("{GREETING} {}", LIMITS.name)
    }
}

/// Twins: only the second is compiled, and its `next_id` keeps no state.
#[cfg(any())]
mod backend {
    use std::sync::atomic::{AtomicU32, Ordering};

    static NEXT: AtomicU32 = AtomicU32::new(0);

    pub(crate) fn next_id() -> u32 {
        NEXT.fetch_add(1, Ordering::Relaxed)
    }
}

#[cfg(not(any()))]
mod backend {
    pub(crate) fn next_id() -> u32 {
        7
    }
}

/// A local that shares its name with a static of another module, which only an unreachable
/// function uses.
mod tally {
    pub(crate) fn count(items: &[&str]) -> usize {
        let mut counter = 0;
        for item in items {
            counter += usize::from(!item.is_empty());
        }
        counter
    }
}

mod metrics {
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[allow(non_upper_case_globals)]
    static counter: AtomicUsize = AtomicUsize::new(0);

    pub(crate) fn bump() -> usize {
        counter.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// A method named like `Vec::push`: methods are followed by name, so `stop_at` rules it out.
mod registry {
    use std::sync::Mutex;

    static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub(crate) struct Registry(pub(crate) &'static str);

    impl Registry {
        pub(crate) fn push(&self, name: &str) -> usize {
            let mut names = NAMES.lock().unwrap();
            names.push(format!("{}{name}", self.0));
            names.len()
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Vec<String>>) -> Result<String, Error> {
    let items: Vec<&str> = event.payload.iter().map(String::as_str).collect();
    let count = tally::count(&items).min(catalogue::limit());
    let id = backend::next_id();
    Ok(format!(
        "{} {count}{} {}",
        catalogue::greet(),
        catalogue::unit(count),
        ledger::bracket(&id.to_string())
    ))
}

#[invocation_handler(stop_at(registry::Registry::push))]
async fn collect(event: LambdaEvent<Vec<String>>) -> Result<usize, Error> {
    let mut names = Vec::new();
    for name in event.payload {
        names.push(name);
    }
    Ok(names.len())
}

// `audit` pushes to a `Vec`, which the pass follows by name to `Registry::push` too.
#[invocation_handler(allow(ledger::AUDIT), stop_at(registry::Registry::push))]
async fn audited(event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(ledger::audit(&event.payload))
}

#[invocation_handler(crate_wide = false)]
async fn unchecked(event: LambdaEvent<()>) -> Result<usize, Error> {
    let () = event.payload;
    Ok(metrics::bump())
}

#[tokio::test]
async fn handlers_that_reach_no_mutable_static_compile_and_run() {
    let names = vec!["a".to_owned(), String::new(), "b".to_owned()];
    let greeting = handler(event(names.clone(), "req-1")).await.unwrap();
    assert_eq!(greeting, "hello default 2t [7]");
    assert_eq!(collect(event(names, "req-2")).await.unwrap(), 3);
}

#[tokio::test]
async fn allowed_and_unchecked_handlers_keep_their_shared_state() {
    assert_eq!(audited(event("x".to_owned(), "req-1")).await.unwrap(), 1);
    assert_eq!(audited(event("y".to_owned(), "req-2")).await.unwrap(), 2);
    assert_eq!(unchecked(event((), "req-3")).await.unwrap(), 1);
    assert_eq!(registry::Registry("r-").push("n"), 1);
}
