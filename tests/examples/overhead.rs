//! Runs one of the three handlers of `overhead` N times, for instruction counts under callgrind:
//!
//! ```sh
//! cargo build --release -p invocation-scope-tests --example overhead
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/overhead with_macro 100000
//! ```
//!
//! `benches/instructions.sh` runs every variant and subtracts the `baseline` (the event's clone
//! and drop alone) to give the instructions of one invocation of each handler.

use std::hint::black_box;

use invocation_scope_tests::event;
use invocation_scope_tests::overhead::{complete, hand_written, no_state, with_macro};
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let variant = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let event = event(
        json!({ "items": ["a", "b", "c", "d", "e", "f", "g", "h"] }),
        "req",
    );
    for _ in 0..count {
        let event = black_box(event.clone());
        let kept = match variant.as_str() {
            "with_macro" => complete(with_macro::handler(event)),
            "hand_written" => complete(hand_written::handler(event)),
            "no_state" => complete(no_state::handler(event)),
            // The event's clone and drop alone, subtracted from the others.
            "baseline" => Ok(event.payload.as_object().map_or(0, serde_json::Map::len)),
            other => {
                panic!("unknown variant {other:?}: with_macro, hand_written, no_state or baseline")
            }
        };
        black_box(kept.ok());
    }
}
