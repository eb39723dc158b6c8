//! Writes the generated 20,000-line Lambda crate to a directory, for `cargo check` timings:
//! `cargo run -p invocation-scope-tests --bin large-crate -- DIR HANDLERS [off]`.

use std::path::{Path, PathBuf};

use invocation_scope_tests::large_crate::LargeCrate;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: large-crate DIR HANDLERS [off]";
    let dir = PathBuf::from(args.next().expect(usage));
    let handlers = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let pass_off = args.next().is_some_and(|flag| flag == "off");
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()?;
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"large-crate\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ninvocation-scope = {{ path = \"{}\" }}\nlambda_runtime = \"1.5\"\n\n[workspace]\n",
            repository.join("invocation-scope").display()
        ),
    )?;
    let source = LargeCrate {
        handlers,
        lines: 20_000,
        pass_off,
    }
    .source();
    std::fs::write(dir.join("src/main.rs"), &source)?;
    println!(
        "{} lines, {handlers} handlers, pass {}",
        source.lines().count(),
        if pass_off { "off" } else { "on" }
    );
    Ok(())
}
