//! The policy, decided from a static's declaration where the sources say enough:
//!
//! | static | verdict |
//! | --- | --- |
//! | `static mut` | refused |
//! | a lock, atomic or cell anywhere in the declared type (through the crate's types, aliases, generic arguments, references and pointers) | refused |
//! | a once-cell that reached code sets from its parameters or locals | refused |
//! | `LazyLock<T>`, `lazy_static!`, `once_cell::sync::Lazy<T>`, `OnceLock<T>`, `OnceCell<T>`, `Once`, `thread_local!` | what they hold is judged |
//! | anything else | rustc decides whether it stores interior mutability inline (a probe) |
//!
//! Under `strict`, every static that is not `Freeze` is refused, init-once ones included.

use std::collections::HashSet;

use syn::{GenericArgument, PathArguments, Type};

use super::model::{Index, Item, ModId, Static, StaticKind, TypeId, TypeShape};
use super::resolve::{Context, resolve};
use super::statics::leaves_of;

/// Locks, atomics and cells by name: a type of this crate with the same name is looked into
/// instead.
const MUTABLE: &[&str] = &[
    "Mutex",
    "RwLock",
    "FairMutex",
    "ReentrantMutex",
    "Cell",
    "RefCell",
    "UnsafeCell",
    "SyncUnsafeCell",
    "Condvar",
    "Barrier",
    "Notify",
    "Semaphore",
    "DashMap",
    "DashSet",
    "ArcSwap",
    "ArcSwapOption",
    "ArcSwapAny",
    "OnceBool",
    "OnceNonZeroUsize",
];

/// `Mutex`, `AtomicU64`, `RefCell`...: a lock, atomic or cell, by its name.
pub(crate) fn is_lock_or_cell(name: &str) -> bool {
    MUTABLE.contains(&name) || name.starts_with("Atomic")
}

/// Init-once wrappers, by absolute path as the pass writes other crates' types: what they hold
/// is judged, not them.
const INIT_ONCE: &[&[&str]] = &[
    &["std", "sync", "LazyLock"],
    &["std", "sync", "OnceLock"],
    &["std", "sync", "Once"],
    &["std", "sync", "LazyCell"],
    &["core", "cell", "LazyCell"],
    &["once_cell", "sync", "Lazy"],
    &["once_cell", "sync", "OnceCell"],
    &["tokio", "sync", "OnceCell"],
    &["parking_lot", "Once"],
];

const SURVIVES: &str = "so what one invocation writes there is read by later ones, \
                        concurrent ones included";

/// What the pass concludes about one reached static.
pub(crate) enum Verdict {
    /// Certainly unable to carry data between invocations.
    Accepted,
    /// Certainly able to: the policy row, and what in the declaration says so.
    Refused { row: &'static str, because: String },
    /// Decided by rustc: whether this type (the leaves that are stored inline) is `Freeze`.
    Probe(Vec<Type>),
    /// The pass cannot write the type where the handler is; the token-level checks remain.
    Unknown,
}

pub(crate) fn judge(index: &Index, definition: &Static, strict: bool) -> Verdict {
    match definition.kind {
        StaticKind::Mut => {
            return Verdict::Refused {
                row: "`static mut`",
                because: format!("it is a `static mut`, {SURVIVES}"),
            };
        }
        StaticKind::ThreadLocal if strict => {
            return Verdict::Refused {
                row: "`strict` refuses every interior-mutable static",
                because: "it is a `thread_local!` key".into(),
            };
        }
        StaticKind::LazyStatic if strict => {
            return Verdict::Refused {
                row: "`strict` refuses every interior-mutable static",
                because: "it is a `lazy_static!` item".into(),
            };
        }
        StaticKind::Plain | StaticKind::ThreadLocal | StaticKind::LazyStatic => {}
    }
    let Some(ty) = super::lex::reparse::<Type>(&definition.ty) else {
        return Verdict::Unknown;
    };
    let mut finder = Finder {
        index,
        seen: HashSet::new(),
    };
    if let Some(found) = finder.in_type(definition.module, &definition.locals, &ty, 0) {
        return Verdict::Refused {
            row: "a lock, atomic or cell in the declared type",
            because: format!("its declared type holds `{found}`, {SURVIVES}"),
        };
    }
    let Some(mut leaves) = leaves_of(index, definition.module, &definition.locals, &definition.ty)
    else {
        return Verdict::Unknown;
    };
    if strict {
        if let Some(Type::Path(wrapper)) = leaves.iter().find(|leaf| is_init_once(leaf)) {
            let kind = wrapper
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            let declared = definition.ty.replace(' ', "");
            let because = if declared.contains(&kind) {
                format!("its declared type `{declared}` is a `{kind}`")
            } else {
                format!("its declared type `{declared}` holds a `{kind}`")
            };
            return Verdict::Refused {
                row: "`strict` refuses every interior-mutable static",
                because,
            };
        }
    } else {
        leaves = held(leaves);
    }
    if super::statics::certainly_freeze(&leaves) {
        Verdict::Accepted
    } else {
        Verdict::Probe(leaves)
    }
}

fn is_init_once(leaf: &Type) -> bool {
    matches!(leaf, Type::Path(path) if super::statics::path_in(&path.path, INIT_ONCE))
}

/// Init-once wrappers among `leaves` replaced by what they hold.
fn held(leaves: Vec<Type>) -> Vec<Type> {
    let mut out = Vec::new();
    for leaf in leaves {
        let Type::Path(path) = &leaf else {
            out.push(leaf);
            continue;
        };
        if !is_init_once(&leaf) {
            out.push(leaf);
            continue;
        }
        let Some(last) = path.path.segments.last() else {
            continue;
        };
        if let PathArguments::AngleBracketed(angle) = &last.arguments
            && let Some(GenericArgument::Type(inner)) = angle.args.first()
        {
            let inner = match inner {
                Type::Tuple(tuple) if !tuple.elems.is_empty() => {
                    tuple.elems.iter().cloned().collect()
                }
                other => vec![other.clone()],
            };
            out.extend(held(inner));
        }
    }
    out
}

/// Looks for a lock, atomic or cell anywhere in a type, through the crate's own definitions.
struct Finder<'a> {
    index: &'a Index,
    /// Crate types already looked into: each is looked into once, and a type met inside itself
    /// adds nothing.
    seen: HashSet<TypeId>,
}

