// The handler's state is built by `#[per_invocation(new = Report::new)]`, and `Report::new` takes
// the next report number from `NEXT_ID`, a `static AtomicU64`: the constructor runs in every invocation.
// From the failures users met (`new = ..` was not followed). Verdict: refused (an atomic reached from the constructor).
use std::sync::atomic::{AtomicU64, Ordering};

use invocation_scope::{invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

#[per_invocation(new = Report::new)]
struct Report {
    id: u64,
    items: Vec<String>,
}

impl Report {
    fn new() -> Self {
        Report {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            items: Vec::new(),
        }
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, report: &mut Report) -> Result<(u64, usize), Error> {
    report.items.push(event.payload);
    Ok((report.id, report.items.len()))
}

fn main() {}
