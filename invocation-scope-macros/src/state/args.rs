//! Parse and check `#[per_invocation(...)]` on the struct and on its fields.

use proc_macro2::TokenStream;
use syn::{Attribute, Expr, ItemStruct, Path};

use crate::error::Errors;

/// A struct with a checked recipe for building it fresh.
pub(crate) struct State {
    /// The struct with our field attributes removed.
    pub(crate) item: ItemStruct,
    pub(crate) build: Build,
}

pub(crate) enum Build {
    /// Field by field, in declaration order.
    Fields(Vec<FieldInit>),
    /// `new = PATH`: `PATH()`.
    New(Path),
    /// `from_invocation = PATH`: `PATH(invocation)`.
    FromInvocation(Path),
}

pub(crate) enum FieldInit {
    Default,
    Expr(Box<Expr>),
}

/// Struct-level arguments; each may be set once.
#[derive(Default)]
struct StructArgs {
    new: Option<Path>,
    from_invocation: Option<Path>,
}

pub(crate) fn is_ours(attr: &Attribute) -> bool {
    crate::ours::is(attr, "per_invocation")
}

impl State {
    pub(crate) fn parse(args: TokenStream, item: TokenStream) -> syn::Result<State> {
        let mut item = parse_struct(item)?;
        let mut errors = Errors::default();

        let mut struct_args = StructArgs::default();
        let parser = syn::meta::parser(|meta| {
            let slot = if meta.path.is_ident("new") {
                &mut struct_args.new
            } else if meta.path.is_ident("from_invocation") {
                &mut struct_args.from_invocation
            } else {
                return Err(meta.error(
                    "unknown argument; `#[per_invocation]` takes `new = path::to::constructor` or \
                     `from_invocation = path::to::constructor`, or nothing to build each field from `Default`",
                ));
            };
            set_once(slot, meta.value()?.parse()?, &meta.path)
        });
        if let Err(error) = syn::parse::Parser::parse2(parser, args) {
            errors.push(error);
        }

        let mut fields = Vec::new();
        for field in &mut item.fields {
            let mut init = None;
            for attr in field.attrs.iter().filter(|attr| is_ours(attr)) {
                if let Err(error) = parse_field_attr(attr, &mut init) {
                    errors.push(error);
                }
            }
            field.attrs.retain(|attr| !is_ours(attr));
            fields.push(init);
        }

        let constructor = match (struct_args.new, struct_args.from_invocation) {
            (Some(new), Some(from)) => {
                errors.push(syn::Error::new_spanned(
                    from,
                    "`new` and `from_invocation` both say how to build the struct; keep one",
                ));
                Some(Build::New(new))
            }
            (Some(new), None) => Some(Build::New(new)),
            (None, Some(from)) => Some(Build::FromInvocation(from)),
            (None, None) => None,
        };
        let build = if let Some(constructor) = constructor {
            for (_, attr) in fields.iter().flatten() {
                errors.push(syn::Error::new_spanned(
                    attr,
                    "a field's `init` is never used when the struct has a constructor; set the \
                     field in the constructor, or remove the constructor",
                ));
            }
            constructor
        } else {
            Build::Fields(
                fields
                    .into_iter()
                    .map(|init| {
                        init.map_or(FieldInit::Default, |(expr, _)| {
                            FieldInit::Expr(Box::new(expr))
                        })
                    })
                    .collect(),
            )
        };
        errors.finish()?;
        Ok(State { item, build })
    }
}

/// The item must be a struct; anything else is reported at its keyword.
fn parse_struct(item: TokenStream) -> syn::Result<ItemStruct> {
    match syn::parse2::<syn::Item>(item)? {
        syn::Item::Struct(item) => Ok(item),
        syn::Item::Enum(item) => Err(syn::Error::new_spanned(
            item.enum_token,
            "`#[per_invocation]` applies to structs only; for an enum, implement \
             `invocation_scope::PerInvocation` by hand and pick the variant a fresh value starts in",
        )),
        syn::Item::Union(item) => Err(syn::Error::new_spanned(
            item.union_token,
            "`#[per_invocation]` applies to structs only; a union cannot be built field by field",
        )),
        syn::Item::Fn(item) => Err(syn::Error::new_spanned(
            item.sig.fn_token,
            "`#[per_invocation]` applies to structs, not functions; put `#[invocation_handler]` on \
             the handler and `#[per_invocation]` on the struct of its state",
        )),
        other => Err(syn::Error::new_spanned(
            other,
            "`#[per_invocation]` applies to structs only",
        )),
    }
}

/// `#[per_invocation(init = EXPR)]` on a field; `init` keeps the expression and the attribute,
/// for the error when a constructor makes it pointless.
fn parse_field_attr(attr: &Attribute, init: &mut Option<(Expr, Attribute)>) -> syn::Result<()> {
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("init") {
            let expr: Expr = meta.value()?.parse()?;
            if init.is_some() {
                return Err(meta.error("`init` is set twice for this field; keep one"));
            }
            *init = Some((expr, attr.clone()));
            Ok(())
        } else {
            Err(meta.error(
                "unknown argument; on a field, `#[per_invocation]` takes `init = EXPR`, the \
                 field's initial value",
            ))
        }
    })
}

/// Sets an argument that may be given only once.
fn set_once<T>(slot: &mut Option<T>, value: T, path: &Path) -> syn::Result<()> {
    if slot.is_some() {
        let name = path
            .get_ident()
            .map_or_else(String::new, ToString::to_string);
        return Err(syn::Error::new_spanned(
            path,
            format!("`{name}` is set twice; keep one"),
        ));
    }
    *slot = Some(value);
    Ok(())
}
