//! Read the crate being compiled, from the root file on rustc's command line through every
//! `mod`, `#[path]`, `include!` and item macro, into an [`Index`]. Built once per compilation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens as _;
use syn::parse::{ParseStream, Parser};
use syn::visit::Visit;
use syn::{Attribute, ImplItem, Item, TraitItem};

use super::model::{
    self, FileId, Func, Index, Loc, LocalScope, MacroDef, ModId, Module, Refs, Static, StaticKind,
    TypeDef, TypeShape,
};
use super::refs::scan;

/// The crate's index, built now or taken from the cache when no file changed.
pub(crate) fn load() -> Result<Arc<Index>, String> {
    static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

    let root = crate_root().ok_or("no crate root file on rustc's command line")?;
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
    let mut builder = Builder::new(&root);
    {
        let _fallback = Fallback::force();
        builder.load_root(&root)?;
    }
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

struct Cached {
    root: PathBuf,
    stamps: Vec<(PathBuf, Option<(SystemTime, u64)>)>,
    index: Arc<Index>,
}

fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The `.rs` input on rustc's command line (which `@argfile`s may hold), made absolute.
fn crate_root() -> Option<PathBuf> {
    let mut args = Vec::new();
    for arg in std::env::args().skip(1) {
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
    let root = args.into_iter().find(|arg| {
        !arg.starts_with('-') && Path::new(arg).extension().is_some_and(|e| e == "rs")
    })?;
    let root = std::env::current_dir().ok()?.join(root);
    root.is_file().then_some(root)
}

/// While alive, proc-macro2 uses its own implementation, whose spans carry line numbers: files
/// are parsed and read with it. None of its tokens may reach the output, since rustc refuses to
/// mix them with its own; the index holds only text and numbers.
struct Fallback;

impl Fallback {
    fn force() -> Fallback {
        proc_macro2::fallback::force();
        Fallback
    }
}

impl Drop for Fallback {
    fn drop(&mut self) {
        proc_macro2::fallback::unforce();
    }
}

struct Builder {
    index: Index,
    read: Vec<PathBuf>,
    package_dir: Option<PathBuf>,
    root_dir: PathBuf,
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
    cfgs: Vec<String>,
    /// Inside an item under `#[no_mutable_statics]`, whose own tokens the token-level checks see.
    checked: bool,
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
    attrs.iter().any(|attr| {
        attr.path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "no_mutable_statics" || s.ident == "invocation_handler")
    })
}

impl Builder {
    fn new(root: &Path) -> Builder {
        Builder {
            index: Index::default(),
            read: Vec::new(),
            package_dir: std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
            root_dir: root.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    fn load_root(&mut self, root: &Path) -> Result<(), String> {
        let (file, items) = self
            .read_file(root)
            .ok_or("the crate root does not parse")?;
        self.index.modules.push(Module::default());
        let dir = self.root_dir.clone();
        let place = Place {
            module: 0,
            file,
            file_dir: dir.clone(),
            child_dir: dir,
            cfgs: Vec::new(),
            checked: false,
        };
        self.add_items(&place, items);
        Ok(())
    }

    /// Reads and parses a file; `None` when it is missing or does not parse (rustc says why).
    fn read_file(&mut self, path: &Path) -> Option<(FileId, Vec<Item>)> {
        let source = std::fs::read_to_string(path).ok()?;
        self.read.push(path.to_path_buf());
        let parsed = syn::parse_file(&source).ok()?;
        let file = self.index.files.len();
        self.index.files.push(self.display(path));
        Some((file, parsed.items))
    }

    /// `src/helpers.rs` for a file of the package, else relative to the crate root's directory.
    fn display(&self, path: &Path) -> String {
        let relative = self
            .package_dir
            .as_deref()
            .and_then(|dir| path.strip_prefix(dir).ok())
            .or_else(|| path.strip_prefix(&self.root_dir).ok())
            .unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }

    fn add_items(&mut self, place: &Place, items: Vec<Item>) {
        for item in items {
            self.add_item(place, item);
        }
    }

    fn add_item(&mut self, place: &Place, item: Item) {
        match item {
            Item::Mod(module) => self.add_module(place, module),
            Item::Fn(function) => {
                let is_handler = function.attrs.iter().any(|attr| {
                    attr.path()
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "invocation_handler")
                });
                let id = self.add_fn(place, &function.attrs, &function.sig, &function.block, None);
                self.index.fns[id].is_handler = is_handler;
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
            Item::Struct(item) => {
                let fields = item.fields.iter().map(|f| text(&f.ty)).collect();
                self.add_type(
                    place,
                    item.ident.to_string(),
                    &item.generics,
                    TypeShape::Fields(fields),
                );
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
                let fields = item
                    .variants
                    .iter()
                    .flat_map(|v| v.fields.iter().map(|f| text(&f.ty)))
                    .collect();
                self.add_type(
                    place,
                    item.ident.to_string(),
                    &item.generics,
                    TypeShape::Fields(fields),
                );
            }
            Item::Type(item) => {
                let shape = TypeShape::Alias(item.ty.to_token_stream().to_string());
                self.add_type(place, item.ident.to_string(), &item.generics, shape);
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
            ..place.clone()
        };
        for item in block.items {
            if let ImplItem::Fn(function) = item {
                let is_handler = function.attrs.iter().any(|attr| {
                    attr.path()
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "invocation_handler")
                });
                let id = self.add_fn(
                    &place,
                    &function.attrs,
                    &function.sig,
                    &function.block,
                    owner.clone(),
                );
                self.index.fns[id].is_handler = is_handler;
            }
        }
    }

    fn add_trait(&mut self, place: &Place, definition: syn::ItemTrait) {
        let name = definition.ident.to_string();
        let place = &Place {
            checked: place.checked || token_checked(&definition.attrs),
            ..place.clone()
        };
        for item in definition.items {
            if let TraitItem::Fn(function) = item
                && let Some(block) = &function.default
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
        self.index.modules.push(Module {
            path,
            parent: Some(place.module),
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
                cfgs,
                checked: place.checked || token_checked(&module.attrs),
                ..place.clone()
            };
            self.add_items(&inner, items);
            return;
        }
        let candidates = match &explicit {
            // Relative to this file's directory at file level, to the module's inside one.
            Some(path) if place.file_dir == place.child_dir => vec![place.file_dir.join(path)],
            Some(path) => vec![place.child_dir.join(path)],
            None => vec![
                place.child_dir.join(format!("{name}.rs")),
                place.child_dir.join(&name).join("mod.rs"),
            ],
        };
        let Some(path) = candidates.into_iter().find(|p| p.is_file()) else {
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
            cfgs,
            checked: place.checked,
        };
        self.add_items(&inner, items);
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
        scan(block.to_token_stream(), place.file, &mut refs);
        let mut locals = Locals::default();
        locals.visit_signature(sig);
        locals.visit_block(block);
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
            ..place.clone()
        };
        for item in locals.items {
            let before = self.index.statics.len();
            self.add_item_in_fn(&fn_place, item);
            for static_id in before..self.index.statics.len() {
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
            refs,
            scope,
            is_handler: false,
            checked: fn_place.checked,
            cfgs: fn_place.cfgs,
        });
        id
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
        let id = self.index.types.len();
        self.index.types.push(TypeDef {
            module: place.module,
            name: name.clone(),
            generics: generics
                .type_params()
                .map(|p| p.ident.to_string())
                .collect(),
            shape,
        });
        self.name(place.module, name, model::Item::Type(id));
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
            let mut refs = Refs::default();
            scan(mac.tokens, place.file, &mut refs);
            let id = self.index.macros.len();
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
                    out.push_str(&std::env::var(name.value()).ok()?);
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

impl<'ast> Visit<'ast> for Locals {
    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        self.bindings.push(pat.ident.to_string());
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.uses.push(item.tree.clone());
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.items.push(Item::Static(item.clone()));
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        self.items.push(Item::Macro(item.clone()));
    }

    fn visit_stmt_macro(&mut self, stmt: &'ast syn::StmtMacro) {
        // `thread_local! { ... }` in a body parses as a statement macro.
        if static_macro_kind(&stmt.mac.path).is_some() {
            self.items.push(Item::Macro(syn::ItemMacro {
                attrs: stmt.attrs.clone(),
                ident: None,
                mac: stmt.mac.clone(),
                semi_token: stmt.semi_token,
            }));
        }
    }
}

fn text(tokens: &impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string()
}
