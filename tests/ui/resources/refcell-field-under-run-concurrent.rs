use std::cell::RefCell;

use invocation_scope::{invocation_handler, with_concurrent_resources};
use lambda_runtime::{Error, LambdaEvent};

struct Shared {
    seen: RefCell<Vec<String>>,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, shared: &Shared) -> Result<usize, Error> {
    shared.seen.borrow_mut().push(event.payload);
    Ok(shared.seen.borrow().len())
}

async fn run(shared: Shared) -> Result<(), Error> {
    lambda_runtime::run_concurrent(with_concurrent_resources(shared, handler)).await
}

fn main() {}
