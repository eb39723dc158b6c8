// `db::write_item` computes the expiry with `get_expiration_seconds()`, a `OnceLock<i64>` parsed from `EXPIRATION_TIME`.
// Reduced from dev7a/serverless-otlp-forwarder, demos/todos/rust/src/backend/{db,main}.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod db {
    use std::env;
    use std::sync::OnceLock;

    // Cache the expiration time to avoid parsing the environment variable on every call
    static EXPIRATION_SECONDS: OnceLock<i64> = OnceLock::new();

    fn get_expiration_seconds() -> i64 {
        *EXPIRATION_SECONDS.get_or_init(|| {
            env::var("EXPIRATION_TIME")
                .unwrap_or_else(|_| "3600".to_string())
                .parse::<i64>()
                .unwrap_or(3600)
        })
    }

    #[derive(Clone)]
    pub struct AppState {
        pub table_name: String,
    }

    pub async fn write_item(id: &str, timestamp: i64, state: &AppState) -> Result<String, String> {
        let expiry = timestamp + get_expiration_seconds();
        Ok(format!("{}: {id} expires at {expiry}", state.table_name))
    }
}

use db::{AppState, write_item};

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<(String, i64)>) -> Result<String, Error> {
    let (id, creation_timestamp) = event.payload;
    let state = AppState {
        table_name: "todos".to_owned(),
    };
    Ok(write_item(&id, creation_timestamp, &state).await?)
}

fn main() {}
