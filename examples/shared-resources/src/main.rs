//! A Lambda function that prices an order with what it shares across invocations (a client and
//! a cache with a max age) and what belongs to one invocation (the receipt it builds).
//!
//! Nothing lives in a `static`: `main` builds the shared resources once, before the runtime
//! starts, and binds them to the handler; the handler's signature says what it uses.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use invocation_scope::{
    Cache, InvocationFacts, invocation_handler, per_invocation, with_resources,
};
use lambda_runtime::{Error, LambdaEvent, Runtime};
use serde::{Deserialize, Serialize};

/// The client of the pricing service. It stands in for an SDK client (`aws_sdk_dynamodb::Client`,
/// `aws_sdk_ssm::Client`): built once with an async call, then used by every invocation.
pub struct PriceClient {
    prices: HashMap<String, u64>,
    /// Calls made to the discount endpoint, so that tests can see the cache at work.
    discount_requests: AtomicUsize,
}

impl PriceClient {
    /// Connects to the pricing service; here the price list is fixed.
    pub async fn connect() -> Result<PriceClient, Error> {
        let prices = [("apple", 30), ("bread", 250), ("cheese", 700)]
            .into_iter()
            .map(|(sku, cents)| (sku.to_owned(), cents))
            .collect();
        Ok(PriceClient {
            prices,
            discount_requests: AtomicUsize::new(0),
        })
    }

    /// The price of one item, in cents.
    pub fn price(&self, sku: &str) -> Option<u64> {
        self.prices.get(sku).copied()
    }

    /// Today's discount, a parameter worth caching: read from `DISCOUNT_PERCENT` (0 if unset).
    pub async fn discount_percent(&self) -> Result<u64, Error> {
        self.discount_requests.fetch_add(1, Ordering::Relaxed);
        match std::env::var("DISCOUNT_PERCENT") {
            Ok(value) => Ok(value.parse()?),
            Err(_) => Ok(0),
        }
    }
}

/// Everything the invocations share, built once per execution environment.
pub struct Shared {
    pub client: Arc<PriceClient>,
    /// Reloaded at most every five minutes, whatever the number of invocations.
    pub discount: Cache<u64>,
}

impl Shared {
    pub async fn build() -> Result<Shared, Error> {
        let client = Arc::new(PriceClient::connect().await?);
        let loader_client = Arc::clone(&client);
        let discount = Cache::new(Duration::from_secs(300), move || {
            let client = Arc::clone(&loader_client);
            async move { client.discount_percent().await }
        })
        // If the parameter cannot be read, keep the last discount for another minute.
        .serve_stale_for(Duration::from_secs(60));
        Ok(Shared { client, discount })
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Order {
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Priced {
    pub lines: Vec<String>,
    pub total_cents: u64,
    pub request_id: Option<String>,
    pub cold_start: bool,
}

/// The receipt of one order: fresh for every invocation.
#[per_invocation]
pub struct Receipt {
    lines: Vec<String>,
    total_cents: u64,
}

#[invocation_handler]
pub async fn handler(
    event: LambdaEvent<Order>,
    shared: &Shared,
    receipt: &mut Receipt,
    facts: &mut InvocationFacts,
) -> Result<Priced, Error> {
    let discount = *shared.discount.get().await?;
    for sku in &event.payload.items {
        let cents = shared
            .client
            .price(sku)
            .ok_or_else(|| format!("unknown item `{sku}`"))?;
        let cents = cents * (100 - discount.min(100)) / 100;
        receipt.lines.push(format!("{sku}: {cents}"));
        receipt.total_cents += cents;
    }
    Ok(Priced {
        lines: std::mem::take(&mut receipt.lines),
        total_cents: receipt.total_cents,
        request_id: facts.request_id().map(str::to_owned),
        cold_start: facts.is_cold_start(),
    })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let shared = Shared::build().await?;
    // Load the discount during init; under SnapStart it is dropped on restore and reloaded.
    shared.discount.get().await?;
    Runtime::new(with_resources(&shared, handler))
        .register_snapstart_resource(shared.discount.snapstart_hook())
        .run()
        .await
}

#[cfg(test)]
mod tests {
    use invocation_scope::testing::assert_isolated_async;
    use invocation_scope::with_resources;
    use lambda_runtime::tower::ServiceExt as _;
    use lambda_runtime::{Context, LambdaEvent, Service as _};

    use super::{Order, Shared};

    fn order(items: &[&str], request_id: &str) -> LambdaEvent<Order> {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        let items = items.iter().map(|&item| item.to_owned()).collect();
        LambdaEvent::new(Order { items }, context)
    }

    #[tokio::test]
    async fn warm_invocations_share_the_resources_and_not_the_receipt() {
        let shared = Shared::build().await.expect("resources build");
        let mut service = with_resources(&shared, super::handler);
        let orders: [&[&str]; 3] = [&["apple"], &["bread", "cheese"], &[]];
        for n in 0..30 {
            let items = orders[n % orders.len()];
            let priced = service
                .ready()
                .await
                .expect("ready")
                .call(order(items, &format!("req-{n}")))
                .await
                .expect("the order is priced");
            assert_eq!(
                priced.lines.len(),
                items.len(),
                "invocation {n} saw another's lines"
            );
            let discount = *shared.discount.get().await.expect("cached");
            let expected: u64 = items
                .iter()
                .filter_map(|&sku| shared.client.price(sku))
                .map(|cents| cents * (100 - discount.min(100)) / 100)
                .sum();
            assert_eq!(priced.total_cents, expected, "invocation {n}");
            assert_eq!(
                priced.request_id.as_deref(),
                Some(format!("req-{n}").as_str())
            );
        }
        // One discount request for thirty invocations, and the client was never rebuilt or
        // copied: only `shared` and the cache's loader hold it.
        assert_eq!(
            shared
                .client
                .discount_requests
                .load(std::sync::atomic::Ordering::Relaxed),
            1
        );
        assert_eq!(std::sync::Arc::strong_count(&shared.client), 2);
    }

    /// The test kit compares each order's lines and total across warm replays. The cold-start
    /// flag is left out: it is `true` for the process's first invocation only, by design.
    #[tokio::test]
    async fn no_state_crosses_between_invocations() {
        let shared = Shared::build().await.expect("resources build");
        let shared = &shared;
        let orders: [&[&str]; 3] = [&["apple"], &["bread", "cheese"], &[]];
        let orders = orders.map(|items| Order {
            items: items.iter().map(|&item| item.to_owned()).collect(),
        });
        assert_isolated_async(
            move |event| async move {
                let priced = super::handler(event, shared).await?;
                Ok::<_, lambda_runtime::Error>((priced.lines, priced.total_cents))
            },
            orders,
        )
        .await;
    }
}
