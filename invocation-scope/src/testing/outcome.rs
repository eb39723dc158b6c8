//! What one invocation of a handler produced, in the form Lambda would return it.

use std::any::Any;
use std::fmt;
use std::future::Future;

use lambda_runtime::Diagnostic;
use serde::Serialize;
use serde_json::Value;

/// How an invocation ended, as the caller of the Lambda function would see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The handler returned `Ok`; the response as the JSON Lambda would send back.
    Response(Value),
    /// The handler returned `Err`, reported as Lambda reports a function error.
    Error {
        /// `errorType`: by default the Rust type name of the error.
        error_type: String,
        /// `errorMessage`: the error's `Display`.
        error_message: String,
    },
    /// The handler panicked; `lambda_runtime` reports this as a function error too.
    Panic(String),
}

impl Outcome {
    /// The response, if the handler returned `Ok`.
    #[must_use]
    pub fn response(&self) -> Option<&Value> {
        match self {
            Outcome::Response(value) => Some(value),
            _ => None,
        }
    }

    /// The outcome of a handler's result, converted as `lambda_runtime` converts it.
    pub(crate) fn of_result<R: Serialize, E: Into<Diagnostic>>(result: Result<R, E>) -> Self {
        match result {
            Ok(response) => match serde_json::to_value(response) {
                Ok(value) => Outcome::Response(value),
                Err(error) => Outcome::Error {
                    error_type: "serde_json::Error".to_owned(),
                    error_message: format!("the response cannot be serialized: {error}"),
                },
            },
            Err(error) => {
                let diagnostic = error.into();
                Outcome::Error {
                    error_type: diagnostic.error_type,
                    error_message: diagnostic.error_message,
                }
            }
        }
    }

    /// The outcome of a panic, from its payload.
    pub(crate) fn of_panic(payload: &(dyn Any + Send)) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .map(|message| (*message).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with a non-string payload".to_owned());
        Outcome::Panic(message)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Response(value) => write!(f, "response {value}"),
            Outcome::Error {
                error_type,
                error_message,
            } => write!(f, "error {error_type}: {error_message}"),
            Outcome::Panic(message) => write!(f, "panic: {message}"),
        }
    }
}

/// Awaits one invocation inside the caller's runtime, turning a panic into [`Outcome::Panic`].
pub(crate) async fn caught_outcome<Fut, R, E>(invocation: Fut) -> Outcome
where
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    use futures_util::FutureExt as _;

    match std::panic::AssertUnwindSafe(invocation)
        .catch_unwind()
        .await
    {
        Ok(result) => Outcome::of_result(result),
        Err(payload) => Outcome::of_panic(payload.as_ref()),
    }
}
