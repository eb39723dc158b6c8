//! Fixtures shared by the behaviour tests in `tests/`.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

use lambda_runtime::LambdaEvent;

/// An event as Lambda would deliver it (see `invocation_scope::testing::EventBuilder`), with the
/// given request id.
#[must_use]
pub fn event<T>(payload: T, request_id: &str) -> LambdaEvent<T> {
    let mut event = invocation_scope::testing::lambda_event(payload);
    request_id.clone_into(&mut event.context.request_id);
    event
}

/// The path of the binary `bin` of the workspace package `package`, built by cargo with the
/// profile and target directory of the running executable (once per process).
///
/// Cargo sets `CARGO_BIN_EXE_<name>` only for the binaries of the package under test; the
/// examples are other packages, so they are built here.
///
/// # Panics
///
/// If cargo fails to build it; the panic carries cargo's diagnostics.
#[must_use]
pub fn built_binary(package: &str, bin: &str) -> PathBuf {
    static BUILT: Mutex<Option<HashMap<String, PathBuf>>> = Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    let key = format!("{package}/{bin}");
    if let Some(path) = built.get_or_insert_default().get(&key) {
        return path.clone();
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package is inside the workspace");
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(workspace)
        .args([
            "build",
            "--message-format=json-render-diagnostics",
            "-p",
            package,
            "--bin",
            bin,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(target_dir) = target_dir() {
        command.arg("--target-dir").arg(target_dir);
    }
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo build -p {package} --bin {bin}` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == bin
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo built no executable named {bin} in {package}"));
    built.get_or_insert_default().insert(key, path.clone());
    path
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
