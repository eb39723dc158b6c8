//! `#[invocation_handler]`: lends fresh per-invocation state to an `async fn`.

mod args;
mod expand;
mod signature;

use proc_macro2::TokenStream;

use crate::error::with_item;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed = args::HandlerArgs::parse(args).and_then(|args| {
        let handler = signature::Handler::parse(item.clone())?;
        Ok((args, handler))
    });
    match parsed {
        Ok((args, mut handler)) => {
            crate::reach::check_handler(&args.reach, &mut handler.item);
            expand::handler(handler)
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
