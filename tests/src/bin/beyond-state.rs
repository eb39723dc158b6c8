//! A Lambda, run with `run_concurrent`, that exercises what an invocation can leave behind
//! besides its state. The event says what to do:
//!
//! - `{"op": "context", "sleep_ms": n}`: answers the current invocation as a helper and a task
//!   spawned through `InvocationTasks` see it, after sleeping;
//! - `{"op": "audit", "task_ms": n, "body_ms": m}`: marks itself the active invocation, starts
//!   an audit write that lands after `task_ms`, sleeps `body_ms`, and answers every audit write
//!   so far with the invocation active when it landed. With `AUDIT_TASKS=bare` the write is a
//!   fire-and-forget `tokio::spawn`; otherwise it goes through `InvocationTasks`;
//! - `{"op": "scratch", "then": "ok" | "error" | "panic"}`: writes a file in its `ScratchDir`,
//!   then ends as asked; it answers the directory;
//! - `{"op": "leave-file"}`: writes `upload.part` in the temp dir and leaves it there.

use std::sync::Mutex;
use std::time::Duration;

use invocation_scope::{InvocationTasks, ScratchDir, current_invocation, invocation_handler};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

/// Where the audit writes land, and which invocation is running, shared on purpose: the test
/// reads from it whether a write landed during a later invocation.
static AUDIT: Mutex<Audit> = Mutex::new(Audit {
    active: String::new(),
    writes: Vec::new(),
});

struct Audit {
    active: String,
    writes: Vec<Value>,
}

fn millis(event: &LambdaEvent<Value>, name: &str) -> Duration {
    Duration::from_millis(event.payload[name].as_u64().unwrap_or(0))
}

/// What code deep in the invocation sees.
fn seen() -> Value {
    current_invocation().map_or(
        Value::Null,
        |now| json!({ "request_id": now.request_id(), "trace_id": now.xray_trace_id() }),
    )
}

#[invocation_handler(allow(AUDIT))]
async fn handler(
    event: LambdaEvent<Value>,
    tasks: &mut InvocationTasks,
    scratch: &mut ScratchDir,
) -> Result<Value, Error> {
    let me = event.context.request_id.clone();
    match event.payload["op"].as_str() {
        Some("context") => {
            let (sender, receiver) = tokio::sync::oneshot::channel();
            tasks.spawn(async move {
                tokio::task::yield_now().await;
                let _ = sender.send(seen());
            });
            tokio::time::sleep(millis(&event, "sleep_ms")).await;
            Ok(json!({ "helper": seen(), "task": receiver.await? }))
        }
        Some("audit") => {
            AUDIT.lock().map_err(|_| "poisoned")?.active.clone_from(&me);
            let task_ms = millis(&event, "task_ms");
            let write = async move {
                tokio::time::sleep(task_ms).await;
                if let Ok(mut audit) = AUDIT.lock() {
                    let during = audit.active.clone();
                    audit.writes.push(json!({ "by": me, "during": during }));
                }
            };
            if std::env::var("AUDIT_TASKS").as_deref() == Ok("bare") {
                tokio::spawn(write);
            } else {
                tasks.spawn(write);
            }
            tokio::time::sleep(millis(&event, "body_ms")).await;
            let writes = AUDIT.lock().map_err(|_| "poisoned")?.writes.clone();
            Ok(json!(writes))
        }
        Some("scratch") => {
            let dir = scratch.path()?.to_owned();
            std::fs::write(dir.join("download.bin"), [7_u8; 4096])?;
            let answer = json!({ "dir": dir, "size": scratch.size()? });
            match event.payload["then"].as_str() {
                Some("error") => Err(format!("asked to fail in {}", dir.display()).into()),
                Some("panic") => panic!("asked to panic in {}", dir.display()),
                _ => Ok(answer),
            }
        }
        Some("leave-file") => {
            std::fs::write(std::env::temp_dir().join("upload.part"), b"half")?;
            Ok(json!("written"))
        }
        other => Err(format!("unknown op {other:?}").into()),
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run_concurrent(service_fn(handler)).await
}
