#!/usr/bin/env bash
# Build time of the macro crate itself beside comparable proc-macro crates, each built alone
# after its dependencies (syn, quote, proc-macro2) are already built; then a clean build of the
# macro crate and of tracing-attributes with all their dependencies, each from an empty target
# directory (what a user's first build pays for it), with the ratio.
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

# A crate from the registry is built without incremental compilation, a path dependency with
# it: dependents, who get this crate from the registry, build it as `CARGO_INCREMENTAL=0` does;
# this workspace builds it incrementally, which writes its query cache on top. Both are shown.
build_alone_ms() {
  local crate=$1 incremental=$2
  median_ms "$runs" "cargo clean --quiet --manifest-path $dir/Cargo.toml -p $crate" \
    env ${incremental:+CARGO_INCREMENTAL=$incremental} \
    cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$crate"
}

printf '| crate, built alone after its dependencies | build time (median of %s) |\n' "$runs"
printf '| --- | --- |\n'
for crate in invocation-scope-macros async-trait thiserror-impl tokio-macros tracing-attributes; do
  ms=$(build_alone_ms "$crate" 0)
  printf '| %s | %s s |\n' "$crate" "$(ms_as_seconds "$ms")"
done
ms=$(build_alone_ms invocation-scope-macros "")
printf '| invocation-scope-macros, incremental (as a path dependency) | %s s |\n' \
  "$(ms_as_seconds "$ms")"

# Clean builds with all dependencies, each from an empty target directory (what a user's first
# build pays), the three kinds interleaved run by run so that a busy moment of the machine
# weighs on all of them alike.
clean_dir=$dir/clean-target
clean_build_ms() {
  local crate=$1 incremental=$2 start
  rm -rf "$clean_dir"
  start=$(date +%s%N)
  env ${incremental:+CARGO_INCREMENTAL=$incremental} CARGO_TARGET_DIR="$clean_dir" \
    cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$crate" >/dev/null || return 1
  echo $((($(date +%s%N) - start) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
ours=() ours_incremental=() theirs=()
for ((run = 0; run < runs; run++)); do
  ms=$(clean_build_ms invocation-scope-macros 0)
  ours+=("$ms")
  ms=$(clean_build_ms invocation-scope-macros "")
  ours_incremental+=("$ms")
  ms=$(clean_build_ms tracing-attributes 0)
  theirs+=("$ms")
done
rm -rf "$clean_dir"
ours=$(median "${ours[@]}")
ours_incremental=$(median "${ours_incremental[@]}")
theirs=$(median "${theirs[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
printf '\n| clean build with its dependencies | build time (median of %s) | against tracing-attributes |\n' "$runs"
printf '| --- | --- | --- |\n'
printf '| invocation-scope-macros, as dependents build it | %s s | %s |\n' \
  "$(ms_as_seconds "$ours")" "$(ratio "$ours" "$theirs")"
printf '| invocation-scope-macros, incremental (as a path dependency) | %s s | %s |\n' \
  "$(ms_as_seconds "$ours_incremental")" "$(ratio "$ours_incremental" "$theirs")"
printf '| tracing-attributes | %s s | 1.00x |\n' "$(ms_as_seconds "$theirs")"
