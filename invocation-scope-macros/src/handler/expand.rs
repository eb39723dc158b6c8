//! Emit the handler with its state parameters turned into fresh locals.

use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{ToTokens as _, format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{AttrStyle, FnArg, Ident};

use super::signature::Handler;

// Input:  async fn handler(event: LambdaEvent<V>, report: &mut Report) -> R { body }
// Output: async fn handler(event: LambdaEvent<V>) -> R {
//             let __invocation_scope_invocation = /* facts of `event` */;
//             let mut __invocation_scope_state_0 = <Report as PerInvocation>::fresh(__invocation_scope_invocation);
//             let report: &mut Report = &mut __invocation_scope_state_0;
//             body
//         }
pub(super) fn handler(handler: Handler) -> TokenStream {
    let Handler {
        mut item,
        states,
        event,
    } = handler;
    if states.is_empty() {
        return item.into_token_stream();
    }

    let invocation = Ident::new("__invocation_scope_invocation", Span::mixed_site());
    let invocation_value = if let Some(event) = &event {
        quote! {{
            #[allow(unused_imports)]
            use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
            (&::invocation_scope::__private::EventProbe(&#event)).invocation()
        }}
    } else {
        quote!(::invocation_scope::Invocation::unknown())
    };

    let mut prelude = quote!(let #invocation = #invocation_value;);
    for (position, state) in states.iter().enumerate() {
        let local = format_ident!(
            "__invocation_scope_state_{}",
            position,
            span = Span::mixed_site()
        );
        let ty = state.ty();
        let fresh = quote_spanned! {ty.span()=>
            <#ty as ::invocation_scope::__private::PerInvocation>::fresh(#invocation)
        };
        let syn::PatIdent {
            attrs,
            mutability,
            ident,
            ..
        } = &state.pat;
        let reference = &state.reference;
        prelude.extend(quote! {
            let mut #local = #fresh;
            // The body may name an unused state `_state`, as it could a parameter.
            #[allow(clippy::no_effect_underscore_binding)]
            #(#attrs)* let #mutability #ident: #reference = &mut #local;
        });
    }

    // Drop the state parameters from the signature, last first so the indices stay right.
    let mut inputs: Vec<FnArg> = item.sig.inputs.into_iter().collect();
    for state in states.iter().rev() {
        inputs.remove(state.index);
    }
    item.sig.inputs = inputs.into_iter().collect();

    let (inner_attrs, outer_attrs): (Vec<_>, Vec<_>) = item
        .attrs
        .iter()
        .partition(|attr| matches!(attr.style, AttrStyle::Inner(_)));
    let stmts = &item.block.stmts;
    let mut body = Group::new(
        Delimiter::Brace,
        quote! {
            #(#inner_attrs)*
            #prelude
            #(#stmts)*
        },
    );
    body.set_span(item.block.brace_token.span.join());
    let vis = &item.vis;
    let sig = &item.sig;
    quote! {
        #(#outer_attrs)*
        #vis #sig #body
    }
}
