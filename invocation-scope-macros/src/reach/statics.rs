//! A reached static's declared type, rewritten so that the handler can name it: every path
//! made absolute through the declaring module's imports, and every type of this crate replaced
//! by its field types (freeze-ness is structural, and a private type cannot be named from
//! elsewhere), flattened into one tuple of distinct leaves. References, raw pointers and fn
//! pointers are always `Freeze`, so they add no leaf.

use std::collections::{HashMap, HashSet};

use quote::quote;
use syn::{GenericArgument, PathArguments, Type};

use super::model::{Index, Item, ModId, TypeId, TypeShape};
use super::resolve::{Context, resolve};

const MAX_DEPTH: usize = 64;

/// The types whose freeze-ness decides this one's, each once: rustc's verdict on the tuple of
/// them is its verdict on the declared type. A crate type stands for the leaves of its fields,
/// worked out once per type and arguments, so nesting costs the number of types, not the
/// number of paths through them. `None` when some part of the type cannot be written from the
/// handler: the pass then leaves this static to the token-level checks rather than risk an
/// error of its own.
pub(crate) fn leaves_of(
    index: &Index,
    module: ModId,
    locals: &[(String, TypeId)],
    ty: &str,
) -> Option<Vec<Type>> {
    let ty: Type = super::lex::reparse(ty)?;
    let mut rewriter = Rewriter {
        index,
        memo: HashMap::new(),
        active: HashSet::new(),
    };
    let scope = Scope {
        module,
        locals,
        generics: &HashMap::new(),
    };
    rewriter.rewrite(scope, &ty, 0)
}

/// One type for some leaves: the leaf itself when alone, else their tuple `(A, B)`, which is
/// freeze exactly when each is.
pub(crate) fn one_type(leaves: &[Type]) -> Type {
    match leaves {
        [leaf] => leaf.clone(),
        _ => syn::parse_quote!((#(#leaves),*)),
    }
}

/// Whether these leaves are certainly `Freeze` (no leaf at all is `()`): primitives, the
/// standard library's owning pointers and collections, which keep what they hold on the heap,
/// and `Option`/`Result` of such leaves.
pub(crate) fn certainly_freeze(leaves: &[Type]) -> bool {
    leaves.iter().all(|leaf| match leaf {
        Type::Path(path) if path.qself.is_none() => {
            if let Some(ident) = path.path.get_ident() {
                return PRIMITIVES.iter().any(|primitive| ident == primitive);
            }
            if path_in(&path.path, HEAP) {
                return true;
            }
            if path_in(&path.path, INLINE)
                && let Some(last) = path.path.segments.last()
            {
                return match &last.arguments {
                    PathArguments::AngleBracketed(angle) => {
                        angle.args.iter().all(|arg| match arg {
                            GenericArgument::Type(Type::Tuple(tuple)) => {
                                certainly_freeze(&tuple.elems.iter().cloned().collect::<Vec<_>>())
                            }
                            GenericArgument::Type(ty) => certainly_freeze(std::slice::from_ref(ty)),
                            _ => false,
                        })
                    }
                    _ => false,
                };
            }
            false
        }
        Type::Tuple(tuple) => certainly_freeze(&tuple.elems.iter().cloned().collect::<Vec<_>>()),
        _ => false,
    })
}

/// Whether `path`, as the pass writes other crates' types (`::std::sync::Arc`), is one of
/// `known` (`["std", "sync", "Arc"]`), whatever its generic arguments.
pub(crate) fn path_in(path: &syn::Path, known: &[&[&str]]) -> bool {
    known.iter().any(|known| {
        known.len() == path.segments.len()
            && known
                .iter()
                .zip(&path.segments)
                .all(|(name, segment)| segment.ident == name)
    })
}

/// Owning pointers and collections of the standard library: `Freeze` whatever they hold.
const HEAP: &[&[&str]] = &[
    &["std", "sync", "Arc"],
    &["std", "rc", "Rc"],
    &["std", "boxed", "Box"],
    &["std", "vec", "Vec"],
    &["std", "string", "String"],
    &["std", "collections", "HashMap"],
    &["std", "collections", "HashSet"],
    &["std", "collections", "BTreeMap"],
    &["std", "collections", "BTreeSet"],
    &["std", "collections", "VecDeque"],
];

/// Standard types that hold their arguments inline: `Freeze` when those are.
const INLINE: &[&[&str]] = &[&["core", "option", "Option"], &["core", "result", "Result"]];

const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
];

type Leaves = Vec<Type>;

/// Where a type is written: its module, the fn-local types beside it, its generic parameters.
#[derive(Clone, Copy)]
struct Scope<'a> {
    module: ModId,
    locals: &'a [(String, TypeId)],
    generics: &'a HashMap<String, Leaves>,
}

