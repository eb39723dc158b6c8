//! A Lambda whose init fails. Under `SnapStart` (`AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`) a
//! hook fails and the runtime reports it to `/runtime/init/error`; otherwise `main` returns an
//! error before asking for work, as a missing configuration would make it.

use std::sync::Arc;

use lambda_runtime::{BoxFuture, Error, LambdaEvent, Runtime, SnapStartResource, service_fn};
use serde_json::Value;

struct UnreachableDatabase;

impl SnapStartResource for UnreachableDatabase {
    fn before_snapshot(&self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async { Err("the database is unreachable".into()) })
    }
}

async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    Ok(event.payload)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let runtime = Runtime::new(service_fn(handler))
        .register_snapstart_resource(Arc::new(UnreachableDatabase));
    if !runtime.is_snapstart() {
        return Err("DATABASE_URL is not set".into());
    }
    runtime.run().await
}
