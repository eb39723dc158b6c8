//! An HTTP Lambda (API Gateway HTTP API, ALB, function URL) whose per-request state is fresh
//! for every invocation and tagged with the request id.

use invocation_scope::{Invocation, invocation_handler, per_invocation};
use lambda_http::{Body, Error, Request, RequestExt as _, Response, service_fn};
use serde_json::{Value, json};

/// The tags one request asked for, deduplicated; built from the invocation's request id.
#[per_invocation(from_invocation = Tags::for_invocation)]
struct Tags {
    request_id: String,
    seen: Vec<String>,
}

impl Tags {
    fn for_invocation(invocation: Invocation<'_>) -> Self {
        Tags {
            request_id: invocation.request_id().unwrap_or("local").to_owned(),
            seen: Vec::new(),
        }
    }

    fn add(&mut self, tag: &str) {
        if !self.seen.iter().any(|seen| seen == tag) {
            self.seen.push(tag.to_owned());
        }
    }
}

/// `GET /tags?tag=a&tag=b&tag=a` → `{"request_id": "…", "tags": ["a", "b"]}`.
#[invocation_handler]
async fn handler(request: Request, tags: &mut Tags) -> Result<Response<Body>, Error> {
    let params = request.query_string_parameters();
    for tag in params.all("tag").into_iter().flatten() {
        tags.add(tag);
    }
    let body: Value = json!({ "request_id": tags.request_id, "tags": tags.seen });
    Ok(Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(Body::Text(body.to_string()))?)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(handler)).await
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use invocation_scope::testing::assert_isolated_async;
    use lambda_http::{Context, LambdaEvent};

    fn get(request_id: &str, tags: &[&str]) -> Request {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        let query: HashMap<String, Vec<String>> = HashMap::from([(
            "tag".to_owned(),
            tags.iter().map(|t| (*t).to_owned()).collect(),
        )]);
        lambda_http::http::Request::builder()
            .uri("https://example.com/tags")
            .body(Body::Empty)
            .expect("a request")
            .with_query_string_parameters(query)
            .with_lambda_context(context)
    }

    fn json_body(response: &Response<Body>) -> Value {
        serde_json::from_slice(response.body().as_ref()).expect("a JSON body")
    }

    #[tokio::test]
    async fn every_warm_request_sees_only_its_own_tags() {
        let cases: [(&str, &[&str], Value); 3] = [
            ("req-1", &["a", "b", "a"], json!(["a", "b"])),
            ("req-2", &["c"], json!(["c"])),
            ("req-3", &[], json!([])),
        ];
        for (request_id, tags, expected) in cases {
            let response = handler(get(request_id, tags)).await.expect("a response");
            assert_eq!(response.status(), 200);
            assert_eq!(
                json_body(&response),
                json!({ "request_id": request_id, "tags": expected })
            );
        }
    }

    /// The test kit replays `LambdaEvent`s: each event's payload is the tags of one request,
    /// turned into the `Request` `lambda_http` would build, with the event's context.
    #[tokio::test]
    async fn no_state_crosses_between_requests() {
        let requests = [vec!["a", "b", "a"], vec![], vec!["c"]];
        assert_isolated_async(
            |event: LambdaEvent<Vec<&str>>| {
                let mut request = get(&event.context.request_id, &event.payload);
                request.extensions_mut().insert(event.context);
                async move {
                    let response = handler(request).await?;
                    Ok::<_, Error>((response.status().as_u16(), json_body(&response)))
                }
            },
            requests,
        )
        .await;
    }
}
