//! One handler written three ways, measured side by side by `benches/overhead.rs` and, for
//! instruction counts, by `examples/overhead.rs` under callgrind.
//!
//! Each collects the strings of the event's `items` into a list and returns how many it kept.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

fn collect(items: &mut Vec<String>, payload: &Value) {
    let strings = payload["items"].as_array().into_iter().flatten();
    items.extend(strings.filter_map(Value::as_str).map(str::to_owned));
}

/// With `#[invocation_handler]` and a `#[per_invocation]` struct.
pub mod with_macro {
    use super::{Error, LambdaEvent, Value, collect};
    use invocation_scope::{invocation_handler, per_invocation};

    #[per_invocation]
    struct Report {
        items: Vec<String>,
    }

    /// The handler.
    #[invocation_handler]
    pub async fn handler(event: LambdaEvent<Value>, report: &mut Report) -> Result<usize, Error> {
        collect(&mut report.items, &event.payload);
        Ok(report.items.len())
    }
}

/// The same state built by hand as a local of the handler.
pub mod hand_written {
    use super::{Error, LambdaEvent, Value, collect};

    #[derive(Default)]
    struct Report {
        items: Vec<String>,
    }

    /// The handler.
    pub async fn handler(event: LambdaEvent<Value>) -> Result<usize, Error> {
        let mut report = Report::default();
        collect(&mut report.items, &event.payload);
        Ok(report.items.len())
    }
}

/// No state at all: counts the strings without keeping them.
pub mod no_state {
    use super::{Error, LambdaEvent, Value};

    /// The handler.
    pub async fn handler(event: LambdaEvent<Value>) -> Result<usize, Error> {
        let strings = event.payload["items"].as_array().into_iter().flatten();
        Ok(strings.filter_map(Value::as_str).map(str::to_owned).count())
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
