//! The expansion trips no lint in a crate that denies them all and forbids `unsafe`.
//! `cargo clippy --all-targets -- -D warnings` checks this file in CI.

#![deny(warnings, clippy::all, clippy::pedantic)]
#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use invocation_scope::{Invocation, invocation_handler, no_mutable_statics, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

#[per_invocation]
struct Named {
    items: Vec<String>,
    #[per_invocation(init = 3)]
    limit: usize,
}

#[per_invocation]
struct Tuple(Vec<u8>);

#[per_invocation]
struct Unit;

#[per_invocation]
struct Generic<T> {
    values: Vec<T>,
}

#[per_invocation(new = Built::new)]
struct Built {
    ready: bool,
}

impl Built {
    fn new() -> Self {
        Built { ready: true }
    }
}

#[per_invocation(from_invocation = Tagged::new)]
struct Tagged {
    request_id: String,
}

impl Tagged {
    fn new(invocation: Invocation<'_>) -> Self {
        Tagged {
            request_id: invocation.request_id().unwrap_or_default().to_owned(),
        }
    }
}

/// A handler with every kind of state.
///
/// # Errors
///
/// Never; the signature is Lambda's.
#[invocation_handler]
pub async fn handler(
    event: LambdaEvent<String>,
    named: &mut Named,
    tuple: &mut Tuple,
    _unit: &mut Unit,
    generic: &mut Generic<u8>,
    built: &mut Built,
    tagged: &mut Tagged,
) -> Result<String, Error> {
    tokio::task::yield_now().await;
    named.items.push(event.payload);
    tuple.0.push(1);
    generic.values.push(2);
    Ok(format!(
        "{} {} {} {} {} {}",
        named.items.len(),
        named.limit,
        tuple.0.len(),
        generic.values.len(),
        built.ready,
        tagged.request_id
    ))
}

#[test]
fn a_strictly_linted_crate_runs_the_handler() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let response = runtime
        .block_on(handler(invocation_scope_tests::event(
            "x".to_owned(),
            "req",
        )))
        .expect("handler succeeds");
    assert_eq!(response, "1 3 1 1 true req");
}

const PREFIX: &str = "n=";
static NAMES: [&str; 2] = ["a", "b"];
static HITS: AtomicUsize = AtomicUsize::new(0);

/// Checked helpers: every path below is probed, and the probes trip no lint.
#[no_mutable_statics]
mod helpers {
    pub(crate) fn label(count: usize) -> String {
        format!("{}{count}{}", super::PREFIX, super::NAMES.len())
    }
}

/// A handler whose body is checked, with an allowed static.
///
/// # Errors
///
/// Never; the signature is Lambda's.
#[invocation_handler(allow(HITS))]
pub async fn checked_handler(event: LambdaEvent<String>) -> Result<String, Error> {
    static LOCAL: &str = "local";
    tokio::task::yield_now().await;
    HITS.fetch_add(1, Ordering::Relaxed);
    Ok(format!(
        "{} {} {PREFIX} {LOCAL} {}",
        helpers::label(event.payload.len()),
        NAMES[0],
        u8::MAX
    ))
}

#[test]
fn a_strictly_linted_crate_runs_a_checked_handler() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let response = runtime
        .block_on(checked_handler(invocation_scope_tests::event(
            "xy".to_owned(),
            "req",
        )))
        .expect("handler succeeds");
    assert_eq!(response, "n=22 a n= local 255");
}
