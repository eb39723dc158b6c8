use std::sync::atomic::Ordering;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod state {
    use std::sync::atomic::AtomicU32;

    pub static COUNTER: AtomicU32 = AtomicU32::new(0);
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    use state::COUNTER as HITS;
    let n = HITS.load(Ordering::Relaxed);
    Ok(n)
}

fn main() {}
