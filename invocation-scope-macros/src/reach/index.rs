//! Read the crate being compiled, from the root file on rustc's command line through every
//! `mod`, `#[path]`, `include!` and item macro, into an [`Index`]. Built once per compilation.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::ToTokens as _;
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser};
use syn::visit::Visit as _;
use syn::{Attribute, ImplItem, Item, TraitItem};

use super::cfg::Config;
use super::crates::LocalCrate;
use super::disk;
use super::host;
use super::lets::Let;
use super::lex::Fallback;
use super::model::{
    self, FileId, Func, Index, Loc, LocalScope, MacroDef, ModId, Module, Refs, Static, StaticKind,
    TypeDef, TypeShape,
};
use super::refs::{scan, scan_body};
use super::segment::Segment;
use crate::walk::{Hooks, Walk};

/// The crate's index, built now or taken from the cache when no file changed.
pub(crate) fn load() -> Result<Arc<Index>, String> {
    static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

    let (root, args, rustdoc) = command_line().ok_or(
        "no crate root file on rustc's command line (rustdoc's doctests and code read from \
         standard input have none)",
    )?;
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(cached) = &*cache
        && cached.root == root
        && cached
            .stamps
            .iter()
            .all(|(path, stamp)| stamp_of(path) == *stamp)
    {
        return Ok(Arc::clone(&cached.index));
    }
    let mut config = Config::from_args(&args);
    if rustdoc {
        config.under_rustdoc();
    }
    let building = std::time::Instant::now();
    let mut builder = Builder::new(&root, config, &Disk);
    {
        let _fallback = Fallback::force();
        builder.load_root(&root)?;
        if let Some(cwd) = host::working_dir() {
            let store = disk::Store::new(&args, &builder.config);
            for krate in super::crates::local_dependencies(&args, &cwd) {
                let (segment, from_disk) = workspace_crate(&krate, &builder.config, store.as_ref());
                builder.index.crates_from_disk += usize::from(from_disk);
                builder.splice(segment, &krate);
            }
        }
    }
    builder.index.built_in = building.elapsed();
    let index = Arc::new(builder.index);
    *cache = Some(Cached {
        root,
        stamps: builder
            .read
            .into_iter()
            .map(|path| {
                let stamp = stamp_of(&path);
                (path, stamp)
            })
            .collect(),
        index: Arc::clone(&index),
    });
    Ok(index)
}

/// The index of another crate of the workspace: the one kept on disk, or else one built now
/// (and kept); with whether it was read from disk.
fn workspace_crate(
    krate: &LocalCrate,
    config: &Config,
    store: Option<&disk::Store>,
) -> (Segment, bool) {
    if let Some(segment) = store.and_then(|store| store.read(krate)) {
        return (segment, true);
    }
    let segment = build_segment(krate, config, &Disk);
    match store {
        Some(store) => (store.write(krate, segment), false),
        None => (segment, false),
    }
}

struct Cached {
    root: PathBuf,
    stamps: Vec<(PathBuf, Option<(SystemTime, u64)>)>,
    index: Arc<Index>,
}

/// A file's modification time and length, which say whether it changed.
pub(crate) fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The `.rs` input on rustc's command line (which `@argfile`s may hold), made absolute, the
/// whole command line, and whether it is rustdoc's.
fn command_line() -> Option<(PathBuf, Vec<String>, bool)> {
    let (args, rustdoc) = host::command_line()?;
    let root = args.iter().find(|arg| {
        !arg.starts_with('-') && Path::new(arg).extension().is_some_and(|e| e == "rs")
    })?;
    let root = host::working_dir()?.join(root);
    root.is_file().then_some((root, args, rustdoc))
}

/// Where the loader reads files: the disk, or a fixture in tests.
pub(crate) trait Files {
    /// Whether `path` is a regular file (not a directory, FIFO or device).
    fn is_regular(&self, path: &Path) -> bool;
    /// The path with links and `..` resolved, to recognise a file named twice.
    fn canonical(&self, path: &Path) -> PathBuf;
    fn read(&self, path: &Path) -> Option<String>;
}

pub(crate) struct Disk;

impl Files for Disk {
    fn is_regular(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|m| m.is_file())
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }

    fn read(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }
}

struct Builder<'a> {
    files: &'a dyn Files,
    index: Index,
    /// Every file opened, each once, and its source (`None`: it cannot be read or does not
    /// parse). A file named again is parsed again: keeping every file's syntax tree to hand out
    /// copies cost more than the rare second parse.
    read: Vec<PathBuf>,
    opened: HashMap<PathBuf, Option<(FileId, String)>>,
    /// The files being added, outermost first: a module or `include!` naming one of them again
    /// is a cycle, which rustc reports, and adds nothing.
    active: Vec<PathBuf>,
    package_dir: Option<PathBuf>,
    root_dir: PathBuf,
    config: Config,
    /// `macro_rules!` by name whose rules write `fn $name`: the name comes from the input.
    fn_writing_macros: HashMap<String, model::MacroId>,
    /// `macro_rules!` by name with one rule whose expansion uses no `$` fragment: an invocation
    /// at item level stands for those items, which are indexed where it is.
    fixed_expansions: HashMap<String, TokenStream>,
    /// Fixed expansions being added: one that invokes itself adds nothing more.
    expanding: Vec<String>,
    /// While another crate of the workspace is read: the files rustc compiled for it.
    compiled: Option<HashSet<PathBuf>>,
    /// A function body did not parse (a file's bodies are parsed one by one, see
    /// [`parse_source`]): as for a file that does not parse, rustc says why.
    body_failed: bool,
    /// The bodies [`parse_source`] kept as tokens, until each is read.
    bodies: Vec<Option<TokenStream>>,
    /// Each file of the index as it was opened, by [`FileId`].
    opened_as: Vec<PathBuf>,
}

/// Where the items being added come from.
#[derive(Clone)]
struct Place {
    module: ModId,
    file: FileId,
    /// The file's directory: `#[path]` and `include!` are relative to it.
    file_dir: PathBuf,
    /// Where `mod child;` looks for `child.rs` and `child/mod.rs`.
    child_dir: PathBuf,
    /// Inside an inline `mod m { .. }`, where `#[path]` is relative to `child_dir`.
    inline: bool,
    cfgs: Vec<String>,
    /// Inside an item under `#[no_mutable_statics]`, whose own tokens the token-level checks see.
    checked: bool,
    /// Const generics of the enclosing `impl` or trait, which a method's body may use as values.
    outer_consts: Vec<String>,
}

