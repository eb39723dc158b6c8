// A helper reaches the crate-level cache through `use crate::CACHE as cache`.
use std::collections::HashMap;
use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static CACHE: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

#[path = "support/alias/lookup.rs"]
mod lookup;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    Ok(lookup::length(&event.payload))
}

fn main() {}
