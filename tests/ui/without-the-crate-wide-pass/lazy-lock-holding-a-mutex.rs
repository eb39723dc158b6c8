use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static SESSIONS: LazyLock<Mutex<HashMap<String, String>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

#[invocation_handler(crate_wide = false)]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let mut sessions = SESSIONS.lock().unwrap();
    sessions.insert(event.payload.clone(), event.context.request_id.clone());
    Ok(sessions.len())
}

fn main() {}
