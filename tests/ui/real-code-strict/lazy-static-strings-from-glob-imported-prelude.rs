// Stage functions `use flock::prelude::*` and read `lazy_static!` strings and numbers parsed from the embedded `flock.toml`.
// Reduced from flock-lab/flock, flock/src/configs/mod.rs and flock-function/src/aws/actor.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod flock {
    pub mod configs {
        use lazy_static::lazy_static;
        use std::collections::HashMap;

        /// Stands for `include_str!("./flock.toml")`.
        const FLOCK_TOML: &str = "max_invoke_retries=3\nconcurrency=1\n";

        lazy_static! {
            /// Global settings.
            pub static ref FLOCK_CONF: HashMap<&'static str, &'static str> =
                FLOCK_TOML.lines().filter_map(|line| line.split_once('=')).collect();
            /// Asynchronous invocation.
            pub static ref FLOCK_LAMBDA_ASYNC_CALL: String = "Event".to_string();
            /// Synchronous invocation.
            pub static ref FLOCK_LAMBDA_SYNC_CALL: String = "RequestResponse".to_string();
            /// The maximum number of retries when invoking the next function.
            pub static ref FLOCK_LAMBDA_MAX_RETRIES: usize =
                FLOCK_CONF.get("max_invoke_retries").and_then(|n| n.parse().ok()).unwrap_or(1);
        }
    }

    pub mod prelude {
        pub use super::configs::*;
    }
}

mod actor {
    use crate::flock::prelude::*;

    pub async fn invoke_next_functions(sync: bool) -> Result<(String, usize), lambda_runtime::Error> {
        let invocation_type = if sync {
            FLOCK_LAMBDA_SYNC_CALL.to_string()
        } else {
            FLOCK_LAMBDA_ASYNC_CALL.to_string()
        };
        Ok((invocation_type, *FLOCK_LAMBDA_MAX_RETRIES))
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<bool>) -> Result<(String, usize), Error> {
    actor::invoke_next_functions(event.payload).await
}

fn main() {}
