// `main` fills a `OnceLock<Arc<AppConfig>>` through `set_lib_config` (whose closure captures its local); handlers only read it.
// Reduced from limits1214/gomoku, back/gomoku-lib/src/{config/mod.rs,util/dynamo.rs}.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// Stands for `aws_sdk_dynamodb::Client`: a cheap clone of a shared handle.
#[derive(Clone, Debug)]
pub struct DynamoClient {
    inner: std::sync::Arc<String>,
}

mod config {
    use std::sync::{Arc, OnceLock};

    pub(crate) static APP_CONFIG: OnceLock<Arc<AppConfig>> = OnceLock::new();

    #[derive(Debug)]
    pub(crate) struct AppConfig {
        pub table_name: String,
        pub dynamo_client: crate::DynamoClient,
    }

    pub fn set_lib_config(table_name: String, dynamo_client: crate::DynamoClient) {
        let app_config = AppConfig {
            table_name,
            dynamo_client,
        };
        APP_CONFIG.get_or_init(|| Arc::new(app_config));
    }
}

mod util {
    pub mod dynamo {
        use crate::config::APP_CONFIG;

        pub fn get_table_name() -> &'static str {
            APP_CONFIG.get().unwrap().table_name.as_str()
        }

        pub fn get_dynamo_client() -> &'static crate::DynamoClient {
            &APP_CONFIG.get().unwrap().dynamo_client
        }
    }
}

mod service {
    pub async fn delete_conn(connection_id: &str) -> Result<String, lambda_runtime::Error> {
        let client = crate::util::dynamo::get_dynamo_client();
        let table = crate::util::dynamo::get_table_name();
        Ok(format!("{} {table} WS_CONN#{connection_id}", client.inner))
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    service::delete_conn(&event.payload).await
}

fn main() {
    config::set_lib_config(
        "gomoku".to_owned(),
        DynamoClient {
            inner: std::sync::Arc::new("dynamodb".to_owned()),
        },
    );
}
