use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod ffi {
    unsafe extern "C" {
        pub safe static environ: *const *const u8;
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<bool, Error> {
    Ok(ffi::environ.is_null())
}

fn main() {}
