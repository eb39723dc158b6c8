//! A local Lambda Runtime API that runs a compiled Lambda binary as Lambda would (cargo feature
//! `local-runtime`).
//!
//! [`LocalLambda`] serves the
//! [Runtime API](https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) on `127.0.0.1`
//! (an ephemeral port), starts the binary with the environment Lambda gives a function
//! (`AWS_LAMBDA_RUNTIME_API`, `AWS_LAMBDA_FUNCTION_NAME`, memory, version, log group and stream,
//! and `AWS_LAMBDA_MAX_CONCURRENCY` when asked), and hands it invocations, one by one or many at
//! once, each with its own request id, trace id and deadline. The process stays up between
//! invocations, so state that leaks across warm starts shows in the responses.
//!
//! Every wait has a timeout, a crash or an init error is reported as such ([`HarnessError`]),
//! and the process is killed when the [`LocalLambda`] is dropped.
//!
//! ```no_run
//! use invocation_scope::testing::local_runtime::LocalLambda;
//! use serde_json::json;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // In an integration test of the package that defines the binary `my-lambda`:
//! // let lambda = LocalLambda::builder(env!("CARGO_BIN_EXE_my-lambda")).start()?;
//! let lambda = LocalLambda::builder("target/debug/my-lambda").start()?;
//! let first = lambda.invoke(&json!({ "items": ["a"] }))?;
//! let second = lambda.invoke(&json!({ "items": ["b"] }))?;
//! assert_eq!(second.response(), Some(&json!({ "count": 1, "items": ["b"] })));
//! # let _ = first;
//! # Ok(())
//! # }
//! ```
//!
//! Only buffered responses are read: a streaming response (`Lambda-Runtime-Function-Response-Mode:
//! streaming`) is not decoded.

mod error;
mod process;
mod server;

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::Value;
use tokio::sync::oneshot;

pub use error::{FunctionError, HarnessError};

use super::Outcome;
use super::divergence::Schedule;
use super::ids;
use super::isolation::{Firsts, rounds};
use super::left_behind::{self, LeftBehind};
use process::Process;
use server::{Answer, Function, Queued, RuntimeApi};

/// Settings of a [`LocalLambda`]; [`LocalLambdaBuilder::start`] starts it.
#[derive(Clone, Debug)]
pub struct LocalLambdaBuilder {
    binary: PathBuf,
    function_name: String,
    memory_mb: u32,
    version: String,
    timeout: Duration,
    max_concurrency: Option<u32>,
    initialization_type: String,
    tenant_id: Option<String>,
    start_timeout: Duration,
    queue_timeout: Duration,
    env: Vec<(String, String)>,
}

