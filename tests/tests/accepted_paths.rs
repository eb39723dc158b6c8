//! Paths that name no shared mutable state compile inside checked code, and run as written.

// Lambda handlers are `async` whether or not they await: `service_fn` calls them for a future.
#![allow(clippy::unused_async)]
// SCREAMING_CASE locals, parameters and bindings are part of what must be accepted.
#![allow(non_snake_case)]

use std::sync::Mutex;

use invocation_scope::{invocation_handler, no_mutable_statics, per_invocation};
use invocation_scope_tests::event;
use lambda_runtime::{Error, LambdaEvent};

const LIMIT: usize = 3;
const NAMES: [&str; 2] = ["a", "b"];
/// Consts with destructors.
const NO_ITEMS: Vec<String> = Vec::new();
const NO_TEXT: String = String::new();

static GREETING: &str = "hello";
static PRIMES: [u32; 4] = [2, 3, 5, 7];

struct Config {
    retries: u32,
    name: &'static str,
}

static CONFIG: Config = Config {
    retries: 2,
    name: "config",
};

fn double(value: u32) -> u32 {
    value * 2
}

static TRANSFORM: fn(u32) -> u32 = double;

#[derive(Debug, PartialEq)]
#[allow(clippy::upper_case_acronyms)]
enum Level {
    LOW,
    HIGH,
}

use Level::HIGH;

#[derive(Debug)]
#[allow(clippy::upper_case_acronyms)]
struct MARKER;

mod limits {
    pub(crate) const MAX_RETRIES: u32 = 5;
    pub(crate) static REGION: &str = "eu-west-1";
}

#[invocation_handler]
async fn consts_and_immutable_statics(event: LambdaEvent<u32>) -> Result<String, Error> {
    let mut items = NO_ITEMS;
    items.push(NO_TEXT);
    let content_type = http::header::CONTENT_TYPE;
    let accept = {
        use http::header::ACCEPT;
        ACCEPT
    };
    Ok(format!(
        "{LIMIT} {} {} {} {} {} {} {} {} {} {} {GREETING}",
        NAMES.len(),
        items.len(),
        PRIMES[1],
        CONFIG.retries,
        CONFIG.name,
        TRANSFORM(event.payload),
        limits::MAX_RETRIES,
        crate::limits::REGION,
        content_type,
        accept,
    ))
}

#[test]
fn consts_with_destructors_header_consts_and_immutable_statics_compile() {
    let response = runtime()
        .block_on(consts_and_immutable_statics(event(4, "req")))
        .expect("handler succeeds");
    assert_eq!(
        response,
        "3 2 1 3 2 config 8 5 eu-west-1 content-type accept hello"
    );
}

trait Limits {
    const MAX_ITEMS: usize;
}

struct Small;

impl Limits for Small {
    const MAX_ITEMS: usize = 2;
}

#[invocation_handler]
async fn associated_consts<T: Limits>(event: LambdaEvent<u64>) -> Result<String, Error> {
    Ok(format!(
        "{} {} {}",
        event.payload.min(u64::from(u32::MAX)),
        T::MAX_ITEMS,
        f64::EPSILON > 0.0
    ))
}

struct Service;

impl Service {
    const LIMIT: usize = 9;

    #[invocation_handler]
    async fn handle(&self, _event: LambdaEvent<()>) -> Result<usize, Error> {
        Ok(Self::LIMIT)
    }
}

#[test]
fn associated_consts_compile() {
    let runtime = runtime();
    assert_eq!(
        runtime
            .block_on(associated_consts::<Small>(event(7, "req")))
            .expect("handler succeeds"),
        "7 2 true"
    );
    assert_eq!(
        runtime
            .block_on(Service.handle(event((), "req")))
            .expect("handler succeeds"),
        9
    );
}

#[invocation_handler]
async fn variants_and_unit_structs(_event: LambdaEvent<()>) -> Result<String, Error> {
    let level = HIGH;
    let low = Level::LOW;
    Ok(format!("{level:?} {low:?} {MARKER:?}"))
}

#[test]
fn screaming_case_variants_and_unit_structs_compile() {
    let response = runtime()
        .block_on(variants_and_unit_structs(event((), "req")))
        .expect("handler succeeds");
    assert_eq!(response, "HIGH LOW MARKER");
}

#[per_invocation]
struct Seen {
    values: Vec<u32>,
}

