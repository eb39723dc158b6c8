use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Service {
    seen: Vec<String>,
}

impl Service {
    #[invocation_handler]
    async fn handle(&mut self, event: LambdaEvent<String>) -> Result<usize, Error> {
        self.seen.push(event.payload);
        Ok(self.seen.len())
    }
}

fn main() {}
