// The span processor logs with `LOGGER.warn(..)`, a plain `static Logger` made by `const fn const_new` (a prefix and a fn pointer).
// Reduced from dev7a/serverless-otlp-forwarder, packages/rust/lambda-otel-lite/src/{logger,processor}.rs.
// Verdict: accepted (plain immutable `static` of the crate's own type).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod logger {
    const DEFAULT_LOG_LEVEL: &str = "info";

    /// Logger with level filtering and consistent prefixing
    #[derive(Clone)]
    pub struct Logger {
        prefix: &'static str,
        log_level_fn: fn() -> &'static str,
    }

    impl Logger {
        /// Create a new logger with the given prefix that can be used in const contexts
        pub const fn const_new(prefix: &'static str) -> Self {
            Self {
                prefix,
                log_level_fn: || DEFAULT_LOG_LEVEL,
            }
        }

        fn log_level(&self) -> &'static str {
            (self.log_level_fn)()
        }

        pub fn warn(&self, message: impl AsRef<str>) -> Option<String> {
            match self.log_level() {
                "none" | "error" => None,
                _ => Some(format!("[{}] {}", self.prefix, message.as_ref())),
            }
        }
    }
}

mod processor {
    use crate::logger::Logger;

    static LOGGER: Logger = Logger::const_new("processor");

    pub struct LambdaSpanProcessor {
        pub is_shutdown: bool,
    }

    impl LambdaSpanProcessor {
        pub fn on_end(&self, span: String) -> Option<String> {
            if self.is_shutdown {
                return LOGGER.warn("LambdaSpanProcessor.on_end: processor is shut down, dropping span");
            }
            Some(span)
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<Option<String>, Error> {
    let processor = processor::LambdaSpanProcessor { is_shutdown: false };
    Ok(processor.on_end(event.payload))
}

fn main() {}
