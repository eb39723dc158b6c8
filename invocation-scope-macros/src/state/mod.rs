//! `#[per_invocation]`: implements `PerInvocation` for a struct.

mod args;
mod expand;

use proc_macro2::TokenStream;

use crate::error::with_item;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    match args::State::parse(args, item.clone()) {
        Ok(state) => expand::state(&state),
        Err(error) => with_item(strip_field_attributes(item), &error),
    }
}

/// The item as the user wrote it, minus our field attributes, which rustc would otherwise
/// report as unknown on top of the real error.
fn strip_field_attributes(item: TokenStream) -> TokenStream {
    match syn::parse2::<syn::ItemStruct>(item.clone()) {
        Ok(mut item) => {
            for field in &mut item.fields {
                field.attrs.retain(|attr| !args::is_ours(attr));
            }
            quote::ToTokens::into_token_stream(item)
        }
        Err(_) => item,
    }
}
