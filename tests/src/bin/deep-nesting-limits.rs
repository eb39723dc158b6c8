//! Finds, for each shape of `deep_nesting` and each place the macros read, the deepest nesting
//! that compiles with the macros and without them (the control), with `cargo check` on a
//! generated package: `cargo run -p invocation-scope-tests --bin deep-nesting-limits [SHAPE..]`.
//! Each probe is one `cargo check` of about a second; the search starts from the shape's
//! `rustc_limit()`. With `combined`, checks instead that the ui test's crates
//! (`deep_nesting::source`) compile at `rustc_limit()` with and without the macros, and that the
//! control overflows one level deeper.

use std::path::Path;
use std::process::Command;

use invocation_scope_tests::crate_shapes::{repository, write_package};
use invocation_scope_tests::deep_nesting::{self, Place, Shape};

/// How far from `rustc_limit()` the search looks.
const SPAN: usize = 24;

fn main() -> std::io::Result<()> {
    let mut wanted: Vec<String> = std::env::args().skip(1).collect();
    let root = repository();
    let target = root.join("target/deep-nesting-limits");
    if wanted.first().is_some_and(|first| first == "combined") {
        wanted.remove(0);
        return combined(
            &root.join("target/tmp/deep-nesting-combined"),
            &target,
            &wanted,
        );
    }
    let dir = root.join("target/tmp/deep-nesting-limits");
    println!("| shape | place | without the macros | with them | levels lost |");
    println!("| --- | --- | --- | --- | --- |");
    for shape in Shape::ALL {
        if !wanted.is_empty() && !wanted.iter().any(|name| name == shape.name()) {
            continue;
        }
        for place in Place::ALL {
            let control = deepest(&dir, &target, place, shape, false)?;
            let with = deepest(&dir, &target, place, shape, true)?;
            println!(
                "| {} | {} | {control} | {with} | {} |",
                shape.name(),
                place.name(),
                control.saturating_sub(with)
            );
        }
    }
    Ok(())
}

/// Checks the ui test's generated crates at `rustc_limit()`.
fn combined(dir: &Path, target: &Path, wanted: &[String]) -> std::io::Result<()> {
    for shape in Shape::ALL {
        if !wanted.is_empty() && !wanted.iter().any(|name| name == shape.name()) {
            continue;
        }
        let limit = shape.rustc_limit();
        let control = check(dir, target, deep_nesting::source(shape, limit, false))?;
        let deeper = check(dir, target, deep_nesting::source(shape, limit + 1, false))?;
        let with = check(dir, target, deep_nesting::source(shape, limit, true))?;
        println!(
            "{} at {limit}: control {}, control one deeper {}, with the macros {}",
            shape.name(),
            outcome(control),
            outcome(deeper),
            outcome(with)
        );
    }
    Ok(())
}

fn outcome(compiles: bool) -> &'static str {
    if compiles { "compiles" } else { "overflows" }
}

/// The deepest nesting of `shape` in `place` that compiles.
fn deepest(
    dir: &Path,
    target: &Path,
    place: Place,
    shape: Shape,
    macros: bool,
) -> std::io::Result<usize> {
    let mut compiles = shape.rustc_limit() - SPAN;
    let mut overflows = shape.rustc_limit() + SPAN;
    assert!(
        check(dir, target, place.source(shape, compiles, macros))?,
        "{} {} {compiles} deep does not compile",
        shape.name(),
        place.name()
    );
    assert!(
        !check(dir, target, place.source(shape, overflows, macros))?,
        "{} {} {overflows} deep compiles",
        shape.name(),
        place.name()
    );
    while overflows - compiles > 1 {
        let middle = usize::midpoint(compiles, overflows);
        if check(dir, target, place.source(shape, middle, macros))? {
            compiles = middle;
        } else {
            overflows = middle;
        }
    }
    Ok(compiles)
}

/// Whether the package compiles with `source` as its `main.rs`; `false` when rustc overflows
/// its stack. Any other failure stops the search with rustc's messages.
fn check(dir: &Path, target: &Path, source: String) -> std::io::Result<bool> {
    write_package(dir, &[("src/main.rs", source)])?;
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .arg("check")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .output()?;
    if output.status.success() {
        return Ok(true);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("overflowed its stack"),
        "the generated crate fails otherwise than by overflowing rustc's stack:\n{stderr}"
    );
    Ok(false)
}
