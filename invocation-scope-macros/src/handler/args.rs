//! Parse `#[invocation_handler(...)]`.

use proc_macro2::TokenStream;

use crate::checks::Allowed;
use crate::error::Errors;

/// The handler's arguments.
#[derive(Default)]
pub(crate) struct HandlerArgs {
    /// `allow(NAME, ...)`: paths the shared-state checks skip.
    pub(crate) allowed: Allowed,
}

impl HandlerArgs {
    pub(crate) fn parse(args: TokenStream) -> syn::Result<HandlerArgs> {
        parse_allow_args(args, "invocation_handler").map(|allowed| HandlerArgs { allowed })
    }
}

/// Parses `allow(NAME, ...)`, the one argument of both attributes, reporting every unknown or
/// repeated argument at once.
pub(crate) fn parse_allow_args(args: TokenStream, attribute: &str) -> syn::Result<Allowed> {
    let mut allowed = Allowed::default();
    let mut errors = Errors::default();
    let mut seen_allow = false;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("allow") && meta.input.peek(syn::token::Paren) {
            if seen_allow {
                errors.push(
                    meta.error("`allow` is given twice; list every name in one `allow(NAME, ...)`"),
                );
            }
            seen_allow = true;
            allowed.parse_list(&meta, &mut errors)
        } else {
            errors.push(meta.error(format!(
                "unknown argument; `#[{attribute}]` takes only `allow(NAME, ...)`, the statics \
                 its shared-state checks skip"
            )));
            skip_value(&meta)
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    errors.finish()?;
    Ok(allowed)
}

/// Consumes `= value` or `(...)` after an unknown argument so the next one is still read.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}
