//! What a path written in some module stands for: through `crate`/`self`/`super`/`$crate`,
//! `use` (aliases, groups, globs, fn-local), modules, and `Type::method`.

use super::model::{Index, Item, LocalScope, ModId, TypeShape};

/// Where a path is written.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) module: ModId,
    /// The names the enclosing function binds or declares, if any.
    pub(crate) scope: Option<&'a LocalScope>,
    /// `Self` inside an `impl` or a trait.
    pub(crate) owner: Option<&'a str>,
}

/// Deep enough for any real chain of re-exports; stops cycles (`use a::*` both ways).
const MAX_DEPTH: usize = 24;

pub(crate) fn resolve(index: &Index, context: Context<'_>, path: &[String]) -> Vec<Item> {
    resolve_at(index, context, path, 0)
}

fn resolve_at(index: &Index, context: Context<'_>, path: &[String], depth: usize) -> Vec<Item> {
    let Some(first) = path.first() else {
        return Vec::new();
    };
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let (mut current, rest) = match first.as_str() {
        "crate" | "$crate" => (vec![Item::Mod(0)], &path[1..]),
        "self" => (vec![Item::Mod(context.module)], &path[1..]),
        "super" => {
            let mut module = context.module;
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                module = index.modules[module].parent.unwrap_or(0);
                rest = &rest[1..];
            }
            (vec![Item::Mod(module)], rest)
        }
        "Self" => {
            let (Some(owner), Some(name)) = (context.owner, path.get(1)) else {
                return Vec::new();
            };
            return associated(index, owner, false, name);
        }
        name => (lookup(index, context, name, depth), &path[1..]),
    };
    for segment in rest {
        let mut next = Vec::new();
        for item in current {
            match item {
                Item::Mod(module) => next.extend(in_module(index, module, segment, depth + 1)),
                Item::Type(ty) => {
                    let definition = &index.types[ty];
                    let is_trait = matches!(definition.shape, TypeShape::Trait);
                    next.extend(associated(index, &definition.name, is_trait, segment));
                }
                Item::Fn(_) | Item::Static(_) => {}
            }
        }
        current = next;
    }
    current
}

/// A name as the first segment: the function's own bindings and items first, then the module.
fn lookup(index: &Index, context: Context<'_>, name: &str, depth: usize) -> Vec<Item> {
    if let Some(scope) = context.scope {
        if scope.bindings.iter().any(|binding| binding == name) {
            return Vec::new();
        }
        if let Some(items) = scope.items.get(name) {
            return items.clone();
        }
        if let Some(paths) = scope.uses.get(name) {
            let outer = Context {
                scope: None,
                ..context
            };
            return paths
                .iter()
                .flat_map(|path| resolve_at(index, outer, path, depth + 1))
                .collect();
        }
    }
    in_module(index, context.module, name, depth)
}

/// `name` as seen inside `module`: its items, its `use`s, then its globs.
fn in_module(index: &Index, module: ModId, name: &str, depth: usize) -> Vec<Item> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let definition = &index.modules[module];
    if let Some(items) = definition.items.get(name) {
        return items.clone();
    }
    let here = Context {
        module,
        scope: None,
        owner: None,
    };
    if let Some(paths) = definition.uses.get(name) {
        return paths
            .iter()
            .flat_map(|path| resolve_at(index, here, path, depth + 1))
            .collect();
    }
    let mut found = Vec::new();
    for glob in &definition.globs {
        for target in resolve_at(index, here, glob, depth + 1) {
            if let Item::Mod(target) = target {
                found.extend(in_module(index, target, name, depth + 1));
            }
        }
    }
    found
}

/// `Type::name`: methods of that type, or of every implementor when it is a trait.
fn associated(index: &Index, owner: &str, is_trait: bool, name: &str) -> Vec<Item> {
    index
        .methods
        .get(name)
        .into_iter()
        .flatten()
        .filter(|&&id| is_trait || index.fns[id].owner.as_deref() == Some(owner))
        .map(|&id| Item::Fn(id))
        .collect()
}
