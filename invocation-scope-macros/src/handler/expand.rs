//! Emit the handler as two functions: the user's body, unchanged, in a sibling `async fn` that
//! takes the state parameters as written; and the handler itself, which builds the state, sets
//! the invocation's context, awaits the sibling and then the finish steps of its state.
//!
//! The body keeps its own function so that rustc parses it no deeper than the same function
//! written without the attribute: a body moved into `async` blocks inside the handler would sit
//! a level or more deeper, and rustc's parser runs out of stack that much sooner on deeply
//! nested code.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens as _, format_ident, quote, quote_spanned};
use syn::ext::IdentExt as _;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned as _;
use syn::{
    AttrStyle, Attribute, FnArg, GenericParam, Ident, ItemFn, Pat, PatIdent, PatType, ReturnType,
    Safety, Token,
};

use super::signature::Handler;

// Input:  #[attrs] async fn handler(event: LambdaEvent<V>, report: &mut Report) -> R { body }
// Output: #[attrs] async fn handler(event: LambdaEvent<V>) -> R {
//             let __invocation_scope_invocation = /* facts of `event` */;
//             in_invocation::<R, _>(current_of(__invocation_scope_invocation), async move {
//                 let __invocation_scope_invocation = /* facts of `event` */;
//                 let mut __invocation_scope_state_0 = <Report as PerInvocation>::fresh(__invocation_scope_invocation);
//                 let __invocation_scope_output =
//                     __invocation_scope_body_handler(event, &mut __invocation_scope_state_0).await;
//                 /* for each state, last first: */
//                 let __invocation_scope_output = Absorb::absorb(
//                     FinishProbe(&mut __invocation_scope_state_0).finish_step().await,
//                     __invocation_scope_output,
//                 );
//                 __invocation_scope_output
//             }).await
//         }
//         #[doc(hidden)] #[allow(dead_code)] #[lint attrs]
//         async fn __invocation_scope_body_handler(event: LambdaEvent<V>, report: &mut Report) -> R { body }
// A handler without state runs `in_invocation::<R, _>(current_of(..), __invocation_scope_body_handler(event))`.
// A method calls `Self::__invocation_scope_body_handler(self, ..)`, a sibling method.
pub(super) fn handler(handler: Handler) -> TokenStream {
    let Handler {
        item,
        states,
        event,
    } = handler;
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
        ..
    } = item;

    let invocation = Ident::new("__invocation_scope_invocation", Span::mixed_site());
    let output = Ident::new("__invocation_scope_output", Span::mixed_site());
    let body_name = body_name(&attrs, &sig);

    // The handler's own parameters: the state ones leave, the others are bound to a name the
    // call to the body can pass on.
    let mut inputs = Punctuated::<FnArg, Token![,]>::new();
    let mut arguments = Vec::new();
    let mut receiver = None;
    let mut event_name = None;
    let mut build = TokenStream::new();
    let mut finish = TokenStream::new();
    for (index, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(self_param) => {
                receiver = Some(self_param.self_token);
                inputs.push(input.clone());
            }
            FnArg::Typed(typed) => {
                if let Some(position) = states.iter().position(|state| state.index == index) {
                    let local = format_ident!(
                        "__invocation_scope_state_{}",
                        position,
                        span = Span::mixed_site()
                    );
                    let ty = states[position].ty();
                    let fresh = quote_spanned! {ty.span()=>
                        <#ty as ::invocation_scope::__private::PerInvocation>::fresh(#invocation)
                    };
                    build.extend(quote!(let mut #local = #fresh;));
                    let step = finish_step(ty, &local, &output);
                    // Last built, first finished.
                    finish = quote!(#step #finish);
                    arguments.push(quote!(&mut #local));
                } else {
                    let (param, name) = passed_param(typed, index);
                    inputs.push(param);
                    if event == Some(index) {
                        event_name = Some(name.clone());
                    }
                    arguments.push(name.into_token_stream());
                }
            }
        }
    }

    let invocation_value = invocation_value(event_name.as_ref());
    let returned = returned_type(&sig.output);

    let call = call_body(&sig, &body_name, receiver, &arguments);
    let work = if states.is_empty() {
        call
    } else {
        quote! {
            async move {
                let #invocation = #invocation_value;
                #build
                let #output = #call.await;
                #finish
                #output
            }
        }
    };

    let mut public_sig = sig.clone();
    public_sig.inputs = inputs;
    // `mut self` is the body's business: the handler only passes `self` on.
    if let Some(FnArg::Receiver(self_param)) = public_sig.inputs.first_mut() {
        self_param.mutability = None;
    }
    let public_attrs = attrs
        .iter()
        .filter(|attr| matches!(attr.style, AttrStyle::Outer))
        .map(expect_as_allow);
    let mut public_body = Group::new(
        Delimiter::Brace,
        quote! {
            let #invocation = #invocation_value;
            ::invocation_scope::__private::in_invocation::<#returned, _>(
                ::invocation_scope::__private::current_of(#invocation),
                #work,
            )
            .await
        },
    );
    public_body.set_span(block.brace_token.span.join());
    let mut out = quote! {
        #(#public_attrs)*
        // Passing a parameter named `_event` on is the expansion's doing, not the user's.
        #[allow(clippy::used_underscore_binding)]
        #vis #public_sig #public_body
    };
    out.extend(body_fn(&attrs, sig, &block, body_name));
    out
}

/// The name of the function that holds the body. `#[invocation_handler]` written twice expands
/// twice, the second time on the handler the first emitted: each expansion names its body after
/// the attributes still to come.
fn body_name(attrs: &[Attribute], sig: &syn::Signature) -> Ident {
    let later = attrs
        .iter()
        .filter(|attr| crate::ours::is(attr, "invocation_handler"))
        .count();
    let suffix = if later == 0 {
        String::new()
    } else {
        format!("_{later}")
    };
    format_ident!(
        "__invocation_scope_body_{}{}",
        sig.ident.unraw(),
        suffix,
        span = Span::mixed_site()
    )
}

/// The invocation's facts, read from the event when there is one.
fn invocation_value(event: Option<&Ident>) -> TokenStream {
    if let Some(event) = event {
        // The event may be named `_event`: reading it is the expansion's doing, not the user's.
        quote! {{
            #[allow(unused_imports)]
            use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
            #[allow(clippy::used_underscore_binding)]
            (&::invocation_scope::__private::EventProbe(&#event)).invocation()
        }}
    } else {
        quote!(::invocation_scope::Invocation::unknown())
    }
}

/// The call to the body's function, a sibling method for a method.
fn call_body(
    sig: &syn::Signature,
    body_name: &Ident,
    receiver: Option<Token![self]>,
    arguments: &[TokenStream],
) -> TokenStream {
    let turbofish = turbofish(sig);
    let call = if let Some(self_token) = receiver {
        quote!(Self::#body_name #turbofish(#self_token, #(#arguments),*))
    } else {
        quote!(#body_name #turbofish(#(#arguments),*))
    };
    if matches!(sig.safety, Safety::Unsafe(_)) {
        quote!(unsafe { #call })
    } else {
        call
    }
}

/// The function that holds the body as written, under the handler's signature renamed: the
/// body's tokens sit as deep in it as in the function written without the attribute. It
/// carries the handler's `#[cfg]` and lint levels, and the body's inner attributes.
fn body_fn(
    attrs: &[Attribute],
    mut sig: syn::Signature,
    block: &syn::Block,
    body_name: Ident,
) -> TokenStream {
    let (inner_attrs, outer_attrs): (Vec<_>, Vec<_>) = attrs
        .iter()
        .partition(|attr| matches!(attr.style, AttrStyle::Inner(_)));
    let outer_attrs = outer_attrs
        .into_iter()
        .filter(|attr| applies_to_body(attr))
        .map(expect_as_allow);
    sig.ident = body_name;
    let stmts = &block.stmts;
    let mut body = Group::new(Delimiter::Brace, quote!(#(#inner_attrs)* #(#stmts)*));
    body.set_span(block.brace_token.span.join());
    quote! {
        // Called by the handler only; `async` because the handler is, awaited or not.
        #[doc(hidden)]
        #[allow(dead_code, clippy::unused_async)]
        #(#outer_attrs)*
        #sig #body
    }
}

/// The handler's parameter for one the body takes, and the name it passes on: the parameter's
/// own when it is a plain name (so `#[tracing::instrument(skip(event))]` on the handler still
/// finds it), without `mut`, which is the body's business; a generated one for a pattern, which
/// only the body destructures.
fn passed_param(typed: &PatType, index: usize) -> (FnArg, Ident) {
    let name = match &*typed.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
        _ => format_ident!(
            "__invocation_scope_arg_{}",
            index,
            span = Span::mixed_site()
        ),
    };
    let mut typed = typed.clone();
    typed.pat = Box::new(Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: name.clone(),
        subpat: None,
    }));
    (FnArg::Typed(typed), name)
}

/// `::<T, N>` naming the handler's type and const parameters for the call to the body, which
/// may not be inferable from the arguments alone (a parameter used only in the return type).
/// Nothing when a parameter is `impl Trait`, which forbids explicit generic arguments.
fn turbofish(sig: &syn::Signature) -> TokenStream {
    let impl_trait = sig.inputs.iter().any(|input| match input {
        FnArg::Typed(typed) => mentions_impl(typed.ty.to_token_stream()),
        FnArg::Receiver(_) => false,
    });
    let names: Vec<&Ident> = sig
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(&param.ident),
            GenericParam::Const(param) => Some(&param.ident),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    if impl_trait || names.is_empty() {
        TokenStream::new()
    } else {
        quote!(::<#(#names),*>)
    }
}

/// Attributes that concern the code of the body, which the body's function carries too:
/// `#[cfg]` and the lint levels.
fn applies_to_body(attr: &Attribute) -> bool {
    ["cfg", "allow", "warn", "deny", "forbid", "expect"]
        .iter()
        .any(|name| attr.path().is_ident(name))
}

/// `#[expect(lint)]` as `#[allow(lint)]`: the handler is now two functions and the lint fires
/// in one of them, so an expectation on both would be unfulfilled on the other.
fn expect_as_allow(attr: &Attribute) -> Attribute {
    let mut attr = attr.clone();
    if let syn::Meta::List(list) = &mut attr.meta
        && list.path.is_ident("expect")
    {
        let span = list.path.span();
        list.path = Ident::new("allow", span).into();
    }
    attr
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

/// The handler's return type, stated for the context's future; `_` when it cannot be named
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
