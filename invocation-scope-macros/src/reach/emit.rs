//! Turn what the handler reaches into code, at the handler's token for the first hop: a
//! `compile_error!` with the whole chain when the declaration says the policy refuses the static
//! (`policy.rs`), else a type probe whose name is the chain when only rustc can tell.

use std::fmt::Write as _;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens as _, quote_spanned};

use super::calls::{Hop, Node, Reached};
use super::model::{Index, Loc, ModId};
use super::policy::{Verdict, judge};
use super::statics::one_type;

/// The statements to put at the start of the handler's body. A static whose type the pass
/// cannot write is left to the token-level checks; one whose type is made of primitives,
/// references and pointers only is certainly immutable and needs no probe; statics of the same
/// type (under the same `#[cfg]`) share one probe, named after the first with the count of the
/// others.
pub(crate) fn statements(
    index: &Index,
    body: &syn::Block,
    reached: &[Reached],
    strict: bool,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut probes: Vec<Probe<'_>> = Vec::new();
    for reached in reached {
        let Some(first) = reached.chain.first() else {
            continue;
        };
        let Some(Cfgs { cfg, other_crates }) = cfg_attribute(index, reached) else {
            continue;
        };
        let definition = &index.statics[reached.id];
        let verdict = if reached.sets_from_invocation {
            let setter = reached
                .chain
                .last()
                .map(|hop| node_name(index, hop.from))
                .unwrap_or_default();
            Verdict::Refused {
                row: "a once-cell set from invocation data",
                because: format!(
                    "`{setter}` stores a value built from its parameters or locals in it, so the \
                     first invocation's value is served to every later one"
                ),
            }
        } else {
            judge(index, definition, strict)
        };
        let leaves = match verdict {
            Verdict::Accepted => continue,
            // Never skipped silently: the user decides what the sources cannot tell.
            Verdict::Unknown => {
                let span = first_hop_span(body, first);
                let message = undecided_message(index, reached) + &other_crates;
                out.push(quote_spanned! {span=> #cfg ::core::compile_error!{ #message } });
                continue;
            }
            Verdict::Refused { row, because } => {
                let span = first_hop_span(body, first);
                let message = certain_message(index, reached, row, &because) + &other_crates;
                out.push(quote_spanned! {span=> #cfg ::core::compile_error!{ #message } });
                continue;
            }
            Verdict::Probe(leaves) => leaves,
        };
        let ty = one_type(&leaves);
        let key = format!("{cfg} {}", ty.to_token_stream());
        match probes.iter_mut().find(|probe| probe.key == key) {
            Some(probe) => probe.others += 1,
            None => probes.push(Probe {
                key,
                reached,
                cfg,
                ty,
                others: 0,
            }),
        }
    }
    out.extend(
        probes
            .iter()
            .map(|probe| probe_statement(index, body, probe)),
    );
    out
}

/// One type probe, for one or more statics of the same type.
struct Probe<'a> {
    key: String,
    reached: &'a Reached,
    cfg: TokenStream,
    ty: syn::Type,
    /// Statics of the same type besides `reached`.
    others: usize,
}

fn probe_statement(index: &Index, body: &syn::Block, probe: &Probe<'_>) -> TokenStream {
    let Probe {
        reached, cfg, ty, ..
    } = probe;
    let span = reached.chain.first().map_or_else(
        || body.brace_token.span.open(),
        |first| first_hop_span(body, first),
    );
    let mut name = probe_name(index, reached);
    if probe.others > 0 {
        let _ = write!(name, "_and_{}_more_statics_of_this_type", probe.others);
    }
    let name = syn::Ident::new(&name, span);
    let shadow = syn::Ident::new("__INVOCATION_SCOPE_SHADOW", Span::mixed_site());
    quote_spanned! {span=>
        #cfg
        #[allow(non_upper_case_globals, non_snake_case, dead_code)]
        const #name: () = {
            static #shadow: ::invocation_scope::__private::Shadow<#ty> =
                ::invocation_scope::__private::Shadow::new();
            ::invocation_scope::__private::reached_static_must_be_immutable(&#shadow)
        };
    }
}

/// The token in the handler's body that makes the first hop: `record` in `helpers::record(..)`.
fn first_hop_span(body: &syn::Block, hop: &Hop) -> Span {
    let written = hop
        .name
        .trim_start_matches('.')
        .trim_end_matches("()")
        .trim_end_matches('!');
    let last = written.rsplit("::").next().unwrap_or(written);
    let mut on_line = None;
    let mut anywhere = None;
    find_ident(
        body.to_token_stream(),
        last,
        hop.at.line,
        &mut on_line,
        &mut anywhere,
    );
    on_line
        .or(anywhere)
        .unwrap_or_else(|| body.brace_token.span.open())
}

fn find_ident(
    tokens: TokenStream,
    name: &str,
    line: usize,
    on_line: &mut Option<Span>,
    anywhere: &mut Option<Span>,
) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => find_ident(group.stream(), name, line, on_line, anywhere),
            TokenTree::Ident(ident) if ident == name => {
                if on_line.is_none() && ident.span().start().line == line {
                    *on_line = Some(ident.span());
                }
                anywhere.get_or_insert(ident.span());
            }
            _ => {}
        }
    }
}

