//! Runs one handler of `scope_overhead` N times, for instruction counts under callgrind:
//!
//! ```sh
//! cargo build --release -p invocation-scope-tests --example scope_overhead
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/callgrind.out target/release/examples/scope_overhead context_only 100000
//! ```
//!
//! `benches/scope_instructions.sh` runs every variant and subtracts the one each adds a
//! feature to. `tasks_one` and `rt_by_hand` run each invocation with `block_on` on a
//! current-thread runtime; the others are polled once, without a runtime.

use std::hint::black_box;

use invocation_scope_tests::event;
use invocation_scope_tests::global_list::complete;
use invocation_scope_tests::scope_overhead as handlers;
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let variant = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let event = event(json!({ "items": ["a", "b", "c"] }), "req");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    for _ in 0..count {
        let event = black_box(event.clone());
        let answer = match variant.as_str() {
            "by_hand" => complete(handlers::by_hand(event)),
            "context_only" => complete(handlers::context_only(event)),
            "context_read" => complete(handlers::context_read(event)),
            "state" => complete(handlers::state(event)),
            "state_finish" => complete(handlers::state_finish(event)),
            "tasks_unused" => complete(handlers::tasks_unused(event)),
            "scratch_unused" => complete(handlers::scratch_unused(event)),
            "scratch_used" => complete(handlers::scratch_used(event)),
            "rt_by_hand" => runtime.block_on(handlers::by_hand(event)),
            "rt_tasks_one" => runtime.block_on(handlers::tasks_one(event)),
            other => panic!("unknown variant {other:?}"),
        };
        assert_eq!(answer.ok(), Some(3));
    }
}
