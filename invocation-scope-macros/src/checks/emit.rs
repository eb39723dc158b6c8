//! The probes placed at the start of a block, one per checked use.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote_spanned};
use syn::ext::IdentExt as _;
use syn::{Ident, Item, Stmt};

use super::Found;

// For `CACHE.lock()` in a block, the block starts with:
//
//     const CACHE__MUST_NOT_BE_SHARED_MUTABLE_STATE: () = {
//         use ::invocation_scope::__private::Fallback as _;
//         let _ = || {
//             let probe = ::invocation_scope::__private::Probe(unsafe { &CACHE });
//             probe.check_known();        // E0277 for well-known kinds of shared state
//             probe.check_thread_local(); // ... and so on for each kind
//         };
//         const VALUE: &'static dyn ::core::any::Any = unsafe { &CACHE };
//         ::invocation_scope::__private::read_first_byte(VALUE)   // E0080 for mutable memory
//     };
//
// Every token is spanned at the path's last segment, where rustc reports the error. The first
// use of a name in a block gets a named const, which rustc names in an E0080 error; later uses
// sit inside `const _` so the names do not collide, as do uses a block's existing consts already
// name (the probes of another of our attributes on the same function). An E0277 in the closure keeps rustc from
// evaluating the const, so a use gets one error, never two. `&CACHE` stays the final value of
// `VALUE`: a borrow dropped inside the const would refuse every const with a destructor.
pub(super) fn probes(found: &[Found], mut named: Vec<String>) -> Vec<Stmt> {
    found
        .iter()
        .map(|found| {
            let name = check_name(found).to_string();
            let probe = probe(found);
            let tokens = if named.contains(&name) {
                quote_spanned! {found.name.span()=> const _: () = { #probe }; }
            } else {
                named.push(name);
                probe
            };
            Stmt::Item(Item::Verbatim(tokens))
        })
        .collect()
}

fn probe(found: &Found) -> TokenStream {
    let span = found.name.span();
    let generated = Span::mixed_site().located_at(span);
    let path = &found.path;
    // Spanned at the user's token, not `mixed_site`: an expression joining spans of two
    // contexts is reported at the attribute instead. These names live inside the const, where
    // no user code can see them.
    let check = check_name(found);
    let probe = format_ident!("__invocation_scope_probe", span = span);
    let value = format_ident!("__INVOCATION_SCOPE_VALUE", span = span);
    // An `unsafe` token from the macro, not the user: `#![forbid(unsafe_code)]` crates compile.
    let unsafe_token = syn::Token![unsafe](generated);
    quote_spanned! {span=>
        #[allow(
            non_upper_case_globals,
            non_snake_case,
            non_camel_case_types,
            dead_code,
            unused_unsafe,
            static_mut_refs,
            clippy::all,
            clippy::pedantic
        )]
        const #check: () = {
            #[allow(unused_imports)]
            use ::invocation_scope::__private::Fallback as _;
            let _ = || {
                let #probe = ::invocation_scope::__private::Probe(#unsafe_token { &#path });
                #probe.check_known();
                #probe.check_thread_local();
                #probe.check_task_local();
                #probe.check_lazy_static();
            };
            const #value: &'static dyn ::core::any::Any = #unsafe_token { &#path };
            ::invocation_scope::__private::read_first_byte(#value)
        };
    }
}

/// `CACHE__MUST_NOT_BE_SHARED_MUTABLE_STATE`, the name rustc shows in an E0080 error.
fn check_name(found: &Found) -> Ident {
    format_ident!(
        "{}__MUST_NOT_BE_SHARED_MUTABLE_STATE",
        found.name.unraw(),
        span = found.name.span()
    )
}
