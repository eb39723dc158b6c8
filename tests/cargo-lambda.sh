#!/usr/bin/env bash
# Every example deploys the way users deploy Rust Lambdas: it builds with
# `cargo lambda build --release`, and under `cargo lambda watch` (the local Lambda emulator) it
# answers `cargo lambda invoke`, twice in the same warm process, each time with its own state.
#
# Installs cargo-lambda (and the zig it links with) from PyPI into target/cargo-lambda/venv;
# needs python3 with venv and pip. The emulator listens on 127.0.0.1 only. Every step has a time
# limit; any failure stops the script with a non-zero status.
# Usage: tests/cargo-lambda.sh [example...]   (default: every folder under examples/)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
root=$(pwd)

version=1.9.2
venv=$root/target/cargo-lambda/venv

step() { printf '\n--> %s\n' "$*"; }
fail() {
  echo "cargo-lambda.sh: $*" >&2
  exit 1
}

if ! "$venv/bin/cargo-lambda" lambda --version 2>/dev/null | grep -q "^cargo-lambda $version "; then
  step "installing cargo-lambda $version into $venv"
  timeout 120 python3 -m venv "$venv"
  timeout 900 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "cargo-lambda==$version"
fi
# `cargo lambda` finds `cargo-lambda`, and cargo-lambda finds zig, on the PATH.
export PATH=$venv/bin:$PATH
cargo lambda --version

if (($# > 0)); then
  examples=("$@")
else
  examples=()
  for dir in examples/*/; do examples+=("$(basename "$dir")"); done
fi
((${#examples[@]} > 0)) || fail "no examples found"

# The emulator, while one runs, so that it is stopped however the script ends.
watch_pid=
stop_watch() {
  if [[ -n $watch_pid ]]; then
    kill -- "-$watch_pid" 2>/dev/null || true
    wait "$watch_pid" 2>/dev/null || true
    watch_pid=
  fi
}
trap stop_watch EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# payload EXAMPLE N: the event of the N-th invocation (1 or 2) of EXAMPLE.
payload() {
  local items
  if (($2 == 1)); then items='["apple", "bread"]'; else items='["cheese"]'; fi
  case $1 in
    global-list | shared-client | shared-resources) echo "{\"items\": $items}" ;;
    concurrent) echo "{\"steps\": $items, \"pause_ms\": 1}" ;;
    background-tasks | scratch-file)
      local names=(apple bread)
      ((${2} == 1)) || names=(cheese)
      local orders="" csv="name,cents\\n" name
      for name in "${names[@]}"; do
        orders+="${orders:+, }{\"id\": \"$name\", \"cents\": 100, \"audit_ms\": 1}"
        csv+="$name,100\\n"
      done
      if [[ $1 == background-tasks ]]; then echo "{\"orders\": [$orders]}"; else echo "{\"csv\": \"$csv\"}"; fi
      ;;
    http-handler)
      local query
      if (($2 == 1)); then query='tag=apple&tag=bread'; else query='tag=cheese'; fi
      cat <<JSON
{"version": "2.0", "routeKey": "GET /tags", "rawPath": "/tags", "rawQueryString": "$query",
 "headers": {"host": "example.execute-api.us-east-1.amazonaws.com"},
 "requestContext": {"accountId": "123456789012", "apiId": "example",
   "domainName": "example.execute-api.us-east-1.amazonaws.com", "domainPrefix": "example",
   "http": {"method": "GET", "path": "/tags", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1",
     "userAgent": "cargo-lambda.sh"},
   "requestId": "example-request", "routeKey": "GET /tags", "stage": "\$default",
   "time": "01/Jan/2024:00:00:00 +0000", "timeEpoch": 1704067200000},
 "isBase64Encoded": false}
JSON
      ;;
    create-order) echo "{\"items\": $items}" ;;
    get-order) echo "{\"order_id\": \"order-$2\"}" ;;
    *) fail "no payload for the example $1: add one to tests/cargo-lambda.sh" ;;
  esac
}

# check EXAMPLE N RESPONSE: the answer holds the N-th invocation's items and nothing else.
check() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys

example, n, raw = sys.argv[1], int(sys.argv[2]), sys.argv[3]
items = ["apple", "bread"] if n == 1 else ["cheese"]
response = json.loads(raw)
if example == "global-list":
    ok = response == {"count": len(items), "items": items}
elif example == "shared-client":
    ok = response["priced"] + len(response["missing"]) == len(items)
elif example == "shared-resources":
    ok = [line.split(":")[0] for line in response["lines"]] == items and response["total_cents"] > 0
elif example == "concurrent":
    ok = response["done"] == items
elif example == "background-tasks":
    ok = (response["orders"] == len(items) and response["total_cents"] == 100 * len(items)
          and response["audited"] + response["not_audited"] == len(items))
elif example == "scratch-file":
    ok = response["rows"] == len(items) and response["total_cents"] == 100 * len(items)
elif example == "create-order":
    ok = response["items"] == items and response["total_cents"] > 0 and response["table"] == "orders"
elif example == "get-order":
    ok = response["order_id"] == f"order-{n}" and response["table"] == "orders"
elif example == "http-handler":
    ok = response["statusCode"] == 200 and json.loads(response["body"])["tags"] == items
else:
    sys.exit(f"no check for the example {example}")
if not ok:
    sys.exit(f"{example}, invocation {n}: unexpected answer {raw}")
PY
}

# functions EXAMPLE: the functions (binaries) an example builds, each deployed on its own.
functions() {
  case $1 in
    multi-function) echo create-order get-order ;;
    *) echo "$1" ;;
  esac
}

for example in "${examples[@]}"; do
  dir=examples/$example
  [[ -f $dir/Cargo.toml ]] || fail "no example named $example"

  step "$example: cargo lambda build --release"
  (cd "$dir" && timeout 1200 cargo lambda build --release)
  for function in $(functions "$example"); do
    [[ -x target/lambda/$function/bootstrap ]] ||
      fail "cargo lambda build left no target/lambda/$function/bootstrap"
  done

  step "$example: cargo lambda invoke under cargo lambda watch"
  port=$(free_port)
  log=$root/target/cargo-lambda/watch-$example.log
  # A session of its own, so that stopping it stops the function it runs too.
  (cd "$dir" && exec setsid timeout 1200 cargo lambda watch --invoke-address 127.0.0.1 \
    --invoke-port "$port" --ignore-changes) >"$log" 2>&1 &
  watch_pid=$!
  for ((tries = 0; ; tries++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    if ((tries >= 120)) || ! kill -0 "$watch_pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      fail "$example: cargo lambda watch is not listening on 127.0.0.1:$port (log above)"
    fi
    sleep 0.5
  done
  for function in $(functions "$example"); do
    for n in 1 2; do
      # The first invocation waits for the emulator to compile and start the function.
      if ! response=$(timeout 900 cargo lambda invoke "$function" --invoke-address 127.0.0.1 \
        --invoke-port "$port" --data-ascii "$(payload "$function" "$n")"); then
        tail -n 30 "$log" >&2
        fail "$function: invocation $n got no answer (watch log above)"
      fi
      echo "    $function, invocation $n → $response"
      check "$function" "$n" "$response"
    done
  done
  stop_watch
done

step "every example builds with cargo lambda and answers under cargo lambda watch"
