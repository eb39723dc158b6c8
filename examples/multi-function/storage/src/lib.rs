//! The storage client both functions use: built once per process in `main` and passed to the
//! handlers, and the table's name, read once from the environment.
//!
//! The checks of `#[invocation_handler]` read this crate too, because the functions depend on it
//! by path: a `static` here that a handler reaches is judged as if it were in the function's own
//! crate. `TABLE_NAME` is computed once without invocation input, so it is accepted.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// The table's name, from the environment, the same for every invocation.
static TABLE_NAME: LazyLock<String> =
    LazyLock::new(|| std::env::var("TABLE_NAME").unwrap_or_else(|_| "orders".to_owned()));

/// The name of the table the functions use.
#[must_use]
pub fn table_name() -> &'static str {
    &TABLE_NAME
}

/// A stored order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub items: Vec<String>,
    pub total_cents: u64,
}

/// Stands for an SDK client (DynamoDB, say): a cheap handle to a shared connection. Here the
/// table lives in memory, shared by the invocations of one process, as a real table is shared
/// by every process.
#[derive(Clone, Debug, Default)]
pub struct Client {
    rows: Arc<Mutex<HashMap<String, Stored>>>,
}

impl Client {
    /// Connects (in a real function: builds the SDK client from the environment, once).
    #[must_use]
    pub fn connect() -> Self {
        Client::default()
    }

    /// Stores `order` under `id`.
    pub fn put(&self, id: &str, order: Stored) {
        self.rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.to_owned(), order);
    }

    /// The order stored under `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<Stored> {
        self.rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
            .cloned()
    }
}
