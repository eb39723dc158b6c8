//! What the index knows about the crate: plain data, so one index can be cached for every
//! handler of a compilation, and another crate's kept on disk (`disk.rs`). A field holding an
//! id is moved with the rest when another crate's index is added (`segment.rs`).

// The derives of the disk format read no `pub(crate)` on a type: the types are `pub` in this
// private module, which keeps them to the crate all the same.
#![allow(unreachable_pub)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use nanoserde::{DeBin, SerBin};

pub(crate) type ModId = usize;
pub(crate) type FnId = usize;
pub(crate) type StaticId = usize;
pub(crate) type TypeId = usize;
pub(crate) type MacroId = usize;
pub(crate) type FileId = usize;

#[derive(Default)]
pub(crate) struct Index {
    /// Every file read, as shown in messages (relative to the package when inside it).
    pub(crate) files: Vec<String>,
    /// The same files, canonical: where rustc's spans are matched.
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) modules: Vec<Module>,
    pub(crate) fns: Vec<Func>,
    pub(crate) statics: Vec<Static>,
    pub(crate) types: Vec<TypeDef>,
    pub(crate) macros: Vec<MacroDef>,
    /// Methods (fns in `impl` and `trait` blocks) by name, for calls resolved by name.
    pub(crate) methods: HashMap<String, Vec<FnId>>,
    /// `macro_rules!` by name: they are textually scoped, so a name is enough.
    pub(crate) macros_by_name: HashMap<String, Vec<MacroId>>,
    /// The `macro_rules!` whose rules write `fn name`: a call to a function the index does not
    /// know may reach what such a macro's expansion does.
    pub(crate) macro_fns: HashMap<String, Vec<MacroId>>,
    /// The names of the crate's traits: their default methods are candidates for any receiver.
    pub(crate) traits: HashSet<String>,
    /// The other crates of the workspace the handler's crate depends on, by the name it calls
    /// them: their root modules.
    pub(crate) crates: HashMap<String, ModId>,
    /// Crate names a path may start with (`--extern` and the standard ones).
    pub(crate) externs: HashSet<String>,
    /// How long building it took.
    pub(crate) built_in: std::time::Duration,
    /// How many of the other crates were taken from disk (`disk.rs`).
    pub(crate) crates_from_disk: usize,
    /// Names already looked up in modules, filled as handlers are analysed.
    pub(crate) memo: Mutex<Memo>,
}

/// What name resolution has already worked out, so that glob webs cost each lookup once.
#[derive(Default)]
pub(crate) struct Memo {
    /// `name` as seen in a module.
    pub(crate) names: HashMap<(ModId, String), Vec<Item>>,
    /// The modules a module's globs bring in.
    pub(crate) globs: HashMap<ModId, Vec<ModId>>,
    /// Lookups under way: met again, they are a cycle and add nothing.
    pub(crate) active: HashSet<(ModId, String)>,
    pub(crate) active_globs: HashSet<ModId>,
}

/// Something a name can stand for in a module.
#[derive(Clone, Copy, PartialEq, Eq, Debug, SerBin, DeBin)]
pub enum Item {
    Mod(ModId),
    Fn(FnId),
    Static(StaticId),
    Type(TypeId),
    /// A value that is no static of the program's own memory: a `const` (evaluated at compile
    /// time, a fresh value at every use) or an `extern` static (foreign memory).
    Value,
}

#[derive(Default, SerBin, DeBin)]
pub struct Module {
    /// `crate::a::b` is `["a", "b"]`; in another crate of the workspace, `storage::a::b` is
    /// `["storage", "a", "b"]`.
    pub(crate) path: Vec<String>,
    /// The root module of its crate: what `crate::` means inside it.
    pub(crate) crate_root: ModId,
    pub(crate) parent: Option<ModId>,
    pub(crate) items: HashMap<String, Vec<Item>>,
    /// `use a::b as c;` is `c` → `["a", "b"]`.
    pub(crate) uses: HashMap<String, Vec<Vec<String>>>,
    /// `use a::b::*;` is `["a", "b"]`.
    pub(crate) globs: Vec<Vec<String>>,
}

/// A place in the sources.
#[derive(Clone, Copy, Debug, SerBin, DeBin)]
pub struct Loc {
    pub(crate) file: FileId,
    pub(crate) line: usize,
}

/// Names a body mentions, with where.
#[derive(Default, SerBin, DeBin)]
pub struct Refs {
    /// Paths in value or type position: calls, fns passed by name, statics, `Type::method`.
    pub(crate) paths: Vec<(Vec<String>, Loc)>,
    /// `.name(...)`, with the receiver when it is a plain place (`self.items`, `event.payload`,
    /// `client`): followed by the receiver's type where the sources say it, else by name.
    pub(crate) methods: Vec<(String, Loc, Vec<String>)>,
    /// `name!(...)`.
    pub(crate) macros: Vec<(String, Loc)>,
}

