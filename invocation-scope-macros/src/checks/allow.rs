//! `allow(NAME, ...)`: the paths the user has reasoned about, and which of them the code uses.

use syn::Ident;
use syn::meta::ParseNestedMeta;

use crate::error::Errors;

/// The names listed in `allow(...)`, each marked once the checked code uses it.
#[derive(Default)]
pub(crate) struct Allowed {
    names: Vec<(Ident, bool)>,
}

impl Allowed {
    /// Parses the list inside `allow(...)`; a repeated name is reported, the rest kept.
    pub(crate) fn parse_list(
        &mut self,
        meta: &ParseNestedMeta<'_>,
        errors: &mut Errors,
    ) -> syn::Result<()> {
        meta.parse_nested_meta(|entry| {
            match entry.path.get_ident() {
                Some(name) if self.names.iter().any(|(known, _)| known == name) => {
                    errors.push(syn::Error::new_spanned(
                        name,
                        format!("`{name}` is already allowed; remove the repetition"),
                    ));
                }
                Some(name) => self.names.push((name.clone(), false)),
                None => errors.push(syn::Error::new_spanned(
                    &entry.path,
                    "`allow` takes the names of statics as the code writes their last segment, \
                     such as `allow(CACHE)` for `crate::state::CACHE`",
                )),
            }
            if !entry.input.is_empty() && !entry.input.peek(syn::Token![,]) {
                return Err(entry.error("expected `,` between allowed names"));
            }
            Ok(())
        })
    }

    /// Whether `name` is allowed; marks it used.
    pub(super) fn permits(&mut self, name: &Ident) -> bool {
        match self.names.iter_mut().find(|(allowed, _)| allowed == name) {
            Some((_, used)) => {
                *used = true;
                true
            }
            None => false,
        }
    }

    /// An error at every allowed name the code never used, so stale allowances do not pile up.
    pub(crate) fn report_unused(&self, errors: &mut Errors) {
        for (name, used) in &self.names {
            if !*used {
                errors.push(syn::Error::new_spanned(
                    name,
                    format!(
                        "`{name}` is allowed but the checked code never uses a path ending in \
                         `{name}`; remove it from `allow(...)`"
                    ),
                ));
            }
        }
    }
}
