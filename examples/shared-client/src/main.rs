//! A client built once in `main` and shared by every invocation, next to state that is fresh
//! for each one.
//!
//! The client stands in for an SDK client or a connection pool: expensive to build, read-only
//! while handling an invocation, and meant to outlive it. It is passed to the handler as `&Client`,
//! so it is visible in the signature; the `&mut Lookups` state is built fresh per call.

use std::collections::HashMap;

use invocation_scope::{Invocation, invocation_handler, per_invocation};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde::{Deserialize, Serialize};

/// A read-only catalogue client, built once per process.
struct Client {
    prices: HashMap<String, u32>,
}

impl Client {
    fn connect() -> Self {
        let prices = [("apple", 3), ("bread", 5), ("cheese", 12)]
            .into_iter()
            .map(|(name, price)| (name.to_owned(), price))
            .collect();
        Client { prices }
    }

    fn price(&self, item: &str) -> Option<u32> {
        self.prices.get(item).copied()
    }
}

/// What one invocation looked up, tagged with its request id.
#[per_invocation(from_invocation = Lookups::for_invocation)]
struct Lookups {
    request_id: String,
    found: Vec<(String, u32)>,
    missing: Vec<String>,
}

impl Lookups {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        Lookups {
            request_id: invocation.request_id().unwrap_or_default().to_owned(),
            found: Vec::new(),
            missing: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
struct Order {
    items: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize)]
struct Quote {
    request_id: String,
    total: u32,
    priced: usize,
    missing: Vec<String>,
}

#[invocation_handler]
async fn handler(
    event: LambdaEvent<Order>,
    client: &Client,
    lookups: &mut Lookups,
) -> Result<Quote, Error> {
    for item in event.payload.items {
        match client.price(&item) {
            Some(price) => lookups.found.push((item, price)),
            None => lookups.missing.push(item),
        }
    }
    Ok(Quote {
        request_id: lookups.request_id.clone(),
        total: lookups.found.iter().map(|(_, price)| price).sum(),
        priced: lookups.found.len(),
        missing: std::mem::take(&mut lookups.missing),
    })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::connect();
    lambda_runtime::run(service_fn(|event| handler(event, &client))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use invocation_scope::testing::{assert_isolated_async, assert_isolated_concurrent_async};
    use lambda_runtime::Context;

    fn order(request_id: &str, items: &[&str]) -> LambdaEvent<Order> {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        let items = items.iter().map(|item| (*item).to_owned()).collect();
        LambdaEvent::new(Order { items }, context)
    }

    #[tokio::test]
    async fn one_client_serves_every_invocation_and_lookups_start_empty() {
        let client = Client::connect();
        let first = handler(order("req-1", &["apple", "plum"]), &client)
            .await
            .expect("quote");
        let second = handler(order("req-2", &["cheese"]), &client)
            .await
            .expect("quote");
        let third = handler(order("req-3", &[]), &client).await.expect("quote");
        assert_eq!(
            first,
            Quote {
                request_id: "req-1".into(),
                total: 3,
                priced: 1,
                missing: vec!["plum".into()]
            }
        );
        assert_eq!(
            second,
            Quote {
                request_id: "req-2".into(),
                total: 12,
                priced: 1,
                missing: vec![]
            }
        );
        assert_eq!(
            third,
            Quote {
                request_id: "req-3".into(),
                total: 0,
                priced: 0,
                missing: vec![]
            }
        );
    }

    /// The test kit, with the client passed the way `main` passes it.
    #[tokio::test]
    async fn no_state_crosses_between_invocations() {
        let orders = [
            vec!["apple".to_owned(), "plum".to_owned()],
            vec![],
            vec!["cheese".to_owned()],
        ];
        let orders = orders.map(|items| Order { items });
        let client = Client::connect();
        assert_isolated_async(|event| handler(event, &client), orders.clone()).await;
        // In flight together, the closure must be `Clone + Send + 'static`, as for
        // `run_concurrent`: share the client through an `Arc`.
        let client = std::sync::Arc::new(Client::connect());
        let shared = move |event| {
            let client = std::sync::Arc::clone(&client);
            async move { handler(event, &client).await }
        };
        assert_isolated_concurrent_async(shared, orders).await;
    }
}
