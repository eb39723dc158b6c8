//! Misuses of the macros fail to compile with the errors in `ui/**/*.stderr`; the generated
//! 20,000-line crate, whose mutable statics no handler reaches, and code nested as deep as
//! rustc accepts in every place the macros read compile and run.
//!
//! One trybuild run builds every case; regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p invocation-scope-tests --test ui` and review the diff.

use std::path::Path;

use invocation_scope_tests::deep_nesting::{self, Shape};
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
