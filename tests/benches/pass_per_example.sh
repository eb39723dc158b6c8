#!/usr/bin/env bash
# What the crate-wide pass costs in each example: `cargo check -p <example>` after touching its
# main.rs, with INVOCATION_SCOPE_DEBUG=1 so that the pass reports its own time ("ms in all":
# the index build plus the analysis; an example with several handlers adds theirs up).
# Usage: tests/benches/pass_per_example.sh [runs]   (median and range of the runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
cargo check -q --workspace

printf '| example | handlers | pass, ms in all (median of %s) | range |\n| --- | --- | --- | --- |\n' "$runs"
for dir in examples/*/; do
  name=$(basename "$dir")
  totals=()
  handlers=0
  for ((run = 0; run < runs; run++)); do
    touch "$dir/src/main.rs"
    report=$(INVOCATION_SCOPE_DEBUG=1 cargo check -q -p "$name" 2>&1 | grep ' ms in all' || true)
    if [[ -z $report ]]; then
      echo "$name: the pass reported nothing" >&2
      exit 1
    fi
    handlers=$(grep -c ' ms in all' <<<"$report")
    totals+=("$(sed -n 's/.*; \([0-9.]*\) ms in all.*/\1/p' <<<"$report" | awk '{ s += $1 } END { printf "%.1f", s }')")
  done
  sorted=$(printf '%s\n' "${totals[@]}" | sort -g)
  median=$(awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }' <<<"$sorted")
  printf '| %s | %s | %s ms | %s–%s ms |\n' "$name" "$handlers" "$median" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")"
done
