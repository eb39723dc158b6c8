//! Per-invocation overhead: the same handler with `#[invocation_handler]`, hand-written with a
//! local, and with no state. `cargo bench -p invocation-scope-tests --bench overhead`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use invocation_scope_tests::event;
use invocation_scope_tests::overhead::{complete, hand_written, no_state, with_macro};
use serde_json::json;

fn per_invocation(c: &mut Criterion) {
    let event = event(
        json!({ "items": ["a", "b", "c", "d", "e", "f", "g", "h"] }),
        "req",
    );
    let mut group = c.benchmark_group("per_invocation");
    group.bench_function("with_macro", |b| {
        b.iter_batched(
            || event.clone(),
            |event| black_box(complete(with_macro::handler(event))),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("hand_written", |b| {
        b.iter_batched(
            || event.clone(),
            |event| black_box(complete(hand_written::handler(event))),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("no_state", |b| {
        b.iter_batched(
            || event.clone(),
            |event| black_box(complete(no_state::handler(event))),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

criterion_group!(benches, per_invocation);
criterion_main!(benches);
