// Before initializing, the handler reads `IS_TESTING`, a `thread_local!` `Cell<bool>` that tests set.
// Reduced from flock-lab/flock, flock-function/src/aws/cloud_context.rs.
// Verdict: refused (`thread_local!` holding a cell).
use std::cell::Cell;
use std::sync::Once;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

pub static INIT: Once = Once::new();

thread_local! {
    /// Is in the testing environment.
    pub static IS_TESTING: Cell<bool> = Cell::new(false);
}

fn init_context() {
    let _ = std::env::var("FLOCK_FUNCTION");
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    if IS_TESTING.with(|t| t.get()) {
        init_context();
    } else {
        INIT.call_once(init_context);
    }
    Ok(event.payload)
}

fn main() {}