impl Place {
    /// A crate's root file, whose `mod`s are looked for beside it.
    fn crate_root(module: ModId, file: FileId, dir: PathBuf) -> Place {
        Place {
            module,
            file,
            file_dir: dir.clone(),
            child_dir: dir,
            inline: false,
            cfgs: Vec::new(),
            checked: false,
            outer_consts: Vec::new(),
        }
    }
}

/// What a `static` item declares, as the index records it.
fn declared_static(item: &syn::ItemStatic) -> (StaticKind, Declared<'_>) {
    let kind = match item.mutability {
        syn::StaticMutability::Mut(_) => StaticKind::Mut,
        _ => StaticKind::Plain,
    };
    let declared = Declared {
        attrs: &item.attrs,
        name: &item.ident,
        ty: &item.ty,
        init: item.expr.to_token_stream(),
    };
    (kind, declared)
}

/// Whether `attrs` holds one of our attributes that check the item's own tokens.
fn token_checked(attrs: &[Attribute]) -> bool {
    crate::ours::checks_tokens(attrs)
}

impl<'a> Builder<'a> {
    fn new(root: &Path, config: Config, files: &'a dyn Files) -> Builder<'a> {
        Builder {
            files,
            index: Index {
                externs: config.externs.clone(),
                ..Index::default()
            },
            read: Vec::new(),
            opened: HashMap::new(),
            active: Vec::new(),
            package_dir: host::package_dir(),
            root_dir: root.parent().map(Path::to_path_buf).unwrap_or_default(),
            config,
            fn_writing_macros: HashMap::new(),
            fixed_expansions: HashMap::new(),
            expanding: Vec::new(),
            compiled: None,
            body_failed: false,
            bodies: Vec::new(),
            opened_as: Vec::new(),
        }
    }

    /// Adds another crate of the workspace, indexed on its own ([`build_segment`]): its modules
    /// are named under the name the handler's crate calls it by, and its files are shown as the
    /// handler's package sees them.
    fn splice(&mut self, segment: Segment, krate: &LocalCrate) {
        let crate_dir = krate.root.parent().unwrap_or(Path::new(""));
        let files = segment
            .opened
            .iter()
            .map(|path| shown(path, self.package_dir.as_deref(), crate_dir, true))
            .collect();
        self.read.extend(segment.read);
        super::segment::splice(&mut self.index, segment.index, &krate.name, files);
    }

    fn load_root(&mut self, root: &Path) -> Result<(), String> {
        let (file, items) = self
            .read_file(root)
            .ok_or("the crate root does not parse")?;
        self.index.modules.push(Module::default());
        let dir = self.root_dir.clone();
        let place = Place::crate_root(0, file, dir);
        self.add_items(&place, items);
        self.leave();
        if self.body_failed {
            return Err("a function body does not parse".into());
        }
        Ok(())
    }

    /// Reads and parses a file, or takes it from the files already read: `None` when it is
    /// missing, not a regular file, being added already (a circular module or `include!`, which
    /// rustc reports) or does not parse (rustc says why). Otherwise the file is now active:
    /// [`Builder::leave`] once its items are added.
    fn read_file(&mut self, path: &Path) -> Option<(FileId, Vec<Item>)> {
        // A FIFO or a device would block or never end: rustc reads regular files only.
        if !self.files.is_regular(path) {
            return None;
        }
        let canonical = self.files.canonical(path);
        if self.active.contains(&canonical) {
            return None;
        }
        // Another crate's file that its own build did not compile (its `#[cfg]` left it out).
        if self
            .compiled
            .as_ref()
            .is_some_and(|compiled| !compiled.contains(&canonical))
        {
            return None;
        }
        let parsed = if let Some(opened) = self.opened.get(&canonical) {
            let (file, source) = opened.as_ref()?;
            Some((*file, parse_source(source, &mut self.bodies)?))
        } else {
            let mut parsed = None;
            let opened = self.files.read(path).and_then(|source| {
                self.read.push(path.to_path_buf());
                let items = parse_source(&source, &mut self.bodies)?;
                let file = self.index.files.len();
                let other_crate = self.compiled.is_some();
                let package_dir = self.package_dir.as_deref();
                let shown = shown(path, package_dir, &self.root_dir, other_crate);
                self.index.files.push(shown);
                self.opened_as.push(path.to_path_buf());
                self.index.paths.push(canonical.clone());
                parsed = Some((file, items));
                Some((file, source))
            });
            self.opened.insert(canonical.clone(), opened);
            parsed
        };
        if parsed.is_some() {
            self.active.push(canonical);
        }
        parsed
    }

    fn leave(&mut self) {
        self.active.pop();
    }

    fn add_items(&mut self, place: &Place, items: Vec<Item>) {
        for item in items {
            self.add_item(place, item);
        }
    }

    fn add_item(&mut self, place: &Place, item: Item) {
        // What rustc certainly leaves out is not read, nor its files opened.
        if self.config.attrs_enabled(item_attrs(&item)) == Some(false) {
            return;
        }
        match item {
            Item::Mod(module) => self.add_module(place, module),
            Item::Fn(function) => {
                let id = self.add_fn(place, &function.attrs, &function.sig, &function.block, None);
                self.name(
                    place.module,
                    function.sig.ident.to_string(),
                    model::Item::Fn(id),
                );
            }
            Item::Impl(block) => self.add_impl(place, block),
            Item::Trait(definition) => self.add_trait(place, definition),
            Item::Static(item) => {
                let (kind, declared) = declared_static(&item);
                let id = self.add_static(place, kind, &declared);
                self.name(
                    place.module,
                    item.ident.to_string(),
                    model::Item::Static(id),
                );
            }
            Item::Const(item) => {
                self.name(place.module, item.ident.to_string(), model::Item::Value);
            }
            Item::Struct(item) => {
                let (generics, shape) = fields_of(&item);
                self.add_type(place, item.ident.to_string(), generics, shape);
                let build = state_build(&item, place.file);
                if let Some(last) = self.index.types.last_mut() {
                    last.state_build = build;
                    last.named_fields = item
                        .fields
                        .iter()
                        .filter_map(|f| Some((f.ident.as_ref()?.to_string(), text(&f.ty))))
                        .collect();
                }
            }
            Item::Union(item) => {
                let fields = item.fields.named.iter().map(|f| text(&f.ty)).collect();
                self.add_type(
                    place,
                    item.ident.to_string(),
                    &item.generics,
                    TypeShape::Fields(fields),
                );
            }
            Item::Enum(item) => {
                let (generics, shape) = variant_fields(&item);
                self.add_type(place, item.ident.to_string(), generics, shape);
            }
            Item::Type(item) => {
                let shape = TypeShape::Alias(item.ty.to_token_stream().to_string());
                self.add_type(place, item.ident.to_string(), &item.generics, shape);
            }
            Item::ForeignMod(block) => {
                // Foreign memory, never Rust state to refuse.
                for name in crate::checks::extern_statics(&[Item::ForeignMod(block)]) {
                    self.name(place.module, name, model::Item::Value);
                }
            }
            Item::Use(item) => {
                let module = &mut self.index.modules[place.module];
                flatten_use(
                    &item.tree,
                    &mut Vec::new(),
                    &mut module.uses,
                    &mut module.globs,
                );
            }
            Item::Macro(item) => self.add_item_macro(place, item),
            _ => {}
        }
    }

    fn add_impl(&mut self, place: &Place, block: syn::ItemImpl) {
        let owner = last_segment(&block.self_ty);
        let cfgs = with_cfgs(&place.cfgs, &block.attrs);
        let place = Place {
            cfgs,
            checked: place.checked || token_checked(&block.attrs),
            outer_consts: const_generics(&block.generics),
            ..place.clone()
        };
        for item in block.items {
            if let ImplItem::Fn(function) = item
                && self.config.attrs_enabled(&function.attrs) != Some(false)
            {
                self.add_fn(
                    &place,
                    &function.attrs,
                    &function.sig,
                    &function.block,
                    owner.clone(),
                );
            }
        }
    }

    fn add_trait(&mut self, place: &Place, definition: syn::ItemTrait) {
        let name = definition.ident.to_string();
        let place = &Place {
            checked: place.checked || token_checked(&definition.attrs),
            outer_consts: const_generics(&definition.generics),
            ..place.clone()
        };
        for item in definition.items {
            if let TraitItem::Fn(function) = item
                && let Some(block) = &function.default
                && self.config.attrs_enabled(&function.attrs) != Some(false)
            {
                self.add_fn(
                    place,
                    &function.attrs,
                    &function.sig,
                    block,
                    Some(name.clone()),
                );
            }
        }
        self.index.traits.insert(name.clone());
        self.add_type(place, name, &definition.generics, TypeShape::Trait);
    }

    fn name(&mut self, module: ModId, name: String, item: model::Item) {
        self.index.modules[module]
            .items
            .entry(name)
            .or_default()
            .push(item);
    }

    fn add_module(&mut self, place: &Place, module: syn::ItemMod) {
        let name = module.ident.to_string();
        let mut path = self.index.modules[place.module].path.clone();
        path.push(name.clone());
        let cfgs = with_cfgs(&place.cfgs, &module.attrs);
        let id = self.index.modules.len();
        let crate_root = self.index.modules[place.module].crate_root;
        self.index.modules.push(Module {
            path,
            parent: Some(place.module),
            crate_root,
            ..Module::default()
        });
        self.name(place.module, name.clone(), model::Item::Mod(id));
        let explicit = path_attr(&module.attrs);
        if let Some((_, items)) = module.content {
            let child_dir = match &explicit {
                Some(dir) => place.child_dir.join(dir),
                None => place.child_dir.join(&name),
            };
            let inner = Place {
                module: id,
                child_dir,
                inline: true,
                cfgs,
                checked: place.checked || token_checked(&module.attrs),
                ..place.clone()
            };
            self.add_items(&inner, items);
            return;
        }
        let candidates = match &explicit {
            // As rustc: relative to the declaring file's directory, or inside an inline module
            // to the directory that module stands for.
            Some(path) if place.inline => vec![place.child_dir.join(path)],
            Some(path) => vec![place.file_dir.join(path)],
            None => vec![
                place.child_dir.join(format!("{name}.rs")),
                place.child_dir.join(&name).join("mod.rs"),
            ],
        };
        let Some(path) = candidates.into_iter().find(|p| self.files.is_regular(p)) else {
            return;
        };
        let Some((file, items)) = self.read_file(&path) else {
            return;
        };
        let file_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // `x.rs` keeps its children in `x/`; `x/mod.rs` and `#[path]` files beside them.
        let child_dir = if explicit.is_none() && path.file_name().is_some_and(|n| n != "mod.rs") {
            file_dir.join(&name)
        } else {
            file_dir.clone()
        };
        let inner = Place {
            module: id,
            file,
            file_dir,
            child_dir,
            inline: false,
            cfgs,
            checked: place.checked,
            outer_consts: Vec::new(),
        };
        self.add_items(&inner, items);
        self.leave();
    }

    /// The structs, enums, unions and aliases a function body declares, known to it only.
    fn add_local_types(
        &mut self,
        fn_place: &Place,
        items: &[Item],
        scope: &mut LocalScope,
    ) -> Vec<(String, model::TypeId)> {
        let mut local_types = Vec::new();
        for item in items {
            if self.config.attrs_enabled(item_attrs(item)) == Some(false) {
                continue;
            }
            let found = match item {
                Item::Struct(item) => Some((item.ident.to_string(), fields_of(item))),
                Item::Enum(item) => Some((item.ident.to_string(), variant_fields(item))),
                Item::Union(item) => Some((
                    item.ident.to_string(),
                    (
                        &item.generics,
                        TypeShape::Fields(item.fields.named.iter().map(|f| text(&f.ty)).collect()),
                    ),
                )),
                Item::Type(item) => Some((
                    item.ident.to_string(),
                    (&item.generics, TypeShape::Alias(text(&item.ty))),
                )),
                _ => None,
            };
            if let Some((name, (generics, shape))) = found {
                let id = self.push_type(fn_place, name.clone(), generics, shape);
                local_types.push((name.clone(), id));
                scope
                    .items
                    .entry(name)
                    .or_default()
                    .push(model::Item::Type(id));
            }
        }
        local_types
    }

    fn add_fn(
        &mut self,
        place: &Place,
        attrs: &[Attribute],
        sig: &syn::Signature,
        block: &syn::Block,
        owner: Option<String>,
    ) -> model::FnId {
        let mut refs = Refs::default();
        let (read, lets) = self.read_body(block, place.file, &mut refs);
        let block = read.as_ref().unwrap_or(block);
        let mut locals = Locals::default();
        let mut walk = Walk(&mut locals);
        walk.visit_signature(sig);
        walk.visit_block(block);
        locals
            .bindings
            .extend(lets.iter().filter_map(|simple| simple.name.clone()));
        let mut once_sets = OnceSets {
            bound: locals.bindings.iter().cloned().collect(),
            file: place.file,
            found: Vec::new(),
        };
        Walk(&mut once_sets).visit_block(block);
        let id = self.index.fns.len();
        let mut scope = LocalScope {
            bindings: locals.bindings,
            ..LocalScope::default()
        };
        for tree in &locals.uses {
            let mut globs = Vec::new();
            flatten_use(tree, &mut Vec::new(), &mut scope.uses, &mut globs);
        }
        let fn_place = Place {
            cfgs: with_cfgs(&place.cfgs, attrs),
            checked: place.checked || token_checked(attrs),
            outer_consts: Vec::new(),
            ..place.clone()
        };
        // Items declared in the body shadow the module's, for this body only.
        let local_types = self.add_local_types(&fn_place, &locals.items, &mut scope);
        for &(_, id) in &local_types {
            self.index.types[id].locals.clone_from(&local_types);
        }
        for item in locals.items {
            if self.config.attrs_enabled(item_attrs(&item)) == Some(false) {
                continue;
            }
            if let Item::Fn(function) = item {
                let name = function.sig.ident.to_string();
                let inner = self.add_fn(
                    &fn_place,
                    &function.attrs,
                    &function.sig,
                    &function.block,
                    None,
                );
                scope
                    .items
                    .entry(name)
                    .or_default()
                    .push(model::Item::Fn(inner));
                continue;
            }
            let before = self.index.statics.len();
            self.add_item_in_fn(&fn_place, item);
            for static_id in before..self.index.statics.len() {
                self.index.statics[static_id]
                    .locals
                    .clone_from(&local_types);
                let name = self.index.statics[static_id].name.clone();
                scope
                    .items
                    .entry(name)
                    .or_default()
                    .push(model::Item::Static(static_id));
            }
        }
        let name = sig.ident.to_string();
        if owner.is_some() {
            self.index.methods.entry(name.clone()).or_default().push(id);
        }
        self.index.fns.push(Func {
            module: place.module,
            name,
            owner,
            loc: Loc {
                file: place.file,
                line: sig.ident.span().start().line,
            },
            column: sig.ident.span().start().column,
            refs,
            scope,
            checked: fn_place.checked,
            cfgs: fn_place.cfgs,
            outer_consts: place.outer_consts.clone(),
            once_sets: once_sets.found,
            state_params: state_params(sig, place.file),
            local_types: typed_locals(sig, block, &lets),
            returns: match &sig.output {
                syn::ReturnType::Type(_, ty) => Some(text(ty)),
                syn::ReturnType::Default => None,
            },
        });
        id
    }

    /// Scans a body into `refs`; for a body [`parse_source`] left as tokens, also returns the
    /// syntax tree that the rest of [`Builder::add_fn`] reads: its statements where
    /// [`scan_body`] says they may matter, none otherwise (they would add nothing).
    fn read_body(
        &mut self,
        block: &syn::Block,
        file: FileId,
        refs: &mut Refs,
    ) -> (Option<syn::Block>, Vec<Let>) {
        let Some(id) = raw_body(block) else {
            scan(block.to_token_stream(), file, refs);
            return (None, Vec::new());
        };
        // Each body is read once: taken, its tokens are never shared, which would make every
        // walk over them copy them.
        let Some(tokens) = self.bodies.get_mut(id).and_then(Option::take) else {
            self.body_failed = true;
            return (None, Vec::new());
        };
        let mut stmts = Vec::new();
        let body = scan_body(tokens, file, refs);
        if body.needs_syntax {
            match Parser::parse2(syn::Block::parse_within, body.tokens) {
                Ok(parsed) => stmts = parsed,
                Err(_) => self.body_failed = true,
            }
        }
        let block = syn::Block {
            brace_token: block.brace_token,
            stmts,
        };
        (Some(block), body.lets)
    }

    /// A `static` or `thread_local!` declared inside a function body: known to that body only.
    fn add_item_in_fn(&mut self, place: &Place, item: Item) {
        match item {
            Item::Static(item) => {
                let (kind, declared) = declared_static(&item);
                self.add_static(place, kind, &declared);
            }
            Item::Macro(item) => {
                if let Some(kind) = static_macro_kind(&item.mac.path) {
                    self.add_static_macro(place, kind, item.mac.tokens);
                }
            }
            _ => {}
        }
    }

    fn add_static(
        &mut self,
        place: &Place,
        kind: StaticKind,
        declared: &Declared<'_>,
    ) -> model::StaticId {
        let mut init = Refs::default();
        scan(declared.init.clone(), place.file, &mut init);
        let id = self.index.statics.len();
        self.index.statics.push(Static {
            module: place.module,
            name: declared.name.to_string(),
            kind,
            ty: declared.ty.to_token_stream().to_string(),
            loc: Loc {
                file: place.file,
                line: declared.name.span().start().line,
            },
            init,
            cfgs: with_cfgs(&place.cfgs, declared.attrs),
            locals: Vec::new(),
        });
        id
    }

    fn add_type(
        &mut self,
        place: &Place,
        name: String,
        generics: &syn::Generics,
        shape: TypeShape,
    ) {
        let id = self.push_type(place, name.clone(), generics, shape);
        self.name(place.module, name, model::Item::Type(id));
    }

    fn push_type(
        &mut self,
        place: &Place,
        name: String,
        generics: &syn::Generics,
        shape: TypeShape,
    ) -> model::TypeId {
        let id = self.index.types.len();
        self.index.types.push(TypeDef {
            module: place.module,
            name,
            generics: generics
                .type_params()
                .map(|p| p.ident.to_string())
                .collect(),
            shape,
            locals: Vec::new(),
            state_build: None,
            named_fields: Vec::new(),
        });
        id
    }

    fn add_item_macro(&mut self, place: &Place, item: syn::ItemMacro) {
        let mac = item.mac;
        let last = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if last == "macro_rules" {
            let Some(name) = item.ident else { return };
            let id = self.index.macros.len();
            let mut written = WrittenFns::default();
            written.find(mac.tokens.clone());
            for defined in written.names {
                self.macro_writes_fn(defined, id);
            }
            if written.from_input {
                self.fn_writing_macros.insert(name.to_string(), id);
            }
            if let Some(expansion) = fixed_expansion(mac.tokens.clone()) {
                self.fixed_expansions.insert(name.to_string(), expansion);
            }
            let mut refs = Refs::default();
            scan(mac.tokens, place.file, &mut refs);
            self.index.macros.push(MacroDef {
                module: place.module,
                name: name.to_string(),
                refs,
            });
            self.index
                .macros_by_name
                .entry(name.to_string())
                .or_default()
                .push(id);
        } else if let Some(kind) = static_macro_kind(&mac.path) {
            for id in self.add_static_macro(place, kind, mac.tokens) {
                let name = self.index.statics[id].name.clone();
                self.name(place.module, name, model::Item::Static(id));
            }
        } else if last == "include" {
            self.add_include(place, mac.tokens);
        } else {
            // `recorder!(record)` with rules writing `fn $name`: each word of the input may
            // name a function the expansion defines.
            if let Some(&id) = self.fn_writing_macros.get(&last) {
                let mut words = Vec::new();
                idents(mac.tokens.clone(), &mut words);
                for word in words {
                    self.macro_writes_fn(word, id);
                }
            }
            // `make_mod!();` of a local `macro_rules!` whose one rule writes fixed items.
            if let Some(expansion) = self.fixed_expansions.get(&last).cloned()
                && !self.expanding.contains(&last)
            {
                if let Ok(items) = parse_items(expansion) {
                    self.expanding.push(last);
                    self.add_items(place, items);
                    self.expanding.pop();
                }
                return;
            }
            // `cfg_rt! { pub mod x; }`: an item macro whose input is items.
            let items = Parser::parse2(
                |input: ParseStream<'_>| -> syn::Result<Vec<Item>> {
                    let mut items = Vec::new();
                    while !input.is_empty() {
                        items.push(input.parse::<Item>()?);
                    }
                    Ok(items)
                },
                mac.tokens,
            );
            if let Ok(items) = items {
                self.add_items(place, items);
            }
        }
    }

