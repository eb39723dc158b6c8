//! The names a body, an initializer or a macro's rules mention, read from its tokens.
//!
//! Tokens rather than expressions, so that macro arguments (`println!("{}", CACHE.len())`),
//! closures, `async` blocks and `macro_rules!` bodies are read the same way.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use super::lets::{Let, simple_let};
use super::model::{FileId, Loc, Refs};

/// Words that start no path (a `match`: a slice's `contains` costs a comparison per word, which
/// every identifier of the crate pays at opt-level 0).
pub(crate) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
            | "_"
    )
}

pub(crate) fn scan(tokens: TokenStream, file: FileId, refs: &mut Refs) {
    // Already "needing syntax": nothing but the names is looked for.
    let mut body = Body {
        needs_syntax: true,
        lets: Vec::new(),
        tokens: TokenStream::new(),
    };
    scan_tokens(tokens, file, refs, &mut body, false);
}

/// What [`scan_body`] found besides the names.
pub(crate) struct Body {
    /// The body may hold something that only its syntax tree shows (a binding other than a
    /// simple `let`'s, an item, a once-cell setter call): a body without any of the words and
    /// `|` that these need is never parsed.
    pub(crate) needs_syntax: bool,
    /// Otherwise, its `let`s, in the order they are written.
    pub(crate) lets: Vec<Let>,
    /// The body's tokens, as they were.
    pub(crate) tokens: TokenStream,
}

/// [`scan`] of a function body's tokens; also says whether the body must be parsed.
pub(crate) fn scan_body(tokens: TokenStream, file: FileId, refs: &mut Refs) -> Body {
    let mut body = Body {
        needs_syntax: false,
        lets: Vec::new(),
        tokens: TokenStream::new(),
    };
    body.tokens = scan_tokens(tokens, file, refs, &mut body, false);
    if body.needs_syntax {
        body.lets.clear();
    }
    body
}

/// The words without which a body binds no name (`let`, `match` arms, `for`, parameters of
/// nested `fn`s; closures need `|`), declares no item (nested statics, functions, types, `use`,
/// `thread_local!` and `lazy_static!`, whose tokens hold `static`; items of nested `impl`,
/// `trait` and `mod` blocks) and sets no once-cell.
fn needs_syntax(word: &str) -> bool {
    matches!(
        word,
        "let"
            | "match"
            | "for"
            | "fn"
            | "use"
            | "static"
            | "struct"
            | "enum"
            | "union"
            | "type"
            | "impl"
            | "trait"
            | "mod"
            | "macro_rules"
            | "thread_local"
            | "lazy_static"
    ) || crate::once_init::SETTERS.contains(&word.strip_prefix("r#").unwrap_or(word))
}

/// `in_macro`: the tokens are a macro's arguments, whose `let`s the syntax tree does not read.
/// Returns the tokens as they were, moved rather than copied.
fn scan_tokens(
    tokens: TokenStream,
    file: FileId,
    refs: &mut Refs,
    body: &mut Body,
    in_macro: bool,
) -> TokenStream {
    let mut tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let loc = |tree: &TokenTree| Loc {
        file,
        line: tree.span().start().line,
    };
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Group(group) => {
                // The group's tokens are moved out and back, not copied: a stream shared with
                // the group would be copied whole to be iterated. Meanwhile an empty group of
                // the same delimiter stays, which is all the neighbours' lookahead asks of it.
                let empty = Group::new(group.delimiter(), TokenStream::new());
                let macro_args = i >= 2
                    && matches!(&tokens[i - 1], TokenTree::Punct(bang) if bang.as_char() == '!')
                    && matches!(&tokens[i - 2], TokenTree::Ident(_));
                if let TokenTree::Group(group) =
                    std::mem::replace(&mut tokens[i], TokenTree::Group(empty))
                {
                    let (delimiter, span) = (group.delimiter(), group.span());
                    let stream = group.stream();
                    drop(group);
                    let stream = scan_tokens(stream, file, refs, body, in_macro || macro_args);
                    let mut group = Group::new(delimiter, stream);
                    group.set_span(span);
                    tokens[i] = TokenTree::Group(group);
                }
                i += 1;
            }
            TokenTree::Literal(literal) => {
                format_names(&literal.to_string(), loc(&tokens[i]), refs);
                i += 1;
            }
            TokenTree::Punct(punct) if punct.as_char() == '.' => {
                // `.name(` and `.name::<T>(` are method calls; `.name` alone is a field.
                if let Some(TokenTree::Ident(name)) = tokens.get(i + 1) {
                    if !body.needs_syntax {
                        body.needs_syntax = needs_syntax(&name.to_string());
                    }
                    let is_call = match tokens.get(i + 2) {
                        Some(TokenTree::Group(group)) => {
                            group.delimiter() == Delimiter::Parenthesis
                        }
                        Some(TokenTree::Punct(punct)) => {
                            punct.as_char() == ':' && punct.spacing() == Spacing::Joint
                        }
                        _ => false,
                    };
                    if is_call {
                        let receiver = receiver_before(&tokens, i);
                        refs.methods
                            .push((name.to_string(), loc(&tokens[i + 1]), receiver));
                    }
                    i += 2;
                } else {
                    i += 1;
                }
            }
            TokenTree::Punct(punct) if punct.as_char() == '\'' => i += 2,
            TokenTree::Punct(punct) if punct.as_char() == '$' => match tokens.get(i + 1) {
                Some(TokenTree::Ident(ident)) if ident == "crate" => {
                    i = path(&tokens, i + 1, "$crate", file, refs);
                }
                _ => i += 2,
            },
            TokenTree::Punct(punct) if is_path_sep(&tokens, i) && punct.as_char() == ':' => {
                // `::dep::item`: another crate.
                i += 2;
                while matches!(tokens.get(i), Some(TokenTree::Ident(_))) || is_path_sep(&tokens, i)
                {
                    i += 1;
                }
            }
            TokenTree::Ident(ident) => {
                let word = ident.to_string();
                if !body.needs_syntax {
                    if word == "let" && !in_macro {
                        match simple_let(&tokens, i) {
                            Some(simple) => body.lets.push(simple),
                            None => body.needs_syntax = true,
                        }
                    } else {
                        body.needs_syntax = needs_syntax(&word);
                    }
                }
                if is_keyword(&word) {
                    i += 1;
                } else {
                    i = path(&tokens, i, &word, file, refs);
                }
            }
            TokenTree::Punct(punct) => {
                body.needs_syntax = body.needs_syntax || punct.as_char() == '|';
                i += 1;
            }
        }
    }
    tokens.into_iter().collect()
}

