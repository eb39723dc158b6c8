//! Every example, built by cargo and run as a real Lambda process under the local Runtime API:
//! hundreds of warm invocations in one process, each answer correct and fresh.

use invocation_scope::testing::local_runtime::{Invoked, LocalLambda};
use invocation_scope_tests::built_binaries;
use serde_json::{Value, json};

/// Every example, built together so that cargo builds their dependencies once.
const EXAMPLES: &[&str] = &[
    "global-list",
    "shared-client",
    "http-handler",
    "concurrent",
    "background-tasks",
    "scratch-file",
    "multi-function",
];

fn binary(example: &str) -> std::path::PathBuf {
    built_binaries(EXAMPLES)
        .remove(example)
        .unwrap_or_else(|| panic!("the examples have a binary named {example}"))
}

fn start(example: &str) -> LocalLambda {
    LocalLambda::builder(binary(example))
        .start()
        .unwrap_or_else(|error| panic!("{example} starts: {error}"))
}

fn items(n: usize) -> Vec<String> {
    (0..n % 5).map(|i| format!("{n}.{i}")).collect()
}

/// Invokes `payload(n)` for n in 0..200 one after another and checks each answer with `check`.
fn two_hundred_warm(
    lambda: &LocalLambda,
    payload: impl Fn(usize) -> Value,
    check: impl Fn(usize, &Invoked),
) {
    let pid = lambda.pid();
    for n in 0..200 {
        let invoked = lambda
            .invoke(&payload(n))
            .unwrap_or_else(|error| panic!("invocation {n}: {error}"));
        check(n, &invoked);
    }
    assert_eq!(lambda.pid(), pid);
    assert_eq!(lambda.exit_status(), None, "the process stayed warm");
}

#[test]
fn global_list_answers_only_with_each_invocations_items() {
    let lambda = start("global-list");
    two_hundred_warm(
        &lambda,
        |n| json!({ "items": items(n) }),
        |n, invoked| {
            assert_eq!(
                invoked.response(),
                Some(&json!({ "count": n % 5, "items": items(n) })),
                "invocation {n}"
            );
        },
    );
    lambda.assert_isolated(&[
        json!({ "items": ["a", "b"] }),
        json!({ "items": [] }),
        json!({ "items": ["c"] }),
    ]);
}

#[test]
fn shared_client_prices_each_order_alone() {
    let lambda = start("shared-client");
    let menu = ["apple", "bread", "cheese", "durian"];
    let order = |n: usize| -> Vec<&str> { (0..n % 6).map(|i| menu[(n + i) % 4]).collect() };
    two_hundred_warm(
        &lambda,
        |n| json!({ "items": order(n) }),
        |n, invoked| {
            let items = order(n);
            let price = |item: &&str| match *item {
                "apple" => Some(3),
                "bread" => Some(5),
                "cheese" => Some(12),
                _ => None,
            };
            let total: u32 = items.iter().filter_map(price).sum();
            let priced = items.iter().filter(|item| price(item).is_some()).count();
            let missing: Vec<&str> = items
                .iter()
                .filter(|item| price(item).is_none())
                .copied()
                .collect();
            assert_eq!(
                invoked.response(),
                Some(
                    &json!({ "request_id": invoked.request_id, "total": total, "priced": priced, "missing": missing })
                ),
                "invocation {n}"
            );
        },
    );
}

/// An API Gateway HTTP API (payload 2.0) request for `GET /tags?tag=…`.
fn tags_request(tags: &[String]) -> Value {
    let query: Vec<String> = tags.iter().map(|tag| format!("tag={tag}")).collect();
    json!({
        "version": "2.0",
        "routeKey": "GET /tags",
        "rawPath": "/tags",
        "rawQueryString": query.join("&"),
        "queryStringParameters": if tags.is_empty() { Value::Null } else { json!({ "tag": tags.join(",") }) },
        "headers": { "host": "example.execute-api.us-east-1.amazonaws.com" },
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "example",
            "domainName": "example.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "example",
            "http": {
                "method": "GET",
                "path": "/tags",
                "protocol": "HTTP/1.1",
                "sourceIp": "192.0.2.1",
                "userAgent": "tests"
            },
            "requestId": "example-request",
            "routeKey": "GET /tags",
            "stage": "$default",
            "time": "01/Jan/2024:00:00:00 +0000",
            "timeEpoch": 1_704_067_200_000_u64
        },
        "isBase64Encoded": false
    })
}

#[test]
fn http_handler_answers_each_request_with_its_own_tags() {
    let lambda = start("http-handler");
    // Repeated tags are collected once.
    let tags =
        |n: usize| -> Vec<String> { (0..n % 4).map(|i| format!("t{}", (n + i) % 3)).collect() };
    two_hundred_warm(
        &lambda,
        |n| tags_request(&tags(n)),
        |n, invoked| {
            let response = invoked
                .response()
                .unwrap_or_else(|| panic!("invocation {n}: {invoked:?}"));
            assert_eq!(response["statusCode"], 200, "invocation {n}: {response}");
            let body: Value = serde_json::from_str(response["body"].as_str().expect("a text body"))
                .expect("a JSON body");
            let mut expected: Vec<String> = Vec::new();
            for tag in tags(n) {
                if !expected.contains(&tag) {
                    expected.push(tag);
                }
            }
            assert_eq!(
                body,
                json!({ "request_id": invoked.request_id, "tags": expected }),
                "invocation {n}"
            );
        },
    );
}

