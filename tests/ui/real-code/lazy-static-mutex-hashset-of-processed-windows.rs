// An aggregating stage skips windows whose ids earlier invocations left in `PROCESSED_WINDOWS`, a `lazy_static!` `Mutex<HashSet<WindowId>>`.
// Reduced from flock-lab/flock, flock-function/src/aws/actor.rs.
// Verdict: refused (a lock inside a `lazy_static!`: ids of earlier invocations decide what this one does).
use std::collections::HashSet;
use std::sync::Mutex;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use lazy_static::lazy_static;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WindowId {
    pub qid: String,
    pub window: usize,
}

lazy_static! {
    static ref PROCESSED_WINDOWS: Mutex<HashSet<WindowId>> = Mutex::new(HashSet::new());
}

mod actor {
    use super::*;

    #[derive(PartialEq)]
    pub enum HashAggregateStatus {
        Processed,
        Ready,
    }

    async fn prepare_data_sources(window_id: WindowId) -> HashAggregateStatus {
        if PROCESSED_WINDOWS.lock().unwrap().contains(&window_id) {
            return HashAggregateStatus::Processed;
        }
        PROCESSED_WINDOWS.lock().unwrap().insert(window_id);
        HashAggregateStatus::Ready
    }

    pub async fn handler(event: WindowId) -> Result<bool, Error> {
        let status = prepare_data_sources(event).await;
        Ok(status == HashAggregateStatus::Ready)
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<WindowId>) -> Result<bool, Error> {
    actor::handler(event.payload).await
}

fn main() {}
