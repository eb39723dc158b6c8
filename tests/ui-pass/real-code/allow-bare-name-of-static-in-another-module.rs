// Under `strict` the handler validates emails with `crate::models::user::EMAIL_RE`, a `LazyLock<Regex>`,
// and allows it by its bare name: `allow(EMAIL_RE)` must match the static of that name in another module.
// From the failures users met (only the full path was accepted). Verdict: accepted (the `allow` is used).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod models {
    pub mod user {
        use regex::Regex;
        use std::sync::LazyLock;

        pub static EMAIL_RE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^[^@\s]+@[^@\s]+\.[^@\s]+$").unwrap());

        pub fn is_valid_email(email: &str) -> bool {
            EMAIL_RE.is_match(email)
        }
    }
}

mod handlers {
    pub mod users {
        pub fn create_user(email: &str) -> Result<String, String> {
            if crate::models::user::is_valid_email(email) {
                Ok(format!("created {email}"))
            } else {
                Err(format!("invalid email {email}"))
            }
        }
    }
}

#[invocation_handler(strict, allow(EMAIL_RE))]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(handlers::users::create_user(&event.payload)?)
}

fn main() {}
