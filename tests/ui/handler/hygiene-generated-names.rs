use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

#[per_invocation]
struct Report {
    items: Vec<String>,
}

// The locals the expansion declares cannot be named from the body.
#[invocation_handler]
async fn handler(event: LambdaEvent<String>, report: &mut Report) -> Result<usize, Error> {
    report.items.push(event.payload);
    let _ = __invocation_scope_invocation;
    Ok(__invocation_scope_state_0.items.len())
}

fn main() {}
