//! Misuses of the macros fail to compile with the errors in `ui/**/*.stderr`.
//!
//! One trybuild run builds every case; regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p invocation-scope-tests --test ui` and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*/*.rs");
}
