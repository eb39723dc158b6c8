//! Parse `#[invocation_handler(...)]`.

use proc_macro2::TokenStream;

use crate::error::Errors;
use crate::reach::ReachArgs;

/// The handler's arguments.
#[derive(Default)]
pub(crate) struct HandlerArgs {
    /// Switches of the crate-wide pass: `crate_wide = false`, `stop_at(..)`, `allow(..)`.
    pub(crate) reach: ReachArgs,
}

impl HandlerArgs {
    pub(crate) fn parse(args: TokenStream) -> syn::Result<HandlerArgs> {
        let mut parsed = HandlerArgs::default();
        let mut crate_wide_set = false;
        let mut errors = Errors::default();
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("crate_wide") {
                let value: syn::LitBool = meta.value()?.parse()?;
                if crate_wide_set {
                    errors.push(meta.error("`crate_wide` is given twice; keep one"));
                }
                crate_wide_set = true;
                parsed.reach.enabled = value.value;
                Ok(())
            } else if meta.path.is_ident("stop_at") {
                meta.parse_nested_meta(|entry| {
                    parsed.reach.stop_at.push(entry.path);
                    Ok(())
                })
            } else if meta.path.is_ident("allow") {
                meta.parse_nested_meta(|entry| {
                    parsed.reach.allow.push(entry.path);
                    Ok(())
                })
            } else {
                Err(meta.error(
                    "unknown argument; `#[invocation_handler]` takes `allow(path::to::STATIC, ..)`, \
                     `stop_at(path::to::function, ..)` and `crate_wide = false`: per-invocation \
                     state is declared as `&mut T` parameters",
                ))
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        errors.finish()?;
        Ok(parsed)
    }
}
