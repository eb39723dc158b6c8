// `events::record_event` filters by `get_min_level()`, a `OnceLock<EventLevel>` read from `AWS_LAMBDA_LOG_LEVEL`.
// Reduced from dev7a/serverless-otlp-forwarder, packages/rust/lambda-otel-lite/src/events.rs.
// Verdict: accepted (once-cell initialized by a closure that captures nothing).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod events {
    use std::env;
    use std::sync::OnceLock;

    #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
    pub enum EventLevel {
        Trace = 1,
        Debug = 5,
        Info = 9,
        Warn = 13,
        Error = 17,
    }

    /// Cached minimum event level for performance
    static MIN_LEVEL: OnceLock<EventLevel> = OnceLock::new();

    /// Get the minimum event level from environment configuration
    fn get_min_level() -> EventLevel {
        *MIN_LEVEL.get_or_init(|| get_min_level_with_env_vars("AWS_LAMBDA_LOG_LEVEL", "LOG_LEVEL"))
    }

    fn get_min_level_with_env_vars(primary_var: &str, fallback_var: &str) -> EventLevel {
        let level = env::var(primary_var)
            .or_else(|_| env::var(fallback_var))
            .unwrap_or_else(|_| "info".to_string())
            .to_uppercase();

        match level.as_str() {
            "ERROR" => EventLevel::Error,
            "WARN" => EventLevel::Warn,
            "DEBUG" => EventLevel::Debug,
            "TRACE" => EventLevel::Trace,
            _ => EventLevel::Info,
        }
    }

    pub fn record_event(level: EventLevel, message: &str, out: &mut Vec<String>) {
        if level < get_min_level() {
            return;
        }
        out.push(format!("{level:?}: {message}"));
    }
}

use events::{EventLevel, record_event};

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<Vec<String>, Error> {
    let mut recorded = Vec::new();
    record_event(EventLevel::Info, &format!("created {}", event.payload), &mut recorded);
    Ok(recorded)
}

fn main() {}
