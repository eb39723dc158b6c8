// The handler memoizes the AppConfig profiles it fetched in `CONFIG`, a `lazy_static!` `Mutex<HashMap<String, MyConfig>>`.
// Reduced from aws-samples/serverless-patterns, appconfig-lambda-rust/src/bin/handler.rs.
// Verdict: refused (a lock inside a `lazy_static!`; a deliberate cache needs `allow`).
use std::collections::HashMap;
use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::Value;

#[macro_use]
extern crate lazy_static;

lazy_static! {
    static ref CONFIG: Mutex<HashMap<String, MyConfig>> = Mutex::new(HashMap::new());
}

#[derive(Debug, Clone)]
pub struct MyConfig {
    pub id: u16,
    pub name: String,
}

async fn fetch_config(appconfig_profile: &str) -> Result<MyConfig, Error> {
    let appconfig_name = std::env::var("APP_CONFIG_NAME").unwrap_or_default();
    Ok(MyConfig {
        id: 1,
        name: format!("{appconfig_name}/{appconfig_profile}"),
    })
}

#[invocation_handler]
async fn function_handler(event: LambdaEvent<Value>) -> Result<(), Error> {
    let appconfig_profile = event.payload["profile"].as_str().unwrap_or("default").to_owned();
    if CONFIG.lock().unwrap().contains_key(&appconfig_profile) {
        println!(
            "CONFIG FROM HASHMAP{:?}",
            CONFIG.lock().unwrap().get(&appconfig_profile).unwrap()
        );
    } else {
        let config = fetch_config(&appconfig_profile).await?;
        println!("ADDED INTO HASHMAP{appconfig_profile:?}");
        CONFIG.lock().unwrap().insert(appconfig_profile, config);
    }

    Ok(())
}

fn main() {}
