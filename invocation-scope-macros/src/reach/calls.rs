//! Everything the handler reaches: free functions, methods (by name, so every `impl` and `dyn`
//! implementation of a trait method), closures and `async` blocks (part of their body), fns
//! passed by name, `macro_rules!` bodies and the initializers of reached statics.

use std::collections::{HashMap, HashSet, VecDeque};

use super::model::{FnId, Index, Item, Loc, MacroId, Refs, StaticId, TypeId};
use super::resolve::{Context, resolve};

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Node {
    Fn(FnId),
    Static(StaticId),
    Macro(MacroId),
    /// Building a `#[per_invocation]` struct fresh, which the handler does in every invocation.
    State(TypeId),
}

/// One step of a chain: `from` mentions `to` at `at`, spelled `name`.
#[derive(Clone, Debug)]
pub(crate) struct Hop {
    pub(crate) from: Node,
    pub(crate) to: Node,
    pub(crate) at: Loc,
    pub(crate) name: String,
}

/// A static reached through at least one call, with the shortest chain from the handler.
pub(crate) struct Reached {
    pub(crate) id: StaticId,
    pub(crate) chain: Vec<Hop>,
    /// The chain's last function stores a value built from its parameters or locals in this
    /// static, a once-cell.
    pub(crate) sets_from_invocation: bool,
}

pub(crate) struct Limits<'a> {
    /// Functions, or macros writing them, not to follow (`stop_at`).
    pub(crate) stop: &'a HashSet<Node>,
    /// Statics the user allowed: neither reported nor followed.
    pub(crate) allowed: &'a HashSet<StaticId>,
}

/// Breadth first, so each static comes with its shortest chain. The allowed statics met through
/// at least one call go into `allowed_met`.
pub(crate) fn reach(
    index: &Index,
    handler: FnId,
    limits: &Limits<'_>,
    allowed_met: &mut HashSet<StaticId>,
) -> Vec<Reached> {
    let start = Node::Fn(handler);
    let mut came_from: HashMap<Node, Hop> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut names = TypeNames::new();
    let mut found = Vec::new();
    while let Some(node) = queue.pop_front() {
        let mut hops = edges(index, node, &mut names);
        if node == start {
            hops.extend(states(index, handler));
        }
        for hop in hops {
            let target = hop.to;
            let skip = match target {
                Node::Fn(_) | Node::Macro(_) if limits.stop.contains(&target) => true,
                Node::Static(id) if limits.allowed.contains(&id) => {
                    if node != start {
                        allowed_met.insert(id);
                    }
                    true
                }
                Node::Fn(_) | Node::Static(_) | Node::Macro(_) | Node::State(_) => false,
            };
            if skip || target == start || came_from.contains_key(&target) {
                continue;
            }
            came_from.insert(target, hop);
            // A static in the handler's own tokens is the token-level checks' to report.
            if let Node::Static(id) = target
                && node != start
            {
                found.push(Reached {
                    id,
                    chain: chain(&came_from, target),
                    sets_from_invocation: false,
                });
            }
            queue.push_back(target);
        }
    }
    // Once-cells that a reached function sets from its own parameters or locals; the ones in
    // checked code are the token-level checks' to report.
    let mut visited: Vec<FnId> = came_from
        .keys()
        .filter_map(|node| match node {
            Node::Fn(id) => Some(*id),
            _ => None,
        })
        .collect();
    visited.sort_unstable();
    for id in visited {
        let function = &index.fns[id];
        if function.checked {
            continue;
        }
        let context = Context {
            module: function.module,
            scope: Some(&function.scope),
            owner: function.owner.as_deref(),
        };
        for (path, at) in &function.once_sets {
            for item in resolve(index, context, path) {
                let Item::Static(static_id) = item else {
                    continue;
                };
                if limits.allowed.contains(&static_id) {
                    allowed_met.insert(static_id);
                    continue;
                }
                let mut hops = chain(&came_from, Node::Fn(id));
                hops.push(Hop {
                    from: Node::Fn(id),
                    to: Node::Static(static_id),
                    at: *at,
                    name: path.join("::"),
                });
                found.push(Reached {
                    id: static_id,
                    chain: hops,
                    sets_from_invocation: true,
                });
            }
        }
    }
    found
}

