//! What the two functions share: prices, the per-invocation receipt, and the storage client
//! (re-exported from the `storage` crate of the workspace).
//!
//! Each function is a binary under `src/bin/`, built and deployed on its own (`cargo lambda build
//! --release` builds both). The checks of `#[invocation_handler]` in a binary read this library
//! and the workspace's path dependencies as well as the binary itself.

use invocation_scope::{Invocation, per_invocation};

pub use storage::{Client, Stored};

/// The price of an item, in cents.
#[must_use]
pub fn price_cents(item: &str) -> u64 {
    match item {
        "apple" => 30,
        "bread" => 250,
        "cheese" => 900,
        _ => 100,
    }
}

/// What one invocation priced, built fresh for each one.
#[per_invocation(from_invocation = Receipt::for_invocation)]
pub struct Receipt {
    pub request_id: String,
    pub lines: Vec<(String, u64)>,
}

impl Receipt {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        Receipt {
            request_id: invocation.request_id().unwrap_or_default().to_owned(),
            lines: Vec::new(),
        }
    }

    /// Prices `item` and keeps the line.
    pub fn add(&mut self, item: &str) {
        self.lines.push((item.to_owned(), price_cents(item)));
    }

    /// The sum of the lines.
    #[must_use]
    pub fn total_cents(&self) -> u64 {
        self.lines.iter().map(|(_, cents)| cents).sum()
    }
}
