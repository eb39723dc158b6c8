// The only way to the static is a trait method called on a `dyn Store`.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/dyn_store/store.rs"]
mod store;

use store::Store;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let backend: Box<dyn Store> = store::open();
    Ok(backend.save(event.payload))
}

fn main() {}
