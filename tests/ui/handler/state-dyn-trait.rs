use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, out: &mut dyn std::io::Write) -> Result<(), Error> {
    out.write_all(event.payload.as_bytes())?;
    Ok(())
}

fn main() {}
