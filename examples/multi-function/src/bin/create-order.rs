//! Prices and stores an order. One function of the multi-function example: it shares the
//! library's `Receipt` and the storage client with `get-order`.

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use multi_function::{Client, Receipt, Stored};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize)]
struct CreateOrder {
    items: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize)]
struct Created {
    order_id: String,
    table: String,
    items: Vec<String>,
    total_cents: u64,
}

#[invocation_handler]
async fn handler(
    event: LambdaEvent<CreateOrder>,
    client: &Client,
    receipt: &mut Receipt,
) -> Result<Created, Error> {
    for item in &event.payload.items {
        receipt.add(item);
    }
    let order_id = format!("order-{}", receipt.request_id);
    client.put(
        &order_id,
        Stored {
            items: event.payload.items.clone(),
            total_cents: receipt.total_cents(),
        },
    );
    Ok(Created {
        order_id,
        table: storage::table_name().to_owned(),
        items: receipt.lines.iter().map(|(item, _)| item.clone()).collect(),
        total_cents: receipt.total_cents(),
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
    use lambda_runtime::Context;

    fn order(request_id: &str, items: &[&str]) -> LambdaEvent<CreateOrder> {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        let items = items.iter().map(|item| (*item).to_owned()).collect();
        LambdaEvent::new(CreateOrder { items }, context)
    }

    /// Warm invocations: each receipt starts empty, and the client keeps every order.
    #[tokio::test]
    async fn each_invocation_prices_only_its_own_items() {
        let client = Client::connect();
        let first = handler(order("1", &["apple", "bread"]), &client)
            .await
            .expect("created");
        let second = handler(order("2", &["cheese"]), &client)
            .await
            .expect("created");
        assert_eq!(first.total_cents, 280);
        assert_eq!(second.items, ["cheese"]);
        assert_eq!(second.total_cents, 900);
        assert_eq!(client.get("order-1").map(|o| o.total_cents), Some(280));
        assert_eq!(
            client.get("order-2").map(|o| o.items),
            Some(vec!["cheese".into()])
        );
    }

    #[tokio::test]
    async fn no_state_crosses_between_invocations() {
        let orders = [vec!["apple".to_owned()], vec![], vec!["bread".to_owned()]];
        let client = Client::connect();
        assert_isolated_async(
            |event| handler(event, &client),
            orders.map(|items| CreateOrder { items }),
        )
        .await;
    }
}
