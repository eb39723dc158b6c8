#!/usr/bin/env bash
# `cargo check` time of a crate with N handlers: written by hand, with the macros and their
# checks (each handler names a const, a candidate path, and the crate-wide pass runs), and with
# the macros but no checks (`allow(LIMIT)`, `crate_wide = false`).
# Usage: tests/benches/compile_cost.sh [handlers] [runs]
# The crates are generated under target/compile-cost/; dependencies are built once, then each
# crate's own check is timed `runs` times after touching its source (the median is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/timing.sh
root=$(pwd)
handlers=${1:-100}
runs=${2:-5}
out=$root/target/compile-cost
mkdir -p "$out"
export CARGO_TARGET_DIR=$out/target

manifest() {
  cat <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
invocation-scope = { path = "$root/invocation-scope" }
lambda_runtime = { version = "1.5", default-features = false }
serde_json = "1"
TOML
}

# One handler: collects at most LIMIT of the event's strings into per-invocation state and
# returns the count. $2 is the attribute's arguments.
with_macro() {
  cat <<RUST
#[invocation_scope::per_invocation]
pub struct Report$1 {
    items: Vec<String>,
}

#[invocation_scope::invocation_handler${2:-}]
pub async fn handler$1(event: LambdaEvent<Value>, report: &mut Report$1) -> Result<usize, Error> {
    let strings = event.payload["items"].as_array().into_iter().flatten().take(LIMIT);
    report.items.extend(strings.filter_map(Value::as_str).map(str::to_owned));
    Ok(report.items.len())
}
RUST
}

without_checks() {
  with_macro "$1" "(allow(LIMIT), crate_wide = false)"
}

by_hand() {
  cat <<RUST
#[derive(Default)]
pub struct Report$1 {
    items: Vec<String>,
}

pub async fn handler$1(event: LambdaEvent<Value>) -> Result<usize, Error> {
    let mut report = Report$1::default();
    let report = &mut report;
    let strings = event.payload["items"].as_array().into_iter().flatten().take(LIMIT);
    report.items.extend(strings.filter_map(Value::as_str).map(str::to_owned));
    Ok(report.items.len())
}
RUST
}

generate() {
  local name=$1 writer=$2 dir=$out/$1
  mkdir -p "$dir/src"
  manifest "$name" >"$dir/Cargo.toml"
  {
    echo '#![allow(clippy::unused_async)]'
    echo 'use lambda_runtime::{Error, LambdaEvent};'
    echo 'use serde_json::Value;'
    echo 'const LIMIT: usize = 100;'
    for i in $(seq 1 "$handlers"); do "$writer" "$i"; done
  } >"$dir/src/lib.rs"
}

median_check_seconds() {
  local manifest=$out/$1/Cargo.toml
  cargo check --quiet --manifest-path "$manifest"
  local ms
  ms=$(median_ms "$runs" "touch $out/$1/src/lib.rs" cargo check --quiet --manifest-path "$manifest")
  ms_as_seconds "$ms"
}

generate "handlers-with-macro" with_macro
generate "handlers-without-checks" without_checks
generate "handlers-by-hand" by_hand
macro_s=$(median_check_seconds handlers-with-macro)
unchecked_s=$(median_check_seconds handlers-without-checks)
hand_s=$(median_check_seconds handlers-by-hand)
printf '| crate (%s handlers) | `cargo check` (median of %s) |\n| --- | --- |\n' "$handlers" "$runs"
printf '| `#[invocation_handler]`, checks on | %s s |\n' "$macro_s"
printf '| `#[invocation_handler(allow(LIMIT), crate_wide = false)]`, no checks | %s s |\n' "$unchecked_s"
printf '| written by hand | %s s |\n' "$hand_s"
