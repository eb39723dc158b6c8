// The handler looks a price up with `HashMap::get`; a `#[cfg(test)]` double of the price store has
// its own `get`, counting lookups in a `static AtomicUsize`, and exists only when built with `--test`.
// From the failures users met (`cargo test` failed, `cargo check` passed). Verdict: accepted (the double is not compiled here).
use std::collections::HashMap;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

#[cfg(test)]
mod double {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static LOOKUPS: AtomicUsize = AtomicUsize::new(0);

    pub struct FakePrices;

    impl FakePrices {
        pub fn get(&self, _item: &str) -> Option<&u32> {
            LOOKUPS.fetch_add(1, Ordering::Relaxed);
            None
        }
    }
}

fn prices() -> HashMap<String, u32> {
    HashMap::from([("apple".to_owned(), 3), ("pear".to_owned(), 4)])
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<Option<u32>, Error> {
    let prices = prices();
    Ok(prices.get(&event.payload).copied())
}

fn main() {}
