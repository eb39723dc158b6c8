//! How the pass turns text into tokens.
//!
//! Files are lexed by proc-macro2's own lexer ([`Fallback`]), whose spans carry line numbers;
//! rustc's gives every token of a string the macro's call site. After the index is built, types
//! it kept as text are read back ([`reparse`]); there proc-macro2 would lex each twice, with its
//! own lexer first, only to make sure that rustc's, which reports an error to the whole
//! compilation instead of returning it, accepts the text. Text the pass printed from tokens
//! cannot fail that check, so it goes to rustc's lexer alone.

use std::sync::atomic::{AtomicBool, Ordering};

use proc_macro2::TokenStream;

/// Whether a [`Fallback`] is alive: tokens made then must not meet rustc's.
static FORCED: AtomicBool = AtomicBool::new(false);

/// While alive, proc-macro2 uses its own implementation, whose spans carry line numbers: files
/// are parsed and read with it. None of its tokens may reach the output, since rustc refuses to
/// mix them with its own; the index holds only text and numbers.
pub(crate) struct Fallback;

impl Fallback {
    pub(crate) fn force() -> Fallback {
        proc_macro2::fallback::force();
        FORCED.store(true, Ordering::Relaxed);
        Fallback
    }
}

impl Drop for Fallback {
    fn drop(&mut self) {
        FORCED.store(false, Ordering::Relaxed);
        proc_macro2::fallback::unforce();
    }
}

/// A syntax tree from text the pass printed from tokens (`to_string()`): a type, a path.
pub(crate) fn reparse<T: syn::parse::Parse>(printed: &str) -> Option<T> {
    let tokens = if proc_macro::is_available() && !FORCED.load(Ordering::Relaxed) {
        let tokens: proc_macro::TokenStream = printed.parse().ok()?;
        TokenStream::from(tokens)
    } else {
        printed.parse().ok()?
    };
    syn::parse2(tokens).ok()
}
