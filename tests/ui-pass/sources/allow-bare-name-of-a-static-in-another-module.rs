use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod models {
    pub mod user {
        use std::sync::Mutex;

        pub static EMAIL_CACHE: Mutex<Vec<String>> = Mutex::new(Vec::new());

        pub fn remember(email: &str) {
            EMAIL_CACHE.lock().unwrap().push(email.to_owned());
        }
    }
}

#[invocation_handler(allow(EMAIL_CACHE))]
async fn handler(event: LambdaEvent<String>) -> Result<(), Error> {
    models::user::remember(&event.payload);
    Ok(())
}

fn main() {}
