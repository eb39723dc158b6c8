use std::sync::OnceLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static TENANT: OnceLock<String> = OnceLock::new();

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    let tenant = TENANT.get_or_init(|| event.payload.clone());
    Ok(tenant.clone())
}

fn main() {}
