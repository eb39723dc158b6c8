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
mod emit;
mod index;
mod model;
mod policy;
mod refs;
mod resolve;
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
}

/// Puts the pass's checks at the start of the handler's body. Returns whether the pass ran to
/// the end, so that `allow(...)` entries it did not meet may be reported as unused.
pub(crate) fn check_handler(args: &mut ReachArgs<'_>, handler: &mut syn::ItemFn) -> bool {
    let name = handler.sig.ident.to_string();
    let allow: Vec<syn::Path> = args.allowed.paths().cloned().collect();
    let (statements, used) = match run(args.enabled, args.stop_at, &allow, args.strict, handler) {
        Ok(found) => found,
        Err(reason) => {
            if debug() {
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

/// Names the handler's body may use as values that the attribute cannot tell from statics,
/// read from the crate's sources: the const generics of the `impl` (or trait) around a method
/// handler (the attribute sees only the method), and the `extern` statics its module declares
/// or imports (foreign memory, which a probe cannot read). Empty where the pass does not run.
pub(crate) fn names_bound_outside(enabled: bool, handler: &syn::ItemFn) -> Vec<String> {
    if !enabled || std::env::var_os("RUST_ANALYZER_INTERNALS_DO_NOT_USE").is_some() {
        return Vec::new();
    }
    catch_unwind(AssertUnwindSafe(|| {
        let index = index::load().ok()?;
        let id = find_handler(&index, &handler.sig.ident)?;
        let function = &index.fns[id];
        let mut names = function.outer_consts.clone();
        let module = &index.modules[function.module];
        names.extend(module.extern_statics.iter().cloned());
        // `use crate::ffi::ERRNO;` (or `as errno`) of another module's extern static.
        let here = Context {
            module: function.module,
            scope: None,
            owner: None,
        };
        for (name, paths) in &module.uses {
            let imports_extern = paths.iter().any(|path| {
                let Some((last, parent)) = path.split_last() else {
                    return false;
                };
                resolve(&index, here, parent).iter().any(|item| {
                    matches!(item, Item::Mod(m) if index.modules[*m].extern_statics.contains(last))
                })
            });
            if imports_extern {
                names.push(name.clone());
            }
        }
        Some(names)
    }))
    .ok()
    .flatten()
    .unwrap_or_default()
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
        if !enabled || std::env::var_os("RUST_ANALYZER_INTERNALS_DO_NOT_USE").is_some() {
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
                    "(`crate::{}`, {}:{}): {because} (policy: {row})",
                    definition.display(index),
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
        // `ffi::ERRNO`: an `extern` static of a module of the crate.
        if let [prefix @ .., last] = &segments[..]
            && !prefix.is_empty()
            && resolve(index, here, prefix).iter().any(
                |item| matches!(item, Item::Mod(m) if index.modules[*m].extern_statics.contains(last)),
            )
        {
            return Declared::NotAStatic;
        }
        Declared::Unknown
    }
}

fn debug() -> bool {
    std::env::var_os("INVOCATION_SCOPE_DEBUG").is_some_and(|value| value != "0")
}

/// The checks to emit, and the positions of the `allow` entries they met.
type Found = (Vec<TokenStream>, Vec<usize>);

fn run(
    enabled: bool,
    stop_at: &[syn::Path],
    allow: &[syn::Path],
    strict: bool,
    handler: &syn::ItemFn,
) -> Result<Found, String> {
    if !enabled {
        return Err("turned off with `crate_wide = false`".into());
    }
    if std::env::var_os("RUST_ANALYZER_INTERNALS_DO_NOT_USE").is_some() {
        return Err("rust-analyzer does not track the files this pass reads".into());
    }
    // A bug in the pass must cost the user nothing more than the pass.
    catch_unwind(AssertUnwindSafe(|| {
        analyse(stop_at, allow, strict, handler)
    }))
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("the analysis panicked ({message})"))
    })
}

fn analyse(
    stop_at: &[syn::Path],
    allow: &[syn::Path],
    strict: bool,
    handler: &syn::ItemFn,
) -> Result<Found, String> {
    let started = Instant::now();
    // The index may have been built before this pass, by the token-level checks' questions:
    // that time is the pass's too.
    let built = index::take_build_time();
    let index = index::load()?;
    index::take_build_time();
    let loaded = started.elapsed() + built;
    let Some(first) = find_handler(&index, &handler.sig.ident) else {
        return Err(
            "the handler is not among the functions written in the crate's files: a \
             handler generated by a macro is not analysed"
                .into(),
        );
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
    if debug() {
        eprintln!(
            "invocation-scope: crate-wide pass for `{}`: {} files, {} fns, {} statics indexed \
             in {:.1} ms; {} statics reached through calls; {:.1} ms in all",
            handler.sig.ident,
            index.files.len(),
            index.fns.len(),
            index.statics.len(),
            loaded.as_secs_f64() * 1e3,
            reached.len(),
            (started.elapsed() + built).as_secs_f64() * 1e3,
        );
    }
    let used = (0..allowed_by_entry.len())
        .filter(|&position| {
            allowed_by_entry[position]
                .iter()
                .any(|id| allowed_met.contains(id))
        })
        .collect();
    Ok((statements, used))
}

/// The index's entry for this handler: the function whose name is at the same file, line and
/// column as the name rustc handed the attribute. A handler written by a macro has its name
/// somewhere no function of the index is (a macro's input or rules), so none matches.
fn find_handler(index: &Index, ident: &syn::Ident) -> Option<FnId> {
    let span = ident.span();
    let file = span.local_file()?;
    let file = std::env::current_dir().ok()?.join(file);
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
                            "`crate::{}` ({}:{})",
                            definition.display(index),
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
    let Ok(syn::Type::Reference(reference)) = syn::parse_str::<syn::Type>(&definition.ty) else {
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
    let segments: Vec<String> = target
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let in_std = matches!(segments.first().map(String::as_str), Some("std" | "core"));
    let known = segments.last().is_some_and(|last| {
        [
            "Mutex", "RwLock", "OnceLock", "LazyLock", "Once", "Condvar", "Barrier",
        ]
        .contains(&last.as_str())
            || last.starts_with("Atomic")
    });
    in_std && known
}
