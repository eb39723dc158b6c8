//! What inside a macro call is code: a macro's arguments are tokens until it expands, after
//! the checks have been placed, so the checks read them here.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::{Parse as _, ParseStream, Parser as _};
use syn::punctuated::Punctuated;
use syn::{Block, Expr, Ident, Lit, Macro, Path, Token};

use super::paths::is_screaming_case;

/// Macros whose arguments are expressions and a format string (std, `log`, `tracing`).
const FORMAT_MACROS: &[&str] = &[
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
];

/// Macros whose arguments are expressions.
const EXPR_MACROS: &[&str] = &["vec", "dbg", "addr_of", "addr_of_mut"];

/// Macros whose first argument is an expression and the rest a pattern.
const MATCH_MACROS: &[&str] = &["matches", "assert_matches", "debug_assert_matches"];

/// Macros that declare items: their initialisers are not the code being checked, and the
/// names they declare are checked where they are used.
const ITEM_MACROS: &[&str] = &["thread_local", "task_local", "lazy_static", "macro_rules"];

/// The parts of a macro call that are code.
#[derive(Default)]
pub(super) struct MacroContents {
    /// Arguments that parse as expressions.
    pub(super) exprs: Vec<Expr>,
    /// Brace-delimited groups of another macro that parse as blocks (`tokio::select!` arms).
    pub(super) blocks: Vec<Block>,
    /// Paths followed by `.` or `[` in the tokens of another macro: values whatever the
    /// macro's syntax.
    pub(super) paths: Vec<Path>,
    /// `{NAME}` inside a format string, spanned at the string.
    pub(super) format_names: Vec<Ident>,
    /// Names written bare in the tokens of another macro (`bind!(LOCAL_N)`,
    /// `tokio::select! { MAXV = .. }`): the macro may bind them, and the function's other uses of
    /// them are then locals, which no check may name.
    pub(super) maybe_bound: Vec<String>,
}

impl MacroContents {
    pub(super) fn parse(mac: &Macro) -> MacroContents {
        let Some(name) = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
        else {
            return MacroContents::default();
        };
        let tokens = mac.tokens.clone();
        let name = name.as_str();
        if ITEM_MACROS.contains(&name) {
            return MacroContents::default();
        }
        if FORMAT_MACROS.contains(&name)
            && let Ok(args) = comma_separated.parse2(tokens.clone())
        {
            return format_contents(args);
        }
        if EXPR_MACROS.contains(&name) {
            if let Ok(args) = comma_separated.parse2(tokens.clone()) {
                return MacroContents {
                    exprs: args,
                    ..MacroContents::default()
                };
            }
            if let Ok(args) = repeat_expr.parse2(tokens.clone()) {
                return MacroContents {
                    exprs: args,
                    ..MacroContents::default()
                };
            }
        }
        if MATCH_MACROS.contains(&name)
            && let Ok(scrutinee) = first_expr.parse2(tokens.clone())
        {
            return MacroContents {
                exprs: vec![scrutinee],
                ..MacroContents::default()
            };
        }
        let mut contents = MacroContents::default();
        scan_tokens(tokens, &mut contents);
        contents
    }
}

fn comma_separated(input: ParseStream<'_>) -> syn::Result<Vec<Expr>> {
    Ok(Punctuated::<Expr, Token![,]>::parse_terminated(input)?
        .into_iter()
        .collect())
}

/// `vec![value; count]`.
fn repeat_expr(input: ParseStream<'_>) -> syn::Result<Vec<Expr>> {
    let value = Expr::parse(input)?;
    input.parse::<Token![;]>()?;
    let count = Expr::parse(input)?;
    Ok(vec![value, count])
}

fn first_expr(input: ParseStream<'_>) -> syn::Result<Expr> {
    let expr = Expr::parse(input)?;
    input.parse::<TokenStream>()?;
    Ok(expr)
}

