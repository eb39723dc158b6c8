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
pub(super) fn probes(found: &[Found], mut named: Vec<String>, strict: bool) -> Vec<Stmt> {
    found
        .iter()
        .map(|found| {
            let name = check_name(found).to_string();
            let probe = probe(found, strict);
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

// By default what an init-once static holds is judged, not the static (see the façade's
// `checks/judge.rs`); the first probe above is `strict`'s:
//
//     const CACHE__MUST_NOT_BE_SHARED_MUTABLE_STATE: &dyn Anything = {
//         let _ = || { /* E0277 for well-known kinds, and init-once wrappers holding one */ };
//         const VALUE: &'static dyn ::core::any::Any = unsafe { &CACHE };
//         &judge(&|| (&Probe(unsafe { &CACHE })).judged(), VALUE) // E0080 or E0492
//     };

/// One probe. By default what an init-once static holds is judged; under `strict`, every
/// interior-mutable static is refused, init-once ones included, by the first-byte read alone.
fn probe(found: &Found, strict: bool) -> TokenStream {
    let span = found.name.span();
    let path = &found.path;
    // Spanned at the user's token, not `mixed_site`: an expression joining spans of two
    // contexts is reported at the attribute instead. These names live inside the const, where
    // no user code can see them.
    let check = check_name(found);
    let probe = format_ident!("__invocation_scope_probe", span = span);
    let value = format_ident!("__INVOCATION_SCOPE_VALUE", span = span);
    // An `unsafe` token from the macro, not the user: `#![forbid(unsafe_code)]` crates compile.
    let unsafe_token = syn::Token![unsafe](Span::mixed_site().located_at(span));
    let checks: &[&str] = if strict {
        &[
            "check_known",
            "check_init_once",
            "check_thread_local",
            "check_task_local",
            "check_lazy_static",
        ]
    } else {
        &["check_known", "check_inside", "check_lazy_static_inside"]
    };
    let checks = checks
        .iter()
        .map(|name| format_ident!("{name}", span = span));
    let (ty, imports, result) = if strict {
        (
            quote_spanned! {span=> () },
            quote_spanned! {span=> ::invocation_scope::__private::Fallback as _ },
            quote_spanned! {span=> ::invocation_scope::__private::read_first_byte(#value) },
        )
    } else {
        (
            quote_spanned! {span=> &'static dyn ::invocation_scope::__private::Anything },
            quote_spanned! {span=>
                ::invocation_scope::__private::{
                    Fallback as _, JudgeLazyStatic as _, JudgeValue as _,
                }
            },
            quote_spanned! {span=>
                &::invocation_scope::__private::judge(
                    &|| (&::invocation_scope::__private::Probe(#unsafe_token { &#path })).judged(),
                    #value,
                )
            },
        )
    };
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
        const #check: #ty = {
            #[allow(unused_imports)]
            use #imports;
            let _ = || {
                let #probe = ::invocation_scope::__private::Probe(#unsafe_token { &#path });
                #(#probe.#checks();)*
            };
            const #value: &'static dyn ::core::any::Any = #unsafe_token { &#path };
            #result
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

/// `CACHE.get_or_init(|| event.user.clone())` in checked code: refused whatever `CACHE` holds.
pub(super) fn set_from_invocation(name: &Ident, method: &Ident) -> Stmt {
    let message = format!(
        "`{name}` is set from this invocation's data (`{method}` with a value built from the \
         function's parameters or locals): a once-cell keeps the first invocation's value and \
         serves it to every later one, and concurrent invocations race to set it\n\
         help: keep the value in a `#[per_invocation]` struct that the handler takes as `&mut`, \
         or initialize the cell from constants, the environment or `main` only; if sharing the \
         first value is intended, write `allow({name})` in the attribute",
        name = name.unraw(),
    );
    let error = syn::Error::new(name.span(), message).to_compile_error();
    Stmt::Item(Item::Verbatim(error))
}

/// A static the policy refuses from its declaration in the crate's sources (a `static mut` of
/// any size, which a probe cannot see for a zero-sized one; a lock in the declared type...).
pub(super) fn refused(name: &Ident, why: &str) -> Stmt {
    let message = format!(
        "`{name}` {why}\n\
         help: keep this data in a `#[per_invocation]` struct that the handler takes as `&mut`, \
         or build it once in `main` and pass it as a parameter; if sharing it is intended, \
         write `allow({name})` in the attribute",
        name = name.unraw(),
    );
    let error = syn::Error::new(name.span(), message).to_compile_error();
    Stmt::Item(Item::Verbatim(error))
}
