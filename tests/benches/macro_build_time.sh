#!/usr/bin/env bash
# Build time of the macro crate itself beside comparable proc-macro crates, each built alone
# after its dependencies (syn, quote, proc-macro2) are already built; then a clean build of the
# macro crate and of tracing-attributes with all their dependencies, each from an empty target
# directory (what a user's first build pays for it).
# Usage: tests/benches/macro_build_time.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/timing.sh
root=$(pwd)
runs=${1:-3}
dir=$root/target/macro-build-time
mkdir -p "$dir/src"
export CARGO_TARGET_DIR=$dir/target
cat >"$dir/Cargo.toml" <<TOML
[package]
name = "macro-build-time"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
invocation-scope-macros = { path = "$root/invocation-scope-macros" }
async-trait = "0.1"
thiserror-impl = "2"
tokio-macros = "2"
tracing-attributes = "0.1"
TOML
echo '' >"$dir/src/lib.rs"
(cd "$dir" && cargo build --quiet)

printf '| crate | build time (median of %s) |\n| --- | --- |\n' "$runs"
for crate in invocation-scope-macros async-trait thiserror-impl tokio-macros tracing-attributes; do
  ms=$(median_ms "$runs" "cargo clean --quiet --manifest-path $dir/Cargo.toml -p $crate" \
    cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$crate")
  median=$(ms_as_seconds "$ms")
  printf '| %s | %s s |\n' "$crate" "$median"
done

printf '\n| crate, clean build with its dependencies | build time (median of %s) |\n| --- | --- |\n' "$runs"
clean_dir=$dir/clean-target
empty_target() { rm -rf "$clean_dir"; }
for crate in invocation-scope-macros tracing-attributes; do
  ms=$(median_ms "$runs" empty_target \
    env CARGO_TARGET_DIR="$clean_dir" cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$crate")
  median=$(ms_as_seconds "$ms")
  printf '| %s | %s s |\n' "$crate" "$median"
done
rm -rf "$clean_dir"
