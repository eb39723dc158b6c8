use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod config {
    lazy_static::lazy_static! {
        pub static ref TABLE_NAME: String =
            std::env::var("TABLE_NAME").unwrap_or_else(|_| "orders".to_owned());
    }

    pub fn table() -> &'static str {
        &TABLE_NAME
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<String, Error> {
    Ok(config::table().to_owned())
}

fn main() {}
