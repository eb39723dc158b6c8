//! `#[no_mutable_statics]`: the checks of `#[invocation_handler]` on helper functions, an
//! `impl` block or an inline module.

use proc_macro2::TokenStream;
use quote::ToTokens as _;
use syn::{Attribute, ImplItem, Item, TraitItem};

use crate::checks::{self, Allowed};
use crate::error::{Errors, with_item};
use crate::handler::args::parse_allow_args;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let (mut allowed, strict) = match parse_allow_args(args, "no_mutable_statics") {
        Ok(parsed) => parsed,
        Err(error) => return with_item(item, &error),
    };
    let mut item: Item = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(error) => return with_item(item, &error),
    };
    if let Err(error) = check_item(&mut item, &mut allowed, strict, &[], true) {
        return with_item(item.into_token_stream(), &error);
    }
    let mut errors = Errors::default();
    allowed.report_unused(&mut errors);
    match errors.finish() {
        Ok(()) => item.into_token_stream(),
        Err(error) => with_item(item.into_token_stream(), &error),
    }
}

/// Places the checks in every function of `item`. `top` is the item the attribute is on, which
/// must be a function, an `impl` block or an inline module; inside a module, other items are
/// left as they are.
fn check_item(
    item: &mut Item,
    allowed: &mut Allowed,
    strict: bool,
    extern_statics: &[String],
    top: bool,
) -> syn::Result<()> {
    match item {
        Item::Fn(function) => {
            if !top && checks_itself(&function.attrs) {
                return Ok(());
            }
            checks::check_fn(
                &function.sig,
                None,
                extern_statics,
                None,
                &mut function.block,
                allowed,
                strict,
            );
        }
        Item::Impl(imp) => {
            for member in &mut imp.items {
                if let ImplItem::Fn(function) = member
                    && !checks_itself(&function.attrs)
                {
                    checks::check_fn(
                        &function.sig,
                        Some(&imp.generics),
                        extern_statics,
                        None,
                        &mut function.block,
                        allowed,
                        strict,
                    );
                }
            }
        }
        Item::Trait(definition) => {
            for member in &mut definition.items {
                if let TraitItem::Fn(function) = member
                    && let Some(block) = &mut function.default
                    && !checks_itself(&function.attrs)
                {
                    checks::check_fn(
                        &function.sig,
                        Some(&definition.generics),
                        extern_statics,
                        None,
                        block,
                        allowed,
                        strict,
                    );
                }
            }
        }
        Item::Mod(module) => match &mut module.content {
            Some((_, items)) => {
                // A module sees its parent's names only through `use super::..`; its own
                // `extern` statics are what it can name unqualified.
                let declared = checks::extern_statics(items);
                for item in items {
                    if !checks_itself(item_attrs(item)) {
                        check_item(item, allowed, strict, &declared, false)?;
                    }
                }
            }
            None if top => {
                return Err(syn::Error::new_spanned(
                    &*module,
                    "`#[no_mutable_statics]` on `mod name;` needs an unstable feature; put it on \
                     the functions and `impl` blocks inside the module's file, or write the \
                     module inline",
                ));
            }
            None => {}
        },
        other if top => {
            return Err(syn::Error::new_spanned(
                other,
                "`#[no_mutable_statics]` applies to a function, an `impl` block or an inline \
                 `mod` whose functions must not use shared mutable state",
            ));
        }
        _ => {}
    }
    Ok(())
}

/// Items under their own `#[invocation_handler]` or `#[no_mutable_statics]` are checked by
/// that attribute; checking them twice would report each use twice.
fn checks_itself(attrs: &[Attribute]) -> bool {
    crate::ours::checks_tokens(attrs)
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Fn(item) => &item.attrs,
        Item::Impl(item) => &item.attrs,
        Item::Mod(item) => &item.attrs,
        Item::Trait(item) => &item.attrs,
        _ => &[],
    }
}
