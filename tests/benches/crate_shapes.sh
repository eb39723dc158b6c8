#!/usr/bin/env bash
# Cost of the crate-wide pass on the crate shapes that used to make it slow: a web of glob
# imports, a type nested eight levels six fields wide, a chain of 5,000 calls, a 100,000-line
# module whose 3,000+ statics the handler reaches by method name.
# Usage: tests/benches/crate_shapes.sh [runs]
# Each shape is generated twice under target/crate-shapes/ (`on`, and `off` with
# `crate_wide = false`) and checked with `cargo check`; the table gives the median check time
# of each and the pass's own time as it reports it (INVOCATION_SCOPE_DEBUG=1, last run).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/timing.sh
root=$(pwd)
runs=${1:-3}
out=$root/target/crate-shapes
mkdir -p "$out"
cargo build -q -p invocation-scope-tests --bin crate-shape
generator=$root/target/debug/crate-shape
export CARGO_TARGET_DIR=$out/target

shapes=(
  "glob web, 5 modules x 20 fns|glob-web 5 20"
  "glob web, 40 modules x 20 fns|glob-web 40 20"
  "nested types, 8 levels x 6 fields|nested-types 8 6"
  "nested types, 16 levels x 2 fields|nested-types 16 2"
  "chain of 5,000 calls to a static mut|deep-chain 5000"
  "100,000-line module, reached by method name|large-module 100000"
)

printf '| shape | cargo check, pass off | cargo check, pass on | the pass itself |\n| --- | --- | --- | --- |\n'
for entry in "${shapes[@]}"; do
  label=${entry%%|*}
  read -r -a args <<<"${entry#*|}"
  name=$(echo "${args[*]}" | tr ' ' '-')
  "$generator" "$out/$name-off" "${args[@]}" off >/dev/null
  "$generator" "$out/$name-on" "${args[@]}" >/dev/null
  # Dependencies first, untimed.
  (cd "$out/$name-off" && cargo check -q --offline 2>/dev/null || true)
  touch_off() { touch "$out/$name-off/src/main.rs"; }
  touch_on() { touch "$out/$name-on/src/main.rs"; }
  off=$(cd "$out/$name-off" && median_ms "$runs" touch_off sh -c 'cargo check -q --offline 2>/dev/null || true')
  on=$(cd "$out/$name-on" && median_ms "$runs" touch_on sh -c 'cargo check -q --offline 2>/dev/null || true')
  touch_on
  # The chain to a `static mut` fails to build, by design: only the pass's own line is kept.
  pass=$(cd "$out/$name-on" && { INVOCATION_SCOPE_DEBUG=1 cargo check -q --offline 2>&1 || true; } |
    sed -n 's/.*; \([0-9.]*\) ms in all.*/\1/p' | head -1)
  printf '| %s | %s s | %s s | %s ms |\n' "$label" "$(ms_as_seconds "$off")" "$(ms_as_seconds "$on")" "${pass:-?}"
done
