use std::sync::atomic::{AtomicUsize, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Stats {
    name: &'static str,
    calls: AtomicUsize,
}

static STATS: Stats = Stats {
    name: "stats",
    calls: AtomicUsize::new(0),
};

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let calls = STATS.calls.fetch_add(STATS.name.len(), Ordering::Relaxed);
    Ok(calls)
}

fn main() {}
