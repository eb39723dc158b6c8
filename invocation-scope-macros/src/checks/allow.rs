//! `allow(...)`: the statics the user has reasoned about, and which of them the checks met.
//!
//! One list serves both checks. The token-level checks match an entry by its last segment
//! (`allow(CACHE)` skips `CACHE` and `crate::state::CACHE`); the crate-wide pass resolves the whole
//! path to a static of the crate (`allow(helpers::ITEMS)`).

use quote::ToTokens as _;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Ident, Path};

use crate::error::Errors;

/// The entries of `allow(...)`, each marked once a check skips a use of it.
#[derive(Default)]
pub(crate) struct Allowed {
    entries: Vec<Entry>,
}

struct Entry {
    path: Path,
    used: bool,
}

impl Entry {
    fn last(&self) -> Option<&Ident> {
        self.path.segments.last().map(|segment| &segment.ident)
    }
}

impl Allowed {
    /// Parses the list inside `allow(...)`; a repeated entry is reported, the rest kept.
    pub(crate) fn parse_list(
        &mut self,
        meta: &ParseNestedMeta<'_>,
        errors: &mut Errors,
    ) -> syn::Result<()> {
        meta.parse_nested_meta(|entry| {
            // Compared as written (syn's `==` on paths needs its `extra-traits` feature, which
            // costs a clean build more than all of this crate's other syn features).
            let written = entry.path.to_token_stream().to_string();
            if self
                .entries
                .iter()
                .any(|known| known.path.to_token_stream().to_string() == written)
            {
                errors.push(syn::Error::new_spanned(
                    &entry.path,
                    format!(
                        "`{}` is already allowed; remove the repetition",
                        shown(&entry.path)
                    ),
                ));
            } else {
                self.entries.push(Entry {
                    path: entry.path.clone(),
                    used: false,
                });
            }
            if !entry.input.is_empty() && !entry.input.peek(syn::Token![,]) {
                return Err(entry.error("expected `,` between allowed statics"));
            }
            Ok(())
        })
    }

    /// Whether a path ending in `name` is allowed; marks the entries it matches used. `r#NAME`
    /// and `NAME` are the same name.
    pub(super) fn permits(&mut self, name: &Ident) -> bool {
        let name = name.unraw();
        let mut permitted = false;
        for entry in &mut self.entries {
            if entry.last().map(IdentExt::unraw).as_ref() == Some(&name) {
                entry.used = true;
                permitted = true;
            }
        }
        permitted
    }

    /// The entries, for the crate-wide pass to resolve.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.entries.iter().map(|entry| &entry.path)
    }

    /// Marks the entry at `position` (as `paths` yields them) used.
    pub(crate) fn mark_used(&mut self, position: usize) {
        if let Some(entry) = self.entries.get_mut(position) {
            entry.used = true;
        }
    }

    /// An error at every entry no check used, so stale allowances do not pile up.
    pub(crate) fn report_unused(&self, errors: &mut Errors) {
        for entry in self.entries.iter().filter(|entry| !entry.used) {
            errors.push(syn::Error::new_spanned(
                &entry.path,
                format!(
                    "`{}` is allowed but the checked code never uses it; remove it from \
                     `allow(...)`",
                    shown(&entry.path)
                ),
            ));
        }
    }
}

/// `state::CACHE` as written, without the spaces tokens print with.
fn shown(path: &Path) -> String {
    quote::quote!(#path).to_string().replace(' ', "")
}
