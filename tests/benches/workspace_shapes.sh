#!/usr/bin/env bash
# Cost of reading the other crates of a workspace: `cargo check` of one function crate that
# depends by path on the workspace's shared crates, whose modules the crate-wide pass reads.
# Usage: tests/benches/workspace_shapes.sh [runs]
# Two workspaces are generated under target/workspace-shapes/:
#   - typical: 3 function crates and 1 shared crate, about 3,000 lines in all;
#   - large: 1 function crate and 4 shared crates, about 20,000 lines in all.
# Each function's handler calls into every shared crate (a chain through every module), and
# each shared module holds a `LazyLock` table (accepted) and an atomic that no handler reaches.
# The table gives the median `cargo check` time of the first function crate after touching its
# source, with the pass on and with `crate_wide = false`, and the median of the pass's own time
# as it reports it (INVOCATION_SCOPE_DEBUG=1): when only the function changed, so that the shared
# crates' indexes kept on disk are read, and after touching a file of every shared crate, so
# that each is indexed again.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/timing.sh
root=$(pwd)
runs=${1:-3}
out=$root/target/workspace-shapes
mkdir -p "$out"
export CARGO_TARGET_DIR=$out/target

# generate DIR FUNCTIONS SHARED MODULES FNS: a workspace in DIR.
generate() {
  python3 - "$@" "$root" <<'PY'
import os, sys

dir, functions, shared, modules, fns, repository = sys.argv[1], *map(int, sys.argv[2:6]), sys.argv[6]
os.makedirs(dir, exist_ok=True)
members = [f"functions/f{i}" for i in range(functions)] + [f"shared/s{i}" for i in range(shared)]

def write(path, text):
    path = os.path.join(dir, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

write("Cargo.toml", "[workspace]\nresolver = \"3\"\nmembers = [%s]\n" % ", ".join(f'"{m}"' for m in members))
lines = 0
for s in range(shared):
    write(f"shared/s{s}/Cargo.toml", f"[package]\nname = \"s{s}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n")
    lib = "".join(f"pub mod m{m};\n" for m in range(modules))
    lib += "pub fn entry(x: u64) -> u64 {\n    let mut total = x;\n"
    lib += "".join(f"    total += m{m}::f0(total);\n" for m in range(modules))
    lib += "    total\n}\n"
    write(f"shared/s{s}/src/lib.rs", lib)
    lines += lib.count("\n")
    for m in range(modules):
        body = "use std::sync::LazyLock;\nuse std::sync::atomic::{AtomicU64, Ordering};\n\n"
        body += "static TABLE: LazyLock<Vec<u64>> = LazyLock::new(|| (0..16).collect());\n"
        body += "static UNREACHED: AtomicU64 = AtomicU64::new(0);\n\n"
        body += "pub fn unreached() -> u64 {\n    UNREACHED.fetch_add(1, Ordering::Relaxed)\n}\n\n"
        for f in range(fns):
            call = f"    f{f + 1}(x + 1)\n" if f + 1 < fns else "    x\n"
            body += (f"pub fn f{f}(x: u64) -> u64 {{\n    let t = TABLE[(x % 16) as usize];\n"
                     f"    let y = x.wrapping_mul(31).wrapping_add(t);\n    let _ = y;\n{call}}}\n\n")
        write(f"shared/s{s}/src/m{m}.rs", body)
        lines += body.count("\n")
for i in range(functions):
    deps = "".join(f"s{s} = {{ path = \"../../shared/s{s}\" }}\n" for s in range(shared))
    write(f"functions/f{i}/Cargo.toml",
          f"[package]\nname = \"f{i}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\n"
          f"invocation-scope = {{ path = \"{repository}/invocation-scope\" }}\n"
          "lambda_runtime = { version = \"1.5\", default-features = false }\n" + deps)
    calls = " + ".join(f"s{s}::entry(event.payload)" for s in range(shared))
    main = ("use invocation_scope::invocation_handler;\nuse lambda_runtime::{Error, LambdaEvent};\n\n"
            "#[invocation_handler]\nasync fn handler(event: LambdaEvent<u64>) -> Result<u64, Error> {\n"
            f"    Ok({calls})\n}}\n\nfn main() {{\n    let _ = lambda_runtime::service_fn(handler);\n}}\n")
    write(f"functions/f{i}/src/main.rs", main)
    lines += main.count("\n")
print(lines)
PY
}

printf '| workspace | lines | cargo check of one function, pass off | pass on | the pass itself, shared crates read from disk | the pass itself, every shared crate edited |\n'
printf '| --- | --- | --- | --- | --- | --- |\n'
for entry in "typical: 3 functions, 1 shared crate|3 1 15 25" "large: 1 function, 4 shared crates|1 4 20 35"; do
  label=${entry%%|*}
  read -r -a args <<<"${entry#*|}"
  name=${label%%:*}
  dir=$out/$name
  rm -rf "$dir"
  lines=$(generate "$dir" "${args[@]}")
  main=$dir/functions/f0/src/main.rs
  (cd "$dir/functions/f0" && cargo check -q --offline) # dependencies, untimed
  touch_main() { touch "$main"; }
  touch_shared() { touch "$main" "$dir"/shared/*/src/m0.rs; }
  on=$(cd "$dir/functions/f0" && median_ms "$runs" touch_main cargo check -q --offline)
  # pass_ms PREPARE FROM_DISK: the median of the pass's own time over `runs` runs, each after
  # PREPARE; fails unless the pass read FROM_DISK shared crates from disk each time.
  pass_ms() {
    local passes=() run line
    for ((run = 0; run < runs; run++)); do
      $1
      line=$(cd "$dir/functions/f0" && INVOCATION_SCOPE_DEBUG=1 cargo check -q --offline 2>&1 |
        grep 'crate-wide pass for' | head -1)
      if [[ $line != *"; $2 of ${args[1]} other crates of the workspace read from disk)"* ]]; then
        echo "workspace_shapes: expected $2 shared crates read from disk: $line" >&2
        return 1
      fi
      passes+=("$(sed -n 's/.*; \([0-9.]*\) ms in all.*/\1/p' <<<"$line")")
    done
    printf '%s\n' "${passes[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
  }
  kept=$(pass_ms touch_main "${args[1]}")
  edited=$(pass_ms touch_shared 0)
  sed -i 's/#\[invocation_handler\]/#[invocation_handler(crate_wide = false)]/' "$main"
  off=$(cd "$dir/functions/f0" && median_ms "$runs" touch_main cargo check -q --offline)
  printf '| %s | %s | %s s | %s s | %s ms | %s ms |\n' "$label" "$lines" "$(ms_as_seconds "$off")" \
    "$(ms_as_seconds "$on")" "${kept:-?}" "${edited:-?}"
done
