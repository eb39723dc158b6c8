// A `thread_local!` buffer filled by a helper: each warm invocation on the thread sees the last.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/thread_local/buffer.rs"]
mod buffer;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(buffer::append(event.payload))
}

fn main() {}
