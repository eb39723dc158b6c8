use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, items: &mut impl Extend<String>) -> Result<(), Error> {
    items.extend([event.payload]);
    Ok(())
}

fn main() {}