    fn macro_writes_fn(&mut self, name: String, id: model::MacroId) {
        let entry = self.index.macro_fns.entry(name).or_default();
        if !entry.contains(&id) {
            entry.push(id);
        }
    }

    /// `thread_local! { static A: T = e; }` and `lazy_static! { static ref A: T = e; }`.
    fn add_static_macro(
        &mut self,
        place: &Place,
        kind: StaticKind,
        tokens: TokenStream,
    ) -> Vec<model::StaticId> {
        let parsed = Parser::parse2(
            |input: ParseStream<'_>| -> syn::Result<Vec<MacroStatic>> {
                let mut found = Vec::new();
                while !input.is_empty() {
                    let attrs = input.call(Attribute::parse_outer)?;
                    input.parse::<syn::Visibility>()?;
                    input.parse::<syn::Token![static]>()?;
                    if kind == StaticKind::LazyStatic {
                        input.parse::<syn::Token![ref]>()?;
                    }
                    let name: syn::Ident = input.parse()?;
                    input.parse::<syn::Token![:]>()?;
                    let ty: syn::Type = input.parse()?;
                    input.parse::<syn::Token![=]>()?;
                    let mut init = TokenStream::new();
                    while !input.is_empty() && !input.peek(syn::Token![;]) {
                        init.extend([input.parse::<TokenTree>()?]);
                    }
                    if !input.is_empty() {
                        input.parse::<syn::Token![;]>()?;
                    }
                    found.push((attrs, name, ty, init));
                }
                Ok(found)
            },
            tokens,
        );
        let Ok(found) = parsed else { return Vec::new() };
        found
            .into_iter()
            .map(|(attrs, name, ty, init)| {
                let declared = Declared {
                    attrs: &attrs,
                    name: &name,
                    ty: &ty,
                    init,
                };
                self.add_static(place, kind, &declared)
            })
            .collect()
    }

    /// `include!("x.rs")` and `include!(concat!(env!("OUT_DIR"), "/x.rs"))` at item level.
    fn add_include(&mut self, place: &Place, tokens: TokenStream) {
        let Some(relative) = literal_path(tokens) else {
            return;
        };
        let path = place.file_dir.join(relative);
        let Some((file, items)) = self.read_file(&path) else {
            return;
        };
        let file_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let inner = Place {
            file,
            file_dir,
            ..place.clone()
        };
        self.add_items(&inner, items);
        self.leave();
    }
}

