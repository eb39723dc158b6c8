//! The shared-mutable-state checks placed in the bodies of `#[invocation_handler]` and
//! `#[no_mutable_statics]` functions.
//!
//! A macro cannot tell a static from a const, so for every path that may name a static (see
//! `paths.rs`) it places a probe at the start of the innermost block around the path (`emit.rs`)
//! and rustc decides: the probe fails to compile for a `static mut`, an interior-mutable static
//! and the well-known kinds of shared state, and compiles to nothing otherwise.

mod allow;
mod emit;
mod macros;
mod paths;

use std::collections::HashSet;

use syn::ext::IdentExt as _;
use syn::visit::Visit as _;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, Generics, Ident, Item, Macro, Path, Signature, Stmt};

use crate::walk::Walk;

pub(crate) use allow::Allowed;
pub(crate) use paths::is_screaming_case;

/// What the crate's sources say a path of the checked body stands for, when the crate-wide
/// pass could read them.
pub(crate) enum Declared {
    /// A function, type, module, `extern` static, const generic, or a static the policy
    /// accepts from its declaration: nothing to check.
    NotAStatic,
    /// A static the policy refuses from its declaration: why, shown after its name.
    Refused(String),
    /// Another static of the crate, whatever the case of its name: the probe decides.
    Static,
    /// Not in the crate's sources (another crate's, a const, written by a macro): a probe if
    /// its name reads like a static's.
    Unknown,
}

/// The crate's sources, as the checks ask them about the checked body's paths.
pub(crate) trait Sources {
    fn declared(&self, path: &Path) -> Declared;
}

/// `strict` for every attribute of the crate: the `strict` feature of `invocation-scope`.
pub(crate) const STRICT_BY_FEATURE: bool = cfg!(feature = "strict");

use macros::MacroContents;

/// Places the checks in `block`, the body of a function with signature `sig`, inside an
/// `impl` with generics `outer` if any. `bound_outside` are names that are values but not
/// statics, bound where the attribute cannot see them (the `extern` statics of the inline module
/// under `#[no_mutable_statics]`). `sources`, where the crate-wide pass could read the crate,
/// tell statics of any case from other items (consts, `extern` statics, the const generics of an
/// enclosing `impl`). Paths named in `allowed` are skipped and marked used. Under `strict`,
/// init-once statics are refused like any other interior-mutable one.
pub(crate) fn check_fn(
    sig: &Signature,
    outer: Option<&Generics>,
    bound_outside: &[String],
    sources: Option<&dyn Sources>,
    block: &mut Block,
    allowed: &mut Allowed,
    strict: bool,
) {
    let mut bindings = paths::Bindings::default();
    let mut walk = Walk(&mut bindings);
    walk.visit_signature(sig);
    if let Some(outer) = outer {
        walk.visit_generics(outer);
    }
    walk.visit_block(block);
    bindings.names.extend(bound_outside.iter().cloned());
    let mut checker = Checker {
        bindings: &bindings.names,
        allowed,
        sources,
        frames: Vec::new(),
        in_macro: false,
        strict,
        errors: Vec::new(),
    };
    checker.visit_block_mut(block);
}

/// A path to check, as written.
struct Found {
    path: Path,
    /// Its last segment: where the error goes, and the name it reports.
    name: Ident,
}

struct Checker<'a> {
    bindings: &'a HashSet<String>,
    allowed: &'a mut Allowed,
    sources: Option<&'a dyn Sources>,
    /// The paths found in each enclosing block, innermost last.
    frames: Vec<Vec<Found>>,
    /// Inside a macro call's arguments: their blocks are not the user's and take no probes.
    in_macro: bool,
    strict: bool,
    /// Refusals decided from the tokens alone, put at the start of the function's body.
    errors: Vec<Stmt>,
}

