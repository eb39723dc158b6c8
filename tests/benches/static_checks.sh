#!/usr/bin/env bash
# Cost of the shared-state checks: release binary sections and `cargo check` time of a Lambda
# handler whose body has N candidate paths (half consts, half immutable statics, all accepted).
# Usage: tests/benches/static_checks.sh [paths] [runs]
# Three crates are generated under target/static-checks/, identical but for the handler's
# attribute: `checked` (`#[invocation_handler]`: one probe per path), `allowed`
# (`#[invocation_handler(allow(every name))]`: the same macro, no probe) and `plain` (no macro).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/timing.sh
root=$(pwd)
paths=${1:-200}
runs=${2:-5}
out=$root/target/static-checks
mkdir -p "$out"
export CARGO_TARGET_DIR=$out/target

generate() { # name attribute
  local dir=$out/$1
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
invocation-scope = { path = "$root/invocation-scope" }
lambda_runtime = { version = "1.5", default-features = false }
tokio = { version = "1", features = ["macros", "rt"] }

[profile.release]
strip = true
TOML
  {
    echo '#![allow(clippy::unused_async)]'
    echo 'use lambda_runtime::{service_fn, Error, LambdaEvent};'
    for ((i = 0; i < paths / 2; i++)); do
      echo "const LIMIT_$i: u64 = $i;"
      echo "static TABLE_$i: [u64; 2] = [$i, $((i + 1))];"
    done
    echo "$2"
    echo 'async fn handler(event: LambdaEvent<u64>) -> Result<u64, Error> {'
    echo '    let mut total = event.payload;'
    for ((i = 0; i < paths / 2; i++)); do
      echo "    total = total.wrapping_mul(LIMIT_$i | 1).wrapping_add(TABLE_$i[(total % 2) as usize]);"
    done
    echo '    Ok(total)'
    echo '}'
    echo '#[tokio::main(flavor = "current_thread")]'
    echo 'async fn main() -> Result<(), Error> {'
    echo '    lambda_runtime::run(service_fn(handler)).await'
    echo '}'
  } >"$dir/src/main.rs"
}

names=$(for ((i = 0; i < paths / 2; i++)); do printf 'LIMIT_%d, TABLE_%d, ' "$i" "$i"; done)
generate checked '#[invocation_scope::invocation_handler]'
generate allowed "#[invocation_scope::invocation_handler(allow(${names%, }))]"
generate plain ''

section() { # binary section
  local bytes
  bytes=$(size -A "$1" | awk -v s="$2" '$1 == s { print $2 }')
  [[ -n $bytes ]] || { echo "no section $2 in $1" >&2; return 1; }
  echo "$bytes"
}

printf '| crate | stripped binary | .text | .rodata |\n| --- | --- | --- | --- |\n'
for crate in checked allowed plain; do
  cargo build --quiet --release --manifest-path "$out/$crate/Cargo.toml"
  binary=$CARGO_TARGET_DIR/release/$crate
  bytes=$(stat -c %s "$binary")
  text=$(section "$binary" .text)
  rodata=$(section "$binary" .rodata)
  printf '| %s | %s | %s | %s |\n' "$crate" "$bytes" "$text" "$rodata"
done

median_check() { # crate
  local manifest=$out/$1/Cargo.toml
  cargo check --quiet --manifest-path "$manifest"
  median_ms "$runs" "touch $out/$1/src/main.rs" cargo check --quiet --manifest-path "$manifest"
}

printf '\n| crate | `cargo check` of the crate, median of %s (ms) |\n| --- | --- |\n' "$runs"
for crate in checked allowed plain; do
  ms=$(median_check "$crate")
  printf '| %s | %s |\n' "$crate" "$ms"
done
