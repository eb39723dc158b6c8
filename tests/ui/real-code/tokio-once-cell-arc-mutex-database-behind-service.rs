// A service of another workspace crate locks `storage::get_database()`, a `tokio::sync::OnceCell<Arc<tokio::sync::Mutex<Database>>>`.
// Reduced from Nick-Sullivan/rust-lambda, lambda/storage/src/database_instance.rs and lambda/service/src/goodbye.rs.
// Verdict: refused (a lock inside the once-cell's declared type).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod storage {
    mod database_instance {
        use super::Database;
        use std::sync::Arc;
        use tokio::sync::{Mutex, OnceCell};

        static DATABASE: OnceCell<Arc<Mutex<Database>>> = OnceCell::const_new();

        pub async fn get_database() -> Arc<Mutex<Database>> {
            DATABASE.get_or_init(init).await.clone()
        }

        async fn init() -> Arc<Mutex<Database>> {
            let db = Database::new().await;
            Arc::new(Mutex::new(db))
        }
    }

    pub use database_instance::get_database;

    #[derive(Clone)]
    pub struct NameCount {
        pub name: String,
        pub count: i32,
    }

    pub trait INameDatabase {
        async fn get(&self, name: &str) -> Result<NameCount, String>;
        async fn clear(&mut self, name: &str) -> Result<(), String>;
    }

    /// Stands for the DynamoDB-backed database: a client handle and a table name.
    pub struct Database {
        client: std::sync::Arc<String>,
        table_name: String,
    }

    impl Database {
        pub async fn new() -> Self {
            Database {
                client: std::sync::Arc::new("dynamodb".to_owned()),
                table_name: std::env::var("TABLE_NAME").unwrap_or_default(),
            }
        }
    }

    impl INameDatabase for Database {
        async fn get(&self, name: &str) -> Result<NameCount, String> {
            Ok(NameCount {
                name: format!("{}/{}/{name}", self.client, self.table_name),
                count: 1,
            })
        }

        async fn clear(&mut self, name: &str) -> Result<(), String> {
            if name.is_empty() { Err("no name".to_owned()) } else { Ok(()) }
        }
    }
}

mod service {
    pub mod goodbye {
        use crate::storage::{self, INameDatabase};

        pub async fn handler(name: &str) -> Result<String, String> {
            let db = storage::get_database().await;
            let mut db_lock = db.lock().await;
            let item = db_lock.get(name).await?;
            let message = format!("Goodbye {0}, {1} times", item.name, item.count);
            db_lock.clear(name).await?;
            Ok(message)
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(service::goodbye::handler(&event.payload).await?)
}

fn main() {}
