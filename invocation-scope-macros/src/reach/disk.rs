//! The index of another crate of the workspace, kept beside the metadata rustc wrote for it
//! (`deps/name-hash.invocation-scope`), so that the function crates depending on it read it
//! once per build of it instead of once each. Lexing and parsing a shared crate at the
//! opt-level 0 that proc macros are built at was most of what checking a function crate of a
//! workspace cost.
//!
//! A kept index is used only when everything it was built from is as it was: the crate's root
//! and the files its build compiled (from the dep-info, which changes with its features), the
//! modification time and length of every file read for it, whether the target's cfgs were
//! known, and the build of this macro crate. Otherwise, or when anything cannot be read, the
//! crate is indexed again; failing to write the index costs only that.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use nanoserde::{DeBin, SerBin};

use super::cfg::Config;
use super::crates::{LocalCrate, this_library};
use super::index::stamp_of;
use super::model::{FnId, Func, Index, MacroDef, MacroId, Module, Static, TypeDef};
use super::segment::Segment;

/// What a file of ours starts with, before the [`Writer`]; to be changed with the writer's
/// layout.
const MAGIC: &[u8] = b"invocation-scope index 1\n";

/// What wrote a record, which must be what reads it: the first thing in the file after
/// [`MAGIC`].
#[derive(SerBin, DeBin, PartialEq)]
struct Writer {
    /// This crate's version, and the stamp of the `invocation_scope` metadata the handler's
    /// crate is compiled against ([`this_library`]): cargo builds it anew whenever this macro
    /// crate changes, and with it the way crates are indexed and the record's layout.
    version: String,
    library: (String, u64, u32, u64),
    /// Whether the target's cfgs were decided ([`Config::decides_target`]).
    decides_target: bool,
}

/// What follows the [`Writer`] in a file, read only when the writer is this one, whose layout it
/// then has (a record of another layout could hold any length anywhere): what the index was
/// built from, checked before the index itself is read.
#[derive(SerBin, DeBin)]
struct Sources {
    root: String,
    /// The files the crate's build compiled, sorted.
    compiled: Vec<String>,
    /// Every file read, with its modification time (seconds, nanoseconds) and length.
    stamps: Vec<(String, u64, u32, u64)>,
}

/// What follows the [`Sources`], read only when they are as they were.
#[derive(SerBin, DeBin)]
struct Kept {
    opened: Vec<String>,
    /// The index's canonical file paths.
    paths: Vec<String>,
    contents: Contents,
}

/// What indexing the crate found; the rest of an [`Index`] is the handler's crate's.
#[derive(SerBin, DeBin)]
struct Contents {
    modules: Vec<Module>,
    fns: Vec<Func>,
    statics: Vec<Static>,
    types: Vec<TypeDef>,
    macros: Vec<MacroDef>,
    methods: HashMap<String, Vec<FnId>>,
    macros_by_name: HashMap<String, Vec<MacroId>>,
    macro_fns: HashMap<String, Vec<MacroId>>,
    traits: HashSet<String>,
}

impl Contents {
    fn take(index: &mut Index) -> Contents {
        Contents {
            modules: std::mem::take(&mut index.modules),
            fns: std::mem::take(&mut index.fns),
            statics: std::mem::take(&mut index.statics),
            types: std::mem::take(&mut index.types),
            macros: std::mem::take(&mut index.macros),
            methods: std::mem::take(&mut index.methods),
            macros_by_name: std::mem::take(&mut index.macros_by_name),
            macro_fns: std::mem::take(&mut index.macro_fns),
            traits: std::mem::take(&mut index.traits),
        }
    }

    fn put(self, index: &mut Index) {
        index.modules = self.modules;
        index.fns = self.fns;
        index.statics = self.statics;
        index.types = self.types;
        index.macros = self.macros;
        index.methods = self.methods;
        index.macros_by_name = self.macros_by_name;
        index.macro_fns = self.macro_fns;
        index.traits = self.traits;
    }
}

/// Where the kept index of the crate compiled to `artifact` (`libname-hash.rmeta`) is.
fn location(artifact: &Path) -> Option<PathBuf> {
    let stem = artifact.file_stem()?.to_str()?;
    let stem = stem.strip_prefix("lib").unwrap_or(stem);
    Some(artifact.with_file_name(format!("{stem}.invocation-scope")))
}

