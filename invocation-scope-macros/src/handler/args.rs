//! Parse `#[invocation_handler(...)]`.

use proc_macro2::TokenStream;

/// The handler's arguments. It takes none yet: any argument is a mistake worth reporting.
pub(crate) struct HandlerArgs;

impl HandlerArgs {
    pub(crate) fn parse(args: TokenStream) -> syn::Result<HandlerArgs> {
        let parser = syn::meta::parser(|meta| {
            Err(meta.error(
                "unknown argument; `#[invocation_handler]` takes no arguments: per-invocation \
                 state is declared as `&mut T` parameters",
            ))
        });
        syn::parse::Parser::parse2(parser, args)?;
        Ok(HandlerArgs)
    }
}