fn steps(n: usize) -> Vec<String> {
    (0..n % 4).map(|i| format!("{n}.{i}")).collect()
}

#[test]
fn concurrent_runs_two_hundred_warm_invocations() {
    let lambda = start("concurrent");
    two_hundred_warm(
        &lambda,
        |n| json!({ "steps": steps(n) }),
        |n, invoked| {
            assert_eq!(
                invoked.response(),
                Some(&json!({ "request_id": invoked.request_id, "done": steps(n) })),
                "invocation {n}"
            );
        },
    );
}

#[test]
fn concurrent_keeps_a_thousand_overlapping_invocations_apart() {
    let lambda = LocalLambda::builder(binary("concurrent"))
        .max_concurrency(8)
        .start()
        .expect("concurrent starts");
    let pid = lambda.pid();
    let payloads: Vec<Value> = (0..1000)
        .map(|n| json!({ "steps": steps(n), "pause_ms": 1 }))
        .collect();
    let answers = lambda
        .invoke_all(&payloads)
        .expect("every invocation answers");
    for (n, invoked) in answers.iter().enumerate() {
        assert_eq!(
            invoked.response(),
            Some(&json!({ "request_id": invoked.request_id, "done": steps(n) })),
            "invocation {n} got another's state"
        );
    }
    let held = lambda.max_in_flight();
    assert!(
        (2..=8).contains(&held),
        "the process held {held} invocations at once"
    );
    assert_eq!(lambda.pid(), pid);
}

fn orders(n: usize) -> Value {
    let orders: Vec<Value> = (0..n % 4)
        .map(|i| json!({ "id": format!("{n}.{i}"), "cents": 100 * i, "audit_ms": i }))
        .collect();
    json!({ "orders": orders })
}

#[test]
fn background_tasks_audit_every_order_before_answering() {
    let lambda = start("background-tasks");
    two_hundred_warm(&lambda, orders, |n, invoked| {
        let count = n % 4;
        assert_eq!(
            invoked.response(),
            Some(&json!({
                "orders": count,
                "total_cents": 100 * (0..count).sum::<usize>(),
                "audited": count,
                "not_audited": 0,
            })),
            "invocation {n}"
        );
    });
}

#[test]
fn scratch_file_leaves_nothing_in_its_temp_dir() {
    let tmp = std::env::temp_dir().join(format!("scratch-file-example-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("a temp dir");
    let lambda = LocalLambda::builder(binary("scratch-file"))
        .env("TMPDIR", tmp.to_str().expect("a UTF-8 path"))
        .start()
        .expect("scratch-file starts");
    let csv = |n: usize| {
        let rows = (0..n % 6)
            .map(|i| format!("r{i},{i}\n"))
            .collect::<Vec<_>>()
            .concat();
        json!({ "csv": format!("name,cents\n{rows}") })
    };
    two_hundred_warm(&lambda, csv, |n, invoked| {
        let rows = n % 6;
        assert_eq!(
            invoked.response().map(|answer| &answer["rows"]),
            Some(&json!(rows))
        );
        assert_eq!(
            std::fs::read_dir(&tmp).map(Iterator::count).ok(),
            Some(0),
            "invocation {n}"
        );
    });
    // Fails if an invocation leaves a file in the function's temp dir, naming it.
    lambda.assert_isolated(&[csv(3), csv(0), json!({ "csv": "name,cents\nbad,x\n" })]);
    std::fs::remove_dir_all(&tmp).expect("cleanup");
}

/// The two functions of `multi-function`, each its own process: every answer holds only its
/// invocation's items, and the shared `storage` crate's table name is the same for all.
#[test]
fn multi_function_binaries_answer_each_invocation_alone() {
    let create = start("create-order");
    two_hundred_warm(
        &create,
        |n| json!({ "items": items(n) }),
        |n, invoked| {
            let response = invoked.response().expect("an answer");
            assert_eq!(response["items"], json!(items(n)), "invocation {n}");
            assert_eq!(
                response["total_cents"],
                json!(100 * (n % 5)),
                "invocation {n}"
            );
            assert_eq!(response["table"], "orders", "invocation {n}");
        },
    );
    let get = start("get-order");
    two_hundred_warm(
        &get,
        |n| json!({ "order_id": format!("order-{n}") }),
        |n, invoked| {
            let response = invoked.response().expect("an answer");
            assert_eq!(response["order_id"], format!("order-{n}"), "invocation {n}");
            assert_eq!(response["found"], false, "invocation {n}");
        },
    );
    get.assert_isolated(&[json!({ "order_id": "a" }), json!({ "order_id": "b" })]);
}
