//! The expansion trips no lint in a crate that denies them all and forbids `unsafe`.
//! `cargo clippy --all-targets -- -D warnings` checks this file in CI.

#![deny(warnings, clippy::all, clippy::pedantic)]
#![forbid(unsafe_code)]

use invocation_scope::{Invocation, invocation_handler, per_invocation};
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