impl Checker<'_> {
    fn found(&mut self, qself: bool, path: &Path) {
        let declared = match self.sources {
            Some(sources) if paths::names_an_item(qself, path, self.bindings) => {
                sources.declared(path)
            }
            _ => Declared::Unknown,
        };
        let name = match declared {
            Declared::NotAStatic => return,
            Declared::Unknown => match paths::candidate(qself, path, self.bindings) {
                Some(name) => name,
                None => return,
            },
            Declared::Static | Declared::Refused(_) => match path.segments.last() {
                Some(segment) => &segment.ident,
                None => return,
            },
        };
        if let Declared::Refused(why) = &declared {
            if !self.allowed.permits(name) {
                self.errors.push(emit::refused(name, why));
            }
            return;
        }
        if self.allowed.permits(name) {
            return;
        }
        let name = name.clone();
        if let Some(frame) = self.frames.last_mut() {
            frame.push(Found {
                path: path.clone(),
                name,
            });
        }
    }

    fn visit_macro_contents(&mut self, mac: &Macro) {
        let contents = MacroContents::parse(mac);
        let was_in_macro = std::mem::replace(&mut self.in_macro, true);
        for mut expr in contents.exprs {
            self.visit_expr_mut(&mut expr);
        }
        for mut block in contents.blocks {
            self.visit_block_mut(&mut block);
        }
        for path in &contents.paths {
            self.found(false, path);
        }
        for name in contents.format_names {
            self.found(false, &Path::from(name));
        }
        self.in_macro = was_in_macro;
    }
}

impl VisitMut for Checker<'_> {
    fn visit_block_mut(&mut self, block: &mut Block) {
        if self.in_macro {
            visit_mut::visit_block_mut(self, block);
            return;
        }
        self.frames.push(Vec::new());
        visit_mut::visit_block_mut(self, block);
        let found = self.frames.pop().unwrap_or_default();
        // A second of our attributes on the same function finds the first one's probes here.
        let named: Vec<String> = block
            .stmts
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::Item(Item::Const(constant)) => Some(constant.ident.to_string()),
                _ => None,
            })
            .collect();
        let mut probes = emit::probes(&found, named, self.strict);
        if self.frames.is_empty() {
            probes.append(&mut self.errors);
        }
        block.stmts.splice(0..0, probes);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Path(path) => self.found(path.qself.is_some(), &path.path),
            Expr::Macro(mac) => self.visit_macro_contents(&mac.mac),
            // Evaluated at compile time: no static can be read there.
            Expr::Const(_) => {}
            Expr::MethodCall(call) => {
                if let Some(receiver) = crate::once_init::sets_from_invocation(call, self.bindings)
                    && let Some(name) =
                        paths::candidate(receiver.qself.is_some(), &receiver.path, self.bindings)
                    && !self.allowed.permits(name)
                {
                    self.errors
                        .push(emit::set_from_invocation(name, &call.method));
                    for arg in &mut call.args {
                        self.visit_expr_mut(arg);
                    }
                    return;
                }
                visit_mut::visit_expr_mut(self, expr);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Macro(mac) => self.visit_macro_contents(&mac.mac),
            _ => visit_mut::visit_stmt_mut(self, stmt),
        }
    }

    /// Functions nested in the body are checked; the initialisers of nested statics and consts
    /// are evaluated at compile time, and other items are not code that runs per invocation.
    fn visit_item_mut(&mut self, item: &mut Item) {
        match item {
            Item::Fn(function) => self.visit_block_mut(&mut function.block),
            Item::Impl(imp) => {
                for item in &mut imp.items {
                    if let syn::ImplItem::Fn(function) = item {
                        self.visit_block_mut(&mut function.block);
                    }
                }
            }
            _ => {}
        }
    }

    // Patterns, types and attributes hold no value expression worth checking (consts in
    // patterns and array lengths are evaluated at compile time), except a `match` guard,
    // which syn keeps in the arm's pattern.
    fn visit_pat_mut(&mut self, pat: &mut syn::Pat) {
        if let syn::Pat::Guard(guarded) = pat {
            self.visit_pat_mut(&mut guarded.pat);
            self.visit_expr_mut(&mut guarded.guard);
        }
    }

    fn visit_type_mut(&mut self, _: &mut syn::Type) {}

    fn visit_attribute_mut(&mut self, _: &mut syn::Attribute) {}
}

/// The names of the statics declared in `extern` blocks among `items`: foreign memory, which a
/// constant cannot read, and which Rust code does not mutate behind the program's back.
pub(crate) fn extern_statics(items: &[Item]) -> Vec<String> {
    let mut names = Vec::new();
    for item in items {
        if let Item::ForeignMod(block) = item {
            for foreign in &block.items {
                if let syn::ForeignItem::Static(declared) = foreign {
                    names.push(declared.ident.unraw().to_string());
                }
            }
        }
    }
    names
}
