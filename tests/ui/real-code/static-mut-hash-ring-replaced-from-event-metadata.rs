// `update_consistent_hash_context(&payload.metadata)` stores a ring built from the event in `static mut CONSISTENT_HASH_CONTEXT`.
// Reduced from flock-lab/flock, flock-function/src/aws/cloud_context.rs.
// Verdict: refused (`static mut` written with invocation data and read by later invocations).
use std::collections::HashMap;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// A wrapper to allow the declaration of consistent hashing.
pub enum ConsistentHashContext {
    Lambda((Vec<String>, String /* group name */)),
    Uninitialized,
}

/// Consistent hashing context.
pub static mut CONSISTENT_HASH_CONTEXT: ConsistentHashContext =
    ConsistentHashContext::Uninitialized;

/// Updates consistent hash context.
pub fn update_consistent_hash_context(
    metadata: &Option<HashMap<String, String>>,
) -> Result<(), Error> {
    if let Some(metadata) = metadata {
        if let Some(workers) = metadata.get("workers") {
            let (group_name, group_size) = match workers.split_once(':') {
                Some((name, size)) => (name.to_owned(), size.parse::<usize>()?),
                None => (workers.clone(), 1),
            };
            let ring = (0..group_size).map(|i| format!("{group_name}-{i:02}")).collect();
            unsafe {
                CONSISTENT_HASH_CONTEXT = ConsistentHashContext::Lambda((ring, group_name));
            }
        }
    }
    Ok(())
}

pub struct Payload {
    pub metadata: Option<HashMap<String, String>>,
    pub key: usize,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Payload>) -> Result<String, Error> {
    let payload = event.payload;
    update_consistent_hash_context(&payload.metadata)?;
    let ring = unsafe {
        match &*&raw const CONSISTENT_HASH_CONTEXT {
            ConsistentHashContext::Lambda((ring, _)) => ring.clone(),
            ConsistentHashContext::Uninitialized => return Err("no hash ring".into()),
        }
    };
    Ok(ring[payload.key % ring.len()].clone())
}

fn main() {}
