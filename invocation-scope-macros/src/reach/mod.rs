//! The crate-wide pass: reads the crate's sources, follows every call the handler can make, and
//! checks each static reached through at least one call (the handler's own tokens are the
//! token-level checks' to report, so one use never gets two errors).
//!
//! It never fails a build by itself failing: a crate it cannot read, a file that does not parse,
//! a handler it cannot find or a type it cannot write leave the handler to the token-level
//! checks. `INVOCATION_SCOPE_DEBUG=1` prints why, and what the pass cost. Under rust-analyzer,
//! which does not track the files the pass reads, it does nothing; `cargo check` decides.

mod calls;
mod cfg;
mod crates;
mod disk;
mod emit;
mod host;
mod index;
mod lets;
mod lex;
mod model;
mod policy;
mod refs;
mod resolve;
mod segment;
mod statics;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use proc_macro2::TokenStream;
use syn::ext::IdentExt as _;

use crate::checks::Allowed;
use model::{FnId, Index, Item};
use resolve::{Context, resolve};

/// The handler's switches for this pass, from `#[invocation_handler(...)]`.
pub(crate) struct ReachArgs<'a> {
    /// `crate_wide = false` turns the pass off for this handler.
    pub(crate) enabled: bool,
    /// `stop_at(path::to::fn, Type::method)`: functions not to follow.
    pub(crate) stop_at: &'a [syn::Path],
    /// `allow(...)`: statics the handler may reach; the entries this pass meets are marked used.
    pub(crate) allowed: &'a mut Allowed,
    /// `strict`: init-once statics are refused like any other interior-mutable one.
    pub(crate) strict: bool,
    /// When the attribute's expansion started: the debug line reports everything since, the
    /// index's build included when this handler was the first to need it.
    pub(crate) started: Instant,
}

