// `event.payload.clone()` clones a `String`; the crate's one hand-written `impl Clone`, for an
// unrelated `Ticket`, counts clones in a `static AtomicU64` that the handler never reaches.
// From the failures users met (the call was matched to that impl by name). Verdict: accepted (no static reached).
use std::sync::atomic::{AtomicU64, Ordering};

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

static TICKET_CLONES: AtomicU64 = AtomicU64::new(0);

struct Ticket {
    id: u64,
}

impl Clone for Ticket {
    fn clone(&self) -> Self {
        TICKET_CLONES.fetch_add(1, Ordering::Relaxed);
        Ticket { id: self.id }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    let copy = event.payload.clone();
    Ok(copy + &event.payload)
}

fn main() {
    let ticket = Ticket { id: 7 };
    assert_eq!(ticket.clone().id, 7);
    assert_eq!(TICKET_CLONES.load(Ordering::Relaxed), 1);
}
