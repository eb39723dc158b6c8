// The static appears only inside a `macro_rules!` body that the handler invokes.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[path = "support/macro_only/audit.rs"]
#[macro_use]
mod audit;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<(), Error> {
    audit!(event.payload);
    Ok(())
}

fn main() {}
