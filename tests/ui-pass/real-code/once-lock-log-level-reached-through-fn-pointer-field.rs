// A `Logger` made with `Logger::new` stores the fn pointer `get_log_level` in a field; each `warn`
// calls it, and it reads `LOG_LEVEL`, a `OnceLock<&'static str>` filled from the environment.
// Reduced from dev7a/serverless-otlp-forwarder, packages/rust/lambda-otel-lite/src/logger.rs. Verdict: accepted.
use std::env;
use std::sync::OnceLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

// Global log level cache
static LOG_LEVEL: OnceLock<&'static str> = OnceLock::new();

/// Get the log level from environment variables
fn get_log_level() -> &'static str {
    LOG_LEVEL.get_or_init(|| {
        let level = env::var("AWS_LAMBDA_LOG_LEVEL")
            .or_else(|_| env::var("LOG_LEVEL"))
            .unwrap_or_else(|_| "info".to_string())
            .to_lowercase();

        match level.as_str() {
            "none" | "error" | "warn" | "info" | "debug" => Box::leak(level.into_boxed_str()),
            _ => "info",
        }
    })
}

/// Logger with level filtering and consistent prefixing
#[derive(Clone)]
pub struct Logger {
    prefix: &'static str,
    log_level_fn: fn() -> &'static str,
}

impl Logger {
    /// Create a new logger with the given prefix
    pub fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            log_level_fn: get_log_level,
        }
    }

    pub fn warn(&self, message: &str) -> Option<String> {
        match (self.log_level_fn)() {
            "none" | "error" => None,
            _ => Some(format!("[{}] {message}", self.prefix)),
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<Option<String>, Error> {
    let logger = Logger::new("handler");
    Ok(logger.warn(&event.payload))
}

fn main() {}
