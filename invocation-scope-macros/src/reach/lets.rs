//! `let` statements read from a body's tokens.
//!
//! Nearly every body has a `let`, which binds a name and may say its type, and only the syntax
//! tree used to tell these: so nearly every body was parsed, which at the opt-level 0 proc macros
//! are built at was half of the index's cost. A `let` whose pattern is one name tells the same
//! from its tokens; a body with any other `let` is still parsed.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use super::refs::is_keyword;

/// What a `let` whose pattern is one name (`x`, `mut x`, `_`) tells the index, exactly as the
/// syntax tree of the statement would.
pub(crate) struct Let {
    /// `None` for `_`, which binds nothing.
    pub(crate) name: Option<String>,
    /// `let x: T`.
    pub(crate) ty: Option<syn::Type>,
    /// Without a type, what the initializer builds: its shape made into an expression with the
    /// arguments left out (`T::new()` for `T::new(a, b)`), for the index's `built_type`.
    pub(crate) init: Option<syn::Expr>,
}

/// The `let` at `at` in `tokens`, when it starts a statement and its pattern is one name;
/// `None` when only the syntax tree can tell what it binds.
pub(crate) fn simple_let(tokens: &[TokenTree], at: usize) -> Option<Let> {
    if !starts_statement(tokens, at) {
        return None;
    }
    let mut i = at + 1;
    if is_word(tokens.get(i), "mut") {
        i += 1;
    }
    let name = match tokens.get(i) {
        Some(TokenTree::Ident(ident)) if ident == "_" => None,
        Some(TokenTree::Ident(ident)) if !is_reserved(&ident.to_string()) => {
            Some(ident.to_string())
        }
        _ => return None,
    };
    i += 1;
    let mut ty = None;
    if is_punct(tokens.get(i), ':') && !is_punct(tokens.get(i + 1), ':') {
        let start = i + 1;
        let end = type_end(tokens, start)?;
        let tokens: TokenStream = tokens[start..end].iter().cloned().collect();
        ty = Some(syn::parse2::<syn::Type>(tokens).ok()?);
        i = end;
    }
    let init = match tokens.get(i) {
        Some(TokenTree::Punct(punct)) if punct.as_char() == ';' => None,
        Some(TokenTree::Punct(punct)) if punct.as_char() == '=' => {
            let start = i + 1;
            let end = start
                + tokens[start..]
                    .iter()
                    .position(|t| is_punct(Some(t), ';'))?;
            let init = &tokens[start..end];
            // `let x = f() else { .. }`: the syntax tree tells where the initializer ends.
            if init
                .iter()
                .any(|t| is_word(Some(t), "else") || is_punct(Some(t), '#'))
            {
                return None;
            }
            match (&ty, init_shape(init)) {
                (Some(_), _) | (None, Shape::Other) => None,
                (None, Shape::Built(expr)) => Some(*expr),
                (None, Shape::Unknown) => return None,
            }
        }
        _ => return None,
    };
    Some(Let { name, ty, init })
}

/// A `let` at the start of a block, after a `;`, a block or an attribute starts a statement;
/// elsewhere it is an `if let`, `while let` or a let chain, whose patterns the syntax tree reads.
fn starts_statement(tokens: &[TokenTree], at: usize) -> bool {
    match at.checked_sub(1).map(|before| &tokens[before]) {
        None => true,
        Some(TokenTree::Punct(punct)) => punct.as_char() == ';',
        Some(TokenTree::Group(group)) => match group.delimiter() {
            Delimiter::Brace => true,
            // `#[attr] let`
            Delimiter::Bracket => at >= 2 && is_punct(tokens.get(at - 2), '#'),
            _ => false,
        },
        _ => false,
    }
}

/// Where a `let`'s type ends: the `=` or `;` outside its `<..>`.
fn type_end(tokens: &[TokenTree], start: usize) -> Option<usize> {
    let mut angles = 0usize;
    let mut after_dash = false;
    for (at, token) in tokens.iter().enumerate().skip(start) {
        let TokenTree::Punct(punct) = token else {
            after_dash = false;
            continue;
        };
        match punct.as_char() {
            '=' | ';' if angles == 0 => return Some(at),
            '<' => angles += 1,
            // `->` closes nothing.
            '>' if !after_dash => angles = angles.checked_sub(1)?,
            _ => {}
        }
        after_dash = punct.as_char() == '-' && punct.spacing() == Spacing::Joint;
    }
    None
}

/// What an initializer's tokens say of the type it builds.
enum Shape {
    /// A path called or built (`f(..)`, `T::new(..)`, `T { .. }`), then any `.await` and `?`:
    /// that shape, with the arguments left out, as an expression.
    Built(Box<syn::Expr>),
    /// Anything else builds nothing the index records.
    Other,
    /// Only the syntax tree can tell (a path with generic arguments).
    Unknown,
}

fn init_shape(init: &[TokenTree]) -> Shape {
    let mut i = 0;
    if is_punct(init.first(), ':') {
        i = 2;
    }
    let mut segments = 0;
    loop {
        match init.get(i) {
            // `self::f()`, `Self::new()`, `crate::f()`; not `async { .. }` or `unsafe { .. }`.
            Some(TokenTree::Ident(ident)) if segments > 0 || !is_keyword(&ident.to_string()) => {
                segments += 1;
                i += 1;
            }
            _ => return Shape::Other,
        }
        if !is_punct(init.get(i), ':') {
            break;
        }
        match init.get(i + 2) {
            Some(TokenTree::Ident(_)) => i += 2,
            // `Vec::<u8>::new()`: the generic arguments are part of the path the tree names.
            Some(TokenTree::Punct(punct)) if punct.as_char() == '<' => return Shape::Unknown,
            _ => return Shape::Other,
        }
    }
    let Some(TokenTree::Group(group)) = init.get(i) else {
        return Shape::Other;
    };
    if !matches!(group.delimiter(), Delimiter::Parenthesis | Delimiter::Brace) {
        return Shape::Other;
    }
    let mut rest = &init[i + 1..];
    while !rest.is_empty() {
        if is_punct(rest.first(), '?') {
            rest = &rest[1..];
        } else if is_punct(rest.first(), '.') && is_word(rest.get(1), "await") {
            rest = &rest[2..];
        } else {
            return Shape::Other;
        }
    }
    let mut shape: Vec<TokenTree> = init[..i].to_vec();
    let mut empty = Group::new(group.delimiter(), TokenStream::new());
    empty.set_span(group.span());
    shape.push(TokenTree::Group(empty));
    shape.extend(init[i + 1..].iter().cloned());
    match syn::parse2::<syn::Expr>(shape.into_iter().collect()) {
        Ok(expr) => Shape::Built(Box::new(expr)),
        Err(_) => Shape::Unknown,
    }
}

/// Words that name no binding: `mut`, `ref` and the like make a pattern the syntax tree reads.
fn is_reserved(word: &str) -> bool {
    is_keyword(word) || matches!(word, "box" | "self" | "Self" | "super" | "crate")
}

fn is_word(token: Option<&TokenTree>, word: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if ident == word)
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == c)
}
