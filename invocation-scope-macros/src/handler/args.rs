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
    /// `strict`: refuse every interior-mutable static, init-once ones included.
    pub(crate) strict: bool,
}

impl HandlerArgs {
    pub(crate) fn parse(args: TokenStream) -> syn::Result<HandlerArgs> {
        let mut parsed = HandlerArgs {
            allowed: Allowed::default(),
            crate_wide: true,
            stop_at: Vec::new(),
            strict: crate::checks::STRICT_BY_FEATURE,
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
            } else if meta.path.is_ident("strict")
                && !meta.input.peek(syn::token::Paren)
                && !meta.input.peek(syn::Token![=])
            {
                seen.once(&meta, "strict", &mut errors);
                parsed.strict = true;
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
                     `stop_at(path::to::function, ..)`, `crate_wide = false` and `strict`; \
                     per-invocation state is declared as `&mut T` parameters",
                ));
                skip_value(&meta)
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        errors.finish()?;
        Ok(parsed)
    }
}

/// Parses `allow(NAME, ...)` and `strict`, the arguments of `#[no_mutable_statics]`, reporting
/// every unknown or repeated argument at once. Returns the entries and whether `strict` is on.
pub(crate) fn parse_allow_args(args: TokenStream, attribute: &str) -> syn::Result<(Allowed, bool)> {
    let mut allowed = Allowed::default();
    let mut strict = crate::checks::STRICT_BY_FEATURE;
    let mut errors = Errors::default();
    let mut seen = Seen::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("allow") && meta.input.peek(syn::token::Paren) {
            seen.once(&meta, "allow", &mut errors);
            allowed.parse_list(&meta, &mut errors)
        } else if meta.path.is_ident("strict")
            && !meta.input.peek(syn::token::Paren)
            && !meta.input.peek(syn::Token![=])
        {
            seen.once(&meta, "strict", &mut errors);
            strict = true;
            Ok(())
        } else {
            errors.push(meta.error(format!(
                "unknown argument; `#[{attribute}]` takes only `allow(NAME, ...)`, the statics \
                 its shared-state checks skip, and `strict`"
            )));
            skip_value(&meta)
        }
    });
    syn::parse::Parser::parse2(parser, args)?;
    errors.finish()?;
    Ok((allowed, strict))
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

/// Consumes `= value` or `(...)` after an unknown argument so the next one is still read. The
/// value is skipped token by token up to the next `,`, never parsed: it is not code, and parsing
/// `---…1` would recurse once per `-`.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.input.parse::<syn::Token![=]>()?;
        meta.input.step(|cursor| {
            let mut rest = *cursor;
            while let Some((token, next)) = rest.token_tree() {
                if matches!(&token, proc_macro2::TokenTree::Punct(punct) if punct.as_char() == ',')
                {
                    break;
                }
                rest = next;
            }
            Ok(((), rest))
        })?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::HandlerArgs;

    /// An unknown argument's value is skipped without parsing it: `= ---…1` as an expression
    /// would recurse once per `-`, and rustc accepts any number of them in an attribute.
    #[test]
    fn a_long_unknown_value_is_skipped_on_a_small_stack() {
        let parse = || {
            let args = format!("unknown = {}1, crate_wide = false", "-".repeat(100_000));
            let error = HandlerArgs::parse(args.parse().expect("the arguments lex"))
                .err()
                .expect("the argument is unknown");
            error.to_string()
        };
        let message = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(parse)
            .expect("the thread starts")
            .join()
            .expect("the parse does not overflow");
        assert!(message.starts_with("unknown argument"), "{message}");
    }
}
