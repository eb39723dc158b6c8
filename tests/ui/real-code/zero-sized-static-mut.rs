// The handler marks its first call through `static mut WARM: Warm`, a unit struct: zero bytes, but
// still a `static mut` that every invocation writes.
// From the failures users met (a zero-sized `static mut` passed). Verdict: refused (`static mut`, zero-sized too).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Warm;

impl Warm {
    fn touch(&mut self, what: &str) -> usize {
        what.len()
    }
}

static mut WARM: Warm = Warm;

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    let warm = unsafe { &mut *&raw mut WARM };
    Ok(warm.touch(&event.payload))
}

fn main() {}
