#![allow(non_camel_case_types, clippy::upper_case_acronyms)]

use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

pub struct DEFAULT_REGION;

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Mutex<Vec<u8>> = Mutex::new(Vec::new());

pub enum Mode {
    FAST,
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<usize, Error> {
    let _region = DEFAULT_REGION;
    let _mode = Mode::FAST;
    let fresh = EMPTY;
    Ok(fresh.lock().unwrap().len())
}

fn main() {}
