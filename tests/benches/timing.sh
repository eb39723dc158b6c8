# Shared by the benchmark scripts: `source "$(dirname "$0")/timing.sh"`.

# median_ms RUNS PREPARE COMMAND...: RUNS times, runs PREPARE (a function or command, not timed)
# then times COMMAND; prints the median in milliseconds.
median_ms() {
  local runs=$1 prepare=$2
  shift 2
  for ((run = 0; run < runs; run++)); do
    $prepare
    local start
    start=$(date +%s%N)
    "$@" >/dev/null
    echo $((($(date +%s%N) - start) / 1000000))
  done | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# ms_as_seconds MS: "1234" → "1.23".
ms_as_seconds() {
  awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'
}
