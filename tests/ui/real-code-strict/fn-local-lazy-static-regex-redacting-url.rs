// The handler's work function logs the MongoDB URL through `redact_mongodb_url`, which declares a
// `lazy_static!` `MONGODB_URL_PATTERN: Regex` inside its body.
// Reduced from pkdone/mongo-rust-lambda-demo, src/main.rs. Under `strict`: refused (accepted without it).
use std::borrow::Cow;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use lazy_static::lazy_static;
use regex::Regex;

// Obfuscate the real username and password in a Mongodb URL with hardcoded dummy values
fn redact_mongodb_url(mongodb_url: &str) -> Cow<'_, str> {
    lazy_static! {
        static ref MONGODB_URL_PATTERN: Regex =
            Regex::new(r"(?P<prefix>mongodb(\+srv)?://)(.+):(.+)(?P<suffix>@.+)")
                .expect("Expected constructed regex");
    }

    MONGODB_URL_PATTERN.replace(mongodb_url, "${prefix}REDACTED:REDACTED$suffix")
}

async fn process_work(message: &str) -> Result<String, Error> {
    let mongodb_url = std::env::var("MONGODB_URL").unwrap_or_default();
    Ok(format!(
        "{message} against MongoDB deployment: '{}'",
        redact_mongodb_url(&mongodb_url)
    ))
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    process_work(&event.payload).await
}

fn main() {}
