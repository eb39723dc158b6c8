use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static NAME: &str = "name";

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    // The items the checks declare cannot be named from the body.
    let _ = __invocation_scope_probe;
    let _ = NAME;
    Ok(0)
}

fn main() {}
