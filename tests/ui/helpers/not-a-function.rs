use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[invocation_scope::no_mutable_statics]
struct Report {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    Ok(Report { items: Vec::new() }.items.len())
}

fn main() {}
