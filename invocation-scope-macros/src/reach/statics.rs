//! A reached static's declared type, rewritten so that the handler can name it: every path
//! made absolute through the declaring module's imports, and every type of this crate replaced
//! by the tuple of its field types (freeze-ness is structural, and a private type cannot be
//! named from elsewhere). References, raw pointers and fn pointers are always `Freeze`.

use std::collections::HashMap;

use quote::quote;
use syn::{GenericArgument, PathArguments, Type};

use super::model::{Index, Item, ModId, TypeShape};
use super::resolve::{Context, resolve};

const MAX_DEPTH: usize = 16;

/// `None` when some part of the type cannot be written from the handler: the pass then leaves
/// this static to the token-level checks rather than risk an error of its own.
pub(crate) fn nameable_type(index: &Index, module: ModId, ty: &str) -> Option<Type> {
    let ty: Type = syn::parse_str(ty).ok()?;
    rewrite(index, module, &HashMap::new(), &ty, 0)
}

fn rewrite(
    index: &Index,
    module: ModId,
    generics: &HashMap<String, Type>,
    ty: &Type,
    depth: usize,
) -> Option<Type> {
    if depth > MAX_DEPTH {
        return None;
    }
    let recurse = |ty: &Type| rewrite(index, module, generics, ty, depth + 1);
    Some(match ty {
        Type::Reference(_) | Type::Ptr(_) | Type::FnPtr(_) => syn::parse_quote!(&'static ()),
        Type::Never(_) => ty.clone(),
        Type::Paren(inner) => recurse(&inner.elem)?,
        Type::Group(inner) => recurse(&inner.elem)?,
        Type::Tuple(tuple) => {
            let elems = tuple
                .elems
                .iter()
                .map(recurse)
                .collect::<Option<Vec<_>>>()?;
            syn::parse_quote!((#(#elems,)*))
        }
        // The length does not change freeze-ness; 1 keeps it non-zero-sized and free of paths.
        Type::Array(array) => {
            let elem = recurse(&array.elem)?;
            syn::parse_quote!([#elem; 1])
        }
        Type::Path(path) if path.qself.is_none() => {
            rewrite_path(index, module, generics, &path.path, depth)?
        }
        _ => return None,
    })
}

fn rewrite_path(
    index: &Index,
    module: ModId,
    generics: &HashMap<String, Type>,
    path: &syn::Path,
    depth: usize,
) -> Option<Type> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    if path.leading_colon.is_none()
        && segments.len() == 1
        && let Some(substituted) = generics.get(&segments[0])
    {
        return Some(substituted.clone());
    }
    let args = match &path.segments.last()?.arguments {
        PathArguments::None => Vec::new(),
        PathArguments::AngleBracketed(angle) => angle
            .args
            .iter()
            .map(|arg| match arg {
                GenericArgument::Type(ty) => {
                    rewrite(index, module, generics, ty, depth + 1).map(Some)
                }
                GenericArgument::Lifetime(_) => Some(None),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect(),
        PathArguments::Parenthesized(_) => return None,
    };
    if path.leading_colon.is_some() {
        return Some(external(&segments, &args));
    }
    let context = Context {
        module,
        scope: None,
        owner: None,
    };
    let found = resolve(index, context, &segments);
    let crate_types: Vec<usize> = found
        .iter()
        .filter_map(|item| match item {
            Item::Type(id) => Some(*id),
            _ => None,
        })
        .collect();
    if let [id] = crate_types[..] {
        return crate_type(index, id, args, depth);
    }
    if !found.is_empty() || !crate_types.is_empty() {
        return None;
    }
    // Not a type of this crate: a `use` of another crate, a path into one, or the prelude.
    let uses = &index.modules[module].uses;
    if let Some(targets) = uses.get(&segments[0]) {
        let [target] = &targets[..] else { return None };
        let first = target.first()?;
        if matches!(first.as_str(), "crate" | "self" | "super")
            || names_crate_item(index, module, first)
        {
            return None;
        }
        let mut full = target.clone();
        full.extend(segments[1..].iter().cloned());
        return Some(external(&full, &args));
    }
    if segments.len() > 1 {
        if names_crate_item(index, module, &segments[0]) {
            return None;
        }
        return Some(external(&segments, &args));
    }
    // A glob import could bring a type of the same name from anywhere.
    if !index.modules[module].globs.is_empty() {
        return None;
    }
    prelude(&segments[0], &args)
}

/// A type of this crate as the tuple of its field types, generic parameters substituted.
fn crate_type(index: &Index, id: usize, args: Vec<Type>, depth: usize) -> Option<Type> {
    let definition = &index.types[id];
    let generics: HashMap<String, Type> = definition.generics.iter().cloned().zip(args).collect();
    match &definition.shape {
        TypeShape::Fields(fields) => {
            let fields = fields
                .iter()
                .map(|field| {
                    let field: Type = syn::parse_str(field).ok()?;
                    rewrite(index, definition.module, &generics, &field, depth + 1)
                })
                .collect::<Option<Vec<_>>>()?;
            Some(syn::parse_quote!((#(#fields,)*)))
        }
        TypeShape::Alias(aliased) => {
            let aliased: Type = syn::parse_str(aliased).ok()?;
            rewrite(index, definition.module, &generics, &aliased, depth + 1)
        }
        TypeShape::Trait => None,
    }
}

fn external(segments: &[String], args: &[Type]) -> Type {
    let idents = segments
        .iter()
        .map(|s| syn::Ident::new(s, proc_macro2::Span::call_site()));
    if args.is_empty() {
        syn::parse_quote!(#(::#idents)*)
    } else {
        syn::parse_quote!(#(::#idents)*<#(#args),*>)
    }
}

/// The prelude's types and the primitives, by absolute path.
fn prelude(name: &str, args: &[Type]) -> Option<Type> {
    let path = match name {
        "Option" => quote!(::core::option::Option),
        "Result" => quote!(::core::result::Result),
        "Vec" => quote!(::std::vec::Vec),
        "String" => quote!(::std::string::String),
        "Box" => quote!(::std::boxed::Box),
        "bool" | "char" | "str" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8"
        | "i16" | "i32" | "i64" | "i128" | "isize" | "f32" | "f64" => {
            let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
            quote!(#ident)
        }
        _ => return None,
    };
    Some(if args.is_empty() {
        syn::parse_quote!(#path)
    } else {
        syn::parse_quote!(#path<#(#args),*>)
    })
}

/// A first segment that is one of this crate's names, so not another crate's.
fn names_crate_item(index: &Index, module: ModId, name: &str) -> bool {
    let context = Context {
        module,
        scope: None,
        owner: None,
    };
    !resolve(index, context, &[name.to_owned()]).is_empty()
}
