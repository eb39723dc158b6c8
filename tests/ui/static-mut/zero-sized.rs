use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static mut WARMED: () = ();

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<(), Error> {
    // SAFETY: for the example only; the check refuses it anyway.
    unsafe { WARMED = () };
    Ok(())
}

fn main() {}