/// The attributes of an item, where its `#[cfg]` is.
fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// What building a `#[per_invocation]` struct fresh mentions; `None` for any other struct.
fn state_build(item: &syn::ItemStruct, file: FileId) -> Option<Refs> {
    let ours = |attr: &&Attribute| crate::ours::is(attr, "per_invocation");
    let attr = item.attrs.iter().find(ours)?;
    let mut refs = Refs::default();
    if let syn::Meta::List(list) = &attr.meta {
        scan(list.tokens.clone(), file, &mut refs);
    }
    let constructed = !refs.paths.is_empty();
    for field in &item.fields {
        match field.attrs.iter().find(ours) {
            Some(attr) => {
                if let syn::Meta::List(list) = &attr.meta {
                    scan(list.tokens.clone(), file, &mut refs);
                }
            }
            None if !constructed => {
                // `Default::default()` of the field's type.
                if let syn::Type::Path(path) = &field.ty
                    && path.qself.is_none()
                {
                    let mut segments: Vec<String> = path
                        .path
                        .segments
                        .iter()
                        .map(|s| s.ident.to_string())
                        .collect();
                    segments.push("default".to_owned());
                    let at = Loc {
                        file,
                        line: path
                            .path
                            .segments
                            .first()
                            .map_or(0, |s| s.ident.span().start().line),
                    };
                    refs.paths.push((segments, at));
                }
            }
            None => {}
        }
    }
    Some(refs)
}

