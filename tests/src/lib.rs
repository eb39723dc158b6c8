//! Fixtures shared by the behaviour tests in `tests/`.

pub mod crate_shapes;
pub mod deep_nesting;
pub mod global_list;
pub mod large_crate;
#[cfg(feature = "all-features")]
pub mod scope_overhead;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

use lambda_runtime::LambdaEvent;

pub mod naive_global_list;

/// An event as Lambda would deliver it (see `invocation_scope::testing::EventBuilder`), with the
/// given request id.
#[must_use]
pub fn event<T>(payload: T, request_id: &str) -> LambdaEvent<T> {
    let mut event = invocation_scope::testing::lambda_event(payload);
    request_id.clone_into(&mut event.context.request_id);
    event
}

/// The binaries of the workspace packages `packages`, by name, built by cargo in one command
/// (so with one set of features) with the profile and target directory of the running
/// executable, once per process.
///
/// Cargo sets `CARGO_BIN_EXE_<name>` only for the binaries of the package under test; the
/// examples are other packages, so they are built here.
///
/// # Panics
///
/// If cargo fails to build them; the panic carries cargo's diagnostics.
#[must_use]
pub fn built_binaries(packages: &[&str]) -> HashMap<String, PathBuf> {
    static BUILT: Mutex<Option<HashMap<String, HashMap<String, PathBuf>>>> = Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    let key = packages.join(" ");
    if let Some(binaries) = built.get_or_insert_default().get(&key) {
        return binaries.clone();
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package is inside the workspace");
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(workspace)
        .args([
            "build",
            "--bins",
            "--message-format=json-render-diagnostics",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for package in packages {
        command.args(["-p", package]);
    }
    if let Some(target_dir) = target_dir() {
        command.arg("--target-dir").arg(target_dir);
    }
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo build -p {}` failed:\n{}",
        packages.join(" -p "),
        String::from_utf8_lossy(&output.stderr)
    );
    let binaries: HashMap<String, PathBuf> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter_map(|message| {
            let name = message["target"]["name"].as_str()?.to_owned();
            Some((name, PathBuf::from(message["executable"].as_str()?)))
        })
        .collect();
    built.get_or_insert_default().insert(key, binaries.clone());
    binaries
}

/// The target directory of the running executable (`<target>/<profile>/deps/<test>` for an
/// integration test, `<target>/<profile>/<bin>` for a binary), so nothing is built twice.
fn target_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(dir.into());
    }
    let exe = std::env::current_exe().ok()?;
    let mut dir = exe.parent()?;
    if dir.file_name()? == "deps" {
        dir = dir.parent()?;
    }
    dir.parent().map(Path::to_path_buf)
}

thread_local! {
    static BUILT: Cell<usize> = const { Cell::new(0) };
    static DROPPED: Cell<usize> = const { Cell::new(0) };
}

/// Counts, on the current thread, how many values are built and dropped, so a test can tell
/// that each invocation's state was dropped whatever way the invocation ended.
#[derive(Debug)]
pub struct Tracked;

impl Default for Tracked {
    fn default() -> Self {
        BUILT.with(|built| built.set(built.get() + 1));
        Tracked
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPPED.with(|dropped| dropped.set(dropped.get() + 1));
    }
}

/// `(built, dropped)` on this thread so far.
#[must_use]
pub fn tracked_counts() -> (usize, usize) {
    (BUILT.with(Cell::get), DROPPED.with(Cell::get))
}

/// A static other crates can reach, to show that the checks see through crate paths.
pub static SHARED_COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
