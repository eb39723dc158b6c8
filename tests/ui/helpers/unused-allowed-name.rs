use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_scope::no_mutable_statics(allow(CACHE))]
mod report {
    pub fn count() -> usize {
        0
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    Ok(report::count())
}

fn main() {}