/// Parameters and locals whose type the sources say: in the signature, the body's syntax tree
/// and the `let`s read from its tokens.
fn typed_locals(sig: &syn::Signature, block: &syn::Block, lets: &[Let]) -> HashMap<String, String> {
    let mut found = LocalTypes {
        generics: sig
            .generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect(),
        ..LocalTypes::default()
    };
    for input in &sig.inputs {
        if let syn::FnArg::Typed(typed) = input {
            found.typed(&typed.pat, &typed.ty);
        }
    }
    Walk(&mut found).visit_block(block);
    for simple in lets {
        match (&simple.name, &simple.ty, &simple.init) {
            (Some(name), Some(ty), _) => found.typed_name(name, ty),
            (Some(name), None, Some(init)) => {
                if let Some(ty) = built_type(init) {
                    found.types.insert(name.clone(), ty);
                }
            }
            _ => {}
        }
    }
    found.types
}

#[derive(Default)]
struct LocalTypes {
    types: HashMap<String, String>,
    /// The function's generic type parameters: a type naming one may be any type.
    generics: Vec<String>,
}

impl LocalTypes {
    fn typed(&mut self, pat: &syn::Pat, ty: &syn::Type) {
        if let syn::Pat::Ident(ident) = pat {
            self.typed_name(&ident.ident.to_string(), ty);
        }
    }

    fn typed_name(&mut self, name: &str, ty: &syn::Type) {
        let mut words = Vec::new();
        idents(ty.to_token_stream(), &mut words);
        let generic = words
            .iter()
            .any(|word| self.generics.contains(word) || word == "impl");
        if !generic {
            self.types.insert(name.to_owned(), text(ty));
        }
    }
}

