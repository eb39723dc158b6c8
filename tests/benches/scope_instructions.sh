#!/usr/bin/env bash
# Instructions per invocation that each per-invocation feature adds (current-invocation context,
# finish step, task set, scratch dir), counted by callgrind. Each row is the difference between
# two handlers of `tests/src/scope_overhead.rs` that differ by that feature alone.
# Usage: tests/benches/scope_instructions.sh [invocations]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-20000}
cargo build --quiet --release -p invocation-scope-tests --example scope_overhead
binary=target/release/examples/scope_overhead
out=$(mktemp)
trap 'rm -f "$out"' EXIT

declare -A total
for variant in by_hand context_only context_read state state_finish tasks_unused \
  scratch_unused scratch_used rt_by_hand rt_tasks_one; do
  total[$variant]=$(valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$binary" "$variant" "$count" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
done

row() { # label variant reference
  printf '| %s | %s |\n' "$1" $(( (total[$2] - total[$3]) / count ))
}
printf '| feature (handler minus reference) | instructions per invocation |\n| --- | --- |\n'
row 'current-invocation context, always on (`context_only` - `by_hand`)' context_only by_hand
row 'one `current_invocation()` read (`context_read` - `context_only`)' context_read context_only
row 'a state without finish step (`state` - `context_only`)' state context_only
row 'its finish step, a no-op (`state_finish` - `state`)' state_finish state
row '`&mut InvocationTasks`, no task (`tasks_unused` - `context_only`)' tasks_unused context_only
row 'one task spawned and joined (`rt_tasks_one` - `rt_by_hand`)' rt_tasks_one rt_by_hand
row '`&mut ScratchDir`, unused (`scratch_unused` - `context_only`)' scratch_unused context_only
row 'scratch dir created and removed (`scratch_used` - `scratch_unused`)' scratch_used scratch_unused
