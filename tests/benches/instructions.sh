#!/usr/bin/env bash
# Instructions per invocation of the three `overhead` handlers, counted by callgrind: repeatable
# whatever else the machine is doing. Usage: tests/benches/instructions.sh [invocations]
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
count=${1:-100000}
cargo build --quiet --release -p invocation-scope-tests --example overhead
binary=target/release/examples/overhead

instructions() {
  local counted
  counted=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$1" "$count" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  [[ -n $counted ]] || { echo "callgrind counted nothing for $1" >&2; return 1; }
  echo "$counted"
}

baseline=$(instructions baseline)
declare -A per_call
for variant in with_macro hand_written no_state; do
  total=$(instructions "$variant")
  per_call[$variant]=$(( (total - baseline) / count ))
done
printf '| handler | instructions per invocation |\n| --- | --- |\n'
for variant in with_macro hand_written no_state; do
  printf '| %s | %s |\n' "$variant" "${per_call[$variant]}"
done
awk -v m="${per_call[with_macro]}" -v h="${per_call[hand_written]}" \
  'BEGIN { printf "\nratio with_macro / hand_written: %.4f\n", m / h }'