#[invocation_handler]
async fn screaming_bindings(
    event: LambdaEvent<Vec<u32>>,
    MAX_LEN: usize,
    seen: &mut Seen,
) -> Result<String, Error> {
    let TOTAL: u32 = event.payload.iter().sum();
    for VALUE in &event.payload {
        seen.values.push(*VALUE);
    }
    let FIRST = match event.payload.first() {
        Some(FOUND) => *FOUND,
        None => 0,
    };
    let doubled: Vec<u32> = event.payload.iter().map(|ITEM| ITEM * 2).collect();
    let (LEFT, RIGHT) = (TOTAL, FIRST);
    Ok(format!(
        "{TOTAL} {FIRST} {LEFT} {RIGHT} {} {doubled:?} {}",
        MAX_LEN.min(seen.values.len()),
        seen.values.len()
    ))
}

#[test]
fn screaming_case_locals_parameters_and_bindings_compile() {
    let response = runtime()
        .block_on(screaming_bindings(event(vec![1, 2, 3], "req"), 2))
        .expect("handler succeeds");
    assert_eq!(response, "6 1 6 1 2 [2, 4, 6] 3");
}

#[invocation_handler]
async fn const_generic<const SIZE: usize>(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let buffer = [0_u8; SIZE];
    Ok(buffer.len() + SIZE)
}

#[test]
fn const_generics_compile() {
    let response = runtime()
        .block_on(const_generic::<4>(event((), "req")))
        .expect("handler succeeds");
    assert_eq!(response, 8);
}

#[invocation_handler]
async fn items_in_the_body(_event: LambdaEvent<()>) -> Result<String, Error> {
    static LOCAL_NAMES: [&str; 2] = ["x", "y"];
    const LOCAL_LIMIT: u32 = 5;
    let joined = LOCAL_NAMES.join(",");
    Ok(format!("{joined} {LOCAL_LIMIT}"))
}

#[test]
fn immutable_statics_and_consts_declared_in_the_body_compile() {
    let response = runtime()
        .block_on(items_in_the_body(event((), "req")))
        .expect("handler succeeds");
    assert_eq!(response, "x,y 5");
}

/// A cache shared on purpose, allowed by name.
static WARM_CACHE: Mutex<Vec<u32>> = Mutex::new(Vec::new());

#[invocation_handler(allow(WARM_CACHE))]
async fn allowed_cache(event: LambdaEvent<u32>) -> Result<usize, Error> {
    let mut cache = WARM_CACHE.lock().map_err(|_| "poisoned cache")?;
    cache.push(event.payload);
    Ok(cache.len())
}

#[test]
fn an_allowed_static_compiles_and_is_shared() {
    let runtime = runtime();
    let first = runtime
        .block_on(allowed_cache(event(1, "a")))
        .expect("handler succeeds");
    let second = runtime
        .block_on(allowed_cache(event(2, "b")))
        .expect("handler succeeds");
    assert_eq!(second, first + 1, "the allowed cache is shared, as asked");
}

/// An allowed static named by its path.
mod counters {
    pub(super) static SERVED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
}

#[invocation_handler(allow(counters::SERVED))]
async fn allowed_by_path(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(counters::SERVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1)
}

#[test]
fn a_static_allowed_by_its_path_compiles() {
    let runtime = runtime();
    let first = runtime
        .block_on(allowed_by_path(event((), "a")))
        .expect("handler succeeds");
    let second = runtime
        .block_on(allowed_by_path(event((), "b")))
        .expect("handler succeeds");
    assert_eq!(second, first + 1, "the allowed counter is shared, as asked");
}

/// Helpers under `no_mutable_statics` that use only consts, immutable statics and locals.
#[no_mutable_statics]
mod report {
    pub(crate) const SEPARATOR: &str = ", ";
    static PREFIX: &str = "items: ";

    pub(crate) fn render(items: &[String]) -> String {
        let ITEMS = items.join(SEPARATOR);
        format!("{PREFIX}{ITEMS}")
    }

    pub(crate) struct Formatter;

    impl Formatter {
        const EMPTY: &'static str = "none";

        // A method, so that `impl` blocks inside the module are checked too.
        #[allow(clippy::unused_self)]
        pub(crate) fn render_or_none(&self, items: &[String]) -> String {
            if items.is_empty() {
                Self::EMPTY.to_owned()
            } else {
                render(items)
            }
        }
    }
}

#[test]
fn helpers_under_no_mutable_statics_compile() {
    assert_eq!(
        report::render(&["a".to_owned(), "b".to_owned()]),
        "items: a, b"
    );
    assert_eq!(report::Formatter.render_or_none(&[]), "none");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
}
