// The global-list bug as people write it: the handler looks clean; a helper module keeps a
// private `static` list that a function two calls away pushes to.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[path = "support/global_list/helpers.rs"]
mod helpers;

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>) -> Result<usize, Error> {
    let count = helpers::record(&event.payload);
    Ok(count)
}

fn main() {}
