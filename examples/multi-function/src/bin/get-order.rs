//! Looks an order up. One function of the multi-function example: it shares the storage client
//! and the table's name with `create-order`.

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use multi_function::Client;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize)]
struct GetOrder {
    order_id: String,
}

#[derive(Debug, PartialEq, Serialize)]
struct Found {
    order_id: String,
    table: String,
    found: bool,
    items: Vec<String>,
    total_cents: u64,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<GetOrder>, client: &Client) -> Result<Found, Error> {
    let order_id = event.payload.order_id;
    let stored = client.get(&order_id);
    Ok(Found {
        table: storage::table_name().to_owned(),
        found: stored.is_some(),
        total_cents: stored.as_ref().map_or(0, |order| order.total_cents),
        items: stored.map(|order| order.items).unwrap_or_default(),
        order_id,
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
    use invocation_scope::testing::assert_isolated_async;
    use multi_function::Stored;

    /// Warm invocations read what the shared client holds, and nothing else carries over.
    #[tokio::test]
    async fn warm_invocations_see_the_table_and_nothing_else() {
        let client = Client::connect();
        client.put(
            "order-1",
            Stored {
                items: vec!["apple".into()],
                total_cents: 30,
            },
        );
        let events = ["order-1", "order-2", "order-1"].map(|id| GetOrder {
            order_id: id.to_owned(),
        });
        assert_isolated_async(|event| handler(event, &client), events).await;
        let event = lambda_runtime::LambdaEvent::new(
            GetOrder {
                order_id: "order-2".into(),
            },
            lambda_runtime::Context::default(),
        );
        let missing = handler(event, &client).await.expect("answered");
        assert!(!missing.found);
        assert_eq!(missing.table, "orders");
    }
}
