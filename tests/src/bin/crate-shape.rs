//! Writes one of the generated crate shapes as a package, for `cargo check` timings:
//! `cargo run -p invocation-scope-tests --bin crate-shape -- DIR SHAPE N [M] [off]` where SHAPE
//! is `glob-web MODULES FNS`, `nested-types LEVELS WIDTH`, `deep-chain CALLS` or
//! `large-module LINES`; `off` writes `crate_wide = false` on the handler.

use std::path::PathBuf;

use invocation_scope_tests::crate_shapes::{Shape, write_package};

fn main() -> std::io::Result<()> {
    let usage = "usage: crate-shape DIR (glob-web MODULES FNS | nested-types LEVELS WIDTH | \
                 deep-chain CALLS | large-module LINES) [off]";
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let pass = args.last().is_none_or(|last| last != "off");
    if !pass {
        args.pop();
    }
    let number = |at: usize| -> usize {
        args.get(at)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{usage}"))
    };
    let dir = PathBuf::from(args.first().expect(usage));
    let shape = match args.get(1).map(String::as_str) {
        Some("glob-web") => Shape::GlobWeb {
            modules: number(2),
            fns: number(3),
        },
        Some("nested-types") => Shape::NestedTypes {
            levels: number(2),
            width: number(3),
        },
        Some("deep-chain") => Shape::DeepChain {
            calls: number(2),
            atomic: false,
        },
        Some("large-module") => Shape::LargeModule { lines: number(2) },
        _ => panic!("{usage}"),
    };
    let source = shape.source_with_pass(pass);
    write_package(&dir, &[("src/main.rs", source.clone())])?;
    println!(
        "{shape:?}: {} lines, pass {}",
        source.lines().count(),
        if pass { "on" } else { "off" }
    );
    Ok(())
}
