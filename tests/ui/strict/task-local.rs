use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

tokio::task_local! {
    static REQUEST_ID: String;
}

#[invocation_handler(strict)]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let len = REQUEST_ID.with(String::len);
    Ok(len)
}

fn main() {}
