// `main` connects to MongoDB and stores the client with `MONGODB_CLIENT.set(client)`
// (a `once_cell::sync::OnceCell<Client>`); the handler's work function only reads it back.
// Reduced from pkdone/mongo-rust-lambda-demo, src/main.rs. Verdict: accepted (once-cell only read by handler code).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use once_cell::sync::OnceCell;
use serde_json::{Value, json};

/// Stands for `mongodb::Client`: a cheap clone of a shared connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    pool: std::sync::Arc<String>,
}

static MONGODB_CLIENT: OnceCell<Client> = OnceCell::new();

// Get the already cached mongodb client
fn get_mongodb_client() -> Result<&'static Client, Error> {
    MONGODB_CLIENT.get().ok_or_else(|| "Missing MongoDB client as static reference".into())
}

// Cache a new mongodb client
async fn create_mongodb_client(mongodb_url: &str) -> Result<(), Error> {
    let client = Client {
        pool: std::sync::Arc::new(mongodb_url.to_owned()),
    };
    match MONGODB_CLIENT.set(client) {
        Ok(()) => Ok(()),
        Err(_) => Err("Error saving MongoDB client in a static reference".into()),
    }
}

async fn process_work(message: &str, request_id: &str) -> Result<Value, Error> {
    let mongodb_client = get_mongodb_client()?;
    Ok(json!({
        "collection": format!("{}/test/lambdalogs", mongodb_client.pool),
        "message_received": message,
        "aws_request_id": request_id,
    }))
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let message = event.payload["message"].as_str().unwrap_or("Missing input payload message");
    process_work(message, &event.context.request_id).await
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime
        .block_on(create_mongodb_client("mongodb://localhost:27017"))
        .unwrap();
}
