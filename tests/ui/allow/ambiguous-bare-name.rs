use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod users {
    use std::sync::Mutex;
    pub static CACHE: Mutex<Vec<String>> = Mutex::new(Vec::new());
    pub fn remember(user: &str) {
        CACHE.lock().unwrap().push(user.to_owned());
    }
}

mod orders {
    use std::sync::Mutex;
    pub static CACHE: Mutex<Vec<u64>> = Mutex::new(Vec::new());
    pub fn remember(order: u64) {
        CACHE.lock().unwrap().push(order);
    }
}

#[invocation_handler(allow(CACHE))]
async fn handler(event: LambdaEvent<String>) -> Result<(), Error> {
    users::remember(&event.payload);
    orders::remember(1);
    Ok(())
}

fn main() {}
