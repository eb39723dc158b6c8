use arc_swap::ArcSwapOption;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static CURRENT: ArcSwapOption<String> = ArcSwapOption::const_empty();

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<bool, Error> {
    let present = CURRENT.load().is_some();
    Ok(present)
}

fn main() {}