/// The `#[cfg]`s a finding is reported under.
struct Cfgs {
    /// `#[cfg(all(..))]` of the undecided predicates of the handler's crate on the chain.
    cfg: TokenStream,
    /// For a message: the undecided predicates of other crates of the workspace on the chain.
    other_crates: String,
}

/// `#[cfg(all(..))]` of every function and static on the chain and their modules, so a chain
/// through a module that is not compiled reports nothing. `None` if a predicate does not parse.
///
/// Only the handler's crate's own predicates: rustc would judge another crate's (its features)
/// by the handler's crate's command line, which says nothing of them. The finding stands
/// whichever way that crate was built, and its message names those predicates.
fn cfg_attribute(index: &Index, reached: &Reached) -> Option<Cfgs> {
    let definition = &index.statics[reached.id];
    let mut all: Vec<(ModId, &[String])> = vec![(definition.module, &definition.cfgs)];
    for hop in &reached.chain {
        match hop.to {
            Node::Fn(id) => all.push((index.fns[id].module, &index.fns[id].cfgs)),
            Node::Static(id) => all.push((index.statics[id].module, &index.statics[id].cfgs)),
            Node::Macro(_) | Node::State(_) => {}
        }
    }
    let mut own: Vec<&str> = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    for (module, cfgs) in all {
        let list = if index.modules[module].crate_root == 0 {
            &mut own
        } else {
            &mut others
        };
        for cfg in cfgs {
            if !list.contains(&cfg.as_str()) {
                list.push(cfg);
            }
        }
    }
    let other_crates = if others.is_empty() {
        String::new()
    } else {
        let written: Vec<String> = others.iter().map(|p| format!("`#[cfg({p})]`")).collect();
        format!(
            "\nnote: the chain passes {} of another crate of the workspace, whose features this \
             check does not see: if that crate is built without them, the static is not \
             compiled and the `allow(...)` above is right",
            written.join(", ")
        )
    };
    if own.is_empty() {
        return Some(Cfgs {
            cfg: TokenStream::new(),
            other_crates,
        });
    }
    let predicates = own
        .iter()
        .map(|p| p.parse::<TokenStream>().ok())
        .collect::<Option<Vec<_>>>()?;
    Some(Cfgs {
        cfg: quote::quote!(#[cfg(all(#(#predicates),*))]),
        other_crates,
    })
}

fn node_name(index: &Index, node: Node) -> String {
    match node {
        Node::Fn(id) => index.fns[id].display(index),
        Node::Static(id) => index.statics[id].display(index),
        Node::Macro(id) => format!("{}!", index.macros[id].name),
        Node::State(id) => format!("`#[per_invocation]` {}", index.types[id].name),
    }
}

fn at(index: &Index, loc: Loc) -> String {
    format!("{}:{}", index.files[loc.file], loc.line)
}

/// The start of a message ("the handler `h` reaches the static `m::S` (`file:line`) through
/// calls"), and the path to write in `allow(...)`.
fn subject(index: &Index, reached: &Reached) -> (String, String) {
    let definition = &index.statics[reached.id];
    let handler = reached
        .chain
        .first()
        .map(|hop| node_name(index, hop.from))
        .unwrap_or_default();
    let subject = format!(
        "the handler `{handler}` reaches the static `{}` ({}) through calls",
        definition.display(index),
        at(index, definition.loc),
    );
    (subject, definition.absolute(index))
}

fn certain_message(index: &Index, reached: &Reached, row: &str, because: &str) -> String {
    let (subject, allow) = subject(index, reached);
    let mut message = format!("{subject}: {because} (policy: {row})\n");
    write_chain(index, &mut message, reached);
    // Building a state is no call to stop at; its constructor is.
    let first_call = reached
        .chain
        .iter()
        .find(|hop| !matches!(hop.to, Node::State(_)));
    let first = match first_call.map(|hop| hop.to) {
        Some(Node::Fn(id)) if index.fns[id].owner.is_some() => index.fns[id].display(index),
        Some(Node::Fn(id)) => {
            let function = &index.fns[id];
            super::model::absolute(index, function.module, &function.name)
        }
        Some(Node::Static(id)) => index.statics[id].absolute(index),
        Some(node) => node_name(index, node),
        None => String::new(),
    };
    let _ = write!(
        message,
        "help: keep this data in a `#[per_invocation]` struct that the handler takes as `&mut` \
         and passes to the helpers, or build it once in `main` and pass it as a parameter; if \
         sharing it is intended, write `#[invocation_handler(allow({allow}))]`, or \
         `stop_at({first})` if that call cannot reach it"
    );
    message
}

/// A reached static whose declared type the pass cannot write from the handler (a type named
/// through a module a macro declares, a glob import of another crate, a trait object...).
fn undecided_message(index: &Index, reached: &Reached) -> String {
    let (subject, allow) = subject(index, reached);
    let mut message = format!(
        "{subject}, and the crate-wide pass cannot tell whether it can carry data from one \
         invocation into another: its declared type `{}` names a type the pass cannot follow \
         (declared by a macro, brought by a glob import of another crate, or of a crate that \
         only the crate declaring the static depends on)\n",
        index.statics[reached.id].ty.replace(' ', ""),
    );
    write_chain(index, &mut message, reached);
    let _ = write!(
        message,
        "help: if it holds no lock, atomic or cell and is never set from invocation data, write \
         `#[invocation_handler(allow({allow}))]`; otherwise keep this data in a \
         `#[per_invocation]` struct that the handler takes as `&mut`"
    );
    message
}

fn write_chain(index: &Index, message: &mut String, reached: &Reached) {
    let (head, skipped, tail) = ends(&reached.chain, MESSAGE_ENDS);
    for hop in head {
        write_hop(index, message, hop);
    }
    if skipped > 0 {
        let _ = writeln!(message, "  ... {skipped} more calls ...");
    }
    for hop in tail {
        write_hop(index, message, hop);
    }
}

/// Hops a message shows at each end of a long chain; the ones between are counted.
const MESSAGE_ENDS: usize = 5;
/// Functions a probe's name shows at each end of a long chain.
const NAME_ENDS: usize = 3;

/// The first and last `keep` items, and how many are left out between, when there are more.
fn ends<T>(items: &[T], keep: usize) -> (&[T], usize, &[T]) {
    if items.len() <= 2 * keep + 1 {
        return (items, 0, &[]);
    }
    (
        &items[..keep],
        items.len() - 2 * keep,
        &items[items.len() - keep..],
    )
}

fn write_hop(index: &Index, message: &mut String, hop: &Hop) {
    let verb = match hop.to {
        Node::Static(_) => "uses",
        Node::State(_) => "builds",
        Node::Fn(_) | Node::Macro(_) => "calls",
    };
    let _ = writeln!(
        message,
        "  {}: {} {verb} {}",
        at(index, hop.at),
        node_name(index, hop.from),
        node_name(index, hop.to),
    );
}

/// `handler_reaches_ITEMS_via_helpers_record_helpers_push_item`: rustc prints the probe's name.
/// A long chain shows its ends: `..._via_a_b_c_and_4994_more_x_y_z`.
fn probe_name(index: &Index, reached: &Reached) -> String {
    let definition = &index.statics[reached.id];
    let handler = reached
        .chain
        .first()
        .map(|hop| node_name(index, hop.from))
        .unwrap_or_default();
    let mut name = format!(
        "{}_reaches_{}_via",
        identifier(&handler),
        identifier(&definition.name)
    );
    let between = &reached.chain[..reached.chain.len().saturating_sub(1)];
    let (head, skipped, tail) = ends(between, NAME_ENDS);
    for hop in head {
        name.push('_');
        name.push_str(&identifier(&node_name(index, hop.to)));
    }
    if skipped > 0 {
        let _ = write!(name, "_and_{skipped}_more");
    }
    for hop in tail {
        name.push('_');
        name.push_str(&identifier(&node_name(index, hop.to)));
    }
    name
}

fn identifier(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}
