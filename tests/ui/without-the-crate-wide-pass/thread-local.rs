use std::cell::RefCell;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

thread_local! {
    static SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

#[invocation_handler(crate_wide = false)]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let seen = SEEN.with(|seen| seen.borrow().len());
    Ok(seen)
}

fn main() {}
