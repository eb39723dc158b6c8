use invocation_scope::{InvocationFacts, invocation_handler};
use lambda_runtime::{Error, LambdaEvent};

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, facts: &InvocationFacts) -> Result<bool, Error> {
    Ok(facts.is_cold_start() && event.payload.is_empty())
}

fn main() {}
