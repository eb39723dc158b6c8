use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod state {
    pub static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
}

#[invocation_handler(allow(state::COUNTER))]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(state::COUNTER.load(std::sync::atomic::Ordering::Relaxed))
}

fn main() {}
