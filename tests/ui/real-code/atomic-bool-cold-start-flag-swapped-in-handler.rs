// Each URL-shortener function swaps `IS_COLD_START`, a `static AtomicBool`, on every invocation to tag its span.
// Reduced from rust-lambda/code-samples, chapter-09/lambdas/visit_link/src/main.rs.
// Verdict: refused (an atomic; a cold-start flag is kept across invocations on purpose: `allow` it).
use std::sync::atomic::{AtomicBool, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static IS_COLD_START: AtomicBool = AtomicBool::new(true);

async fn function_handler(link_id: &str) -> Result<String, Error> {
    Ok(format!("https://example.com/{link_id}"))
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<(bool, String), Error> {
    let was_cold_start = IS_COLD_START.swap(false, Ordering::SeqCst);

    let res = function_handler(&event.payload).await?;

    Ok((was_cold_start, res))
}

fn main() {}