/// Puts the pass's checks at the start of the handler's body. Returns whether the pass ran to
/// the end, so that `allow(...)` entries it did not meet may be reported as unused.
pub(crate) fn check_handler(args: &mut ReachArgs<'_>, handler: &mut syn::ItemFn) -> bool {
    let name = handler.sig.ident.to_string();
    let allow: Vec<syn::Path> = args.allowed.paths().cloned().collect();
    let Findings { statements, used } = match run(
        args.enabled,
        args.stop_at,
        &allow,
        args.strict,
        args.started,
        handler,
    ) {
        Ok(findings) => findings,
        Err(reason) => {
            if host::debug() {
                eprintln!(
                    "invocation-scope: crate-wide pass skipped for `{name}`: {reason}; the \
                     token-level checks still apply"
                );
            }
            return false;
        }
    };
    for position in used {
        args.allowed.mark_used(position);
    }
    let Ok(block) = syn::parse2::<syn::Block>(quote::quote!({ #(#statements)* })) else {
        return false;
    };
    let stmts = std::mem::take(&mut handler.block.stmts);
    handler.block.stmts = block.stmts.into_iter().chain(stmts).collect();
    true
}

/// The crate's sources as the token-level checks of one handler's body ask them.
pub(crate) struct HandlerSources {
    index: std::sync::Arc<Index>,
    handler: FnId,
    strict: bool,
}

impl HandlerSources {
    /// `None` where the pass does not run or cannot find the handler: the checks then go by
    /// the names alone.
    pub(crate) fn load(
        enabled: bool,
        strict: bool,
        handler: &syn::ItemFn,
    ) -> Option<HandlerSources> {
        if !enabled || host::under_rust_analyzer() {
            return None;
        }
        catch_unwind(AssertUnwindSafe(|| {
            let index = index::load().ok()?;
            let handler = find_handler(&index, &handler.sig.ident)?;
            Some(HandlerSources {
                index,
                handler,
                strict,
            })
        }))
        .ok()
        .flatten()
    }
}

impl crate::checks::Sources for HandlerSources {
    fn declared(&self, path: &syn::Path) -> crate::checks::Declared {
        use crate::checks::Declared;
        let index = &*self.index;
        let function = &index.fns[self.handler];
        let here = Context {
            module: function.module,
            scope: Some(&function.scope),
            owner: function.owner.as_deref(),
        };
        let segments = segments(path);
        // A const generic of the `impl` around a method handler, which the attribute does not see.
        if let [name] = &segments[..]
            && function.outer_consts.contains(name)
        {
            return Declared::NotAStatic;
        }
        let found =
            catch_unwind(AssertUnwindSafe(|| resolve(index, here, &segments))).unwrap_or_default();
        let statics: Vec<&model::Static> = found
            .iter()
            .filter_map(|item| match item {
                Item::Static(id) => Some(&index.statics[*id]),
                _ => None,
            })
            .collect();
        if let [definition] = statics[..] {
            return match policy::judge(index, definition, self.strict) {
                policy::Verdict::Accepted => Declared::NotAStatic,
                policy::Verdict::Refused { row, because } => Declared::Refused(format!(
                    "(`{}`, {}:{}): {because} (policy: {row})",
                    definition.absolute(index),
                    index.files[definition.loc.file],
                    definition.loc.line
                )),
                policy::Verdict::Probe(_) | policy::Verdict::Unknown => Declared::Static,
            };
        }
        if !statics.is_empty() {
            return Declared::Unknown;
        }
        if !found.is_empty() {
            return Declared::NotAStatic;
        }
        Declared::Unknown
    }
}

/// What the pass concludes for one handler.
struct Findings {
    /// The checks to put at the start of the handler's body.
    statements: Vec<TokenStream>,
    /// The positions of the `allow` entries they met.
    used: Vec<usize>,
}

/// Why the pass did not run for a handler; the token-level checks still apply.
enum Skipped {
    TurnedOff,
    RustAnalyzer,
    /// The crate could not be read (no crate root on the command line, a root that does not
    /// parse).
    Unreadable(String),
    /// No function of the crate's files is written where rustc says the handler's name is.
    NotInTheSources,
    /// A bug in the pass, which must cost the user nothing more than the pass.
    Panicked(String),
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::TurnedOff => f.write_str("turned off with `crate_wide = false`"),
            Skipped::RustAnalyzer => {
                f.write_str("rust-analyzer does not track the files this pass reads")
            }
            Skipped::Unreadable(why) => f.write_str(why),
            Skipped::NotInTheSources => f.write_str(
                "the handler is not among the functions written in the crate's files: a \
                 handler generated by a macro is not analysed",
            ),
            Skipped::Panicked(message) => write!(f, "the analysis panicked ({message})"),
        }
    }
}

fn run(
    enabled: bool,
    stop_at: &[syn::Path],
    allow: &[syn::Path],
    strict: bool,
    started: Instant,
    handler: &syn::ItemFn,
) -> Result<Findings, Skipped> {
    if !enabled {
        return Err(Skipped::TurnedOff);
    }
    if host::under_rust_analyzer() {
        return Err(Skipped::RustAnalyzer);
    }
    // A bug in the pass must cost the user nothing more than the pass.
    catch_unwind(AssertUnwindSafe(|| {
        analyse(stop_at, allow, strict, started, handler)
    }))
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Skipped::Panicked(message))
    })
}

