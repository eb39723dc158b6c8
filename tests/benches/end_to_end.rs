//! Whole-process figures of the global-list Lambda under the local Runtime API, with
//! `#[invocation_handler]` against the same Lambda written by hand (and, for memory, against the
//! naive version that keeps its list in a `static`).
//!
//! ```sh
//! cargo bench -p invocation-scope-tests --bench end_to_end             # every table
//! cargo bench -p invocation-scope-tests --bench end_to_end -- memory   # one: throughput, memory,
//!                                                                      # cold-start, process-instructions
//! ```
//!
//! Each table is printed as Markdown, ready for BENCHMARKS.md.

// Counts and nanoseconds become `f64` only to be printed as rates.
#![allow(clippy::cast_precision_loss)]

use std::path::Path;
use std::time::{Duration, Instant};

use invocation_scope::testing::local_runtime::LocalLambda;
use serde_json::json;

const WITH_MACRO: &str = env!("CARGO_BIN_EXE_global-list-with-macro");
const BY_HAND: &str = env!("CARGO_BIN_EXE_global-list-by-hand");
const NAIVE: &str = env!("CARGO_BIN_EXE_naive-global-list");

fn main() {
    // `cargo bench` passes `--bench`; anything else names the tables to print.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    if run("throughput") {
        throughput(10_000, 7);
    }
    if run("memory") {
        memory(50_000, 1_000);
    }
    if run("cold-start") {
        cold_start(20);
    }
    if run("process-instructions") {
        process_instructions(2_000);
    }
}

fn start(binary: &str) -> LocalLambda {
    LocalLambda::builder(binary)
        .timeout(Duration::from_secs(30))
        .start()
        .unwrap_or_else(|error| panic!("{binary} starts: {error}"))
}

/// Nanoseconds the process has spent on a CPU (`/proc/PID/schedstat`, first field).
fn cpu_nanos(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/schedstat")).expect("schedstat reads");
    stat.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a CPU time")
}

/// Resident memory of the process, in bytes (`VmRSS` of `/proc/PID/status`).
fn rss_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status reads");
    let line = status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .expect("a VmRSS line");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a size");
    kib * 1024
}

