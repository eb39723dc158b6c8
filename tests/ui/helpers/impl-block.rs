use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

struct Ids;

#[invocation_scope::no_mutable_statics]
impl Ids {
    fn next(&self) -> u32 {
        NEXT_ID.fetch_add(1, Ordering::Relaxed)
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(Ids.next())
}

fn main() {}