impl Hooks for LocalTypes {
    fn local(&mut self, local: &syn::Local) -> bool {
        match &local.pat {
            syn::Pat::Type(typed) => self.typed(&typed.pat, &typed.ty),
            syn::Pat::Ident(ident) => {
                let ty = local.init.as_ref().and_then(|init| built_type(&init.expr));
                if let Some(ty) = ty {
                    self.types.insert(ident.ident.to_string(), ty);
                }
            }
            _ => {}
        }
        true
    }

    fn item_fn(&mut self, _: &syn::ItemFn) -> bool {
        false
    }
}

/// `T::new(..)`, `T::from(..)`, `T { .. }` and `T(..)` name the type they build; `T` must read
/// as a type (it starts with a capital letter).
fn built_type(expr: &syn::Expr) -> Option<String> {
    // `helper(..)`, `helper(..).await?`: what the crate's function returns, worked out when a
    // method is called on it (`fn path`, or `fn? path` for the `Ok`/`Some` of its result).
    let (inner, tried) = match expr {
        syn::Expr::Try(tried) => (&*tried.expr, true),
        other => (other, false),
    };
    let inner = match inner {
        syn::Expr::Await(awaited) => &*awaited.base,
        other => other,
    };
    if let syn::Expr::Call(call) = inner
        && let syn::Expr::Path(path) = &*call.func
        && path.qself.is_none()
        && path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident.to_string().starts_with(char::is_lowercase))
        && !path
            .path
            .segments
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|owner| owner.ident.to_string().starts_with(char::is_uppercase))
    {
        let marker = if tried { "fn?" } else { "fn" };
        return Some(format!("{marker} {}", text(&path.path)));
    }
    let path = match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) if path.qself.is_none() => {
                let segments = &path.path.segments;
                let is_type =
                    |s: &syn::PathSegment| s.ident.to_string().starts_with(char::is_uppercase);
                match segments.last() {
                    Some(last) if is_type(last) => path.path.clone(),
                    Some(_) if segments.len() >= 2 && is_type(&segments[segments.len() - 2]) => {
                        let mut owner = path.path.clone();
                        owner.segments.pop();
                        owner.segments.pop_punct();
                        owner
                    }
                    _ => return None,
                }
            }
            _ => return None,
        },
        syn::Expr::Struct(literal) if literal.qself.is_none() => literal.path.clone(),
        _ => return None,
    };
    Some(text(&path))
}

/// The `&mut T` parameters' types of a signature, as written.
fn state_params(sig: &syn::Signature, file: FileId) -> Vec<(Vec<String>, Loc)> {
    sig.inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(typed) => match &*typed.ty {
                syn::Type::Reference(reference) if reference.mutability.is_some() => {
                    match &*reference.elem {
                        syn::Type::Path(path) if path.qself.is_none() => {
                            let segments = path
                                .path
                                .segments
                                .iter()
                                .map(|s| s.ident.to_string())
                                .collect();
                            let line = path
                                .path
                                .segments
                                .first()
                                .map_or(0, |s| s.ident.span().start().line);
                            Some((segments, Loc { file, line }))
                        }
                        _ => None,
                    }
                }
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .collect()
}

fn fields_of(item: &syn::ItemStruct) -> (&syn::Generics, TypeShape) {
    let fields = item.fields.iter().map(|f| text(&f.ty)).collect();
    (&item.generics, TypeShape::Fields(fields))
}

fn variant_fields(item: &syn::ItemEnum) -> (&syn::Generics, TypeShape) {
    let fields = item
        .variants
        .iter()
        .flat_map(|v| v.fields.iter().map(|f| text(&f.ty)))
        .collect();
    (&item.generics, TypeShape::Fields(fields))
}

/// The expansion of a `macro_rules!` with exactly one rule whose body names no `$` fragment.
fn fixed_expansion(rules: TokenStream) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = rules.into_iter().collect();
    let mut bodies = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        // `(matcher) => { body }` and an optional `;`.
        let (Some(TokenTree::Group(_)), Some(TokenTree::Punct(eq)), Some(TokenTree::Punct(gt))) =
            (trees.get(i), trees.get(i + 1), trees.get(i + 2))
        else {
            return None;
        };
        let Some(TokenTree::Group(body)) = trees.get(i + 3) else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        bodies.push(body.stream());
        i += 4;
        if matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    let [body] = &bodies[..] else { return None };
    (!mentions_fragment(body.clone())).then(|| body.clone())
}

fn mentions_fragment(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Punct(punct) => punct.as_char() == '$',
        TokenTree::Group(group) => mentions_fragment(group.stream()),
        _ => false,
    })
}

fn parse_items(tokens: TokenStream) -> syn::Result<Vec<Item>> {
    Parser::parse2(
        |input: ParseStream<'_>| -> syn::Result<Vec<Item>> {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse::<Item>()?);
            }
            Ok(items)
        },
        tokens,
    )
}

/// The functions a macro's rules write: `fn name` by name, `fn $name` from the input.
#[derive(Default)]
struct WrittenFns {
    names: Vec<String>,
    from_input: bool,
}

impl WrittenFns {
    fn find(&mut self, tokens: TokenStream) {
        let mut after_fn = false;
        for tree in tokens {
            match &tree {
                TokenTree::Group(group) => self.find(group.stream()),
                TokenTree::Ident(ident) if after_fn => self.names.push(ident.to_string()),
                TokenTree::Punct(punct) if after_fn && punct.as_char() == '$' => {
                    self.from_input = true;
                }
                TokenTree::Ident(ident) if ident == "fn" => {
                    after_fn = true;
                    continue;
                }
                _ => {}
            }
            after_fn = false;
        }
    }
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            _ => {}
        }
    }
}

/// `#[attrs] static NAME: Type = init` inside `thread_local!` or `lazy_static!`.
type MacroStatic = (Vec<Attribute>, syn::Ident, syn::Type, TokenStream);

struct Declared<'a> {
    attrs: &'a [Attribute],
    name: &'a syn::Ident,
    ty: &'a syn::Type,
    init: TokenStream,
}

fn static_macro_kind(path: &syn::Path) -> Option<StaticKind> {
    match path.segments.last()?.ident.to_string().as_str() {
        "thread_local" => Some(StaticKind::ThreadLocal),
        "lazy_static" => Some(StaticKind::LazyStatic),
        _ => None,
    }
}

