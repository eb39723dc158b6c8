use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::Error;

#[per_invocation]
struct Report {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(report: &mut Report) -> Result<usize, Error> {
    report.items.push("one".to_owned());
    Ok(report.items.len())
}

fn main() {}
