use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

#[per_invocation]
struct Report {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, Report { items }: &mut Report) -> Result<usize, Error> {
    items.push(event.payload);
    Ok(items.len())
}

fn main() {}
