//! `cargo run -p invocation-scope-tests --bin demo`: the same events sent to two real Lambda
//! processes under a local Runtime API, one invocation after another as warm starts are. The
//! naive version keeps its list in a `static` and its answers grow; the `global-list` example
//! keeps it in `#[per_invocation]` state and answers each event alone.

use std::process::ExitCode;

use invocation_scope::testing::local_runtime::{Invoked, LocalLambda};
use invocation_scope_tests::built_binaries;
use serde_json::json;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("demo failed: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    eprintln!("building the two Lambda binaries...");
    let binaries = built_binaries(&["global-list", "invocation-scope-tests"]);
    let naive = LocalLambda::builder(&binaries["naive-global-list"]).start()?;
    let scoped = LocalLambda::builder(&binaries["global-list"]).start()?;
    println!(
        "Five warm invocations of each function (pids {} and {}):\n",
        naive.pid(),
        scoped.pid()
    );
    let events = [
        json!({ "items": ["apple"] }),
        json!({ "items": ["bread", "cheese"] }),
        json!({ "items": [] }),
        json!({ "items": ["dates"] }),
        json!({ "items": ["eggs"] }),
    ];
    for (n, event) in events.iter().enumerate() {
        println!("#{} event {event}", n + 1);
        println!("   static list        → {}", shown(&naive.invoke(event)?));
        println!("   #[per_invocation]  → {}", shown(&scoped.invoke(event)?));
    }
    println!(
        "\nThe static list answers with every earlier invocation's items; \
         #[per_invocation] state starts empty for each invocation."
    );
    Ok(())
}

fn shown(invoked: &Invoked) -> String {
    match &invoked.result {
        Ok(response) => response.to_string(),
        Err(error) => format!("error {error}"),
    }
}
