//! Misuses of the macros fail to compile with the errors in `ui/**/*.stderr`; the cases in
//! `ui-pass/` (handlers, many reduced from real code, whose statics cannot carry data between
//! invocations), the generated 20,000-line crate, whose mutable statics no handler reaches, and
//! code nested as deep as rustc accepts in every place the macros read, less only what any
//! attribute macro costs (`invocation_scope_tests::deep_nesting`), compile and run.
//!
//! One trybuild run builds every case; regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p invocation-scope-tests --test ui` and review the diff.
//!
//! The snapshots are the output of one rustc, [`SNAPSHOTS_RUSTC`]: under another, the test stops
//! with one message that says so instead of a diff for every case. The version is pinned here
//! rather than in a `rust-toolchain.toml`, which would make rustup refuse to run on a machine
//! that has this rustc only as `stable` and cannot download it.

use std::path::Path;
use std::process::Command;

use invocation_scope_tests::deep_nesting::{self, Shape};
use invocation_scope_tests::large_crate::LargeCrate;

/// The rustc whose messages `ui/**/*.stderr` hold.
const SNAPSHOTS_RUSTC: &str = "1.95.0";

/// `rustc -V` of the toolchain that builds the cases (cargo's `RUSTC` when set).
fn rustc_version() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("-V").output().expect("rustc runs");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn ui() {
    let version = rustc_version();
    assert!(
        version.starts_with(&format!("rustc {SNAPSHOTS_RUSTC} ")),
        "the ui snapshots (tests/ui/**/*.stderr) are rustc {SNAPSHOTS_RUSTC}'s messages, and this \
         is `{version}`: run the ui test with rustc {SNAPSHOTS_RUSTC}, or move the snapshots to \
         this rustc in one change: set SNAPSHOTS_RUSTC in tests/tests/ui.rs, run \
         `TRYBUILD=overwrite cargo test -p invocation-scope-tests --test ui` and review the diff"
    );
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*/*.rs");
    // Statics the policy accepts: computed once without invocation input.
    cases.pass("ui-pass/*/*.rs");

    let large = Path::new(env!("CARGO_TARGET_TMPDIR")).join("large-crate-20k-lines.rs");
    let source = LargeCrate {
        handlers: 10,
        lines: 20_000,
        pass_off: false,
    }
    .source();
    assert!(source.lines().count() >= 20_000);
    std::fs::write(&large, source).expect("the generated crate is written");
    cases.pass(&large);

    // Built at opt-level 0, cargo's default for proc macros: each expansion needs far more stack
    // than rustc's thread has left at these depths.
    for shape in Shape::ALL {
        let depth = shape.rustc_limit();
        let file = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("deep-{}-{depth}.rs", shape.name()));
        std::fs::write(&file, deep_nesting::source(shape, depth, true))
            .expect("the generated crate is written");
        cases.pass(&file);
    }
}
