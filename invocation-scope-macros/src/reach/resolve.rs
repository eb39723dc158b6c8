//! What a path written in some module stands for: through `crate`/`self`/`super`/`$crate`,
//! `use` (aliases, groups, globs, fn-local), modules, and `Type::method`.

use std::collections::HashSet;
use std::sync::PoisonError;

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

/// Deep enough for any real chain of re-exports (cycles are cut where they close): a bound on
/// the recursion only.
const MAX_DEPTH: usize = 64;

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
        "crate" | "$crate" => (
            vec![Item::Mod(index.modules[context.module].crate_root)],
            &path[1..],
        ),
        "self" => (vec![Item::Mod(context.module)], &path[1..]),
        "super" => {
            let mut module = context.module;
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                module = index.modules[module]
                    .parent
                    .unwrap_or(index.modules[module].crate_root);
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
        name => (
            lookup(index, context, name, path.len() == 1, depth),
            &path[1..],
        ),
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
                Item::Fn(_) | Item::Static(_) | Item::Value => {}
            }
        }
        current = next;
    }
    current
}

/// A name as the first segment: the function's own bindings and items first, then the module.
/// `alone`: the name is the whole path, so it may be one of the function's bindings (a local is
/// never the first segment of a longer path).
fn lookup(index: &Index, context: Context<'_>, name: &str, alone: bool, depth: usize) -> Vec<Item> {
    if let Some(scope) = context.scope {
        if alone && scope.bindings.iter().any(|binding| binding == name) {
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
    let found = in_module(index, context.module, name, depth);
    if found.is_empty()
        && let Some(&root) = index.crates.get(name)
    {
        // Another crate of the workspace, by the name the handler's crate calls it.
        return vec![Item::Mod(root)];
    }
    found
}

/// `name` as seen inside `module`: its items, its `use`s, then its globs. Each answer is worked
/// out once per compilation; a lookup met again while under way is a cycle and adds nothing.
fn in_module(index: &Index, module: ModId, name: &str, depth: usize) -> Vec<Item> {
    let key = (module, name.to_owned());
    {
        let mut memo = index.memo.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = memo.names.get(&key) {
            return found.clone();
        }
        if depth > MAX_DEPTH || !memo.active.insert(key.clone()) {
            return Vec::new();
        }
    }
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    through_globs(index, module, name, depth, &mut visited, &mut found);
    let mut memo = index.memo.lock().unwrap_or_else(PoisonError::into_inner);
    memo.active.remove(&key);
    memo.names.insert(key, found.clone());
    found
}

/// What `module` defines or imports as `name`, else what its globs bring, each module of the
/// glob web visited once.
fn through_globs(
    index: &Index,
    module: ModId,
    name: &str,
    depth: usize,
    visited: &mut HashSet<ModId>,
    found: &mut Vec<Item>,
) {
    if !visited.insert(module) {
        return;
    }
    let definition = &index.modules[module];
    if let Some(items) = definition.items.get(name) {
        add(found, items.iter().copied());
        return;
    }
    let here = Context {
        module,
        scope: None,
        owner: None,
    };
    if let Some(paths) = definition.uses.get(name) {
        for path in paths {
            add(found, resolve_at(index, here, path, depth + 1));
        }
        return;
    }
    for target in glob_targets(index, module, depth) {
        through_globs(index, target, name, depth, visited, found);
    }
}

fn add(found: &mut Vec<Item>, items: impl IntoIterator<Item = Item>) {
    for item in items {
        if !found.contains(&item) {
            found.push(item);
        }
    }
}

/// The modules `use path::*;` in `module` names, worked out once.
fn glob_targets(index: &Index, module: ModId, depth: usize) -> Vec<ModId> {
    {
        let mut memo = index.memo.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(targets) = memo.globs.get(&module) {
            return targets.clone();
        }
        if !memo.active_globs.insert(module) {
            return Vec::new();
        }
    }
    let here = Context {
        module,
        scope: None,
        owner: None,
    };
    let mut targets = Vec::new();
    for glob in &index.modules[module].globs {
        for target in resolve_at(index, here, glob, depth + 1) {
            if let Item::Mod(target) = target
                && !targets.contains(&target)
            {
                targets.push(target);
            }
        }
    }
    let mut memo = index.memo.lock().unwrap_or_else(PoisonError::into_inner);
    memo.active_globs.remove(&module);
    memo.globs.insert(module, targets.clone());
    targets
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
