//! Crate shapes that used to make the crate-wide pass slow, written as small Lambda packages:
//! the robustness tests check them, and `tests/benches/crate_shapes.sh` times them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A generated crate shape.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// `modules` modules `mN { use super::*; }`, each re-exported with `pub use mN::*;` at the
    /// root, each with `fns` functions calling into the next module through the globs.
    GlobWeb {
        /// Modules in the web.
        modules: usize,
        /// Functions per module.
        fns: usize,
    },
    /// `struct Lk { a: Lk-1, b: Lk-1, … }`, `width` fields per level: a static of the outermost
    /// type is reached.
    NestedTypes {
        /// Levels of nesting.
        levels: usize,
        /// Fields per level.
        width: usize,
    },
    /// A chain of `calls` functions from the handler to a `static mut` (or to an atomic).
    DeepChain {
        /// Functions in the chain.
        calls: usize,
        /// Ends in an `AtomicU32` rather than a `static mut`.
        atomic: bool,
    },
    /// One module of about `lines` lines, a type per fifty lines with a `get` method reading its
    /// own immutable static; the handler calls `.get()`, so every one is reached (by name).
    LargeModule {
        /// Lines of the module.
        lines: usize,
    },
}

const HEADER: &str = "use invocation_scope::invocation_handler;\n\
                      use lambda_runtime::{Error, LambdaEvent};\n\n";

impl Shape {
    /// `src/main.rs`.
    #[must_use]
    pub fn source(self) -> String {
        self.source_with_pass(true)
    }

    /// `src/main.rs`, the handler's attribute with `crate_wide = false` when `pass` is false:
    /// the control, to measure what the pass costs.
    #[must_use]
    pub fn source_with_pass(self, pass: bool) -> String {
        let mut out = String::from("#![allow(dead_code, clippy::all)]\n");
        out.push_str(HEADER);
        match self {
            Shape::GlobWeb { modules, fns } => glob_web(&mut out, modules, fns),
            Shape::NestedTypes { levels, width } => nested_types(&mut out, levels, width),
            Shape::DeepChain { calls, atomic } => deep_chain(&mut out, calls, atomic),
            Shape::LargeModule { lines } => large_module(&mut out, lines),
        }
        out.push_str("\nfn main() {}\n");
        if pass {
            out
        } else {
            out.replace(
                "#[invocation_handler]",
                "#[invocation_handler(crate_wide = false)]",
            )
        }
    }
}

fn glob_web(out: &mut String, modules: usize, fns: usize) {
    for m in 0..modules {
        let _ = writeln!(out, "pub use m{m}::*;");
    }
    for m in 0..modules {
        let _ = writeln!(out, "\nmod m{m} {{\n    use super::*;");
        for f in 0..fns {
            let next = if m + 1 < modules {
                format!("f{}_{f}(x.wrapping_add(1))", m + 1)
            } else {
                "x".to_owned()
            };
            let _ = writeln!(
                out,
                "    pub fn f{m}_{f}(x: u32) -> u32 {{\n        \
                 let v: Vec<u8> = Vec::new();\n        \
                 let s = String::from(\"s\");\n        \
                 {next} ^ (v.len() + s.len()) as u32\n    }}"
            );
        }
        out.push_str("}\n");
    }
    out.push_str(
        "\n#[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         Ok(f0_0(event.payload))\n}\n",
    );
}

fn nested_types(out: &mut String, levels: usize, width: usize) {
    let fields: Vec<String> = (0..width).map(|i| format!("f{i}")).collect();
    out.push_str("struct L0 {\n    f0: u32,\n}\n");
    for level in 1..=levels {
        let _ = writeln!(out, "struct L{level} {{");
        for field in &fields {
            let _ = writeln!(out, "    {field}: L{},", level - 1);
        }
        out.push_str("}\n");
    }
    let _ = write!(
        out,
        "\nstatic DEEP: Option<L{levels}> = None;\n\n\
         fn deep() -> bool {{\n    DEEP.is_some()\n}}\n\n\
         #[invocation_handler]\nasync fn handler(_event: LambdaEvent<u32>) -> Result<bool, Error> {{\n    \
         Ok(deep())\n}}\n"
    );
}

