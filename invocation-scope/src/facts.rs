//! Facts about the current invocation, injected like per-invocation state.

use std::time::{Duration, SystemTime};

use crate::{Invocation, PerInvocation, cold_start};

/// What is known about the invocation being handled: whether it is the environment's cold start,
/// its request id and its deadline.
///
/// Take it as a `&mut InvocationFacts` parameter of an
/// [`#[invocation_handler]`](macro@crate::invocation_handler): it is built for each invocation,
/// from the handler's event, like any per-invocation state.
///
/// ```
/// use invocation_scope::{invocation_handler, InvocationFacts};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::{json, Value};
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, facts: &mut InvocationFacts) -> Result<Value, Error> {
///     Ok(json!({
///         "cold_start": facts.is_cold_start(),
///         "request_id": facts.request_id(),
///         "ms_left": facts.remaining().map(|left| left.as_millis()),
///     }))
/// }
/// ```
///
/// The cold-start flag is `true` for the first invocation handled by the process (the first
/// `InvocationFacts` built), and only when `AWS_LAMBDA_INITIALIZATION_TYPE` is `on-demand`:
/// with provisioned concurrency or `SnapStart` the init happened before any caller waited, so no
/// invocation is a cold start for its caller. See [`ColdStart`](crate::ColdStart) to test code
/// that depends on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvocationFacts {
    cold_start: bool,
    request_id: Option<String>,
    deadline: Option<SystemTime>,
}

impl InvocationFacts {
    /// The facts of `invocation`, with the cold-start flag given; the handler's parameter claims
    /// the flag from the process instead (see [`ColdStart::claim`](crate::ColdStart::claim)).
    #[must_use]
    pub fn new(invocation: Invocation<'_>, cold_start: bool) -> Self {
        InvocationFacts {
            cold_start,
            request_id: invocation.request_id().map(str::to_owned),
            deadline: invocation.deadline(),
        }
    }

    /// Whether this invocation waited for the execution environment to initialize.
    #[must_use]
    pub fn is_cold_start(&self) -> bool {
        self.cold_start
    }

    /// The AWS request id, when the event carries one.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// When Lambda stops this invocation, when the event carries it.
    #[must_use]
    pub fn deadline(&self) -> Option<SystemTime> {
        self.deadline
    }

    /// Time left until the deadline, measured now (zero once it has passed).
    #[must_use]
    pub fn remaining(&self) -> Option<Duration> {
        self.deadline.map(|deadline| {
            deadline
                .duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO)
        })
    }
}

impl PerInvocation for InvocationFacts {
    fn fresh(invocation: Invocation<'_>) -> Self {
        InvocationFacts::new(invocation, cold_start::claim_for_process())
    }
}
