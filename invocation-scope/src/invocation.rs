//! What the runtime knows about the invocation being handled.

use std::time::{Duration, SystemTime};

use lambda_runtime::Context;

/// Facts about the invocation a per-invocation value is built for.
///
/// `#[invocation_handler]` takes them from the handler's event, the first parameter that is not
/// state: a [`lambda_runtime::LambdaEvent`], a `lambda_http::Request` (cargo feature `http`), or
/// any type that implements [`InvocationSource`]. For any other event (a handler called from a test
/// with a plain value, say) every fact is `None`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Invocation<'a> {
    context: Option<&'a Context>,
}

impl<'a> Invocation<'a> {
    /// An invocation of which nothing is known.
    #[must_use]
    pub const fn unknown() -> Self {
        Invocation { context: None }
    }

    /// The invocation described by a Lambda [`Context`].
    #[must_use]
    pub const fn from_context(context: &'a Context) -> Self {
        Invocation {
            context: Some(context),
        }
    }

    /// The runtime's whole [`Context`], when the event carries one.
    #[must_use]
    pub const fn context(&self) -> Option<&'a Context> {
        self.context
    }

    /// The AWS request id of this invocation.
    #[must_use]
    pub fn request_id(&self) -> Option<&'a str> {
        self.context.map(|context| context.request_id.as_str())
    }

    /// When Lambda stops this invocation.
    #[must_use]
    pub fn deadline(&self) -> Option<SystemTime> {
        self.context.map(Context::deadline)
    }

    /// Time left until the deadline, measured now (zero once it has passed).
    #[must_use]
    pub fn remaining(&self) -> Option<Duration> {
        self.deadline().map(|deadline| {
            deadline
                .duration_since(SystemTime::now())
                .unwrap_or(Duration::ZERO)
        })
    }
}

/// An event that carries the facts of its invocation.
///
/// Implemented for [`lambda_runtime::LambdaEvent`] and, with the cargo feature `http`, for
/// `lambda_http::Request`. Implement it for your own event wrapper so that per-invocation state
/// can read the request id and the deadline from it.
pub trait InvocationSource {
    /// The facts of the invocation this event belongs to.
    fn invocation(&self) -> Invocation<'_>;
}

impl<T> InvocationSource for lambda_runtime::LambdaEvent<T> {
    fn invocation(&self) -> Invocation<'_> {
        Invocation::from_context(&self.context)
    }
}

/// The invocation of a `lambda_http` handler's request (cargo feature `http`).
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<B> InvocationSource for lambda_http::http::Request<B> {
    fn invocation(&self) -> Invocation<'_> {
        use lambda_http::RequestExt as _;
        self.lambda_context_ref()
            .map_or(Invocation::unknown(), Invocation::from_context)
    }
}

impl<T: InvocationSource + ?Sized> InvocationSource for &T {
    fn invocation(&self) -> Invocation<'_> {
        (**self).invocation()
    }
}

impl<T: InvocationSource + ?Sized> InvocationSource for &mut T {
    fn invocation(&self) -> Invocation<'_> {
        (**self).invocation()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_event_lends_its_request_id_and_deadline() {
        let mut context = Context::default();
        context.request_id = "req-1".to_owned();
        context.deadline = 1_000;
        let event = lambda_runtime::LambdaEvent::new((), context);
        let invocation = event.invocation();
        assert_eq!(invocation.request_id(), Some("req-1"));
        assert_eq!(
            invocation.deadline(),
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1))
        );
        assert_eq!(invocation.remaining(), Some(Duration::ZERO));
    }

    #[test]
    fn unknown_invocation_knows_nothing() {
        let invocation = Invocation::unknown();
        assert!(invocation.context().is_none());
        assert!(invocation.request_id().is_none());
        assert!(invocation.deadline().is_none());
        assert!(invocation.remaining().is_none());
    }
}