fn deep_chain(out: &mut String, calls: usize, atomic: bool) {
    if atomic {
        out.push_str(
            "static HITS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);\n\n",
        );
    } else {
        out.push_str("static mut HITS: u32 = 0;\n\n");
    }
    for call in 0..calls {
        let _ = writeln!(
            out,
            "fn call_{call}() -> u32 {{\n    call_{}()\n}}",
            call + 1
        );
    }
    let last = if atomic {
        "HITS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)"
    } else {
        "unsafe { HITS }"
    };
    let _ = write!(
        out,
        "fn call_{calls}() -> u32 {{\n    {last}\n}}\n\n\
         #[invocation_handler]\nasync fn handler(_event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
         Ok(call_0())\n}}\n"
    );
}

fn large_module(out: &mut String, lines: usize) {
    out.push_str("mod big {\n");
    let mut count = 0;
    while out.lines().count() < lines {
        let _ = write!(
            out,
            "    static TABLE_{count}: [u32; 4] = [{count}, 1, 2, 3];\n\
             \x20   static NAME_{count}: &str = \"item {count}\";\n\n\
             \x20   pub struct Item{count} {{\n        pub weight: u32,\n    }}\n\n\
             \x20   impl Item{count} {{\n\
             \x20       pub fn get(&self) -> u32 {{\n\
             \x20           TABLE_{count}[(self.weight % 4) as usize]\n        }}\n\n\
             \x20       pub fn name(&self) -> &'static str {{\n            NAME_{count}\n        }}\n\n\
             \x20       fn scaled(&self, by: u32) -> u32 {{\n\
             \x20           let mut total = 0;\n\
             \x20           for step in 0..by {{\n\
             \x20               total += self.weight.wrapping_mul(step);\n            }}\n\
             \x20           total\n        }}\n    }}\n\n\
             \x20   pub fn describe_{count}(weight: u32) -> String {{\n\
             \x20       let item = Item{count} {{ weight }};\n\
             \x20       let mut out = String::new();\n\
             \x20       for _ in 0..(weight % 3) {{\n\
             \x20           out.push_str(item.name());\n        }}\n\
             \x20       out.push_str(&item.scaled(2).to_string());\n\
             \x20       out\n    }}\n\n"
        );
        count += 1;
    }
    // `pick` says nothing the pass reads about what it returns, so `item.get()` is matched by
    // name: every `get` of the module, and every static they read, is reached.
    out.push_str(
        "    pub fn pick(weight: u32) -> Item0 {\n        Item0 { weight }\n    }\n\
         }\n\n#[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         let item = big::pick(event.payload);\n    Ok(item.get())\n}\n",
    );
}

/// Writes a package at `dir` with these files (paths relative to the package), depending on
/// this repository's `invocation-scope`, `lambda_runtime` without its default features, and
/// `serde_json`, with the repository's `Cargo.lock` so that it builds offline with the same
/// versions.
///
/// # Errors
/// When a file cannot be written.
pub fn write_package(dir: &Path, files: &[(&str, String)]) -> std::io::Result<()> {
    let repository = repository();
    std::fs::create_dir_all(dir.join("src"))?;
    let name = dir
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("fixture");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ninvocation-scope = {{ path = \"{}\" }}\n\
             lambda_runtime = {{ version = \"1.5\", default-features = false }}\n\
             serde_json = \"1\"\n\n[workspace]\n",
            repository.join("invocation-scope").display()
        ),
    )?;
    std::fs::copy(repository.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    for (path, contents) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, contents)?;
    }
    Ok(())
}

/// This repository's root.
#[must_use]
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}
