//! Which paths may name a static, and which names the checked code binds itself.

use std::collections::HashSet;

use syn::ext::IdentExt as _;
use syn::{Ident, Path, PathArguments};

use super::macros::MacroContents;
use crate::walk::{Hooks, MacroSyntax};

/// `CACHE`, `MAX_ITEMS`, `V2`: two or more characters, no lowercase letter, at least one
/// uppercase letter. Statics and consts are named this way (`non_upper_case_globals`).
pub(crate) fn is_screaming_case(name: &str) -> bool {
    name.len() >= 2
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A path in value position that may name a static, so it is checked. Not a candidate:
/// paths with generic arguments or a `<T as Trait>` self type, `Self::X`, associated items and
/// variants (`Type::X`, `T::X`, `u32::MAX`), and single names the code binds itself.
pub(super) fn candidate<'p>(
    qself: bool,
    path: &'p Path,
    bindings: &HashSet<String>,
) -> Option<&'p Ident> {
    if qself
        || path
            .segments
            .iter()
            .any(|segment| !matches!(segment.arguments, PathArguments::None))
    {
        return None;
    }
    let segments: Vec<&Ident> = path.segments.iter().map(|segment| &segment.ident).collect();
    let (last, before) = segments.split_last()?;
    let name = last.unraw().to_string();
    if !is_screaming_case(&name) {
        return None;
    }
    match before.last() {
        None if path.leading_colon.is_none() && bindings.contains(&name) => None,
        None => Some(last),
        Some(owner) => {
            let owner = owner.to_string();
            let names_a_type = owner.starts_with(|c: char| c.is_ascii_uppercase())
                || PRIMITIVES.contains(&owner.as_str());
            (!names_a_type).then_some(*last)
        }
    }
}

/// A path in value position that may name an item rather than something the checked code
/// binds: no generic arguments, no `<T as Trait>`, not `Self::X`, not a local.
pub(super) fn names_an_item(qself: bool, path: &Path, bindings: &HashSet<String>) -> bool {
    if qself
        || path
            .segments
            .iter()
            .any(|segment| !matches!(segment.arguments, PathArguments::None))
    {
        return false;
    }
    match path.segments.first() {
        Some(first) if first.ident == "Self" => false,
        Some(first) if path.segments.len() == 1 && path.leading_colon.is_none() => {
            !bindings.contains(&first.ident.unraw().to_string())
        }
        Some(_) => true,
        None => false,
    }
}

/// Types whose associated consts (`u32::MAX`, `f64::EPSILON`) read like module paths.
const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
    "u32", "u64", "u128", "usize",
];

/// Every name the checked code binds itself, whatever its scope: parameters, `let`, closure
/// parameters, `match`/`for`/`if let`/`while let` patterns, generic parameters and consts
/// declared in it. A single-segment path with such a name is a local or a const, never a
/// static; checking it would name a local from a const, which does not compile.
#[derive(Default)]
pub(super) struct Bindings {
    pub(super) names: HashSet<String>,
}

impl Hooks for Bindings {
    fn pat_ident(&mut self, pat: &syn::PatIdent) -> bool {
        self.names.insert(pat.ident.unraw().to_string());
        true
    }

    fn generic_param(&mut self, param: &syn::GenericParam) -> bool {
        match param {
            syn::GenericParam::Type(ty) => {
                self.names.insert(ty.ident.to_string());
            }
            syn::GenericParam::Const(constant) => {
                self.names.insert(constant.ident.unraw().to_string());
            }
            syn::GenericParam::Lifetime(_) => {}
        }
        true
    }

    /// A static of an `extern` block in the body: foreign memory, which a constant cannot read.
    fn foreign_item_static(&mut self, item: &syn::ForeignItemStatic) -> bool {
        self.names.insert(item.ident.unraw().to_string());
        false
    }

    fn item_const(&mut self, item: &syn::ItemConst) -> bool {
        self.names.insert(item.ident.unraw().to_string());
        true
    }

    fn macro_call(&mut self, mac: &syn::Macro) -> Option<MacroSyntax> {
        let contents = MacroContents::parse(mac);
        self.names.extend(contents.maybe_bound);
        Some(MacroSyntax {
            exprs: contents.exprs,
            blocks: contents.blocks,
        })
    }
}
