use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod db {
    use std::sync::Arc;

    use tokio::sync::OnceCell;

    /// Shaped like an SDK client: a handle to a shared connection pool.
    #[derive(Clone)]
    pub struct Client {
        inner: Arc<String>,
    }

    static CLIENT: OnceCell<Client> = OnceCell::const_new();

    async fn connect() -> Client {
        Client {
            inner: Arc::new(std::env::var("TABLE_NAME").unwrap_or_default()),
        }
    }

    pub async fn client() -> &'static Client {
        CLIENT.get_or_init(connect).await
    }

    pub async fn table() -> usize {
        client().await.inner.len()
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(db::table().await)
}

fn main() {}