const MAX_DEPTH: usize = 64;

impl Finder<'_> {
    fn in_type(
        &mut self,
        module: ModId,
        locals: &[(String, TypeId)],
        ty: &Type,
        depth: usize,
    ) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        match ty {
            Type::Reference(reference) => self.in_type(module, locals, &reference.elem, depth + 1),
            Type::Ptr(pointer) => self.in_type(module, locals, &pointer.elem, depth + 1),
            Type::Paren(inner) => self.in_type(module, locals, &inner.elem, depth + 1),
            Type::Group(inner) => self.in_type(module, locals, &inner.elem, depth + 1),
            Type::Array(array) => self.in_type(module, locals, &array.elem, depth + 1),
            Type::Slice(slice) => self.in_type(module, locals, &slice.elem, depth + 1),
            Type::Tuple(tuple) => tuple
                .elems
                .iter()
                .find_map(|elem| self.in_type(module, locals, elem, depth + 1)),
            Type::Path(path) => {
                if let Some(qself) = &path.qself
                    && let Some(found) = self.in_type(module, locals, &qself.ty, depth + 1)
                {
                    return Some(found);
                }
                for segment in &path.path.segments {
                    if let PathArguments::AngleBracketed(angle) = &segment.arguments {
                        for arg in &angle.args {
                            if let GenericArgument::Type(inner) = arg
                                && let Some(found) = self.in_type(module, locals, inner, depth + 1)
                            {
                                return Some(found);
                            }
                        }
                    }
                }
                self.in_path(module, locals, &path.path, depth)
            }
            _ => None,
        }
    }

    fn in_path(
        &mut self,
        module: ModId,
        locals: &[(String, TypeId)],
        path: &syn::Path,
        depth: usize,
    ) -> Option<String> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let last = segments.last()?;
        let local = (segments.len() == 1)
            .then(|| {
                locals
                    .iter()
                    .find(|(name, _)| name == last)
                    .map(|&(_, id)| id)
            })
            .flatten();
        let crate_types: Vec<TypeId> = match local {
            Some(id) => vec![id],
            None if path.leading_colon.is_some() => Vec::new(),
            None => {
                let context = Context {
                    module,
                    scope: None,
                    owner: None,
                };
                resolve(self.index, context, &segments)
                    .into_iter()
                    .filter_map(|item| match item {
                        Item::Type(id) => Some(id),
                        _ => None,
                    })
                    .collect()
            }
        };
        if crate_types.is_empty() {
            return is_lock_or_cell(last)
                .then(|| quote::quote!(#path).to_string().replace(' ', ""));
        }
        for id in crate_types {
            if !self.seen.insert(id) {
                continue;
            }
            let definition = &self.index.types[id];
            let written: Vec<&String> = match &definition.shape {
                TypeShape::Fields(fields) => fields.iter().collect(),
                TypeShape::Alias(aliased) => vec![aliased],
                TypeShape::Trait => Vec::new(),
            };
            for field in written {
                let Some(field) = super::lex::reparse::<Type>(field) else {
                    continue;
                };
                if let Some(found) =
                    self.in_type(definition.module, &definition.locals, &field, depth + 1)
                {
                    return Some(found);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::INIT_ONCE;

    /// The types listed in `block` of the façade's `known! { Kind...: [generics] path<..>, }`
    /// invocations whose kinds include `kind`, as paths.
    fn listed(source: &str, kind: &str) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        let mut inside = false;
        for line in source.lines().map(str::trim) {
            if let Some(kinds) = line.strip_suffix(':')
                && !line.starts_with("//")
            {
                inside = kinds.split_whitespace().any(|k| k == kind);
                continue;
            }
            if line.starts_with('}') {
                inside = false;
            }
            if inside && line.starts_with('[') {
                let path = line
                    .split(']')
                    .nth(1)
                    .unwrap_or_default()
                    .trim()
                    .split('<')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(',');
                found.push(path.split("::").map(str::to_owned).collect());
            }
        }
        found
    }

    /// The token-level probes and the crate-wide pass know the same kinds of shared state.
    #[test]
    fn the_known_types_match_the_facades() {
        let known = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../invocation-scope/src/checks/known.rs"
        ))
        .expect("the façade's list reads");
        let shared = listed(&known, "KnownShared");
        assert!(shared.len() > 20, "{shared:?}");
        for path in shared {
            let last = path.last().expect("a name");
            assert!(
                super::is_lock_or_cell(last),
                "`{}` is shared state for the probes but not for the crate-wide pass",
                path.join("::")
            );
        }
        let init_once = listed(&known, "KnownInitOnce");
        assert!(init_once.len() >= 6, "{init_once:?}");
        for path in init_once {
            assert!(
                INIT_ONCE.iter().any(|known| *known == path),
                "`{}` is init-once for the probes but not for the crate-wide pass",
                path.join("::")
            );
        }
    }
}
