#!/usr/bin/env bash
# The timing helper fails when the command it times fails, and so does a script that uses it
# the way the benchmark scripts do. Usage: tests/benches/timing_test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "timing_test: $*" >&2; exit 1; }

# A script like the benchmark scripts: set -e, the median taken by plain assignment.
caller() { # COMMAND...
  bash -c 'set -euo pipefail
    source tests/benches/timing.sh
    ms=$(median_ms 3 true "$@")
    seconds=$(ms_as_seconds "$ms")
    echo "took $seconds s"' caller "$@"
}

out=$(caller true) || fail "a command that succeeds made the script fail"
[[ $out =~ ^took\ [0-9]+\.[0-9]{2}\ s$ ]] || fail "unexpected output for a command that succeeds: $out"

if out=$(caller false 2>/dev/null); then
  fail "a failing timed command printed '$out' and exited 0"
fi
if out=$(caller sh -c 'exit 3' 2>/dev/null); then
  fail "a timed command that exits 3 printed '$out' and exited 0"
fi
if out=$(bash -c 'set -euo pipefail
  source tests/benches/timing.sh
  ms=$(median_ms 2 false true)
  echo "$ms"' 2>/dev/null); then
  fail "a failing preparation printed '$out' and exited 0"
fi
if bash -c 'source tests/benches/timing.sh; ms_as_seconds ""' 2>/dev/null; then
  fail "ms_as_seconds accepted an empty time"
fi
echo "timing_test: ok"
