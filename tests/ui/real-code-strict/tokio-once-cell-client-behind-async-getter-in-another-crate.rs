// A service of another workspace crate gets the client from `storage::get()`, a `tokio::sync::OnceCell<Arc<DynamoDbClient>>` filled by the fn path `init`.
// Reduced from Nick-Sullivan/rust-lambda, lambda/storage/src/dynamodb_client_instance.rs and lambda/service/src/check_session_timeout.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod storage {
    mod dynamodb_client_instance {
        use super::DynamoDbClient;
        use std::sync::Arc;
        use tokio::sync::OnceCell;

        static DYNAMODB_CLIENT: OnceCell<Arc<DynamoDbClient>> = OnceCell::const_new();

        pub async fn get() -> Arc<DynamoDbClient> {
            DYNAMODB_CLIENT.get_or_init(init).await.clone()
        }

        async fn init() -> Arc<DynamoDbClient> {
            let client = DynamoDbClient::new().await;
            Arc::new(client)
        }
    }

    pub use dynamodb_client_instance::get;

    /// Stands for the crate's wrapper of `aws_sdk_dynamodb::Client` and its table name.
    pub struct DynamoDbClient {
        client: std::sync::Arc<String>,
        table_name: String,
    }

    impl DynamoDbClient {
        pub async fn new() -> Self {
            let table_name = std::env::var("TABLE_NAME").unwrap_or_default();
            DynamoDbClient {
                client: std::sync::Arc::new("dynamodb".to_owned()),
                table_name,
            }
        }
    }

    pub mod session_table {
        pub struct SessionItem {
            pub id: String,
            pub modified_action: String,
        }

        impl SessionItem {
            pub async fn from_db(id: &str, db: &super::DynamoDbClient) -> Result<Self, String> {
                Ok(SessionItem {
                    id: format!("{}/{}/{id}", db.client, db.table_name),
                    modified_action: "PendingTimeout".to_owned(),
                })
            }
        }
    }
}

mod service {
    pub mod check_session_timeout {
        use crate::storage;
        use crate::storage::session_table::SessionItem;

        pub async fn handler(session_id: &str) -> Result<String, String> {
            let db = storage::get().await;

            let session = SessionItem::from_db(session_id, &db).await?;
            if session.modified_action != "PendingTimeout" {
                return Ok("Session is not pending timeout".to_string());
            }
            Ok(format!("Timed out {}", session.id))
        }
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<Vec<String>>) -> Result<Vec<String>, Error> {
    let mut messages = Vec::new();
    for session_id in event.payload {
        let message = service::check_session_timeout::handler(&session_id).await?;
        messages.push(message);
    }
    Ok(messages)
}

fn main() {}