fn analyse(
    stop_at: &[syn::Path],
    allow: &[syn::Path],
    strict: bool,
    started: Instant,
    handler: &syn::ItemFn,
) -> Result<Findings, Skipped> {
    let index = index::load().map_err(Skipped::Unreadable)?;
    let Some(first) = find_handler(&index, &handler.sig.ident) else {
        return Err(Skipped::NotInTheSources);
    };
    let here = Context {
        module: index.fns[first].module,
        scope: None,
        owner: index.fns[first].owner.as_deref(),
    };
    let mut statements = Vec::new();
    let stop = stop_set(&index, here, stop_at, &mut statements);
    let allowed_by_entry = allowed_statics(&index, here, allow, &mut statements);
    let allowed: HashSet<model::StaticId> = allowed_by_entry.iter().flatten().copied().collect();
    let limits = calls::Limits {
        stop: &stop,
        allowed: &allowed,
    };
    let mut seen = HashSet::new();
    let mut reached = Vec::new();
    let mut allowed_met = HashSet::new();
    let mut found = calls::reach(&index, first, &limits, &mut allowed_met);
    // A static set from invocation data is reported as that, whatever else reaches it.
    found.sort_by_key(|found| !found.sets_from_invocation);
    for found in found {
        if seen.insert(found.id) {
            reached.push(found);
        }
    }
    reached.retain(|found| found.sets_from_invocation || !reported_by_token_checks(&index, found));
    statements.extend(emit::statements(&index, &handler.block, &reached, strict));
    if host::debug() {
        eprintln!(
            "invocation-scope: crate-wide pass for `{}`: {} files, {} fns, {} statics indexed \
             in {:.1} ms (once per compilation; {} of {} other crates of the workspace read \
             from disk); {} statics reached through calls; {:.1} ms in all",
            handler.sig.ident,
            index.files.len(),
            index.fns.len(),
            index.statics.len(),
            index.built_in.as_secs_f64() * 1e3,
            index.crates_from_disk,
            index.crates.len(),
            reached.len(),
            started.elapsed().as_secs_f64() * 1e3,
        );
    }
    let used = (0..allowed_by_entry.len())
        .filter(|&position| {
            allowed_by_entry[position]
                .iter()
                .any(|id| allowed_met.contains(id))
        })
        .collect();
    Ok(Findings { statements, used })
}

/// The index's entry for this handler: the function whose name is at the same file, line and
/// column as the name rustc handed the attribute. A handler written by a macro has its name
/// somewhere no function of the index is (a macro's input or rules), so none matches.
fn find_handler(index: &Index, ident: &syn::Ident) -> Option<FnId> {
    let span = ident.span();
    let file = span.local_file()?;
    let file = host::working_dir()?.join(file);
    let file = std::fs::canonicalize(&file).unwrap_or(file);
    let start = span.start();
    let name = ident.to_string();
    (0..index.fns.len()).find(|&id| {
        let function = &index.fns[id];
        function.loc.line == start.line
            && function.column == start.column
            && function.name == name
            && index.paths[function.loc.file] == file
    })
}

/// The functions `stop_at` names; a path that names none is a mistake worth an error.
fn stop_set(
    index: &Index,
    here: Context<'_>,
    paths: &[syn::Path],
    errors: &mut Vec<TokenStream>,
) -> HashSet<calls::Node> {
    let mut stop = HashSet::new();
    for path in paths {
        let segments = segments(path);
        let mut found: Vec<FnId> = resolve(index, here, &segments)
            .into_iter()
            .filter_map(|item| match item {
                Item::Fn(id) => Some(id),
                _ => None,
            })
            .collect();
        // `Type::method` for a type the handler's module does not import.
        if found.is_empty()
            && let [owner, method] = &segments[..]
        {
            found = index
                .methods
                .get(method)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&id| index.fns[id].owner.as_ref() == Some(owner))
                .collect();
        }
        let mut found: Vec<calls::Node> = found.into_iter().map(calls::Node::Fn).collect();
        // A function written by a `macro_rules!` of the crate: stop at that macro's rules.
        if found.is_empty()
            && let Some(last) = segments.last()
        {
            found.extend(
                index
                    .macro_fns
                    .get(last)
                    .into_iter()
                    .flatten()
                    .map(|&id| calls::Node::Macro(id)),
            );
        }
        // Only where the pass knows the module or type the path goes through: one a macro
        // declares is not in the index, and the function may well be there.
        let known_container = match &segments[..] {
            [] | [_] => true,
            [prefix @ .., _] => !resolve(index, here, prefix).is_empty(),
        };
        if found.is_empty() && known_container {
            errors.push(
                syn::Error::new_spanned(
                    path,
                    "`stop_at` names no function of this crate: write the path of a function or \
                     method as the handler's module sees it, such as `helpers::record` or \
                     `Registry::push`",
                )
                .to_compile_error(),
            );
        }
        stop.extend(found);
    }
    stop
}