fn invoke_many(lambda: &LocalLambda, count: usize) {
    let payload = json!({ "items": ["apple", "bread", "cheese"] });
    for _ in 0..count {
        let invoked = lambda.invoke(&payload).expect("the invocation completes");
        assert_eq!(
            invoked.response().map(|r| r["count"].clone()),
            Some(json!(3))
        );
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Invocations per second and CPU time per invocation over `count` sequential warm invocations,
/// the two binaries alternating for `rounds` rounds (the median is shown).
fn throughput(count: usize, rounds: usize) {
    let mut results: Vec<(&str, Vec<f64>, Vec<f64>)> = vec![
        ("`#[invocation_handler]`", Vec::new(), Vec::new()),
        ("by hand", Vec::new(), Vec::new()),
    ];
    for round in 0..rounds {
        // Alternate which binary goes first, so that order effects cancel out.
        let mut order = [(WITH_MACRO, 0), (BY_HAND, 1)];
        if round % 2 == 1 {
            order.reverse();
        }
        for (binary, slot) in order {
            let lambda = start(binary);
            invoke_many(&lambda, 200);
            let (cpu, began) = (cpu_nanos(lambda.pid()), Instant::now());
            invoke_many(&lambda, count);
            let elapsed = began.elapsed().as_secs_f64();
            let cpu = (cpu_nanos(lambda.pid()) - cpu) as f64;
            results[slot].1.push(count as f64 / elapsed);
            results[slot].2.push(cpu / count as f64 / 1000.0);
        }
    }
    println!(
        "| global-list Lambda ({count} warm invocations, median of {rounds}) | invocations/s | CPU µs per invocation (Lambda process) |"
    );
    println!("| --- | --- | --- |");
    let medians: Vec<(f64, f64)> = results
        .iter()
        .map(|(_, per_s, cpu)| (median(per_s.clone()), median(cpu.clone())))
        .collect();
    for ((name, _, _), (per_s, cpu)) in results.iter().zip(&medians) {
        println!("| {name} | {per_s:.0} | {cpu:.1} |");
    }
    println!(
        "| ratio macro / by hand | {:.3} | {:.3} |\n",
        medians[0].0 / medians[1].0,
        medians[0].1 / medians[1].1
    );
}

/// Resident memory sampled every `every` invocations up to `count`.
fn memory(count: usize, every: usize) {
    let binaries = [
        ("`#[invocation_handler]`", WITH_MACRO),
        ("naive `static` list", NAIVE),
    ];
    let mut samples: Vec<Vec<u64>> = Vec::new();
    for (_, binary) in binaries {
        let lambda = start(binary);
        // One item per invocation; the naive Lambda answers with its count only, as its full
        // answer would grow with the list.
        let payload = json!({ "items": ["x"], "count_only": true });
        let mut rss = Vec::new();
        for done in 1..=count {
            lambda.invoke(&payload).expect("the invocation completes");
            if done % every == 0 {
                rss.push(rss_bytes(lambda.pid()));
            }
        }
        samples.push(rss);
    }
    println!("| invocations | RSS `#[invocation_handler]` (KiB) | RSS naive `static` list (KiB) |");
    println!("| --- | --- | --- |");
    for (index, (ours, naive)) in samples[0].iter().zip(&samples[1]).enumerate() {
        let done = (index + 1) * every;
        if done == every || done.is_multiple_of(every * 5) {
            println!("| {done} | {} | {} |", ours / 1024, naive / 1024);
        }
    }
    let per_invocation =
        |rss: &[u64]| (rss[rss.len() - 1] as f64 - rss[0] as f64) / (count - every) as f64;
    println!(
        "| bytes per invocation, {every} → {count} | {:.2} | {:.2} |\n",
        per_invocation(&samples[0]),
        per_invocation(&samples[1])
    );
    println!(
        "`std::env::set_var(\"_X_AMZN_TRACE_ID\", …)` with a new trace id, as `lambda_runtime::run` \
         does for every invocation, {} times in this process: {:.2} bytes per call\n",
        count - every,
        set_var_growth(count - every)
    );
}

/// Resident memory this process gains per `set_var` of a new `_X_AMZN_TRACE_ID`: glibc keeps
/// every value `setenv` replaced, since a pointer to it may still be held.
fn set_var_growth(calls: usize) -> f64 {
    let pid = std::process::id();
    let before = rss_bytes(pid);
    for call in 0..calls {
        let trace_id = format!("Root=1-{call:08x}-{call:024x};Parent={call:016x};Sampled=0");
        // SAFETY: no other thread of this benchmark reads or writes the environment now (every
        // `LocalLambda`, and the runtime threads it ran, has been dropped).
        unsafe { std::env::set_var("_X_AMZN_TRACE_ID", trace_id) };
    }
    rss_bytes(pid).saturating_sub(before) as f64 / calls as f64
}

/// Time from starting the process to its first response, the binaries alternating, and their
/// stripped sizes.
fn cold_start(rounds: usize) {
    let binaries = [
        ("`#[invocation_handler]`", WITH_MACRO),
        ("by hand, without the library", BY_HAND),
    ];
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for ((_, binary), times) in binaries.iter().zip(times.iter_mut()) {
            let began = Instant::now();
            let lambda = start(binary);
            invoke_many(&lambda, 1);
            times.push(began.elapsed().as_secs_f64() * 1000.0);
        }
    }
    println!(
        "| global-list Lambda | start to first response (median of {rounds}) | stripped binary |"
    );
    println!("| --- | --- | --- |");
    for ((name, binary), times) in binaries.into_iter().zip(times) {
        println!(
            "| {name} | {:.2} ms | {} |",
            median(times),
            stripped_size(Path::new(binary))
        );
    }
    println!();
}

fn stripped_size(binary: &Path) -> String {
    let copy = std::env::temp_dir().join(format!("stripped-{}", std::process::id()));
    std::fs::copy(binary, &copy).expect("the binary copies");
    let stripped = std::process::Command::new("strip")
        .arg(&copy)
        .status()
        .is_ok_and(|s| s.success());
    let bytes = std::fs::metadata(&copy)
        .map(|m| m.len())
        .unwrap_or_default();
    let _ = std::fs::remove_file(&copy);
    if stripped {
        format!("{bytes} bytes")
    } else {
        format!("{bytes} bytes (not stripped: no `strip`)")
    }
}

/// Instructions the whole Lambda process executes per warm invocation, counted by callgrind:
/// the process runs under valgrind behind the local Runtime API, its counters are zeroed after
/// a warm-up and dumped after `count` invocations (`callgrind_control`). Unlike wall and CPU
/// time, the count does not move with what else the machine is doing.
fn process_instructions(count: usize) {
    let tools = ["valgrind", "callgrind_control"];
    if let Some(missing) = tools.iter().find(|tool| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_err()
    }) {
        println!("(process instructions skipped: `{missing}` is not installed)\n");
        return;
    }
    println!(
        "| global-list Lambda ({count} warm invocations under callgrind) | instructions per invocation (whole process) |"
    );
    println!("| --- | --- |");
    let mut per_invocation = Vec::new();
    for (name, binary) in [
        ("`#[invocation_handler]`", WITH_MACRO),
        ("by hand", BY_HAND),
    ] {
        let dir = std::env::temp_dir().join(format!(
            "process-instructions-{}-{}",
            std::process::id(),
            per_invocation.len()
        ));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let wrapper = dir.join("run-under-callgrind");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file={}/callgrind.out.%p {binary}\n",
                dir.display()
            ),
        )
        .expect("the wrapper writes");
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(&wrapper)
            .status()
            .expect("chmod runs");
        let lambda = LocalLambda::builder(&wrapper)
            .timeout(Duration::from_mins(1))
            .start_timeout(Duration::from_mins(2))
            .start()
            .unwrap_or_else(|error| panic!("{binary} starts under valgrind: {error}"));
        invoke_many(&lambda, 200);
        callgrind_control("--zero", lambda.pid());
        invoke_many(&lambda, count);
        callgrind_control("--dump", lambda.pid());
        let total = dumped_instructions(&dir);
        drop(lambda);
        let _ = std::fs::remove_dir_all(&dir);
        let per = total as f64 / count as f64;
        println!("| {name} | {per:.0} |");
        per_invocation.push(per);
    }
    println!(
        "| ratio macro / by hand | {:.4} |\n",
        per_invocation[0] / per_invocation[1]
    );
}

fn callgrind_control(action: &str, pid: u32) {
    let status = std::process::Command::new("callgrind_control")
        .arg(action)
        .arg(pid.to_string())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("callgrind_control runs");
    assert!(status.success(), "callgrind_control {action} {pid} failed");
}

/// The instruction total of the one dump `callgrind_control --dump` wrote in `dir`.
fn dumped_instructions(dir: &Path) -> u64 {
    let dumps: Vec<_> = std::fs::read_dir(dir)
        .expect("the scratch directory reads")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "1"))
        .collect();
    let [dump] = dumps.as_slice() else {
        panic!(
            "expected one callgrind dump in {}, found {dumps:?}",
            dir.display()
        );
    };
    let text = std::fs::read_to_string(dump).expect("the dump reads");
    text.lines()
        .find_map(|line| {
            line.strip_prefix("summary: ")
                .or_else(|| line.strip_prefix("totals: "))
        })
        .and_then(|total| total.trim().parse().ok())
        .expect("a summary line")
}
