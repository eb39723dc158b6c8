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
        Ok((_args, handler)) => expand::handler(handler),
        Err(error) => with_item(item, &error),
    }
}
