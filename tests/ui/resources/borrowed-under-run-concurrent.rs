use invocation_scope::{invocation_handler, with_concurrent_resources};
use lambda_runtime::{Error, LambdaEvent};

struct Client;

#[invocation_handler]
async fn handler(_event: LambdaEvent<String>, _client: &&Client) -> Result<(), Error> {
    Ok(())
}

async fn run() -> Result<(), Error> {
    let client = Client;
    lambda_runtime::run_concurrent(with_concurrent_resources(&client, handler)).await
}

fn main() {}
