use std::sync::OnceLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Config {
    table: String,
}

static CONFIG: OnceLock<Config> = OnceLock::new();

fn config() -> &'static Config {
    CONFIG.get().expect("main sets the configuration")
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<String, Error> {
    Ok(config().table.clone())
}

fn main() {
    let table = std::env::var("TABLE_NAME").unwrap_or_default();
    let _ = CONFIG.set(Config { table });
}
