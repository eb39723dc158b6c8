// `init_exec_context!()` fills `static mut EXECUTION_CONTEXT` (plan and memory arena) under `INIT.call_once` and lends `&mut` to it.
// Reduced from flock-lab/flock, flock-function/src/aws/{cloud_context,main}.rs.
// Verdict: refused (`static mut`; the arena keeps the packets of earlier invocations).
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Once;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// Initializes the lambda function once and only once.
pub static INIT: Once = Once::new();

thread_local! {
    /// Is in the testing environment.
    pub static IS_TESTING: Cell<bool> = const { Cell::new(false) };
}

pub struct ExecutionContext {
    pub name: String,
}

/// Windows of data packets collected across invocations.
#[derive(Default)]
pub struct Arena(HashMap<u64, Vec<String>>);

/// A wrapper to allow the declaration of the execution context of the lambda function.
pub enum CloudFunctionContext {
    Lambda((Box<ExecutionContext>, Arena)),
    Uninitialized,
}

/// Lambda execution context.
pub static mut EXECUTION_CONTEXT: CloudFunctionContext = CloudFunctionContext::Uninitialized;

/// Performs an initialization routine once and only once.
macro_rules! init_exec_context {
    () => {{
        unsafe {
            let init_context = || {
                let name = std::env::var("FLOCK_FUNCTION").unwrap_or_default();
                EXECUTION_CONTEXT = CloudFunctionContext::Lambda((
                    Box::new(ExecutionContext { name }),
                    Arena::default(),
                ));
            };
            if IS_TESTING.with(|t| t.get()) {
                init_context();
            } else {
                INIT.call_once(init_context);
            }
            match &mut *&raw mut EXECUTION_CONTEXT {
                CloudFunctionContext::Lambda((ctx, arena)) => (ctx, arena),
                CloudFunctionContext::Uninitialized => panic!("Uninitialized execution context!"),
            }
        }
    }};
}

#[invocation_handler]
async fn handler(event: LambdaEvent<(u64, String)>) -> Result<usize, Error> {
    let (window, packet) = event.payload;
    let (ctx, arena) = init_exec_context!();
    let packets = arena.0.entry(window).or_default();
    packets.push(format!("{}: {packet}", ctx.name));
    Ok(packets.len())
}

fn main() {}
