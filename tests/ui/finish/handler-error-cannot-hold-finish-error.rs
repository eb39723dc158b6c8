use invocation_scope::{Finish, invocation_handler, per_invocation};
use lambda_runtime::LambdaEvent;

#[derive(Debug)]
struct MyError;

#[per_invocation]
struct Upload {
    parts: Vec<u8>,
}

impl Finish for Upload {
    type Error = std::io::Error;

    async fn finish(&mut self) -> Result<(), Self::Error> {
        self.parts.clear();
        Ok(())
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<u32>, upload: &mut Upload) -> Result<u32, MyError> {
    upload.parts.push(1);
    Ok(event.payload)
}

fn main() {}