/// The string an `include!` argument spells: literals, `concat!` and `env!` of the compilation.
fn literal_path(tokens: TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Literal(literal) => {
                let lit: syn::LitStr = syn::parse2(TokenTree::Literal(literal).into()).ok()?;
                out.push_str(&lit.value());
            }
            TokenTree::Ident(ident) if ident == "concat" => {
                trees.next();
                if let Some(TokenTree::Group(group)) = trees.next() {
                    out.push_str(&literal_path(group.stream())?);
                }
            }
            TokenTree::Ident(ident) if ident == "env" => {
                trees.next();
                if let Some(TokenTree::Group(group)) = trees.next() {
                    let name: syn::LitStr = syn::parse2(group.stream()).ok()?;
                    out.push_str(&host::var(&name.value())?);
                }
            }
            TokenTree::Punct(punct) if punct.as_char() == ',' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The `impl`'s self type by its last segment: `Registry` for `impl<T> crate::Registry<T>`.
fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Paren(inner) => last_segment(&inner.elem),
        _ => None,
    }
}

fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// The enclosing predicates followed by this item's own `#[cfg(...)]`.
fn with_cfgs(outer: &[String], attrs: &[Attribute]) -> Vec<String> {
    let mut cfgs = outer.to_vec();
    for attr in attrs {
        if let syn::Meta::List(list) = &attr.meta
            && list.path.is_ident("cfg")
        {
            cfgs.push(list.tokens.to_string());
        }
    }
    cfgs
}

/// `use a::{b as c, d::*};` into `c` → `a::b` and the glob `a::d`.
fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    uses: &mut HashMap<String, Vec<Vec<String>>>,
    globs: &mut Vec<Vec<String>>,
) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten_use(&path.tree, prefix, uses, globs);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let name = name.ident.to_string();
            if name == "self" {
                if let Some(last) = prefix.last() {
                    uses.entry(last.clone()).or_default().push(prefix.clone());
                }
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                uses.entry(name).or_default().push(path);
            }
        }
        syn::UseTree::Rename(rename) => {
            let mut path = prefix.clone();
            let original = rename.ident.to_string();
            if original != "self" {
                path.push(original);
            }
            let alias = rename.rename.to_string();
            if alias != "_" {
                uses.entry(alias).or_default().push(path);
            }
        }
        syn::UseTree::Glob(_) => globs.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten_use(tree, prefix, uses, globs);
            }
        }
    }
}

/// What a function body binds itself and declares inside.
#[derive(Default)]
struct Locals {
    bindings: Vec<String>,
    uses: Vec<syn::UseTree>,
    items: Vec<Item>,
}

impl Hooks for Locals {
    fn pat_ident(&mut self, pat: &syn::PatIdent) -> bool {
        self.bindings.push(pat.ident.to_string());
        true
    }

    fn item_use(&mut self, item: &syn::ItemUse) -> bool {
        self.uses.push(item.tree.clone());
        false
    }

    fn item_static(&mut self, item: &syn::ItemStatic) -> bool {
        self.items.push(Item::Static(item.clone()));
        false
    }

    // A nested function is indexed as its own function: its bindings are not this body's.
    fn item_fn(&mut self, item: &syn::ItemFn) -> bool {
        self.items.push(Item::Fn(item.clone()));
        false
    }

    fn item_struct(&mut self, item: &syn::ItemStruct) -> bool {
        self.items.push(Item::Struct(item.clone()));
        false
    }

    fn item_enum(&mut self, item: &syn::ItemEnum) -> bool {
        self.items.push(Item::Enum(item.clone()));
        false
    }

    fn item_union(&mut self, item: &syn::ItemUnion) -> bool {
        self.items.push(Item::Union(item.clone()));
        false
    }

    fn item_type(&mut self, item: &syn::ItemType) -> bool {
        self.items.push(Item::Type(item.clone()));
        false
    }

    fn item_macro(&mut self, item: &syn::ItemMacro) -> bool {
        self.items.push(Item::Macro(item.clone()));
        false
    }

    fn stmt_macro(&mut self, stmt: &syn::StmtMacro) -> bool {
        // `thread_local! { ... }` in a body parses as a statement macro.
        if static_macro_kind(&stmt.mac.path).is_some() {
            self.items.push(Item::Macro(syn::ItemMacro {
                attrs: stmt.attrs.clone(),
                ident: None,
                mac: stmt.mac.clone(),
                semi_token: stmt.semi_token,
            }));
        }
        false
    }
}

/// The once-cells a body sets from its own parameters or locals.
struct OnceSets {
    bound: std::collections::HashSet<String>,
    file: FileId,
    found: Vec<(Vec<String>, Loc)>,
}

impl Hooks for OnceSets {
    fn expr_method_call(&mut self, call: &syn::ExprMethodCall) -> bool {
        if let Some(receiver) = crate::once_init::sets_from_invocation(call, &self.bound) {
            let segments = receiver
                .path
                .segments
                .iter()
                .map(|s| s.ident.unraw().to_string())
                .collect();
            let at = Loc {
                file: self.file,
                line: call.method.span().start().line,
            };
            self.found.push((segments, at));
        }
        true
    }

    // A nested function is indexed as its own function, with its own bindings.
    fn item_fn(&mut self, _: &syn::ItemFn) -> bool {
        false
    }
}

/// Another crate of the workspace, indexed on its own as rustc compiled it: its root is module
/// 0, and its `#[cfg]`s that the handler's command line cannot decide (its features) keep both
/// sides; they are named in messages, never carried into the handler's crate, where rustc would
/// judge them by that crate's features. Nothing in it depends on the handler's crate but the
/// target (`config`), so it may be kept for the next crate that depends on it.
pub(crate) fn build_segment(krate: &LocalCrate, config: &Config, files: &dyn Files) -> Segment {
    let mut builder = Builder::new(&krate.root, config.for_dependency(), files);
    builder.compiled = Some(krate.files.clone());
    if let Some((file, items)) = builder.read_file(&krate.root) {
        builder.index.modules.push(Module {
            path: vec![krate.name.clone()],
            ..Module::default()
        });
        let dir = builder.root_dir.clone();
        let place = Place::crate_root(0, file, dir);
        builder.add_items(&place, items);
        builder.leave();
    }
    Segment {
        index: builder.index,
        opened: builder.opened_as,
        read: builder.read,
    }
}