/// The handler builds each `#[per_invocation]` struct it takes as `&mut` in every invocation.
fn states(index: &Index, handler: FnId) -> Vec<Hop> {
    let function = &index.fns[handler];
    let context = Context {
        module: function.module,
        scope: Some(&function.scope),
        owner: function.owner.as_deref(),
    };
    let mut hops = Vec::new();
    for (path, at) in &function.state_params {
        for item in resolve(index, context, path) {
            if let Item::Type(id) = item
                && index.types[id].state_build.is_some()
            {
                hops.push(Hop {
                    from: Node::Fn(handler),
                    to: Node::State(id),
                    at: *at,
                    name: path.join("::"),
                });
            }
        }
    }
    hops
}

/// The methods `refs` calls: by the receiver's type where the sources say it, else by name.
fn method_hops(index: &Index, node: Node, refs: &Refs, names: &mut TypeNames) -> Vec<Hop> {
    let mut hops = Vec::new();
    let function = match node {
        Node::Fn(id) => Some(&index.fns[id]),
        _ => None,
    };
    for (method, at, receiver) in &refs.methods {
        let owner = function.and_then(|function| receiver_type(index, function, receiver, names));
        let methods = index
            .methods
            .get(method)
            .into_iter()
            .flatten()
            .filter(|&&id| match (&owner, &index.fns[id].owner) {
                (None, _) => true,
                // The type's own methods, its trait impls, and the crate's trait defaults.
                (Some(owner), Some(of)) => of == owner || index.traits.contains(of),
                (Some(_), None) => false,
            });
        let written = index.macro_fns.get(method).into_iter().flatten();
        let targets = methods
            .map(|&id| Node::Fn(id))
            .chain(written.map(|&id| Node::Macro(id)));
        for to in targets {
            hops.push(Hop {
                from: node,
                to,
                at: *at,
                name: format!(".{method}()"),
            });
        }
    }
    hops
}

/// The name [`type_name`] gives each type written as text, worked out once per handler: the
/// same few types receive most method calls, and each parse goes through rustc's lexer.
type TypeNames = HashMap<String, Option<String>>;

/// The last segment of a method receiver's type, where the function's sources say it: `self`
/// in a method, a parameter or local of a declared or built type, then named fields of the
/// crate's structs (and `LambdaEvent`'s `payload`). `None`: unknown, every method of that name
/// is a candidate.
fn receiver_type(
    index: &Index,
    function: &super::model::Func,
    receiver: &[String],
    names: &mut TypeNames,
) -> Option<String> {
    let (first, fields) = receiver.split_first()?;
    let written = if first == "self" {
        // In a trait's default method, `self` is any implementor.
        let owner = function.owner.as_deref()?;
        if index.traits.contains(owner) {
            return None;
        }
        owner
    } else {
        function.local_types.get(first)?
    };
    let mut ty: syn::Type = match written.split_once(' ') {
        Some((marker @ ("fn" | "fn?"), path)) => returned(index, function, path, marker == "fn?")?,
        _ if fields.is_empty() => {
            let name = names.entry(written.to_owned()).or_insert_with(|| {
                let ty = super::lex::reparse(written)?;
                Some(type_name(&ty)?.0)
            });
            return name.clone();
        }
        _ => super::lex::reparse(written)?,
    };
    for field in fields {
        let (name, args) = type_name(&ty)?;
        if name == "LambdaEvent" && field == "payload" {
            ty = args.into_iter().next()?;
            continue;
        }
        let fields: Vec<&(String, String)> = index
            .types
            .iter()
            .filter(|definition| definition.name == name)
            .flat_map(|definition| definition.named_fields.iter())
            .filter(|(field_name, _)| field_name == field)
            .collect();
        let [(_, field_ty)] = fields[..] else {
            return None;
        };
        ty = super::lex::reparse(field_ty)?;
    }
    let (name, _) = type_name(&ty)?;
    Some(name)
}

/// What the crate's function at `path` (as `function` names it) returns; with `tried`, what
/// `?` takes out of its `Result` or `Option`.
fn returned(
    index: &Index,
    function: &super::model::Func,
    path: &str,
    tried: bool,
) -> Option<syn::Type> {
    let context = Context {
        module: function.module,
        scope: Some(&function.scope),
        owner: function.owner.as_deref(),
    };
    let segments: Vec<String> = path.split("::").map(|s| s.trim().to_owned()).collect();
    let found = resolve(index, context, &segments);
    let [Item::Fn(id)] = found[..] else {
        return None;
    };
    let ty: syn::Type = super::lex::reparse(index.fns[id].returns.as_deref()?)?;
    if !tried {
        return Some(ty);
    }
    let (name, args) = type_name(&ty)?;
    matches!(name.as_str(), "Result" | "Option")
        .then(|| args.into_iter().next())
        .flatten()
}

