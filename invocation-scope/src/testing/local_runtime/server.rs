//! The Lambda Runtime API, as AWS documents it, served on `127.0.0.1` to one Lambda process.
//!
//! <https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html>

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};

use super::FunctionError;
use crate::testing::ids;

const NEXT: &str = "/2018-06-01/runtime/invocation/next";
const INVOCATION: &str = "/2018-06-01/runtime/invocation/";
const INIT_ERROR: &str = "/2018-06-01/runtime/init/error";
const RESTORE_NEXT: &str = "/2018-06-01/runtime/restore/next";
const RESTORE_ERROR: &str = "/2018-06-01/runtime/restore/error";

/// Lambda's limit on a synchronous response.
const MAX_RESPONSE_BYTES: usize = 6 * 1024 * 1024;

/// An invocation waiting for the function to ask for it.
pub(super) struct Queued {
    pub(super) request_id: String,
    pub(super) trace_id: String,
    pub(super) tenant_id: Option<String>,
    pub(super) payload: Bytes,
    /// Told the deadline (ms since the epoch) when the function takes the invocation.
    pub(super) taken: oneshot::Sender<u64>,
    pub(super) answer: oneshot::Sender<Answer>,
}

/// What the function posted for an invocation.
pub(super) enum Answer {
    Response(Bytes),
    Error(FunctionError),
}

/// Facts every invocation carries.
pub(super) struct Function {
    pub(super) arn: String,
    pub(super) timeout: Duration,
}

struct Shared {
    function: Function,
    /// Several long-polls may wait at once (`run_concurrent`); each takes the next in turn.
    queue: tokio::sync::Mutex<mpsc::UnboundedReceiver<Queued>>,
    /// Invocations handed out and not yet answered.
    in_flight: Mutex<HashMap<String, oneshot::Sender<Answer>>>,
    /// Set by the first `next`: Lambda counts init as done when the runtime asks for work.
    polled: watch::Sender<bool>,
    init_error: watch::Sender<Option<FunctionError>>,
    max_in_flight: Arc<AtomicUsize>,
}

/// The running server: where it listens and how to reach its state.
pub(super) struct RuntimeApi {
    pub(super) address: SocketAddr,
    pub(super) queue: mpsc::UnboundedSender<Queued>,
    pub(super) polled: watch::Receiver<bool>,
    pub(super) init_error: watch::Receiver<Option<FunctionError>>,
    /// The most invocations the function held at once.
    pub(super) max_in_flight: Arc<AtomicUsize>,
}

impl RuntimeApi {
    /// Binds an ephemeral port on `127.0.0.1` and serves until the runtime is dropped.
    pub(super) async fn start(function: Function) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let (queue, queued) = mpsc::unbounded_channel();
        let (polled, polled_rx) = watch::channel(false);
        let (init_error, init_error_rx) = watch::channel(None);
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let shared = Arc::new(Shared {
            function,
            queue: tokio::sync::Mutex::new(queued),
            in_flight: Mutex::new(HashMap::new()),
            polled,
            init_error,
            max_in_flight: Arc::clone(&max_in_flight),
        });
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = Arc::clone(&shared);
                let service = hyper::service::service_fn(move |request| {
                    let shared = Arc::clone(&shared);
                    async move { Ok::<_, Infallible>(route(&shared, request).await) }
                });
                tokio::spawn(async move {
                    // A connection ends when the process exits; nothing to report then.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(RuntimeApi {
            address,
            queue,
            polled: polled_rx,
            init_error: init_error_rx,
            max_in_flight,
        })
    }
}

type Reply = Response<Full<Bytes>>;

async fn route(shared: &Shared, request: Request<Incoming>) -> Reply {
    let path = request.uri().path().to_owned();
    match (request.method(), path.as_str()) {
        (&Method::GET, NEXT) => next(shared).await,
        (&Method::POST, INIT_ERROR | RESTORE_ERROR) => {
            let error = read_error(request).await;
            shared.init_error.send_replace(Some(error));
            accepted()
        }
        // SnapStart: this process is never snapshotted, so it is "restored" at once.
        (&Method::GET, RESTORE_NEXT) => Response::new(Full::default()),
        (&Method::POST, _) => match path
            .strip_prefix(INVOCATION)
            .and_then(|rest| rest.split_once('/'))
        {
            Some((id, "response")) => answer(shared, id, request, false).await,
            Some((id, "error")) => answer(shared, id, request, true).await,
            _ => not_found(),
        },
        _ => not_found(),
    }
}

