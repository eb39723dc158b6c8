use invocation_scope::{Finish, invocation_handler, per_invocation};

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
async fn handler(payload: u32, upload: &mut Upload) -> u32 {
    upload.parts.push(1);
    payload
}

fn main() {}
