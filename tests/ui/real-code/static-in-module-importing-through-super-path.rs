// A nested helper module imports its map type with `use super::super::HashMap` and keeps a cache in
// a `LazyLock<Mutex<HashMap<..>>>`: a `super::` import must not hide the module's statics.
// Shape of 46ki75/web's SSM parameter cache, with the map type imported from the crate root. Verdict: refused (a lock).
use std::collections::HashMap;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod cache {
    pub mod ssm_parameter {
        use super::super::HashMap;
        use std::sync::{LazyLock, Mutex};

        static PARAMETERS: LazyLock<Mutex<HashMap<String, String>>> =
            LazyLock::new(|| Mutex::new(HashMap::new()));

        pub fn get(name: String) -> String {
            PARAMETERS
                .lock()
                .unwrap()
                .entry(name)
                .or_insert_with_key(|name| format!("value of {name}"))
                .clone()
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(cache::ssm_parameter::get(event.payload))
}

fn main() {}
