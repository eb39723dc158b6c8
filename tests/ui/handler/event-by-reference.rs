use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

#[per_invocation]
struct Report {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(event: &LambdaEvent<String>, report: &mut Report) -> Result<usize, Error> {
    report.items.push(event.payload.clone());
    Ok(report.items.len())
}

fn main() {}
