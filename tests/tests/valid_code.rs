//! Valid code that the checks once refused: each compiles as it does without the macros, and
//! runs as written.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]
// SCREAMING_CASE locals are part of what must be accepted.
#![allow(non_snake_case)]

use std::sync::Mutex;

use invocation_scope::{invocation_handler, no_mutable_statics, per_invocation};
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent};

const LIMIT: u32 = 3;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Binds a local under the name it is given.
macro_rules! bind {
    ($name:ident = $value:expr) => {
        let $name = $value;
    };
}

#[invocation_handler]
async fn local_bound_by_a_macro(event: LambdaEvent<u32>) -> Result<u32, Error> {
    bind!(LOCAL_N = event.payload + 1);
    Ok(LOCAL_N * 2)
}

#[invocation_handler]
async fn local_bound_by_select(event: LambdaEvent<u32>) -> Result<u32, Error> {
    let doubled = tokio::select! {
        MAXV = async { event.payload } => { MAXV * 2 }
    };
    Ok(doubled)
}

#[test]
fn screaming_case_locals_bound_inside_macros_compile() {
    let runtime = runtime();
    assert_eq!(
        runtime
            .block_on(local_bound_by_a_macro(event(4, "macro")))
            .unwrap(),
        10
    );
    assert_eq!(
        runtime
            .block_on(local_bound_by_select(event(4, "select")))
            .unwrap(),
        8
    );
}

#[invocation_handler]
async fn extern_static_in_the_body(_event: LambdaEvent<()>) -> Result<bool, Error> {
    unsafe extern "C" {
        // The C library's environment, foreign memory no constant can read.
        #[link_name = "environ"]
        static ENVIRON: *const *const std::ffi::c_char;
    }
    // SAFETY: `environ` is set before `main` and only read here.
    Ok(!unsafe { ENVIRON }.is_null())
}

#[no_mutable_statics]
mod environment {
    unsafe extern "C" {
        #[link_name = "environ"]
        static ENVIRON: *const *const std::ffi::c_char;
    }

    pub(crate) fn is_set() -> bool {
        // SAFETY: `environ` is set before `main` and only read here.
        !unsafe { ENVIRON }.is_null()
    }
}

#[cfg(target_os = "linux")]
#[test]
fn extern_statics_compile() {
    assert!(
        runtime()
            .block_on(extern_static_in_the_body(event((), "extern")))
            .unwrap()
    );
    assert!(environment::is_set());
}

#[per_invocation]
struct WithCfgFields {
    kept: Vec<u32>,
    #[cfg(any())]
    compiled_out: u32,
    #[cfg(test)]
    #[per_invocation(init = 7)]
    compiled_in: u32,
}

#[test]
fn cfg_disabled_fields_of_per_invocation_state_compile() {
    let fresh = <WithCfgFields as invocation_scope::PerInvocation>::fresh(
        invocation_scope::Invocation::unknown(),
    );
    assert!(fresh.kept.is_empty());
    assert_eq!(fresh.compiled_in, 7);
}

#[invocation_handler]
#[no_mutable_statics]
async fn handler_and_helper_attributes(event: LambdaEvent<u32>) -> Result<u32, Error> {
    Ok(event.payload.min(LIMIT))
}

#[no_mutable_statics]
#[no_mutable_statics]
fn helper_attribute_twice(value: u32) -> u32 {
    value.min(LIMIT)
}

#[invocation_handler]
#[invocation_handler]
async fn handler_attribute_twice(event: LambdaEvent<u32>) -> Result<u32, Error> {
    Ok(event.payload.min(LIMIT))
}

#[test]
fn two_of_the_attributes_on_one_function_using_a_const_compile() {
    let runtime = runtime();
    assert_eq!(
        runtime
            .block_on(handler_and_helper_attributes(event(9, "both")))
            .unwrap(),
        3
    );
    assert_eq!(helper_attribute_twice(1), 1);
    assert_eq!(
        runtime
            .block_on(handler_attribute_twice(event(2, "twice")))
            .unwrap(),
        2
    );
}

/// Shared by every invocation on purpose.
static CACHE: Mutex<Vec<u32>> = Mutex::new(Vec::new());

#[invocation_handler(allow(r#CACHE))]
async fn raw_allowed_name(event: LambdaEvent<u32>) -> Result<usize, Error> {
    let mut cache = CACHE.lock().map_err(|_| "poisoned")?;
    cache.push(event.payload);
    Ok(cache.len())
}

#[test]
fn a_raw_identifier_in_allow_matches_the_plain_name() {
    assert!(
        runtime()
            .block_on(raw_allowed_name(event(1, "raw")))
            .unwrap()
            >= 1
    );
}

/// Reaches `CACHE` only through a call: the crate-wide pass, not the token-level checks, meets it.
fn remember(value: u32) -> usize {
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.push(value);
    cache.len()
}

#[invocation_handler(allow(r#CACHE))]
async fn raw_allowed_name_reached_through_a_call(event: LambdaEvent<u32>) -> Result<usize, Error> {
    Ok(remember(event.payload))
}

#[test]
fn a_raw_identifier_in_allow_matches_a_static_reached_through_calls() {
    assert!(
        runtime()
            .block_on(raw_allowed_name_reached_through_a_call(event(1, "raw")))
            .unwrap()
            >= 1
    );
}

/// A method handler of an `impl` generic over a const: `CAP` is a value of the `impl`, which
/// the attribute on the method cannot see; the crate-wide pass tells the checks.
struct Capped<const CAP: usize>;

impl<const CAP: usize> Capped<CAP> {
    #[invocation_handler]
    async fn handle(&self, event: LambdaEvent<u32>) -> Result<usize, Error> {
        Ok(usize::try_from(event.payload)?.min(CAP))
    }
}

#[test]
fn a_const_generic_of_the_enclosing_impl_is_a_value_in_a_method_handler() {
    let runtime = runtime();
    assert_eq!(
        runtime
            .block_on(Capped::<3>.handle(event(7, "capped")))
            .unwrap(),
        3
    );
    assert_eq!(
        runtime
            .block_on(Capped::<3>.handle(event(2, "under")))
            .unwrap(),
        2
    );
}

unsafe extern "C" {
    // Declared at module level, outside the handler's tokens: the crate-wide pass reads it.
    #[link_name = "environ"]
    static PROCESS_ENVIRON: *const *const std::ffi::c_char;
}

mod ffi {
    unsafe extern "C" {
        #[link_name = "environ"]
        pub(crate) static C_ENVIRON: *const *const std::ffi::c_char;
    }
}

use ffi::C_ENVIRON;

#[invocation_handler]
async fn extern_statics_of_the_module(_event: LambdaEvent<()>) -> Result<bool, Error> {
    // SAFETY: `environ` is set before `main` and only read here.
    let (declared, imported) = unsafe { (PROCESS_ENVIRON, C_ENVIRON) };
    Ok(!declared.is_null() && declared == imported)
}

#[cfg(target_os = "linux")]
#[test]
fn extern_statics_declared_or_imported_by_the_module_compile() {
    assert!(
        runtime()
            .block_on(extern_statics_of_the_module(event((), "extern")))
            .unwrap()
    );
}
