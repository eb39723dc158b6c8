use std::sync::atomic::{AtomicU64, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static HITS: AtomicU64 = AtomicU64::new(0);

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<u64, Error> {
    let hits = HITS.fetch_add(1, Ordering::Relaxed);
    Ok(hits)
}

fn main() {}
