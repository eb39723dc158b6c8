//! Emit the handler with its state parameters turned into fresh locals, its body run inside the
//! invocation's context, and the finish steps of its state awaited after the body.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens as _, format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::{AttrStyle, FnArg, Ident, ReturnType};

use super::signature::Handler;

// Input:  async fn handler(event: LambdaEvent<V>, report: &mut Report) -> R { body }
// Output: async fn handler(event: LambdaEvent<V>) -> R {
//             let __invocation_scope_invocation = /* facts of `event` */;
//             in_invocation::<R, _>(current_of(__invocation_scope_invocation), async move {
//                 let __invocation_scope_invocation = /* facts of `event` */;
//                 let mut __invocation_scope_state_0 = <Report as PerInvocation>::fresh(__invocation_scope_invocation);
//                 let __invocation_scope_output = {
//                     let report: &mut Report = &mut __invocation_scope_state_0;
//                     body::<R, _>(async move { body }).await
//                 };
//                 /* for each state, last first: */
//                 let __invocation_scope_output = Absorb::absorb(
//                     FinishProbe(&mut __invocation_scope_state_0).finish_step().await,
//                     __invocation_scope_output,
//                 );
//                 __invocation_scope_output
//             }).await
//         }
// A handler without state runs `in_invocation::<R, _>(current_of(..), async move { body })`.
pub(super) fn handler(handler: Handler) -> TokenStream {
    let Handler {
        mut item,
        states,
        event,
    } = handler;

    let invocation = Ident::new("__invocation_scope_invocation", Span::mixed_site());
    let output = Ident::new("__invocation_scope_output", Span::mixed_site());
    let invocation_value = if let Some(event) = &event {
        // The event may be named `_event`: reading it is the expansion's doing, not the user's.
        quote! {{
            #[allow(unused_imports)]
            use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
            #[allow(clippy::used_underscore_binding)]
            (&::invocation_scope::__private::EventProbe(&#event)).invocation()
        }}
    } else {
        quote!(::invocation_scope::Invocation::unknown())
    };
    let returned = returned_type(&item.sig.output);

    let mut build = TokenStream::new();
    let mut lend = TokenStream::new();
    let mut finish = TokenStream::new();
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
        build.extend(quote!(let mut #local = #fresh;));
        lend.extend(quote! {
            // The body may name an unused state `_state`, as it could a parameter.
            #[allow(clippy::no_effect_underscore_binding)]
            #(#attrs)* let #mutability #ident: #reference = &mut #local;
        });
        let step = finish_step(ty, &local, &output);
        // Last built, first finished.
        finish = quote!(#step #finish);
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
    let user_body = quote!(async move { #(#stmts)* });
    let work = if states.is_empty() {
        user_body
    } else {
        quote! {
            async move {
                let #invocation = #invocation_value;
                #build
                let #output = {
                    #lend
                    ::invocation_scope::__private::body::<#returned, _>(#user_body).await
                };
                #finish
                #output
            }
        }
    };
    let mut body = Group::new(
        Delimiter::Brace,
        quote! {
            #(#inner_attrs)*
            let #invocation = #invocation_value;
            ::invocation_scope::__private::in_invocation::<#returned, _>(
                ::invocation_scope::__private::current_of(#invocation),
                #work,
            )
            .await
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

/// Awaits the finish step of the state in `local`, if its type has one, and folds its outcome
/// into `output`.
fn finish_step(ty: &syn::Type, local: &Ident, output: &Ident) -> TokenStream {
    quote_spanned! {ty.span()=>
        let #output = ::invocation_scope::__private::Absorb::absorb(
            {
                #[allow(unused_imports)]
                use ::invocation_scope::__private::{FinishStep as _, NoFinishStep as _};
                ::invocation_scope::__private::FinishProbe(&mut #local).finish_step()
            }
            .await,
            #output,
        );
    }
}

/// The handler's return type, stated for the body's `async` block; `_` when it cannot be named
/// inside the function (`impl Trait`).
fn returned_type(output: &ReturnType) -> TokenStream {
    match output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) if !mentions_impl(ty.to_token_stream()) => ty.to_token_stream(),
        ReturnType::Type(..) => quote!(_),
    }
}

fn mentions_impl(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "impl",
        TokenTree::Group(group) => mentions_impl(group.stream()),
        _ => false,
    })
}