/// The statics each `allow` entry names, by position: a path as the handler's module sees it,
/// or a bare name of a static anywhere in the crate when it names one only (several are an
/// error that lists them). Entries that name no static are the token-level checks' concern.
fn allowed_statics(
    index: &Index,
    here: Context<'_>,
    paths: &[syn::Path],
    errors: &mut Vec<TokenStream>,
) -> Vec<Vec<model::StaticId>> {
    paths
        .iter()
        .map(|path| {
            let segments = segments(path);
            let found: Vec<model::StaticId> = resolve(index, here, &segments)
                .into_iter()
                .filter_map(|item| match item {
                    Item::Static(id) => Some(id),
                    _ => None,
                })
                .collect();
            let [name] = &segments[..] else {
                return found;
            };
            if !found.is_empty() || path.leading_colon.is_some() {
                return found;
            }
            let named: Vec<model::StaticId> = (0..index.statics.len())
                .filter(|&id| index.statics[id].name == *name)
                .collect();
            if named.len() > 1 {
                let candidates: Vec<String> = named
                    .iter()
                    .map(|&id| {
                        let definition = &index.statics[id];
                        format!(
                            "`{}` ({}:{})",
                            definition.absolute(index),
                            index.files[definition.loc.file],
                            definition.loc.line
                        )
                    })
                    .collect();
                errors.push(
                    syn::Error::new_spanned(
                        path,
                        format!(
                            "`{name}` names {} statics of this crate: {}; write the path of the \
                             one to allow, such as `allow({})`",
                            named.len(),
                            candidates.join(", "),
                            candidates[0].split('`').nth(1).unwrap_or_default(),
                        ),
                    )
                    .to_compile_error(),
                );
            }
            named
        })
        .collect()
}

fn segments(path: &syn::Path) -> Vec<String> {
    path.segments
        .iter()
        // `allow(r#CACHE)` names `CACHE`.
        .map(|s| s.ident.unraw().to_string())
        .collect()
}

/// Whether the token-level checks already report this static, so that one use gets one error:
/// its last hop is spelled in screaming case inside checked code, or the handler names directly
/// a static holding a reference to a std type whose `&T` those checks know.
fn reported_by_token_checks(index: &Index, found: &calls::Reached) -> bool {
    let (Some(first), Some(last)) = (found.chain.first(), found.chain.last()) else {
        return false;
    };
    let spelled = last.name.rsplit("::").next().unwrap_or_default();
    if let calls::Node::Fn(from) = last.from
        && index.fns[from].checked
        && crate::checks::is_screaming_case(spelled)
    {
        return true;
    }
    let calls::Node::Static(first_static) = first.to else {
        return false;
    };
    let definition = &index.statics[first_static];
    if !crate::checks::is_screaming_case(&definition.name) {
        return false;
    }
    let Some(syn::Type::Reference(reference)) = lex::reparse::<syn::Type>(&definition.ty) else {
        return false;
    };
    let elem = &reference.elem;
    let Some(leaves) = statics::leaves_of(
        index,
        definition.module,
        &definition.locals,
        &quote::quote!(#elem).to_string(),
    ) else {
        return false;
    };
    // The referenced type itself, not a crate type reduced to its fields.
    let (Some(syn::Type::Path(target)), 1, syn::Type::Path(written)) =
        (leaves.first(), leaves.len(), &**elem)
    else {
        return false;
    };
    if target.path.segments.last().map(|s| &s.ident)
        != written.path.segments.last().map(|s| &s.ident)
    {
        return false;
    }
    target
        .path
        .segments
        .last()
        .is_some_and(|last| policy::is_lock_or_cell(&last.ident.to_string()))
}
