//! `LambdaEvent`s whose context looks like the one Lambda delivers.

use std::sync::Arc;
use std::time::Duration;

use lambda_runtime::{Config, Context, LambdaEvent};

use super::ids;

/// Builds [`LambdaEvent`]s with a realistic [`Context`]: a request id and an X-Ray trace id unique
/// to each event, a deadline `timeout` from now, the function's ARN and its configuration.
///
/// ```
/// use invocation_scope::testing::EventBuilder;
/// use std::time::Duration;
///
/// let events = EventBuilder::new().function_name("orders").timeout(Duration::from_secs(3));
/// let first = events.event(serde_json::json!({ "id": 1 }));
/// let second = events.event(serde_json::json!({ "id": 2 }));
/// assert_ne!(first.context.request_id, second.context.request_id);
/// assert!(first.context.invoked_function_arn.ends_with(":function:orders"));
/// ```
#[derive(Clone, Debug)]
pub struct EventBuilder {
    config: Arc<Config>,
    region: String,
    account_id: String,
    timeout: Duration,
    tenant_id: Option<String>,
}

impl Default for EventBuilder {
    fn default() -> Self {
        EventBuilder {
            config: Arc::new(Config {
                function_name: "test-function".to_owned(),
                memory: 128,
                version: "$LATEST".to_owned(),
                log_stream: "2024/01/01/[$LATEST]00000000000000000000000000000000".to_owned(),
                log_group: "/aws/lambda/test-function".to_owned(),
            }),
            region: "us-east-1".to_owned(),
            account_id: "123456789012".to_owned(),
            timeout: Duration::from_secs(30),
            tenant_id: None,
        }
    }
}

impl EventBuilder {
    /// A builder for the function `test-function` (128 MB, `$LATEST`, 30 s timeout) in
    /// `us-east-1`.
    #[must_use]
    pub fn new() -> Self {
        EventBuilder::default()
    }

    /// Sets the function name, which also names its log group and ARN.
    #[must_use]
    pub fn function_name(mut self, name: &str) -> Self {
        let config = Arc::make_mut(&mut self.config);
        name.clone_into(&mut config.function_name);
        config.log_group = format!("/aws/lambda/{name}");
        self
    }

    /// Sets the memory size in MB.
    #[must_use]
    pub fn memory_mb(mut self, memory: i32) -> Self {
        Arc::make_mut(&mut self.config).memory = memory;
        self
    }

    /// Sets the function's timeout: each event's deadline is this long after it is built.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the tenant id every event carries in `Context::tenant_id`, as Lambda sets it for a
    /// function with tenant isolation (default: none).
    ///
    /// ```
    /// use invocation_scope::testing::EventBuilder;
    ///
    /// let event = EventBuilder::new().tenant_id("customer-42").event(());
    /// assert_eq!(event.context.tenant_id.as_deref(), Some("customer-42"));
    /// ```
    #[must_use]
    pub fn tenant_id(mut self, tenant_id: &str) -> Self {
        self.tenant_id = Some(tenant_id.to_owned());
        self
    }

    /// The ARN the events are invoked through.
    #[must_use]
    pub fn function_arn(&self) -> String {
        format!(
            "arn:aws:lambda:{}:{}:function:{}",
            self.region, self.account_id, self.config.function_name
        )
    }

    /// A context for a new invocation: fresh request and trace ids, deadline `timeout` from now.
    #[must_use]
    pub fn context(&self) -> Context {
        let mut context = Context::default();
        context.request_id = ids::request_id();
        context.deadline = ids::deadline_ms(self.timeout);
        context.invoked_function_arn = self.function_arn();
        context.xray_trace_id = Some(ids::trace_id());
        context.env_config = Arc::clone(&self.config);
        context.tenant_id.clone_from(&self.tenant_id);
        context
    }

    /// An event carrying `payload` for a new invocation.
    #[must_use]
    pub fn event<T>(&self, payload: T) -> LambdaEvent<T> {
        LambdaEvent::new(payload, self.context())
    }
}

/// An event carrying `payload`, with the context of a new invocation of `test-function`
/// (see [`EventBuilder`]).
#[must_use]
pub fn lambda_event<T>(payload: T) -> LambdaEvent<T> {
    EventBuilder::default().event(payload)
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    #[test]
    fn each_event_has_its_own_ids_and_a_deadline_ahead() {
        let events = EventBuilder::new().timeout(Duration::from_mins(1));
        let first = events.event(1);
        let second = events.event(2);
        assert_ne!(first.context.request_id, second.context.request_id);
        assert_ne!(first.context.xray_trace_id, second.context.xray_trace_id);
        let left = first
            .context
            .deadline()
            .duration_since(SystemTime::now())
            .expect("the deadline is ahead");
        assert!(left > Duration::from_secs(50) && left <= Duration::from_mins(1));
        assert_eq!(
            first.context.invoked_function_arn,
            "arn:aws:lambda:us-east-1:123456789012:function:test-function"
        );
        assert_eq!(first.context.env_config.memory, 128);
    }

    #[test]
    fn function_name_names_the_arn_and_the_log_group() {
        let event = EventBuilder::new().function_name("orders").event(());
        assert!(
            event
                .context
                .invoked_function_arn
                .ends_with(":function:orders")
        );
        assert_eq!(event.context.env_config.function_name, "orders");
        assert_eq!(event.context.env_config.log_group, "/aws/lambda/orders");
    }
}
