# Shared by the benchmark scripts: `source "$(dirname "$0")/timing.sh"`.
#
# A failure inside `$(...)` does not stop a `set -e` script, and an argument built from one
# (`f "$(median_ms ...)"`) hides it completely. So these helpers check every step themselves and
# return non-zero, and callers take their output with a plain assignment (`x=$(median_ms ...)`),
# whose status `set -e` does see.
shopt -s inherit_errexit

# median_ms RUNS PREPARE COMMAND...: RUNS times, runs PREPARE (a function or command, not timed)
# then times COMMAND; prints the median in milliseconds. Fails, printing nothing on stdout, as
# soon as PREPARE or COMMAND fails.
median_ms() {
  local runs=$1 prepare=$2
  shift 2
  local times=() run start status
  for ((run = 0; run < runs; run++)); do
    if ! $prepare; then
      echo "median_ms: the preparation failed: $prepare" >&2
      return 1
    fi
    start=$(date +%s%N)
    status=0
    "$@" >/dev/null || status=$?
    if ((status != 0)); then
      echo "median_ms: the timed command failed (exit $status): $*" >&2
      return "$status"
    fi
    times+=($((($(date +%s%N) - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# ms_as_seconds MS: "1234" → "1.23". Fails on anything but a number of milliseconds.
ms_as_seconds() {
  if [[ ! $1 =~ ^[0-9]+$ ]]; then
    echo "ms_as_seconds: not a number of milliseconds: '$1'" >&2
    return 1
  fi
  awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'
}
