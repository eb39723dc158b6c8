use std::sync::atomic::{AtomicU32, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Totals {
    total: u32,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    let totals = Totals {
        total: COUNTER.load(Ordering::Relaxed),
    };
    Ok(totals.total)
}

fn main() {}