/// The plain place before the `.` at `dot`: `self.items` is `["self", "items"]`; anything
/// else (a call's result, an index, `?`) is empty, a receiver of unknown type.
fn receiver_before(tokens: &[TokenTree], dot: usize) -> Vec<String> {
    let mut chain = Vec::new();
    let mut j = dot;
    loop {
        let Some(TokenTree::Ident(ident)) = j.checked_sub(1).and_then(|k| tokens.get(k)) else {
            return Vec::new();
        };
        chain.push(ident.to_string());
        j -= 1;
        match j.checked_sub(1).and_then(|k| tokens.get(k)) {
            Some(TokenTree::Punct(punct)) if punct.as_char() == '.' => j -= 1,
            // `a::b.c()`, `x..y.z()`: not a plain place.
            Some(TokenTree::Punct(punct)) if matches!(punct.as_char(), ':' | '.') => {
                return Vec::new();
            }
            _ => break,
        }
    }
    chain.reverse();
    chain
}

/// The standard library's and `log`/`tracing`'s macros that format their arguments.
const FORMATTING: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "unreachable",
    "todo",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
];

/// `::` at `i`.
fn is_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(
        (tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

/// Reads the path whose first segment is at `start` (spelled `first`); returns where it ends.
fn path(tokens: &[TokenTree], start: usize, first: &str, file: FileId, refs: &mut Refs) -> usize {
    let mut segments = vec![first.to_owned()];
    let mut i = start + 1;
    let mut last = start;
    while is_path_sep(tokens, i) {
        match tokens.get(i + 2) {
            Some(TokenTree::Ident(ident)) => {
                segments.push(ident.to_string());
                last = i + 2;
                i += 3;
            }
            // `Vec::<T>::new`: the generic arguments are read as their own paths.
            _ => break,
        }
    }
    let line = tokens[last].span().start().line;
    let is_macro = matches!(
        (tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(_))) if bang.as_char() == '!'
    );
    if is_macro {
        let name = segments.pop().unwrap_or_default();
        // Formatting calls the `Display` or `Debug` impl of each argument: every `fmt` of the
        // crate may run (the arguments' types are not read).
        if FORMATTING.contains(&name.as_str()) {
            refs.methods
                .push(("fmt".to_owned(), Loc { file, line }, Vec::new()));
        }
        refs.macros.push((name, Loc { file, line }));
    } else {
        refs.paths.push((segments, Loc { file, line }));
    }
    i
}

/// `{NAME}` and `{name:?}` inside a string literal: inline format arguments.
fn format_names(literal: &str, loc: Loc, refs: &mut Refs) {
    if !literal.starts_with('"') || !literal.contains('{') {
        return;
    }
    let mut rest = literal;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if rest.starts_with('{') {
            rest = &rest[1..];
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let starts_like_ident = name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
        if starts_like_ident && matches!(rest[end..].chars().next(), Some('}' | ':')) {
            refs.paths.push((vec![name.to_owned()], loc));
        }
    }
}
