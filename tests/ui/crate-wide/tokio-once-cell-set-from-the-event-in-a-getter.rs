use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod session {
    use tokio::sync::OnceCell;

    static TOKEN: OnceCell<String> = OnceCell::const_new();

    pub async fn token(user: &str) -> &'static str {
        TOKEN
            .get_or_init(|| async { format!("token-for-{user}") })
            .await
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(session::token(&event.payload).await.to_owned())
}

fn main() {}
