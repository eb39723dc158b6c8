//! Fire-and-forget work made safe for Lambda.
//!
//! Lambda freezes the execution environment as soon as the response is sent. The usual
//!
//! ```text
//! tokio::spawn(write_audit(order));   // not awaited
//! return Ok(response);
//! ```
//!
//! leaves the audit write suspended: it resumes during the *next* invocation (with this one's
//! data), or is lost when the environment is recycled. Here the writes are spawned through
//! `InvocationTasks`: they run concurrently with the handler, and the handler waits for them
//! until 200 ms before the deadline, aborts the rest, and reports how many landed. The per-order
//! metrics are buffered in a per-invocation struct and flushed by its finish step, once, after
//! the body and before the response.

use std::convert::Infallible;
use std::time::Duration;

use invocation_scope::{
    Finish, InvocationTasks, current_invocation, invocation_handler, per_invocation,
};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

/// Metrics of one invocation, flushed in one line (CloudWatch embedded metric format style) by
/// the finish step.
#[per_invocation]
struct Metrics {
    orders: u64,
    total_cents: u64,
}

impl Finish for Metrics {
    type Error = Infallible;

    async fn finish(&mut self) -> Result<(), Infallible> {
        let request_id = current_invocation().map(|now| now.request_id().to_owned());
        println!(
            "{}",
            json!({ "request_id": request_id, "orders": self.orders, "total_cents": self.total_cents })
        );
        Ok(())
    }
}

/// The audit write of one order: an HTTP call or a queue message in a real function.
async fn write_audit(order: Value) -> Result<(), Error> {
    let latency = Duration::from_millis(order["audit_ms"].as_u64().unwrap_or(1));
    tokio::time::sleep(latency).await;
    // `current_invocation()` is this invocation's inside the task too: no `Context` to pass.
    let request_id = current_invocation().map(|now| now.request_id().to_owned());
    if order["id"].is_null() {
        return Err(format!("order without id in {request_id:?}").into());
    }
    println!("audit {request_id:?} {}", order["id"]);
    Ok(())
}

/// `{"orders": [{"id": "a", "cents": 250}, ...]}` → `{"orders": n, "total_cents": t,
/// "audited": a, "not_audited": f}`.
#[invocation_handler]
async fn handler(
    event: LambdaEvent<Value>,
    tasks: &mut InvocationTasks,
    metrics: &mut Metrics,
) -> Result<Value, Error> {
    for order in event.payload["orders"].as_array().into_iter().flatten() {
        metrics.orders += 1;
        metrics.total_cents += order["cents"].as_u64().unwrap_or(0);
        tasks.spawn(write_audit(order.clone()));
    }
    let outcomes = tasks.join_until(Duration::from_millis(200)).await;
    let audited = outcomes
        .iter()
        .filter(|outcome| outcome.is_finished())
        .count();
    Ok(json!({
        "orders": metrics.orders,
        "total_cents": metrics.total_cents,
        "audited": audited,
        "not_audited": outcomes.len() - audited,
    }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use invocation_scope::testing::{assert_isolated, lambda_event};

    fn orders(n: u64) -> Value {
        let orders: Vec<Value> = (0..n)
            .map(|i| json!({ "id": format!("{n}.{i}"), "cents": 100 * i, "audit_ms": i }))
            .collect();
        json!({ "orders": orders })
    }

    /// Warm invocations one after another: each reports only its own orders and audits, and
    /// none leaves a task running for the next one.
    #[test]
    fn warm_invocations_audit_their_own_orders_and_leave_no_task_behind() {
        assert_isolated(handler, (0..6).map(orders));
    }

    #[tokio::test]
    async fn every_audit_is_accounted_for_before_the_response() {
        let mut payload = orders(3);
        payload["orders"][1]["id"] = Value::Null;
        let answer = handler(lambda_event(payload)).await.expect("an answer");
        assert_eq!(
            answer,
            json!({ "orders": 3, "total_cents": 300, "audited": 2, "not_audited": 1 })
        );
    }
}
