//! Another crate of the workspace, indexed on its own (`index::build_segment`) and then moved
//! into the handler's index. Alone, its ids start from 0 and nothing in it depends on the
//! handler's crate, so the function crates that depend on it can share one copy (`disk.rs`).

use std::path::PathBuf;

use super::model::{Index, Item, Loc, Refs};

pub(crate) struct Segment {
    /// The crate's index: module 0 is its root.
    pub(crate) index: Index,
    /// Each file of the index as it was opened, by file id: shown in messages relative to the
    /// handler's package.
    pub(crate) opened: Vec<PathBuf>,
    /// Every file read for it, the ones that did not parse included.
    pub(crate) read: Vec<PathBuf>,
}

/// The first id of each kind that the segment's ids are moved by.
#[derive(Clone, Copy)]
struct Offsets {
    modules: usize,
    fns: usize,
    statics: usize,
    types: usize,
    macros: usize,
    files: usize,
}

impl Offsets {
    fn item(self, item: Item) -> Item {
        match item {
            Item::Mod(id) => Item::Mod(id + self.modules),
            Item::Fn(id) => Item::Fn(id + self.fns),
            Item::Static(id) => Item::Static(id + self.statics),
            Item::Type(id) => Item::Type(id + self.types),
            Item::Value => Item::Value,
        }
    }

    fn loc(self, loc: &mut Loc) {
        loc.file += self.files;
    }

    fn refs(self, refs: &mut Refs) {
        let Refs {
            paths,
            methods,
            macros,
        } = refs;
        let paths = paths.iter_mut().map(|(_, loc)| loc);
        let methods = methods.iter_mut().map(|(_, loc, _)| loc);
        for loc in paths
            .chain(methods)
            .chain(macros.iter_mut().map(|(_, loc)| loc))
        {
            self.loc(loc);
        }
    }

    fn items(self, items: &mut std::collections::HashMap<String, Vec<Item>>) {
        for ids in items.values_mut() {
            for id in ids {
                *id = self.item(*id);
            }
        }
    }
}

/// Moves `segment` into `index`, named `name` there (a renamed dependency is named so), with
/// `files` as its files are shown. A segment whose root did not parse adds nothing.
pub(crate) fn splice(index: &mut Index, segment: Index, name: &str, files: Vec<String>) {
    if segment.modules.is_empty() {
        return;
    }
    let at = Offsets {
        modules: index.modules.len(),
        fns: index.fns.len(),
        statics: index.statics.len(),
        types: index.types.len(),
        macros: index.macros.len(),
        files: index.files.len(),
    };
    // Whole, so that a field added to the index is not forgotten here.
    let Index {
        files: _,
        paths,
        modules,
        fns,
        statics,
        types,
        macros,
        methods,
        macros_by_name,
        macro_fns,
        traits,
        crates: _,
        externs: _,
        built_in: _,
        crates_from_disk: _,
        memo: _,
    } = segment;
    index.files.extend(files);
    index.paths.extend(paths);
    index.crates.insert(name.to_owned(), at.modules);
    index.modules.extend(modules.into_iter().map(|mut module| {
        if let Some(first) = module.path.first_mut() {
            name.clone_into(first);
        }
        module.crate_root += at.modules;
        module.parent = module.parent.map(|parent| parent + at.modules);
        at.items(&mut module.items);
        module
    }));
    index.fns.extend(fns.into_iter().map(|mut function| {
        function.module += at.modules;
        at.loc(&mut function.loc);
        at.refs(&mut function.refs);
        at.items(&mut function.scope.items);
        function
            .once_sets
            .iter_mut()
            .for_each(|(_, loc)| at.loc(loc));
        function
            .state_params
            .iter_mut()
            .for_each(|(_, loc)| at.loc(loc));
        function
    }));
    index.statics.extend(statics.into_iter().map(|mut item| {
        item.module += at.modules;
        at.loc(&mut item.loc);
        at.refs(&mut item.init);
        item.locals.iter_mut().for_each(|(_, id)| *id += at.types);
        item
    }));
    index.types.extend(types.into_iter().map(|mut item| {
        item.module += at.modules;
        item.locals.iter_mut().for_each(|(_, id)| *id += at.types);
        if let Some(refs) = &mut item.state_build {
            at.refs(refs);
        }
        item
    }));
    index.macros.extend(macros.into_iter().map(|mut item| {
        item.module += at.modules;
        at.refs(&mut item.refs);
        item
    }));
    for (name, ids) in methods {
        let moved = ids.into_iter().map(|id| id + at.fns);
        index.methods.entry(name).or_default().extend(moved);
    }
    for (into, from) in [
        (&mut index.macros_by_name, macros_by_name),
        (&mut index.macro_fns, macro_fns),
    ] {
        for (name, ids) in from {
            into.entry(name)
                .or_default()
                .extend(ids.into_iter().map(|id| id + at.macros));
        }
    }
    index.traits.extend(traits);
}
