use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod validate {
    use std::sync::LazyLock;

    static ALLOWED_DOMAINS: LazyLock<Vec<String>> = LazyLock::new(|| {
        std::env::var("ALLOWED_DOMAINS")
            .unwrap_or_default()
            .split(',')
            .map(str::to_owned)
            .collect()
    });

    pub fn email(address: &str) -> bool {
        ALLOWED_DOMAINS.iter().any(|domain| address.ends_with(domain.as_str()))
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<bool, Error> {
    Ok(validate::email(&event.payload))
}

fn main() {}