/// `src/helpers.rs` for a file of the package, `storage/src/db.rs` for one of another crate of
/// the workspace (`other_crate`: from the directory holding its package), else relative to the
/// crate root's directory `root_dir`.
fn shown(path: &Path, package_dir: Option<&Path>, root_dir: &Path, other_crate: bool) -> String {
    let other_crate = other_crate.then(|| root_dir.parent()?.parent()).flatten();
    let relative = package_dir
        .and_then(|dir| path.strip_prefix(dir).ok())
        .or_else(|| other_crate.and_then(|base| path.strip_prefix(base).ok()))
        .or_else(|| path.strip_prefix(root_dir).ok())
        .unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// The macro that stands for a function body between lexing and parsing, so that syn keeps it
/// out of the tree (see [`parse_source`]). No crate names a macro so.
const RAW_BODY: &str = "__invocation_scope_raw_body";

/// A file's items, as `syn::parse_file` reads them, except that the bodies of the functions
/// written at item level (in the file, its inline modules, `impl` and `trait` blocks) are kept
/// as tokens in `bodies`: each is parsed when it is indexed, and only if [`scan_body`] finds in
/// it something that only its syntax tree shows. Parsing every statement of every body, at the
/// opt-level 0 proc macros are built at, was most of the index's cost; syn copying every token
/// of the bodies it did not parse, much of the rest.
fn parse_source(source: &str, bodies: &mut Vec<Option<TokenStream>>) -> Option<Vec<Item>> {
    let content = source.strip_prefix('\u{feff}').unwrap_or(source);
    if content.starts_with("#!") {
        // A shebang line, which syn knows how to leave out.
        return Some(syn::parse_file(source).ok()?.items);
    }
    let tokens: TokenStream = content.parse().ok()?;
    let file: syn::File = syn::parse2(wrap_bodies(tokens, bodies)).ok()?;
    Some(file.items)
}

/// `fn f() { body }` becomes `fn f() { __invocation_scope_raw_body! { 7 } }` where `body` is
/// `bodies[7]`, at item level and inside `mod`, `impl` and `trait` blocks.
fn wrap_bodies(tokens: TokenStream, bodies: &mut Vec<Option<TokenStream>>) -> TokenStream {
    let mut tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        let TokenTree::Ident(ident) = &tokens[i] else {
            i += 1;
            continue;
        };
        // Compared in place: a `String` per identifier of the crate costs more than the rest.
        let is_fn = ident == "fn";
        if (is_fn || ident == "mod" || ident == "impl" || ident == "trait")
            && let Some(at) = item_braces(&tokens, i + 1, is_fn)
            && let TokenTree::Group(slot) = &mut tokens[at]
        {
            let group = std::mem::replace(slot, Group::new(Delimiter::Brace, TokenStream::new()));
            let span = group.span();
            // The group goes first, so that its stream is no longer shared: iterating a shared
            // stream copies every token, and an identifier's copy is an allocation.
            let stream = group.stream();
            drop(group);
            let inner = if is_fn {
                // Inner attributes (`#![allow(..)]`, `//!`) stay where syn gives them to the
                // function, as they were.
                let mut body: Vec<TokenTree> = stream.into_iter().collect();
                let mut attrs = 0;
                while let [
                    TokenTree::Punct(hash),
                    TokenTree::Punct(bang),
                    TokenTree::Group(attr),
                    ..,
                ] = &body[attrs..]
                    && hash.as_char() == '#'
                    && bang.as_char() == '!'
                    && attr.delimiter() == Delimiter::Bracket
                {
                    attrs += 3;
                }
                bodies.push(Some(body.drain(attrs..).collect()));
                let id = TokenTree::Literal(Literal::usize_unsuffixed(bodies.len() - 1));
                body.extend([
                    TokenTree::Ident(Ident::new(RAW_BODY, span)),
                    TokenTree::Punct(Punct::new('!', Spacing::Alone)),
                    TokenTree::Group(Group::new(Delimiter::Brace, id.into())),
                ]);
                body.into_iter().collect()
            } else {
                wrap_bodies(stream, bodies)
            };
            let mut replaced = Group::new(Delimiter::Brace, inner);
            replaced.set_span(span);
            tokens[at] = TokenTree::Group(replaced);
            i = at;
        }
        i += 1;
    }
    tokens.into_iter().collect()
}

/// Where the braces of the item whose keyword is just before `start` are: the first `{ .. }` at
/// the item's level outside `<..>` (a const argument `Foo<{ N }>` is not a body), unless a `;`
/// (or for a `fn`, a `=`: `static F: fn() = { .. };`) ends the item first.
fn item_braces(tokens: &[TokenTree], start: usize, is_fn: bool) -> Option<usize> {
    let mut angles = 0usize;
    let mut after_dash = false;
    for (at, token) in tokens.iter().enumerate().skip(start) {
        match token {
            TokenTree::Group(group) if angles == 0 && group.delimiter() == Delimiter::Brace => {
                return Some(at);
            }
            TokenTree::Punct(punct) => {
                match punct.as_char() {
                    ';' if angles == 0 => return None,
                    '=' if angles == 0 && is_fn => return None,
                    '<' => angles += 1,
                    // `->` closes nothing.
                    '>' if !after_dash => angles = angles.saturating_sub(1),
                    _ => {}
                }
                after_dash = punct.as_char() == '-' && punct.spacing() == Spacing::Joint;
                continue;
            }
            _ => {}
        }
        after_dash = false;
    }
    None
}

/// Where [`parse_source`] left a body's tokens.
fn raw_body(block: &syn::Block) -> Option<usize> {
    let [statement] = &block.stmts[..] else {
        return None;
    };
    let mac = match statement {
        syn::Stmt::Macro(stmt) => &stmt.mac,
        syn::Stmt::Expr(syn::Expr::Macro(expr), None) => &expr.mac,
        syn::Stmt::Item(Item::Macro(item)) => &item.mac,
        _ => return None,
    };
    if !mac.path.is_ident(RAW_BODY) {
        return None;
    }
    let TokenTree::Literal(id) = mac.tokens.clone().into_iter().next()? else {
        return None;
    };
    id.to_string().parse().ok()
}

fn text(tokens: &impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

/// Builds the index of a fixture: the crate root and the files it holds, with rustc's `args`.
#[cfg(test)]
pub(crate) fn load_fixture(root: &Path, files: &dyn Files, args: &[String]) -> Index {
    let mut builder = Builder::new(root, Config::from_args(args), files);
    let _fallback = Fallback::force();
    builder.load_root(root).expect("the fixture's root parses");
    builder.index
}

/// The index of a fixture and of other crates of the workspace, whose indexes are `segments`.
#[cfg(test)]
pub(crate) fn load_fixture_with(
    root: &Path,
    files: &dyn Files,
    args: &[String],
    segments: Vec<(LocalCrate, Segment)>,
) -> Index {
    let mut builder = Builder::new(root, Config::from_args(args), files);
    let _fallback = Fallback::force();
    builder.load_root(root).expect("the fixture's root parses");
    for (krate, segment) in segments {
        builder.splice(segment, &krate);
    }
    builder.index
}

/// The names of the const generics in `generics`.
fn const_generics(generics: &syn::Generics) -> Vec<String> {
    generics
        .const_params()
        .map(|param| param.ident.to_string())
        .collect()
}