fn text(path: &Path) -> Option<String> {
    path.to_str().map(str::to_owned)
}

fn texts<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Option<Vec<String>> {
    paths.into_iter().map(|path| text(path)).collect()
}

fn compiled(krate: &LocalCrate) -> Option<Vec<String>> {
    let mut compiled = texts(&krate.files)?;
    compiled.sort_unstable();
    Some(compiled)
}

/// [`stamp_of`] in a form a record holds.
fn stamp(path: &str) -> Option<(String, u64, u32, u64)> {
    let (modified, len) = stamp_of(Path::new(path))?;
    let modified = modified.duration_since(UNIX_EPOCH).ok()?;
    Some((
        path.to_owned(),
        modified.as_secs(),
        modified.subsec_nanos(),
        len,
    ))
}

/// The records of the other crates of the workspace, for one compilation.
pub(crate) struct Store {
    writer: Writer,
}

impl Store {
    /// `None` when the crate is not compiled against `invocation_scope` (it uses the macros
    /// crate directly), whose stamp keys the records.
    pub(crate) fn new(args: &[String], config: &Config) -> Option<Store> {
        let library = this_library(args)?;
        Some(Store {
            writer: Writer {
                version: env!("CARGO_PKG_VERSION").to_owned(),
                library: stamp(&text(&library)?)?,
                decides_target: config.decides_target(),
            },
        })
    }

    /// The kept index of `krate`, when it is there and still what indexing it would give.
    pub(crate) fn read(&self, krate: &LocalCrate) -> Option<Segment> {
        let bytes = std::fs::read(location(&krate.artifact)?).ok()?;
        let bytes = bytes.strip_prefix(MAGIC)?;
        let mut at = 0;
        if Writer::de_bin(&mut at, bytes).ok()? != self.writer {
            return None;
        }
        let sources = Sources::de_bin(&mut at, bytes).ok()?;
        let unchanged = text(&krate.root)? == sources.root
            && compiled(krate)? == sources.compiled
            && sources
                .stamps
                .iter()
                .all(|kept| stamp(&kept.0).as_ref() == Some(kept));
        if !unchanged {
            return None;
        }
        let kept = Kept::de_bin(&mut at, bytes).ok()?;
        let mut index = Index {
            paths: kept.paths.into_iter().map(PathBuf::from).collect(),
            ..Index::default()
        };
        kept.contents.put(&mut index);
        Some(Segment {
            index,
            opened: kept.opened.into_iter().map(PathBuf::from).collect(),
            read: sources
                .stamps
                .into_iter()
                .map(|kept| kept.0.into())
                .collect(),
        })
    }

    /// Keeps `segment`, the index of `krate`, for the next crate that depends on it, and gives
    /// it back. It is written whole under another name and then renamed, so that a rustc
    /// reading it meanwhile (function crates build in parallel) sees the old record or the new
    /// one, never part of one.
    pub(crate) fn write(&self, krate: &LocalCrate, segment: Segment) -> Segment {
        let Segment {
            mut index,
            opened,
            read,
        } = segment;
        // A path that is not UTF-8 is not kept; the crate is indexed again next time.
        let header = (|| {
            let stamps = read.iter().map(|path| stamp(&text(path)?));
            Some((
                text(&krate.root)?,
                compiled(krate)?,
                stamps.collect::<Option<_>>()?,
                texts(&opened)?,
                texts(&index.paths)?,
            ))
        })();
        if let (Some((root, compiled, stamps, opened_as, paths)), Some(location)) =
            (header, location(&krate.artifact))
        {
            let sources = Sources {
                root,
                compiled,
                stamps,
            };
            let kept = Kept {
                opened: opened_as,
                paths,
                contents: Contents::take(&mut index),
            };
            let partial = location.with_extension(format!("partial-{}", std::process::id()));
            let mut bytes = MAGIC.to_vec();
            self.writer.ser_bin(&mut bytes);
            sources.ser_bin(&mut bytes);
            kept.ser_bin(&mut bytes);
            let written = std::fs::write(&partial, bytes).is_ok()
                && std::fs::rename(&partial, &location).is_ok();
            if !written {
                let _ = std::fs::remove_file(&partial);
            }
            kept.contents.put(&mut index);
        }
        Segment {
            index,
            opened,
            read,
        }
    }
}
