//! `#[invocation_handler]`: lends fresh per-invocation state to an `async fn`, and refuses the
//! shared mutable state its body uses.

pub(crate) mod args;
mod expand;
mod signature;

use proc_macro2::TokenStream;

use crate::checks;
use crate::error::{Errors, with_item};
use crate::reach::ReachArgs;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    // The debug line of the crate-wide pass reports the whole expansion's cost from here.
    let started = std::time::Instant::now();
    if syn::parse2(item.clone()).is_ok_and(|function| signature::repeats_a_state_name(&function)) {
        return item;
    }
    let parsed = args::HandlerArgs::parse(args).and_then(|args| {
        let handler = signature::Handler::parse(item.clone())?;
        Ok((args, handler))
    });
    match parsed {
        Ok((mut args, mut handler)) => {
            let sources =
                crate::reach::HandlerSources::load(args.crate_wide, args.strict, &handler.item);
            let function = &mut handler.item;
            checks::check_fn(
                &function.sig,
                None,
                &[],
                sources
                    .as_ref()
                    .map(|sources| sources as &dyn checks::Sources),
                &mut function.block,
                &mut args.allowed,
                args.strict,
            );
            let mut reach = ReachArgs {
                enabled: args.crate_wide,
                stop_at: &args.stop_at,
                allowed: &mut args.allowed,
                strict: args.strict,
                started,
            };
            let pass_ran = crate::reach::check_handler(&mut reach, &mut handler.item);
            let mut errors = Errors::default();
            // Entries meant for the crate-wide pass cannot be judged when it did not run
            // (under rust-analyzer, or when its analysis failed); `crate_wide = false` is a choice.
            if pass_ran || !args.crate_wide {
                args.allowed.report_unused(&mut errors);
            }
            let expanded = expand::handler(handler);
            match errors.finish() {
                Ok(()) => expanded,
                Err(error) => with_item(expanded, &error),
            }
        }
        Err(error) => with_item(item_as_rustc_accepts(item), &error),
    }
}

/// The user's function without `const`, which rustc would refuse a second time next to our
/// error; any other item as written.
fn item_as_rustc_accepts(item: TokenStream) -> TokenStream {
    match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(mut function) if function.sig.constness.is_some() => {
            function.sig.constness = None;
            quote::ToTokens::into_token_stream(function)
        }
        _ => item,
    }
}
