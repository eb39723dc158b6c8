//! Expansion snapshots: each `tests/expand/NAME.rs` is expanded and compared with
//! `tests/expand/NAME.expanded.rs`. Set `EXPAND_OVERWRITE=1` to rewrite them, then review the diff.
//! Printed code drops hygiene, so the ui tests carry the hygiene checks.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::ToTokens as _;

/// Expands every item carrying one of our attributes (the first attribute only, as rustc would).
fn expand_file(source: &str) -> String {
    let file = syn::parse_file(source).expect("the snapshot input parses");
    let mut out = TokenStream::new();
    for mut item in file.items {
        let expanded = match &mut item {
            syn::Item::Fn(function) => take_ours(&mut function.attrs).map(|(name, args)| {
                let item = function.to_token_stream();
                expand(&name, args, item)
            }),
            syn::Item::Struct(structure) => take_ours(&mut structure.attrs).map(|(name, args)| {
                let item = structure.to_token_stream();
                expand(&name, args, item)
            }),
            _ => None,
        };
        out.extend(expanded.unwrap_or_else(|| item.to_token_stream()));
    }
    let file = syn::parse2::<syn::File>(out).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

fn take_ours(attrs: &mut Vec<syn::Attribute>) -> Option<(String, TokenStream)> {
    let position = attrs.iter().position(|attr| {
        attr.path().is_ident("invocation_handler") || attr.path().is_ident("per_invocation")
    })?;
    let attr = attrs.remove(position);
    let name = attr.path().get_ident()?.to_string();
    let args = match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    Some((name, args))
}

fn expand(name: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    match name {
        "invocation_handler" => crate::handler::expand(args, item),
        _ => crate::state::expand(args, item),
    }
}

#[test]
fn expansions_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let overwrite = std::env::var_os("EXPAND_OVERWRITE").is_some();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/expand exists") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let is_input = path.extension().is_some_and(|ext| ext == "rs")
            && path
                .file_stem()
                .and_then(|stem| Path::new(stem).extension())
                .is_none();
        if !is_input {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("the input reads");
        let actual = expand_file(&source);
        let expected_path = path.with_extension("expanded.rs");
        if overwrite {
            std::fs::write(&expected_path, &actual).expect("the snapshot writes");
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            assert_eq!(
                actual, expected,
                "{name} expands differently from its snapshot; rerun with EXPAND_OVERWRITE=1 and review"
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no snapshot inputs in {}", dir.display());
}
