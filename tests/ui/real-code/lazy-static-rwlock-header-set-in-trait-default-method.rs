// A default method of the router's `RoutableHttpEvent` trait, called on the payload, reads a `lazy_static!` `RwLock<HashSet<String>>`.
// Reduced from dev7a/serverless-otlp-forwarder, packages/rust/lambda-lw-http-router/router-core/src/routable_http_event.rs.
// Verdict: refused (a lock inside a `lazy_static!`; `configure_captured_request_headers` rewrites it).
use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use lazy_static::lazy_static;

lazy_static! {
    static ref COMMON_HEADERS: Vec<&'static str> = vec!["accept", "content-type", "origin"];
    static ref CAPTURED_REQUEST_HEADERS: RwLock<HashSet<String>> = {
        let mut headers = HashSet::new();
        headers.extend(COMMON_HEADERS.iter().map(|&h| h.to_string()));
        RwLock::new(headers)
    };
}

/// Configure which request headers should be captured in spans
pub fn configure_captured_request_headers(headers: &[&str]) {
    let mut captured = CAPTURED_REQUEST_HEADERS.write().unwrap();
    captured.clear();
    captured.extend(headers.iter().map(|&h| h.to_lowercase()));
}

pub trait RoutableHttpEvent: Send + Sync + Clone + 'static {
    fn http_method(&self) -> String;

    fn http_headers(&self) -> Option<&HashMap<String, String>> {
        None
    }

    fn set_otel_http_attributes(&self, span: &mut Vec<(String, String)>) {
        span.push(("http.request.method".to_owned(), self.http_method()));
        if let Some(headers) = self.http_headers() {
            let captured = CAPTURED_REQUEST_HEADERS.read().unwrap();
            for (name, value) in headers {
                if captured.contains(&name.to_lowercase()) {
                    span.push((format!("http.request.header.{name}"), value.clone()));
                }
            }
        }
    }
}

/// Stands for `aws_lambda_events::apigw::ApiGatewayV2httpRequest`.
#[derive(Clone)]
pub struct ApiGatewayV2httpRequest {
    pub method: String,
    pub headers: HashMap<String, String>,
}

impl RoutableHttpEvent for ApiGatewayV2httpRequest {
    fn http_method(&self) -> String {
        self.method.clone()
    }

    fn http_headers(&self) -> Option<&HashMap<String, String>> {
        Some(&self.headers)
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<Vec<(String, String)>, Error> {
    let mut span = Vec::new();
    event.payload.set_otel_http_attributes(&mut span);
    Ok(span)
}

fn main() {}
