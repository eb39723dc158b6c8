//! How a macro fails: every error at the user's tokens, with the user's item kept.

use proc_macro2::TokenStream;

/// Collects errors so that all of an item's mistakes are reported in one compile.
#[derive(Default)]
pub(crate) struct Errors {
    first: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.first {
            Some(first) => first.combine(error),
            None => self.first = Some(error),
        }
    }

    /// `Err` with every error pushed, if any was.
    pub(crate) fn finish(self) -> syn::Result<()> {
        self.first.map_or(Ok(()), Err)
    }
}

/// The user's item, unchanged, followed by the errors: later code that names the item still
/// compiles, so the user reads only what is wrong.
pub(crate) fn with_item(mut item: TokenStream, error: &syn::Error) -> TokenStream {
    item.extend(error.to_compile_error());
    item
}
