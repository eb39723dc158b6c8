use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod limits {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    static REQUESTS_BY_IP: LazyLock<Mutex<HashMap<String, u32>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));

    pub fn allowed(ip: &str) -> bool {
        let mut requests = REQUESTS_BY_IP.lock().unwrap();
        let count = requests.entry(ip.to_owned()).or_insert(0);
        *count += 1;
        *count <= 100
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<bool, Error> {
    Ok(limits::allowed(&event.payload))
}

fn main() {}
