//! The global-list handler of `examples/global-list` written three ways, measured side by side:
//! in process by `benches/overhead.rs` (criterion) and `examples/overhead.rs` (callgrind), and
//! as real Lambda binaries (`src/bin/global-list-*.rs`) by `benches/end_to_end.rs`.
//!
//! Each collects the strings of the event's `items` and answers `{"count": n, "items": [...]}`.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

fn collect(items: &mut Vec<String>, payload: &Value) {
    let strings = payload["items"].as_array().into_iter().flatten();
    items.extend(strings.filter_map(Value::as_str).map(str::to_owned));
}

/// With `#[invocation_handler]` and a `#[per_invocation]` struct.
pub mod with_macro {
    use super::{Error, LambdaEvent, Value, collect, json};
    use invocation_scope::{invocation_handler, per_invocation};

    #[per_invocation]
    struct Report {
        items: Vec<String>,
    }

    /// The handler.
    #[invocation_handler]
    pub async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<Value, Error> {
        collect(&mut report.items, &event.payload);
        Ok(json!({ "count": report.items.len(), "items": report.items }))
    }
}

/// The same state built by hand as a local of the handler.
pub mod hand_written {
    use super::{Error, LambdaEvent, Value, collect, json};

    #[derive(Default)]
    struct Report {
        items: Vec<String>,
    }

    /// The handler.
    pub async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
        let mut report = Report::default();
        collect(&mut report.items, &event.payload);
        Ok(json!({ "count": report.items.len(), "items": report.items }))
    }
}

/// No state at all: the answer is built straight from the event.
pub mod no_state {
    use super::{Error, LambdaEvent, Value, json};

    /// The handler.
    pub async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
        let strings = event.payload["items"].as_array().into_iter().flatten();
        let items: Vec<&str> = strings.filter_map(Value::as_str).collect();
        Ok(json!({ "count": items.len(), "items": items }))
    }
}

/// Runs a future that never waits, with no runtime, so that only the handler is measured.
///
/// # Panics
///
/// If the future is not ready on its first poll.
pub fn complete<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the measured handlers never wait"),
    }
}
