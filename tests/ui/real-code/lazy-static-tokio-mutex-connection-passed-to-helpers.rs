// The handler passes `&REDIS_DATABASE` and `&RDS_PROVIDER`, `lazy_static!` `tokio::sync::Mutex`es of lazily opened connections, to helpers.
// Reduced from 0xPikapool/cargo-lambda-functions, bids/src/core.rs.
// Verdict: refused (a lock inside a `lazy_static!`; a deliberate connection pool needs `allow`).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use lazy_static::lazy_static;
use tokio::sync::Mutex;

trait Cache {
    async fn check_auction(&mut self, name: &str) -> Result<bool, String>;
}

struct RedisCache {
    connection: Option<String>,
}

impl Cache for RedisCache {
    async fn check_auction(&mut self, name: &str) -> Result<bool, String> {
        let connection = self.connection.get_or_insert_with(|| "redis://cache".to_owned());
        Ok(!connection.is_empty() && !name.is_empty())
    }
}

struct RdsProvider {
    client: Option<String>,
}

lazy_static! {
    static ref REDIS_DATABASE: Mutex<RedisCache> = {
        let cache = RedisCache { connection: None };
        Mutex::new(cache)
    };
    static ref RDS_PROVIDER: Mutex<RdsProvider> = {
        let database = RdsProvider { client: None };
        Mutex::new(database)
    };
}

async fn put_request_handler(
    auction: String,
    cache_mutex: &Mutex<impl Cache>,
    db_mutex: &Mutex<RdsProvider>,
) -> Result<String, Error> {
    if !cache_mutex.lock().await.check_auction(&auction).await? {
        return Err("auction not found".into());
    }
    let mut db = db_mutex.lock().await;
    let client = db.client.get_or_insert_with(|| "postgres://bids".to_owned());
    Ok(format!("{auction} stored in {client}"))
}

#[invocation_handler]
async fn request_handler(event: LambdaEvent<String>) -> Result<String, Error> {
    let cache_mutex = &REDIS_DATABASE;
    let db = &RDS_PROVIDER;
    put_request_handler(event.payload, cache_mutex, db).await
}

fn main() {}
