//! What the process the macro runs in tells the pass: rustc's command line, the environment
//! variables it reads, and the working directory rustc's relative paths start from. Everything
//! the pass takes from outside the files it reads comes from here (the crate's sources are read
//! through `index::Files`, cargo's dep-info files in `crates.rs`).

use std::path::PathBuf;

/// Under rust-analyzer, which does not re-run a macro when a file the pass read changes: the
/// pass then does nothing, and `cargo check` gives the verdict.
pub(crate) fn under_rust_analyzer() -> bool {
    std::env::var_os("RUST_ANALYZER_INTERNALS_DO_NOT_USE").is_some()
}

/// `INVOCATION_SCOPE_DEBUG=1`: the pass says on stderr what it did, or why it did not run.
pub(crate) fn debug() -> bool {
    std::env::var_os("INVOCATION_SCOPE_DEBUG").is_some_and(|value| value != "0")
}

/// rustc's working directory, which the relative paths of its command line, of its spans and
/// of cargo's dep-info files start from.
pub(crate) fn working_dir() -> Option<PathBuf> {
    std::env::current_dir().ok()
}

/// The package directory cargo gives the crate being compiled, to show its files relative to.
pub(crate) fn package_dir() -> Option<PathBuf> {
    std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from)
}

/// An environment variable, for `include!(concat!(env!("OUT_DIR"), ..))`.
pub(crate) fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// rustc's arguments, `@argfile`s expanded, and whether the program is rustdoc.
pub(crate) fn command_line() -> Option<(Vec<String>, bool)> {
    let mut raw = std::env::args();
    let program = raw.next().unwrap_or_default();
    let rustdoc = std::path::Path::new(&program)
        .file_stem()
        .is_some_and(|stem| stem.to_string_lossy().starts_with("rustdoc"));
    let mut args = Vec::new();
    for arg in raw {
        match arg.strip_prefix('@') {
            Some(file) => args.extend(
                std::fs::read_to_string(file)
                    .ok()?
                    .lines()
                    .map(str::to_owned),
            ),
            None => args.push(arg),
        }
    }
    Some((args, rustdoc))
}
