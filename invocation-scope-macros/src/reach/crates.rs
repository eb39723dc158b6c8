//! The other crates of the package and the workspace that a handler can call: the package's own
//! library beside a binary, test or example, and path dependencies. rustc names each on its
//! command line (`--extern name=path/to/libname-hash.rmeta`), and cargo writes, beside that
//! file, the dep-info `name-hash.d` that lists the source files rustc read for it, the crate
//! root first. Crates whose sources are in cargo's registry or git checkouts stay opaque.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A crate of the workspace that the handler's crate depends on.
#[derive(Clone)]
pub(crate) struct LocalCrate {
    /// The name the handler's crate calls it by (renamed dependencies included).
    pub(crate) name: String,
    pub(crate) root: PathBuf,
    /// The metadata rustc wrote for it (`--extern`): the index of it kept on disk is beside.
    pub(crate) artifact: PathBuf,
    /// Every source file rustc read for it, canonical: a `mod` whose file is not among them was
    /// left out by a `#[cfg]` of that crate's own build.
    pub(crate) files: HashSet<PathBuf>,
}

/// rustc's `--extern name=path` arguments, as (name, path).
fn externs(args: &[String]) -> impl Iterator<Item = (String, String)> + '_ {
    let mut args = args.iter();
    std::iter::from_fn(move || {
        loop {
            let arg = args.next()?;
            let value = match arg.strip_prefix("--extern") {
                Some("") => args.next().cloned(),
                Some(inline) => inline.strip_prefix('=').map(str::to_owned),
                None => None,
            };
            if let Some((name, path)) = value.as_deref().and_then(|v| v.split_once('=')) {
                // `--extern priv:name=path` and other modifiers.
                let name = name.rsplit(':').next().unwrap_or_default();
                return Some((name.to_owned(), path.to_owned()));
            }
        }
    })
}

/// The metadata of this library (`invocation_scope`) that the crate is compiled against: it is
/// built anew whenever this macro crate is.
pub(crate) fn this_library(args: &[String]) -> Option<PathBuf> {
    externs(args).find_map(|(name, path)| (name == LIBRARY).then(|| PathBuf::from(path)))
}

const LIBRARY: &str = "invocation_scope";

/// The local crates among rustc's `--extern` arguments; `cwd` is rustc's working directory,
/// which the dep-info's relative paths start from (cargo runs every rustc of a workspace there).
pub(crate) fn local_dependencies(args: &[String], cwd: &Path) -> Vec<LocalCrate> {
    let mut found: Vec<LocalCrate> = Vec::new();
    for (name, path) in externs(args) {
        // This library's own statics are its business (and a proc-macro crate is not code the
        // handler calls): neither is read.
        let linked = Path::new(&path)
            .extension()
            .is_some_and(|ext| ext == "rlib" || ext == "rmeta");
        if name == LIBRARY || !linked || found.iter().any(|krate| krate.name == name) {
            continue;
        }
        if let Some((root, files)) = sources(Path::new(&path), cwd) {
            found.push(LocalCrate {
                name,
                root,
                artifact: PathBuf::from(path),
                files,
            });
        }
    }
    found
}

/// The crate root and the source files of the crate compiled to `artifact`, when its sources
/// are local.
fn sources(artifact: &Path, cwd: &Path) -> Option<(PathBuf, HashSet<PathBuf>)> {
    let stem = artifact.file_stem()?.to_str()?;
    let stem = stem.strip_prefix("lib").unwrap_or(stem);
    let dep_info = artifact.with_file_name(format!("{stem}.d"));
    let text = std::fs::read_to_string(dep_info).ok()?;
    // `target: file file ...` on the first line; a space inside a path is written `\ `.
    let first = text.lines().next()?;
    let (_, inputs) = first.split_once(": ")?;
    let mut files = Vec::new();
    let mut current = String::new();
    let mut chars = inputs.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            ' ' => {
                if !current.is_empty() {
                    files.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        files.push(current);
    }
    let canonical = |file: &String| {
        let path = cwd.join(file);
        std::fs::canonicalize(&path).unwrap_or(path)
    };
    let root = canonical(files.first()?);
    if !is_local(&root) || root.extension().is_none_or(|ext| ext != "rs") {
        return None;
    }
    Some((root, files.iter().map(canonical).collect()))
}

/// Not a crate downloaded by cargo (registry or git checkout) nor the standard library.
fn is_local(root: &Path) -> bool {
    let text = root.to_string_lossy().replace('\\', "/");
    ![
        "/registry/src/",
        "/git/checkouts/",
        "/rustlib/src/",
        "/vendor/",
    ]
    .iter()
    .any(|part| text.contains(part))
}

#[cfg(test)]
mod tests {
    use super::local_dependencies;

    #[test]
    fn path_dependencies_are_found_by_their_dep_info_and_registry_crates_are_not() {
        let dir =
            std::env::temp_dir().join(format!("invocation-scope-crates-{}", std::process::id()));
        let deps = dir.join("target/debug/deps");
        let src = dir.join("storage/src");
        std::fs::create_dir_all(&deps).expect("the directories are made");
        std::fs::create_dir_all(&src).expect("the directories are made");
        std::fs::write(src.join("lib.rs"), "pub mod db;\n").expect("written");
        std::fs::write(src.join("db.rs"), "").expect("written");
        std::fs::write(
            deps.join("storage-0123.d"),
            "target/debug/deps/libstorage-0123.rmeta: storage/src/lib.rs storage/src/db.rs\n\n",
        )
        .expect("written");
        std::fs::write(
            deps.join("serde-4567.d"),
            "/home/u/.cargo/registry/src/index/serde-1.0.0/src/lib.rs: \n",
        )
        .expect("written");
        let args: Vec<String> = [
            "--extern",
            &format!("store={}", deps.join("libstorage-0123.rmeta").display()),
            &format!(
                "--extern=serde={}",
                deps.join("libserde-4567.rmeta").display()
            ),
            "--extern",
            "missing=/nowhere/libmissing-89.rlib",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let found = local_dependencies(&args, &dir);
        let names: Vec<&str> = found.iter().map(|krate| krate.name.as_str()).collect();
        assert_eq!(names, ["store"]);
        assert!(found[0].root.ends_with("storage/src/lib.rs"));
        assert_eq!(found[0].files.len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
