//! The invocation the running code belongs to, readable from anywhere inside it.

use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use lambda_runtime::Context;

use crate::Invocation;

tokio::task_local! {
    static CURRENT: Option<CurrentInvocation>;
}

/// The request id, X-Ray trace id, tenant id and deadline of the invocation being handled,
/// returned by [`current_invocation`] to any code running for it.
///
/// Cloning is cheap (the three strings share one allocation per invocation). The values come
/// from the runtime's [`Context`], never from the environment: under
/// `lambda_runtime::run_concurrent` the runtime does not set `_X_AMZN_TRACE_ID`, and a
/// process-wide variable could only ever hold one of the invocations in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentInvocation {
    /// The request id, then the trace id, then the tenant id.
    text: Arc<str>,
    /// Where the request id ends in `text`.
    request_end: usize,
    /// Where the trace id ends, if there is one (it starts at `request_end`).
    trace_end: Option<usize>,
    /// Whether the rest of `text` is a tenant id.
    tenant: bool,
    deadline: SystemTime,
}

thread_local! {
    /// Where the three strings are put together before being copied into one allocation.
    static JOINED: RefCell<String> = const { RefCell::new(String::new()) };
}

impl CurrentInvocation {
    /// The facts of the invocation `context` describes.
    #[must_use]
    pub fn from_context(context: &Context) -> Self {
        let trace = context.xray_trace_id.as_deref();
        let tenant = context.tenant_id.as_deref();
        let request_end = context.request_id.len();
        let trace_end = trace.map(|trace| request_end + trace.len());
        let text = JOINED.with_borrow_mut(|joined| {
            joined.clear();
            joined.push_str(&context.request_id);
            joined.push_str(trace.unwrap_or_default());
            joined.push_str(tenant.unwrap_or_default());
            Arc::from(joined.as_str())
        });
        CurrentInvocation {
            text,
            request_end,
            trace_end,
            tenant: tenant.is_some(),
            deadline: context.deadline(),
        }
    }

    /// The AWS request id.
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.text[..self.request_end]
    }

    /// The X-Ray trace header (`Root=...;Parent=...;Sampled=...`), when tracing is on.
    #[must_use]
    pub fn xray_trace_id(&self) -> Option<&str> {
        self.trace_end.map(|end| &self.text[self.request_end..end])
    }

    /// The tenant id, for functions with tenant isolation.
    #[must_use]
    pub fn tenant_id(&self) -> Option<&str> {
        let start = self.trace_end.unwrap_or(self.request_end);
        self.tenant.then(|| &self.text[start..])
    }

    /// When Lambda stops this invocation.
    #[must_use]
    pub fn deadline(&self) -> SystemTime {
        self.deadline
    }

    /// Time left until the deadline, measured now (zero once it has passed).
    #[must_use]
    pub fn remaining(&self) -> Duration {
        self.deadline
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO)
    }

    /// Runs `future` as part of this invocation: [`current_invocation`] returns `self` in it.
    ///
    /// `#[invocation_handler]` does this around every handler body, and
    /// `InvocationTasks` (cargo feature `tasks`) around every task it spawns. Use it for a
    /// handler written without the macro, or for a future handed to another executor.
    pub fn scope<F: Future>(self, future: F) -> impl Future<Output = F::Output> + use<F> {
        CURRENT.scope(Some(self), future)
    }

    /// Runs `f` as part of this invocation, for synchronous code.
    pub fn sync_scope<R>(self, f: impl FnOnce() -> R) -> R {
        CURRENT.sync_scope(Some(self), f)
    }
}

/// The invocation the calling code runs for, or `None` outside any invocation.
///
/// It is set for the body of every [`#[invocation_handler]`](macro@crate::invocation_handler)
/// (from the handler's event), for the finish steps of its state, and for every task spawned
/// through `InvocationTasks` (cargo feature `tasks`). Under `run_concurrent` each invocation
/// sees its own: the value lives in the invocation's task, not in the process.
///
/// It is `None` in a thread or task started otherwise (a bare `tokio::spawn`,
/// `spawn_blocking`, `std::thread::spawn`), and in a handler whose event carries no Lambda
/// context (a plain value passed by a test).
///
/// ```
/// use invocation_scope::{current_invocation, invocation_handler};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::Value;
///
/// /// Deep in a helper: no `Context` parameter needed.
/// fn log(message: &str) {
///     let request_id = current_invocation().map(|now| now.request_id().to_owned());
///     println!("{} {message}", request_id.as_deref().unwrap_or("-"));
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
///     log("handling");
///     Ok(event.payload)
/// }
/// ```
#[must_use]
pub fn current_invocation() -> Option<CurrentInvocation> {
    CURRENT.try_with(Clone::clone).ok().flatten()
}

/// The context the handler's expansion sets for an invocation.
pub(crate) fn of(invocation: Invocation<'_>) -> Option<CurrentInvocation> {
    invocation.context().map(CurrentInvocation::from_context)
}

/// Runs `future` with `current` as the current invocation (`None` hides an enclosing one).
pub(crate) fn scope<F: Future>(
    current: Option<CurrentInvocation>,
    future: F,
) -> impl Future<Output = F::Output> + use<F> {
    CURRENT.scope(current, future)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(request_id: &str) -> Context {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        context.xray_trace_id = Some(format!("Root=1-{request_id}"));
        context.tenant_id = Some("tenant".to_owned());
        context.deadline = 5_000;
        context
    }

    #[test]
    fn nothing_outside_an_invocation() {
        assert!(current_invocation().is_none());
    }

    #[test]
    fn scope_sets_and_restores() {
        let current = CurrentInvocation::from_context(&context("a"));
        let seen = current.clone().sync_scope(|| {
            let inner = CurrentInvocation::from_context(&context("b"))
                .sync_scope(|| current_invocation().map(|c| c.request_id().to_owned()));
            assert_eq!(inner.as_deref(), Some("b"));
            current_invocation()
        });
        assert_eq!(seen, Some(current));
        assert!(current_invocation().is_none());
        let facts = CurrentInvocation::from_context(&context("c"));
        assert_eq!(facts.xray_trace_id(), Some("Root=1-c"));
        assert_eq!(facts.tenant_id(), Some("tenant"));
        assert_eq!(
            facts.deadline(),
            SystemTime::UNIX_EPOCH + Duration::from_secs(5)
        );
        assert_eq!(facts.remaining(), Duration::ZERO);
    }

    #[test]
    fn missing_trace_and_tenant_are_none() {
        let mut bare = context("req");
        bare.xray_trace_id = None;
        bare.tenant_id = None;
        let facts = CurrentInvocation::from_context(&bare);
        assert_eq!(
            (facts.request_id(), facts.xray_trace_id(), facts.tenant_id()),
            ("req", None, None)
        );
        bare.tenant_id = Some("t".to_owned());
        let facts = CurrentInvocation::from_context(&bare);
        assert_eq!(
            (facts.xray_trace_id(), facts.tenant_id()),
            (None, Some("t"))
        );
        bare.xray_trace_id = Some(String::new());
        let facts = CurrentInvocation::from_context(&bare);
        assert_eq!(
            (facts.xray_trace_id(), facts.tenant_id()),
            (Some(""), Some("t"))
        );
    }

    #[test]
    fn none_hides_an_enclosing_invocation() {
        let hidden = CurrentInvocation::from_context(&context("a"))
            .sync_scope(|| CURRENT.sync_scope(None, current_invocation));
        assert!(hidden.is_none());
    }
}