/// `GET /runtime/invocation/next`: waits for an invocation and hands it out with its headers.
async fn next(shared: &Shared) -> Reply {
    shared.polled.send_replace(true);
    let queued = shared.queue.lock().await.recv().await;
    let Some(queued) = queued else {
        return status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Runtime.Shutdown",
            "no more invocations",
        );
    };
    let deadline = ids::deadline_ms(shared.function.timeout);
    {
        let mut in_flight = shared
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        in_flight.insert(queued.request_id.clone(), queued.answer);
        shared
            .max_in_flight
            .fetch_max(in_flight.len(), Ordering::Relaxed);
    }
    // The invoker stopped waiting (its test failed): the function still gets the event.
    let _ = queued.taken.send(deadline);
    let mut response = Response::new(Full::new(queued.payload));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    for (name, value) in [
        ("lambda-runtime-aws-request-id", queued.request_id),
        ("lambda-runtime-deadline-ms", deadline.to_string()),
        (
            "lambda-runtime-invoked-function-arn",
            shared.function.arn.clone(),
        ),
        ("lambda-runtime-trace-id", queued.trace_id),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    if let Some(tenant_id) = queued.tenant_id
        && let Ok(value) = HeaderValue::from_str(&tenant_id)
    {
        headers.insert("lambda-runtime-aws-tenant-id", value);
    }
    response
}

/// `POST /runtime/invocation/{id}/response` or `/error`.
async fn answer(shared: &Shared, id: &str, request: Request<Incoming>, is_error: bool) -> Reply {
    let Some(waiting) = shared
        .in_flight
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(id)
    else {
        return status(
            StatusCode::BAD_REQUEST,
            "InvalidRequestID",
            &format!("no invocation {id} is waiting for an answer"),
        );
    };
    let (answer, reply) = if is_error {
        (Answer::Error(read_error(request).await), accepted())
    } else {
        match request
            .into_body()
            .collect()
            .await
            .map(http_body_util::Collected::to_bytes)
        {
            Ok(body) if body.len() > MAX_RESPONSE_BYTES => (
                Answer::Error(FunctionError {
                    error_type: "Function.ResponseSizeTooLarge".to_owned(),
                    error_message: format!(
                        "the response is larger than {MAX_RESPONSE_BYTES} bytes"
                    ),
                }),
                status(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "RequestEntityTooLarge",
                    "response too large",
                ),
            ),
            Ok(body) => (Answer::Response(body), accepted()),
            Err(error) => (
                Answer::Error(FunctionError {
                    error_type: "Runtime.ResponseBodyError".to_owned(),
                    error_message: error.to_string(),
                }),
                status(
                    StatusCode::BAD_REQUEST,
                    "InvalidResponseBody",
                    &error.to_string(),
                ),
            ),
        }
    };
    // The invoker may have given up waiting; the function still gets its 202.
    let _ = waiting.send(answer);
    reply
}

/// The body of an error post: `{"errorType", "errorMessage"}`, else the raw text.
async fn read_error(request: Request<Incoming>) -> FunctionError {
    let error_type = request
        .headers()
        .get("lambda-runtime-function-error-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("Unhandled")
        .to_owned();
    let body = request
        .into_body()
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    serde_json::from_slice(&body).unwrap_or_else(|_| FunctionError {
        error_type,
        error_message: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn accepted() -> Reply {
    let mut response = Response::new(Full::new(Bytes::from_static(br#"{"status":"OK"}"#)));
    *response.status_mut() = StatusCode::ACCEPTED;
    response
}

fn not_found() -> Reply {
    status(
        StatusCode::NOT_FOUND,
        "NotFound",
        "not a Lambda Runtime API path",
    )
}

fn status(code: StatusCode, error_type: &str, message: &str) -> Reply {
    let body = serde_json::json!({ "errorType": error_type, "errorMessage": message });
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = code;
    response
}
