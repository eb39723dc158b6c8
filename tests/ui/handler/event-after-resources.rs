use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Shared {
    greeting: String,
}

#[invocation_handler]
async fn handler(shared: &Shared, event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(format!("{} {}", shared.greeting, event.payload))
}

fn main() {}