impl LocalLambdaBuilder {
    /// Names the function (default: the binary's file name).
    #[must_use]
    pub fn function_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.function_name);
        self
    }

    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` (default 128).
    #[must_use]
    pub fn memory_mb(mut self, memory_mb: u32) -> Self {
        self.memory_mb = memory_mb;
        self
    }

    /// `AWS_LAMBDA_FUNCTION_VERSION` (default `$LATEST`).
    #[must_use]
    pub fn version(mut self, version: &str) -> Self {
        version.clone_into(&mut self.version);
        self
    }

    /// The function's timeout (default 30 s): each invocation's deadline is this long after
    /// the function takes it, and an invocation not answered by then is reported as timed out.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets `AWS_LAMBDA_MAX_CONCURRENCY`, under which `lambda_runtime::run_concurrent` runs
    /// that many invocations at once (unset by default, as on classic Lambda).
    #[must_use]
    pub fn max_concurrency(mut self, max_concurrency: u32) -> Self {
        self.max_concurrency = Some(max_concurrency);
        self
    }

    /// `AWS_LAMBDA_INITIALIZATION_TYPE` (default `on-demand`; `snap-start` makes the runtime
    /// run its `SnapStart` hooks, whose failure it reports to `/runtime/init/error`).
    #[must_use]
    pub fn initialization_type(mut self, initialization_type: &str) -> Self {
        initialization_type.clone_into(&mut self.initialization_type);
        self
    }

    /// A tenant id every invocation carries (`Lambda-Runtime-Aws-Tenant-Id`), as for a
    /// function with tenant isolation; `lambda_runtime` puts it in `Context::tenant_id`.
    /// Default: none.
    #[must_use]
    pub fn tenant_id(mut self, tenant_id: &str) -> Self {
        self.tenant_id = Some(tenant_id.to_owned());
        self
    }

    /// How long the process may take to ask for its first invocation (default 30 s).
    #[must_use]
    pub fn start_timeout(mut self, start_timeout: Duration) -> Self {
        self.start_timeout = start_timeout;
        self
    }

    /// How long an invocation may wait for the function to take it (default 60 s).
    #[must_use]
    pub fn queue_timeout(mut self, queue_timeout: Duration) -> Self {
        self.queue_timeout = queue_timeout;
        self
    }

    /// Adds an environment variable, as a function's configuration does.
    #[must_use]
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Serves the Runtime API, starts the binary and waits until it asks for its first
    /// invocation, which is when Lambda counts its init as done.
    ///
    /// # Errors
    ///
    /// The port or the process cannot be started ([`HarnessError::Io`]), the function reports
    /// an init error ([`HarnessError::InitError`]), exits ([`HarnessError::Exited`]) or asks for
    /// nothing within the start timeout ([`HarnessError::TimedOut`]).
    pub fn start(self) -> Result<LocalLambda, HarnessError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("local-runtime-api")
            .enable_all()
            .build()
            .map_err(|source| {
                io_error(
                    "building the Tokio runtime of the local Runtime API",
                    source,
                )
            })?;
        let function = Function {
            arn: format!(
                "arn:aws:lambda:us-east-1:123456789012:function:{}",
                self.function_name
            ),
            timeout: self.timeout,
        };
        let api = runtime
            .block_on(RuntimeApi::start(function))
            .map_err(|source| io_error("binding 127.0.0.1 for the local Runtime API", source))?;
        let env = self.environment(&api);
        let process = {
            let _inside = runtime.enter();
            Process::spawn(
                &self.binary,
                &env,
                &["AWS_LAMBDA_MAX_CONCURRENCY", "_X_AMZN_TRACE_ID"],
            )
            .map_err(|source| io_error(&format!("starting {}", self.binary.display()), source))?
        };
        let lambda = LocalLambda {
            api,
            process,
            settings: self,
            runtime,
        };
        lambda.wait_for_init()?;
        Ok(lambda)
    }

    fn environment(&self, api: &RuntimeApi) -> Vec<(String, String)> {
        let log_stream = format!(
            "local/[{}]{}",
            self.version,
            ids::request_id().replace('-', "")
        );
        let mut env: Vec<(String, String)> = [
            ("AWS_LAMBDA_RUNTIME_API", api.address.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", self.function_name.clone()),
            (
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                self.memory_mb.to_string(),
            ),
            ("AWS_LAMBDA_FUNCTION_VERSION", self.version.clone()),
            (
                "AWS_LAMBDA_LOG_GROUP_NAME",
                format!("/aws/lambda/{}", self.function_name),
            ),
            ("AWS_LAMBDA_LOG_STREAM_NAME", log_stream),
            (
                "AWS_LAMBDA_INITIALIZATION_TYPE",
                self.initialization_type.clone(),
            ),
            ("AWS_REGION", "us-east-1".to_owned()),
            ("AWS_DEFAULT_REGION", "us-east-1".to_owned()),
            ("AWS_EXECUTION_ENV", "AWS_Lambda_provided.al2023".to_owned()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
        if let Some(max_concurrency) = self.max_concurrency {
            env.push((
                "AWS_LAMBDA_MAX_CONCURRENCY".to_owned(),
                max_concurrency.to_string(),
            ));
        }
        env.extend(self.env.iter().cloned());
        env
    }
}

/// A Lambda binary running under a local Runtime API. Dropping it kills the process.
///
/// Its methods block: call them from a plain `#[test]`, not from inside an async runtime.
pub struct LocalLambda {
    api: RuntimeApi,
    process: Process,
    settings: LocalLambdaBuilder,
    // Declared last so it is dropped last: the server and the watcher run on it.
    runtime: tokio::runtime::Runtime,
}