/// The arguments of a format macro; `name = value` arguments contribute their value, and their
/// name is not looked up in the format string.
fn format_contents(args: Vec<Expr>) -> MacroContents {
    let mut contents = MacroContents::default();
    let mut named = Vec::new();
    let mut strings = Vec::new();
    for arg in args {
        match arg {
            Expr::Assign(assign) if matches!(&*assign.left, Expr::Path(_)) => {
                if let Expr::Path(path) = &*assign.left
                    && let Some(ident) = path.path.get_ident()
                {
                    named.push(ident.to_string());
                }
                contents.exprs.push(*assign.right);
            }
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(literal),
                ..
            }) => strings.push(literal),
            other => contents.exprs.push(other),
        }
    }
    for literal in strings {
        for name in inline_arguments(&literal.value()) {
            if is_screaming_case(&name) && !named.contains(&name) {
                contents
                    .format_names
                    .push(Ident::new(&name, literal.span()));
            }
        }
    }
    contents
}

/// The names inside `{NAME}`, `{NAME:?}`, `{NAME:>width$}` of a format string; `{{` is a brace.
fn inline_arguments(format: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '}' && *c != ':')).collect();
        let name = name.trim();
        if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
            names.push(name.to_owned());
        }
    }
    names
}

/// Looks through the tokens of a macro whose syntax is unknown: a brace group that parses as a
/// block is code; elsewhere, only `NAME.` and `NAME[` are surely values.
fn scan_tokens(tokens: TokenStream, contents: &mut MacroContents) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                if group.delimiter() == Delimiter::Brace
                    && let Ok(stmts) = Block::parse_within.parse2(group.stream())
                {
                    contents.blocks.push(Block {
                        brace_token: syn::token::Brace(group.delim_span()),
                        stmts,
                    });
                } else {
                    scan_tokens(group.stream(), contents);
                }
            }
            TokenTree::Ident(ident) if is_screaming_case(&ident.unraw().to_string()) => {
                let used_as_value = match tokens.get(index + 1) {
                    Some(TokenTree::Punct(punct)) => punct.as_char() == '.',
                    Some(TokenTree::Group(group)) => group.delimiter() == Delimiter::Bracket,
                    _ => false,
                };
                if used_as_value && let Some(path) = path_ending_at(&tokens, index) {
                    contents.paths.push(path);
                } else if is_bare(&tokens, index) {
                    contents.maybe_bound.push(ident.unraw().to_string());
                }
            }
            _ => {}
        }
    }
}

/// The path `a::b::NAME` whose last segment is `tokens[end]`, unless it follows a `.` (a
/// field) or is part of something else.
fn path_ending_at(tokens: &[TokenTree], end: usize) -> Option<Path> {
    let mut start = end;
    while start >= 3
        && is_punct(&tokens[start - 1], ':')
        && is_punct(&tokens[start - 2], ':')
        && matches!(tokens[start - 3], TokenTree::Ident(_))
    {
        start -= 3;
    }
    if start >= 2 && is_punct(&tokens[start - 1], ':') && is_punct(&tokens[start - 2], ':') {
        start -= 2;
    }
    if start >= 1 && is_punct(&tokens[start - 1], '.') {
        return None;
    }
    let path: TokenStream = tokens[start..=end].iter().cloned().collect();
    syn::parse2(path).ok()
}

/// `tokens[index]` stands alone: not a segment of a path, a field, a call or a macro's name.
fn is_bare(tokens: &[TokenTree], index: usize) -> bool {
    let after_path_or_field = index >= 1
        && (is_punct(&tokens[index - 1], '.')
            || (index >= 2
                && is_punct(&tokens[index - 1], ':')
                && is_punct(&tokens[index - 2], ':')));
    let before = match tokens.get(index + 1) {
        Some(TokenTree::Punct(punct)) => matches!(punct.as_char(), ':' | '!'),
        Some(TokenTree::Group(group)) => group.delimiter() == Delimiter::Parenthesis,
        _ => false,
    };
    !after_path_or_field && !before
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(punct) if punct.as_char() == c)
}