const POINTERS: &[&str] = &["Box", "Arc", "Rc", "Pin", "Ref", "RefMut", "MutexGuard"];

/// `&mut a::B<C>` is `B` with `[C]`.
fn type_name(ty: &syn::Type) -> Option<(String, Vec<syn::Type>)> {
    match ty {
        syn::Type::Reference(reference) => type_name(&reference.elem),
        syn::Type::Paren(inner) => type_name(&inner.elem),
        syn::Type::Group(inner) => type_name(&inner.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            let args = match &last.arguments {
                syn::PathArguments::AngleBracketed(angle) => angle
                    .args
                    .iter()
                    .filter_map(|arg| match arg {
                        syn::GenericArgument::Type(ty) => Some(ty.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let name = last.ident.to_string();
            // `Self` and one-letter generic parameters say nothing of the type.
            if name == "Self" || name.len() == 1 {
                return None;
            }
            // Methods are called through smart pointers on what they point to.
            if POINTERS.contains(&name.as_str()) {
                return type_name(args.first()?);
            }
            Some((name, args))
        }
        _ => None,
    }
}

fn chain(came_from: &HashMap<Node, Hop>, mut node: Node) -> Vec<Hop> {
    let mut hops = Vec::new();
    while let Some(hop) = came_from.get(&node) {
        hops.push(hop.clone());
        node = hop.from;
    }
    hops.reverse();
    hops
}

/// What a node mentions, and where its names are looked up; `None` for a type that is not
/// per-invocation state.
fn mentions(index: &Index, node: Node) -> Option<(&Refs, Context<'_>)> {
    let found = match node {
        Node::Fn(id) => {
            let function = &index.fns[id];
            let context = Context {
                module: function.module,
                scope: Some(&function.scope),
                owner: function.owner.as_deref(),
            };
            (&function.refs, context)
        }
        Node::Static(id) => {
            let definition = &index.statics[id];
            let context = Context {
                module: definition.module,
                scope: None,
                owner: None,
            };
            (&definition.init, context)
        }
        Node::Macro(id) => {
            let definition = &index.macros[id];
            let context = Context {
                module: definition.module,
                scope: None,
                owner: None,
            };
            (&definition.refs, context)
        }
        Node::State(id) => {
            let definition = &index.types[id];
            let Some(build) = &definition.state_build else {
                return None;
            };
            let context = Context {
                module: definition.module,
                scope: None,
                owner: Some(&definition.name),
            };
            (build, context)
        }
    };
    Some(found)
}

/// What one node mentions, resolved.
fn edges(index: &Index, node: Node, names: &mut TypeNames) -> Vec<Hop> {
    let Some((refs, context)) = mentions(index, node) else {
        return Vec::new();
    };
    let mut hops = Vec::new();
    for (path, at) in &refs.paths {
        let found = resolve(index, context, path);
        // A function a local `macro_rules!` writes, named alone or through a module or type of
        // the crate (not `Vec::new`): what the macro's rules mention.
        let in_crate = match &path[..] {
            [_] => true,
            [prefix @ .., _] => !resolve(index, context, prefix).is_empty(),
            [] => false,
        };
        if found.is_empty() && in_crate {
            let last = path.last().map(String::as_str).unwrap_or_default();
            for &id in index.macro_fns.get(last).into_iter().flatten() {
                hops.push(Hop {
                    from: node,
                    to: Node::Macro(id),
                    at: *at,
                    name: path.join("::"),
                });
            }
        }
        for item in found {
            let to = match item {
                Item::Fn(id) => Node::Fn(id),
                Item::Static(id) => Node::Static(id),
                Item::Mod(_) | Item::Type(_) | Item::Value => continue,
            };
            hops.push(Hop {
                from: node,
                to,
                at: *at,
                name: path.join("::"),
            });
        }
    }
    hops.extend(method_hops(index, node, refs, names));
    for (name, at) in &refs.macros {
        for &id in index.macros_by_name.get(name).into_iter().flatten() {
            hops.push(Hop {
                from: node,
                to: Node::Macro(id),
                at: *at,
                name: format!("{name}!"),
            });
        }
    }
    hops
}
