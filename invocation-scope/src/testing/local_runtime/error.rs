//! What can go wrong when a Lambda binary runs under the local Runtime API.

use std::fmt;
use std::process::ExitStatus;
use std::time::Duration;

use serde::Deserialize;

/// A function error, as the Lambda binary reported it to `/invocation/{id}/error` or
/// `/init/error`: what a caller of the function receives.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionError {
    /// `errorType`, e.g. the Rust type name of the handler's error, or `&str` for a panic.
    pub error_type: String,
    /// `errorMessage`.
    pub error_message: String,
}

impl fmt::Display for FunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error_type, self.error_message)
    }
}

/// The Lambda process did not behave as the Runtime API expects. A function error is not one
/// of these: it is an ordinary result of an invocation.
#[derive(Debug)]
#[non_exhaustive]
pub enum HarnessError {
    /// Starting the local Runtime API or the process failed.
    Io {
        /// What was being done.
        action: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The function reported an error during its initialization (`/runtime/init/error`).
    InitError {
        /// The reported error.
        error: FunctionError,
        /// The last lines the process wrote to stdout and stderr.
        logs: Vec<String>,
    },
    /// The process exited: during init if `request_id` is `None`, else while that invocation
    /// was waiting for it.
    Exited {
        /// How it exited.
        status: ExitStatus,
        /// The invocation that was waiting.
        request_id: Option<String>,
        /// The last lines the process wrote to stdout and stderr.
        logs: Vec<String>,
    },
    /// Nothing came within the time allowed.
    TimedOut {
        /// What was awaited.
        waiting_for: String,
        /// How long it was awaited.
        after: Duration,
        /// The last lines the process wrote to stdout and stderr.
        logs: Vec<String>,
    },
    /// The process answered an invocation with something that is not JSON.
    Malformed {
        /// The invocation.
        request_id: String,
        /// Why the answer could not be read.
        reason: String,
    },
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let logs = match self {
            HarnessError::Io { action, source } => return write!(f, "{action}: {source}"),
            HarnessError::Malformed { request_id, reason } => {
                return write!(
                    f,
                    "the answer to invocation {request_id} is malformed: {reason}"
                );
            }
            HarnessError::InitError { error, logs } => {
                write!(f, "the function failed to initialize: {error}")?;
                logs
            }
            HarnessError::Exited {
                status,
                request_id: None,
                logs,
            } => {
                write!(f, "the Lambda process exited during init ({status})")?;
                logs
            }
            HarnessError::Exited {
                status,
                request_id: Some(id),
                logs,
            } => {
                write!(
                    f,
                    "the Lambda process exited during invocation {id} ({status})"
                )?;
                logs
            }
            HarnessError::TimedOut {
                waiting_for,
                after,
                logs,
            } => {
                write!(f, "waited {after:?} for {waiting_for}")?;
                logs
            }
        };
        if !logs.is_empty() {
            write!(f, "\n--- last output of the process ---")?;
            for line in logs {
                write!(f, "\n{line}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HarnessError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
