// The handler body uses `cache`, a lowercase `use crate::store::CACHE as cache` alias of a
// `static Mutex<BTreeMap<String, usize>>`.
// From the failures users met (a lowercase alias of a static was checked by neither check). Verdict: refused (a lock).
use std::collections::BTreeMap;
use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod store {
    use super::*;

    pub static CACHE: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());
}

use crate::store::CACHE as cache;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let length = event.payload.len();
    cache.lock().unwrap().insert(event.payload, length);
    Ok(length)
}

fn main() {}
