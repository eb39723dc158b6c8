// A lowercase `Mutex` static, which no SCREAMING_CASE rule would flag, behind a helper.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/lowercase/seen.rs"]
mod seen;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<bool, Error> {
    Ok(seen::first_time(&event.payload))
}

fn main() {}