struct Rewriter<'a> {
    index: &'a Index,
    /// A crate type with given arguments, already reduced to its leaves.
    memo: HashMap<(TypeId, String), Option<Leaves>>,
    /// Crate types being reduced: met again inside themselves, through a pointer or a
    /// container, they add nothing (a type cannot contain itself otherwise).
    active: HashSet<(TypeId, String)>,
}

fn add(leaves: &mut Leaves, more: Leaves) {
    for leaf in more {
        let text = quote!(#leaf).to_string();
        if !leaves.iter().any(|l| quote!(#l).to_string() == text) {
            leaves.push(leaf);
        }
    }
}

impl Rewriter<'_> {
    fn rewrite(&mut self, scope: Scope<'_>, ty: &Type, depth: usize) -> Option<Leaves> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match ty {
            Type::Reference(_) | Type::Ptr(_) | Type::FnPtr(_) | Type::Never(_) => Vec::new(),
            Type::Paren(inner) => self.rewrite(scope, &inner.elem, depth + 1)?,
            Type::Group(inner) => self.rewrite(scope, &inner.elem, depth + 1)?,
            Type::Tuple(tuple) => {
                let mut leaves = Vec::new();
                for elem in &tuple.elems {
                    add(&mut leaves, self.rewrite(scope, elem, depth + 1)?);
                }
                leaves
            }
            // The length does not change freeze-ness.
            Type::Array(array) => self.rewrite(scope, &array.elem, depth + 1)?,
            Type::Path(path) if path.qself.is_none() => {
                self.rewrite_path(scope, &path.path, depth)?
            }
            _ => return None,
        })
    }

    /// A generic argument: the tuple of its leaves.
    fn argument(&mut self, scope: Scope<'_>, ty: &Type, depth: usize) -> Option<Type> {
        self.rewrite(scope, ty, depth + 1)
            .map(|leaves| one_type(&leaves))
    }

    fn rewrite_path(&mut self, scope: Scope<'_>, path: &syn::Path, depth: usize) -> Option<Leaves> {
        let index = self.index;
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if path.leading_colon.is_none()
            && segments.len() == 1
            && let Some(substituted) = scope.generics.get(&segments[0])
        {
            return Some(substituted.clone());
        }
        let mut args = Vec::new();
        match &path.segments.last()?.arguments {
            PathArguments::None => {}
            PathArguments::AngleBracketed(angle) => {
                for arg in &angle.args {
                    match arg {
                        GenericArgument::Type(ty) => args.push(self.argument(scope, ty, depth)?),
                        GenericArgument::Lifetime(_) => {}
                        _ => return None,
                    }
                }
            }
            PathArguments::Parenthesized(_) => return None,
        }
        if path.leading_colon.is_some() {
            return Some(vec![external(&segments, &args)]);
        }
        if segments.len() == 1
            && let Some(&(_, id)) = scope.locals.iter().find(|(name, _)| *name == segments[0])
        {
            return self.crate_type(id, args, depth);
        }
        let context = Context {
            module: scope.module,
            scope: None,
            owner: None,
        };
        let found = resolve(index, context, &segments);
        let crate_types: Vec<usize> = found
            .iter()
            .filter_map(|item| match item {
                Item::Type(id) => Some(*id),
                _ => None,
            })
            .collect();
        if let [id] = crate_types[..] {
            return self.crate_type(id, args, depth);
        }
        if !found.is_empty() {
            return None;
        }
        // Not a type of this crate: a `use` of another crate, a path into one, or the prelude.
        let uses = &index.modules[scope.module].uses;
        if let Some(targets) = uses.get(&segments[0]) {
            let [target] = &targets[..] else { return None };
            let first = target.first()?;
            if !index.externs.contains(first) || names_crate_item(index, scope.module, first) {
                return None;
            }
            let mut full = target.clone();
            full.extend(segments[1..].iter().cloned());
            return Some(vec![external(&full, &args)]);
        }
        if segments.len() > 1 {
            // A module the index does not know (declared by a macro) is not another crate.
            if !index.externs.contains(&segments[0])
                || names_crate_item(index, scope.module, &segments[0])
            {
                return None;
            }
            return Some(vec![external(&segments, &args)]);
        }
        // A glob import of another crate could bring a type of the same name; one of this
        // crate's modules would have been searched by `resolve`.
        let context = Context {
            module: scope.module,
            scope: None,
            owner: None,
        };
        let foreign_glob = index.modules[scope.module].globs.iter().any(|glob| {
            !resolve(index, context, glob)
                .iter()
                .any(|item| matches!(item, Item::Mod(_)))
        });
        if foreign_glob {
            return None;
        }
        prelude(&segments[0], &args).map(|ty| vec![ty])
    }

    /// A type of this crate as the leaves of its fields, generic parameters substituted.
    fn crate_type(&mut self, id: TypeId, args: Vec<Type>, depth: usize) -> Option<Leaves> {
        let index = self.index;
        let key = (id, quote!(#(#args),*).to_string());
        if let Some(done) = self.memo.get(&key) {
            return done.clone();
        }
        if !self.active.insert(key.clone()) {
            return Some(Vec::new());
        }
        let definition = &index.types[id];
        let generics: HashMap<String, Leaves> = definition
            .generics
            .iter()
            .cloned()
            .zip(args.into_iter().map(|arg| vec![arg]))
            .collect();
        let scope = Scope {
            module: definition.module,
            locals: &definition.locals,
            generics: &generics,
        };
        let result = match &definition.shape {
            TypeShape::Fields(fields) => (|| {
                let mut leaves = Vec::new();
                for field in fields {
                    let field: Type = super::lex::reparse(field)?;
                    add(&mut leaves, self.rewrite(scope, &field, depth + 1)?);
                }
                Some(leaves)
            })(),
            TypeShape::Alias(aliased) => super::lex::reparse::<Type>(aliased)
                .and_then(|aliased| self.rewrite(scope, &aliased, depth + 1)),
            TypeShape::Trait => None,
        };
        self.active.remove(&key);
        self.memo.insert(key, result.clone());
        result
    }
}

fn external(segments: &[String], args: &[Type]) -> Type {
    let idents = segments
        .iter()
        .map(|s| syn::Ident::new(s, proc_macro2::Span::call_site()));
    if args.is_empty() {
        syn::parse_quote!(#(::#idents)*)
    } else {
        syn::parse_quote!(#(::#idents)*<#(#args),*>)
    }
}

/// The prelude's types and the primitives, by absolute path.
fn prelude(name: &str, args: &[Type]) -> Option<Type> {
    let path = match name {
        "Option" => quote!(::core::option::Option),
        "Result" => quote!(::core::result::Result),
        "Vec" => quote!(::std::vec::Vec),
        "String" => quote!(::std::string::String),
        "Box" => quote!(::std::boxed::Box),
        _ if PRIMITIVES.contains(&name) => {
            let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#ident)
        }
        _ => return None,
    };
    Some(if args.is_empty() {
        syn::parse_quote!(#path)
    } else {
        syn::parse_quote!(#path<#(#args),*>)
    })
}

/// A first segment that is one of this crate's names, so not another crate's.
fn names_crate_item(index: &Index, module: ModId, name: &str) -> bool {
    let context = Context {
        module,
        scope: None,
        owner: None,
    };
    !resolve(index, context, &[name.to_owned()]).is_empty()
}
