//! Emit the struct and its `PerInvocation` impl.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{Attribute, Field, Fields, Index, Member};

use super::args::{Build, FieldInit, State};

// Input:  #[per_invocation] struct Report<T> { items: Vec<T>, #[per_invocation(init = 10)] limit: usize }
// Output: struct Report<T> { items: Vec<T>, limit: usize }
//         impl<T> PerInvocation for Report<T> where Vec<T>: Default, usize: Default {
//             fn fresh(_: Invocation<'_>) -> Self { Self { items: Default::default(), limit: 10 } }
//         }
pub(super) fn state(state: &State) -> TokenStream {
    let item = &state.item;
    let name = &item.ident;
    let invocation = syn::Ident::new("__invocation_scope_invocation", Span::mixed_site());
    // Only `from_invocation` reads the invocation; elsewhere the parameter is `_`.
    let parameter = match &state.build {
        Build::FromInvocation(_) => quote!(#invocation),
        Build::New(_) | Build::Fields(_) => quote!(_),
    };

    let body = match &state.build {
        Build::New(path) => quote_spanned!(path.span()=> #path()),
        Build::FromInvocation(path) => quote_spanned!(path.span()=> #path(#invocation)),
        Build::Fields(inits) => fields_body(&item.fields, inits),
    };

    // Defaulted fields of a generic struct need their `Default` bound on the impl.
    let mut generics = item.generics.clone();
    if let Build::Fields(inits) = &state.build
        && item.generics.type_params().next().is_some()
    {
        let where_clause = generics.make_where_clause();
        for (field, init) in item.fields.iter().zip(inits) {
            // A bound cannot carry `#[cfg]`: a field compiled out may name a type that does
            // not exist, so its bound is left to the field's own initialiser.
            if let FieldInit::Default = init
                && cfgs(field).next().is_none()
            {
                let ty = &field.ty;
                where_clause
                    .predicates
                    .push(syn::parse_quote_spanned!(ty.span()=> #ty: ::invocation_scope::__private::Default));
            }
        }
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    quote! {
        #item

        #[automatically_derived]
        impl #impl_generics ::invocation_scope::__private::PerInvocation for #name #ty_generics #where_clause {
            #[inline]
            fn fresh(#parameter: ::invocation_scope::Invocation<'_>) -> Self {
                #body
            }
        }
    }
}

/// `Self { a: .., b: .. }`, `Self(.., ..)` or `Self`.
fn fields_body(fields: &Fields, inits: &[FieldInit]) -> TokenStream {
    let values = fields.iter().zip(inits).enumerate().map(|(index, (field, init))| {
        let member = field.ident.clone().map_or_else(
            || {
                Member::Unnamed(Index {
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    span: field.ty.span(),
                })
            },
            Member::Named,
        );
        let ty = &field.ty;
        let value = match init {
            FieldInit::Default => {
                quote_spanned!(ty.span()=> <#ty as ::invocation_scope::__private::Default>::default())
            }
            FieldInit::Expr(expr) => quote!(#expr),
        };
        // A field compiled out by `#[cfg]` is left out of the struct expression the same way.
        let cfgs = cfgs(field);
        quote!(#(#cfgs)* #member: #value)
    });
    match fields {
        Fields::Unit => quote!(Self),
        Fields::Named(_) | Fields::Unnamed(_) => quote!(Self { #(#values),* }),
    }
}

/// The field's `#[cfg(...)]` attributes.
fn cfgs(field: &Field) -> impl Iterator<Item = &Attribute> {
    field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
}
