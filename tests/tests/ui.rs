//! Misuses of the macros fail to compile with the errors in `ui/**/*.stderr`, and the generated
//! 20,000-line crate, whose mutable statics no handler reaches, compiles and runs.
//!
//! One trybuild run builds every case; regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p invocation-scope-tests --test ui` and review the diff.

use std::path::Path;

use invocation_scope_tests::large_crate::LargeCrate;

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*/*.rs");

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
}
