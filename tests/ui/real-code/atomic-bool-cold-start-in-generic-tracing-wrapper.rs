// The telemetry library's generic `traced_handler` wraps the handler and swaps `IS_COLD_START`, a `static AtomicBool`.
// Reduced from dev7a/serverless-otlp-forwarder, packages/rust/lambda-otel-lite/src/handler.rs.
// Verdict: refused (an atomic reached through a generic helper; `allow` it to keep the flag).
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static IS_COLD_START: AtomicBool = AtomicBool::new(true);

pub async fn traced_handler<T, R, F, Fut>(
    name: &'static str,
    event: LambdaEvent<T>,
    handler_fn: F,
) -> Result<R, Error>
where
    F: FnOnce(LambdaEvent<T>) -> Fut,
    Fut: Future<Output = Result<R, Error>>,
{
    let is_cold = IS_COLD_START.swap(false, Ordering::Relaxed);
    let span = format!("{name} faas.coldstart={is_cold} requestId={}", event.context.request_id);
    let result = handler_fn(event).await;
    if result.is_err() {
        return Err(format!("{span}: handler failed").into());
    }
    result
}

async fn api_handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(event.payload.len())
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    traced_handler("api-handler", event, api_handler).await
}

fn main() {}