/// One invocation and what the function answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Invoked {
    /// The request id it was invoked with (`Lambda-Runtime-Aws-Request-Id`).
    pub request_id: String,
    /// The trace header it was invoked with (`Lambda-Runtime-Trace-Id`).
    pub trace_id: String,
    /// Its deadline, in milliseconds since the Unix epoch (`Lambda-Runtime-Deadline-Ms`).
    pub deadline_ms: u64,
    /// The JSON response, or the function error it reported.
    pub result: Result<Value, FunctionError>,
}

impl Invoked {
    /// The response, if the function answered with one.
    #[must_use]
    pub fn response(&self) -> Option<&Value> {
        self.result.as_ref().ok()
    }

    /// The function error, if the function reported one.
    #[must_use]
    pub fn error(&self) -> Option<&FunctionError> {
        self.result.as_ref().err()
    }
}

impl LocalLambda {
    /// Settings for running `binary`, e.g. `env!("CARGO_BIN_EXE_my-lambda")` in an integration
    /// test.
    pub fn builder(binary: impl AsRef<Path>) -> LocalLambdaBuilder {
        let binary = binary.as_ref().to_path_buf();
        let function_name = binary.file_stem().map_or_else(
            || "function".to_owned(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        LocalLambdaBuilder {
            binary,
            function_name,
            memory_mb: 128,
            version: "$LATEST".to_owned(),
            timeout: Duration::from_secs(30),
            max_concurrency: None,
            initialization_type: "on-demand".to_owned(),
            tenant_id: None,
            start_timeout: Duration::from_secs(30),
            queue_timeout: Duration::from_mins(1),
            env: Vec::new(),
        }
    }

    /// The process id of the Lambda process: the same for every warm invocation.
    #[must_use]
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }

    /// The exit status, if the process has exited.
    #[must_use]
    pub fn exit_status(&self) -> Option<ExitStatus> {
        self.process.exit_status()
    }

    /// The last lines the process wrote to stdout and stderr.
    #[must_use]
    pub fn logs(&self) -> Vec<String> {
        self.process.logs().lines()
    }

    /// The most invocations the function held at the same time so far (taken with
    /// `next`, not yet answered): 1 for `lambda_runtime::run`, up to
    /// `AWS_LAMBDA_MAX_CONCURRENCY` for `run_concurrent`.
    #[must_use]
    pub fn max_in_flight(&self) -> usize {
        self.api.max_in_flight.load(Ordering::Relaxed)
    }

    /// Fails the test if the running process gives one of `payloads` two different answers:
    /// every payload is invoked three times, one invocation after another, the second round in
    /// reverse order, and each answer is compared with the payload's first. Each invocation has
    /// its own request id, so this suits functions whose answer does not contain it. When the
    /// function has its own temp dir (`.env("TMPDIR", dir)`, as each Lambda execution
    /// environment has its own `/tmp`), it also fails when an invocation leaves new entries
    /// there, naming the invocation ([`LeftBehind`]).
    ///
    /// # Panics
    ///
    /// With the [`Divergence`](super::Divergence) report, with the
    /// [`NoResponse`](super::NoResponse) report when every invocation failed (nothing was
    /// compared), or with the [`HarnessError`] if the process fails to answer.
    #[track_caller]
    pub fn assert_isolated<T: Serialize + Debug>(&self, payloads: &[T]) {
        let described = payloads
            .iter()
            .map(|payload| format!("{payload:?}"))
            .collect();
        let mut firsts = Firsts::new(described, Schedule::Warm);
        let temp_dir = self.temp_dir();
        for (invocation, index) in rounds(3, payloads.len()) {
            let before = temp_dir.as_deref().map(left_behind::entries);
            let invoked = self
                .invoke(&payloads[index])
                .unwrap_or_else(|error| panic!("invocation {invocation}: {error}"));
            let leftover = temp_dir.as_deref().zip(before).and_then(|(dir, before)| {
                left_behind::new_files(
                    dir,
                    &invoked.request_id,
                    &before,
                    &left_behind::entries(dir),
                )
            });
            if let Some(leftover) = leftover {
                let report = LeftBehind {
                    invocation,
                    request_id: invoked.request_id,
                    payload: format!("{:?}", payloads[index]),
                    leftover,
                };
                panic!("{report}");
            }
            let outcome = match invoked.result {
                Ok(response) => Outcome::Response(response),
                Err(error) => Outcome::Error {
                    error_type: error.error_type,
                    error_message: error.error_message,
                },
            };
            if let Err(divergence) = firsts.compare(
                index,
                super::Observed {
                    invocation,
                    outcome,
                },
            ) {
                panic!("{divergence}");
            }
        }
        if let Err(failure) = firsts.finish(false) {
            panic!("{failure}");
        }
    }

    /// The function's own temp dir, if [`LocalLambdaBuilder::env`] gave it a `TMPDIR`.
    fn temp_dir(&self) -> Option<PathBuf> {
        self.settings
            .env
            .iter()
            .rev()
            .find(|(name, _)| name == "TMPDIR")
            .map(|(_, dir)| PathBuf::from(dir))
    }

    /// Invokes the function with `payload` and waits for its answer.
    ///
    /// # Errors
    ///
    /// The process exits, is not answering in time, or answers with something other than JSON.
    /// A function error is not an `Err`: it is in [`Invoked::result`].
    pub fn invoke(&self, payload: &impl Serialize) -> Result<Invoked, HarnessError> {
        self.invoke_all(std::iter::once(payload))
            .map(|mut invoked| invoked.remove(0))
    }

    /// Queues one invocation per payload at once (the function takes as many at a time as its
    /// concurrency allows) and waits for all of them. The answers are in the payloads' order.
    ///
    /// # Errors
    ///
    /// The first failure of the harness (see [`LocalLambda::invoke`]).
    pub fn invoke_all<T: Serialize>(
        &self,
        payloads: impl IntoIterator<Item = T>,
    ) -> Result<Vec<Invoked>, HarnessError> {
        let mut waits = Vec::new();
        for payload in payloads {
            let payload =
                serde_json::to_vec(&payload).map_err(|error| HarnessError::Malformed {
                    request_id: "(not yet invoked)".to_owned(),
                    reason: format!("the payload cannot be serialized: {error}"),
                })?;
            let (taken, taken_rx) = oneshot::channel();
            let (answer, answer_rx) = oneshot::channel();
            let queued = Queued {
                request_id: ids::request_id(),
                trace_id: ids::trace_id(),
                tenant_id: self.settings.tenant_id.clone(),
                payload: payload.into(),
                taken,
                answer,
            };
            waits.push(
                self.runtime
                    .spawn(self.wait_for_answer(&queued, taken_rx, answer_rx)),
            );
            // Sending fails only once the server is gone, which the wait then reports.
            let _ = self.api.queue.send(queued);
        }
        self.runtime.block_on(async {
            let mut invoked = Vec::with_capacity(waits.len());
            for wait in waits {
                invoked.push(
                    wait.await
                        .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()))?,
                );
            }
            Ok(invoked)
        })
    }

    /// Kills the process and returns how it ended.
    ///
    /// # Errors
    ///
    /// It did not end within 10 seconds of being killed.
    pub fn stop(mut self) -> Result<ExitStatus, HarnessError> {
        self.process.kill();
        let after = Duration::from_secs(10);
        let exited = self.process.exited();
        self.runtime
            .block_on(async move { tokio::time::timeout(after, exited).await })
            .map_err(|_| HarnessError::TimedOut {
                waiting_for: "the killed process to exit".to_owned(),
                after,
                logs: self.process.logs().lines(),
            })
    }

    fn wait_for_init(&self) -> Result<(), HarnessError> {
        let mut polled = self.api.polled.clone();
        let init_error = when_set(self.api.init_error.clone());
        let exited = self.process.exited();
        let after = self.settings.start_timeout;
        let logs = self.process.logs();
        self.runtime.block_on(async move {
            tokio::select! {
                biased;
                error = init_error => Err(HarnessError::InitError { error, logs: logs.lines() }),
                _ = polled.wait_for(|polled| *polled) => Ok(()),
                status = exited => Err(HarnessError::Exited { status, request_id: None, logs: logs.lines() }),
                () = tokio::time::sleep(after) => Err(HarnessError::TimedOut {
                    waiting_for: "the function to ask for its first invocation".to_owned(),
                    after,
                    logs: logs.lines(),
                }),
            }
        })
    }

    /// Waits, with timeouts, for the function to take the invocation and then to answer it.
    fn wait_for_answer(
        &self,
        queued: &Queued,
        taken: oneshot::Receiver<u64>,
        answer: oneshot::Receiver<Answer>,
    ) -> impl Future<Output = Result<Invoked, HarnessError>> + Send + 'static {
        let request_id = queued.request_id.clone();
        let trace_id = queued.trace_id.clone();
        let exited = self.process.exited();
        let logs = self.process.logs();
        let queue_timeout = self.settings.queue_timeout;
        async move {
            tokio::pin!(exited);
            let exited_during = |status, request_id: &str| HarnessError::Exited {
                status,
                request_id: Some(request_id.to_owned()),
                logs: logs.lines(),
            };
            let deadline_ms = tokio::select! {
                biased;
                taken = tokio::time::timeout(queue_timeout, taken) => match taken {
                    Ok(Ok(deadline_ms)) => deadline_ms,
                    Ok(Err(_)) | Err(_) => return Err(HarnessError::TimedOut {
                        waiting_for: format!("the function to take invocation {request_id}"),
                        after: queue_timeout,
                        logs: logs.lines(),
                    }),
                },
                status = &mut exited => return Err(exited_during(status, &request_id)),
            };
            // A little past the deadline, since the function's own clock decides it.
            let allowed = time_until(deadline_ms) + Duration::from_secs(1);
            let answer = tokio::select! {
                biased;
                answer = tokio::time::timeout(allowed, answer) => match answer {
                    Ok(Ok(answer)) => answer,
                    Ok(Err(_)) | Err(_) => return Err(HarnessError::TimedOut {
                        waiting_for: format!("the answer to invocation {request_id} (its deadline passed)"),
                        after: allowed,
                        logs: logs.lines(),
                    }),
                },
                status = &mut exited => return Err(exited_during(status, &request_id)),
            };
            let result = match answer {
                Answer::Error(error) => Err(error),
                Answer::Response(body) => {
                    Ok(
                        serde_json::from_slice(&body).map_err(|error| HarnessError::Malformed {
                            request_id: request_id.clone(),
                            reason: format!("the response is not JSON: {error}"),
                        })?,
                    )
                }
            };
            Ok(Invoked {
                request_id,
                trace_id,
                deadline_ms,
                result,
            })
        }
    }
}

impl Drop for LocalLambda {
    fn drop(&mut self) {
        self.process.kill();
        // Reap it, unless dropped inside an async context where blocking is not allowed; the
        // runtime's drop then drops the child, whose `kill_on_drop` ends it.
        if tokio::runtime::Handle::try_current().is_err() {
            let exited = self.process.exited();
            let _ = self.runtime.block_on(async move {
                tokio::time::timeout(Duration::from_secs(10), exited).await
            });
        }
    }
}

fn io_error(action: &str, source: std::io::Error) -> HarnessError {
    HarnessError::Io {
        action: action.to_owned(),
        source,
    }
}

/// Resolves with the value once `value` holds one.
async fn when_set<T: Clone>(mut value: tokio::sync::watch::Receiver<Option<T>>) -> T {
    loop {
        if let Some(set) = value.borrow_and_update().clone() {
            return set;
        }
        if value.changed().await.is_err() {
            // The sender lives as long as the runtime: nothing more will come.
            std::future::pending::<()>().await;
        }
    }
}

fn time_until(deadline_ms: u64) -> Duration {
    (UNIX_EPOCH + Duration::from_millis(deadline_ms))
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO)
}