/// Names that a body binds itself, so that a path with that name is not an item.
#[derive(Default, SerBin, DeBin)]
pub struct LocalScope {
    pub(crate) bindings: Vec<String>,
    pub(crate) uses: HashMap<String, Vec<Vec<String>>>,
    pub(crate) items: HashMap<String, Vec<Item>>,
}

#[derive(SerBin, DeBin)]
pub struct Func {
    pub(crate) module: ModId,
    pub(crate) name: String,
    /// The `impl`'s self type's last segment, or the trait's name for a default method.
    pub(crate) owner: Option<String>,
    pub(crate) loc: Loc,
    /// Of the name, counted in characters from 0: with the file and line, what identifies the
    /// handler being expanded.
    pub(crate) column: usize,
    pub(crate) refs: Refs,
    pub(crate) scope: LocalScope,
    /// Its own tokens are under the token-level checks (`#[invocation_handler]` or
    /// `#[no_mutable_statics]` on it or around it).
    pub(crate) checked: bool,
    pub(crate) cfgs: Vec<String>,
    /// Const generics of the enclosing `impl` or trait: values in its body, never statics.
    pub(crate) outer_consts: Vec<String>,
    /// Once-cells it sets from its parameters or locals (`CACHE.get_or_init(|| event.id)`),
    /// as written.
    pub(crate) once_sets: Vec<(Vec<String>, Loc)>,
    /// The types of its `&mut T` parameters, as written: per-invocation state when it is a
    /// handler.
    pub(crate) state_params: Vec<(Vec<String>, Loc)>,
    /// Parameters and locals whose type the sources say (`x: T`, `let x: T`, `let x =
    /// T::new()`, `let x = T { .. }`), as written.
    pub(crate) local_types: HashMap<String, String>,
    /// Its return type as written, for methods called on what it returns.
    pub(crate) returns: Option<String>,
}

impl Func {
    /// `helpers::record` or `Registry::push`: how the chain names this function.
    pub(crate) fn display(&self, index: &Index) -> String {
        if let Some(owner) = &self.owner {
            return format!("{owner}::{}", self.name);
        }
        let mut path = index.modules[self.module].path.clone();
        path.push(self.name.clone());
        path.join("::")
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, SerBin, DeBin)]
pub enum StaticKind {
    /// `static NAME: T`: mutable exactly when `T` is not `Freeze`, which rustc decides.
    Plain,
    Mut,
    ThreadLocal,
    LazyStatic,
}

#[derive(SerBin, DeBin)]
pub struct Static {
    pub(crate) module: ModId,
    pub(crate) name: String,
    pub(crate) kind: StaticKind,
    /// The declared type as source text.
    pub(crate) ty: String,
    pub(crate) loc: Loc,
    pub(crate) init: Refs,
    pub(crate) cfgs: Vec<String>,
    /// Types declared in the function body that declares this static, which its type may name.
    pub(crate) locals: Vec<(String, TypeId)>,
}

impl Static {
    pub(crate) fn display(&self, index: &Index) -> String {
        let mut path = index.modules[self.module].path.clone();
        path.push(self.name.clone());
        path.join("::")
    }

    /// The path the handler's crate names it by: `crate::a::B`, or `storage::a::B` in another
    /// crate of the workspace.
    pub(crate) fn absolute(&self, index: &Index) -> String {
        absolute(index, self.module, &self.name)
    }
}

/// `name` in `module`, as the handler's crate writes it.
pub(crate) fn absolute(index: &Index, module: ModId, name: &str) -> String {
    let mut path = index.modules[module].path.clone();
    path.push(name.to_owned());
    if index.modules[module].crate_root == 0 {
        path.insert(0, "crate".to_owned());
    }
    path.join("::")
}

#[derive(SerBin, DeBin)]
pub enum TypeShape {
    /// Field types of a struct or union, or of every variant of an enum, as source text.
    Fields(Vec<String>),
    /// `type Name = T;`
    Alias(String),
    Trait,
}

#[derive(SerBin, DeBin)]
pub struct TypeDef {
    pub(crate) module: ModId,
    pub(crate) name: String,
    pub(crate) generics: Vec<String>,
    pub(crate) shape: TypeShape,
    /// For a type declared in a function body, the types declared beside it.
    pub(crate) locals: Vec<(String, TypeId)>,
    /// For a `#[per_invocation]` struct, what building it fresh mentions: its `new =` or
    /// `from_invocation =` constructor, its fields' `init` expressions, the `default` of the
    /// other fields' types. A handler taking it as `&mut` runs these in every invocation.
    pub(crate) state_build: Option<Refs>,
    /// A struct's named fields and their types as written, for receivers such as `self.items`.
    pub(crate) named_fields: Vec<(String, String)>,
}

#[derive(SerBin, DeBin)]
pub struct MacroDef {
    pub(crate) module: ModId,
    pub(crate) name: String,
    /// Everything the macro's rules may expand to.
    pub(crate) refs: Refs,
}
