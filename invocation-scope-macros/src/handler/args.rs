//! Parse `#[invocation_handler(...)]` and `#[no_mutable_statics(...)]`.

use proc_macro2::TokenStream;

use crate::checks::Allowed;
use crate::error::Errors;

/// The handler's arguments.
pub(crate) struct HandlerArgs {
    /// `allow(path::to::STATIC, ...)`: statics both checks skip.
    pub(crate) allowed: Allowed,
    /// `crate_wide = false` turns the crate-wide pass off for this handler.
    pub(crate) crate_wide: bool,
    /// `stop_at(path::to::function, Type::method, ...)`: functions the crate-wide pass does not
    /// follow.
    pub(crate) stop_at: Vec<syn::Path>,
}

impl HandlerArgs {
    pub(crate) fn parse(args: TokenStream) -> syn::Result<HandlerArgs> {
        let mut parsed = HandlerArgs {
            allowed: Allowed::default(),
            crate_wide: true,
            stop_at: Vec::new(),
        };
        let mut seen = Seen::default();
        let mut errors = Errors::default();
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("allow") && meta.input.peek(syn::token::Paren) {
                seen.once(&meta, "allow", &mut errors);
                parsed.allowed.parse_list(&meta, &mut errors)
            } else if meta.path.is_ident("crate_wide") {
                seen.once(&meta, "crate_wide", &mut errors);
                let value: syn::LitBool = meta.value()?.parse()?;
                parsed.crate_wide = value.value;
                Ok(())
            } else if meta.path.is_ident("stop_at") && meta.input.peek(syn::token::Paren) {
                seen.once(&meta, "stop_at", &mut errors);
                meta.parse_nested_meta(|entry| {
                    parsed.stop_at.push(entry.path);
                    Ok(())
                })
            } else {
                errors.push(meta.error(
                    "unknown argument; `#[invocation_handler]` takes `allow(path::to::STATIC, ..)`, \
                     `stop_at(path::to::function, ..)` and `crate_wide = false`; per-invocation \
                     state is declared as `&mut T` parameters",
                ));
                skip_value(&meta)
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        errors.finish()?;
        Ok(parsed)
    }
}

/// Parses `allow(NAME, ...)`, the one argument of `#[no_mutable_statics]`, reporting every
/// unknown or repeated argument at once.
pub(crate) fn parse_allow_args(args: TokenStream, attribute: &str) -> syn::Result<Allowed> {
    let mut allowed = Allowed::default();
    let mut errors = Errors::default();
    let mut seen = Seen::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("allow") && meta.input.peek(syn::token::Paren) {
            seen.once(&meta, "allow", &mut errors);
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

/// The arguments given so far, so a repeated one is reported.
#[derive(Default)]
struct Seen(Vec<&'static str>);

impl Seen {
    fn once(
        &mut self,
        meta: &syn::meta::ParseNestedMeta<'_>,
        name: &'static str,
        errors: &mut Errors,
    ) {
        if self.0.contains(&name) {
            errors.push(meta.error(format!(
                "`{name}` is given twice; put everything in one `{name}`"
            )));
        } else {
            self.0.push(name);
        }
    }
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
