use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

#[per_invocation]
struct Report {
    items: Vec<String>,
}

#[per_invocation]
struct Seen {
    keys: Vec<String>,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, state: &mut Report, state: &mut Seen) -> Result<usize, Error> {
    state.keys.push(event.payload);
    Ok(state.keys.len())
}

fn main() {}
