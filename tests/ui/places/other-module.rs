use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod state {
    use std::sync::Mutex;

    pub static CACHE: Mutex<Vec<String>> = Mutex::new(Vec::new());
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let len = crate::state::CACHE.lock().unwrap().len();
    Ok(len)
}

fn main() {}
