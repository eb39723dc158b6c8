//! Processing a file in `/tmp` without leaving it to the next caller.
//!
//! `/tmp` survives warm invocations, and concurrent invocations of Lambda Managed Instances
//! share it. A handler that downloads to `/tmp/input.csv` serves a stale or half-written file to
//! the next caller whenever a download fails or two invocations overlap. Here the file goes into
//! the invocation's `ScratchDir`: a directory of its own under the temp dir (`TMPDIR`), removed
//! with its contents when the invocation ends, whether it returns `Ok`, `Err` or panics.

use std::io::{BufRead as _, BufReader, Write as _};

use invocation_scope::{ScratchDir, invocation_handler};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

/// Lambda's default ephemeral storage; configure up to 10 GB.
const TMP_LIMIT_BYTES: u64 = 512 * 1024 * 1024;

/// `{"csv": "name,cents\na,250\n..."}` (a download in a real function) → `{"rows": n,
/// "total_cents": t, "bytes": b}`.
#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, scratch: &mut ScratchDir) -> Result<Value, Error> {
    let path = scratch.path()?.join("input.csv");
    let mut file = std::fs::File::create(&path)?;
    file.write_all(event.payload["csv"].as_str().unwrap_or_default().as_bytes())?;
    file.sync_all()?;
    let bytes = scratch.size()?;
    if bytes > TMP_LIMIT_BYTES / 2 {
        return Err(format!("{bytes} bytes would not leave room for the next step").into());
    }

    let mut rows = 0;
    let mut total_cents = 0_u64;
    for line in BufReader::new(std::fs::File::open(&path)?).lines().skip(1) {
        let line = line?;
        let cents = line.rsplit(',').next().unwrap_or_default().trim();
        total_cents += cents
            .parse::<u64>()
            .map_err(|_| format!("bad row {line:?}"))?;
        rows += 1;
    }
    Ok(json!({ "rows": rows, "total_cents": total_cents, "bytes": bytes }))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handler)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use invocation_scope::testing::{assert_isolated, lambda_event};

    fn csv(n: u64) -> Value {
        let rows = (0..n)
            .map(|i| format!("item{i},{}\n", 10 * i))
            .collect::<Vec<_>>()
            .concat();
        json!({ "csv": format!("name,cents\n{rows}") })
    }

    /// Warm invocations one after another: each reads only its own file, and none leaves
    /// anything in the temp dir.
    #[test]
    fn warm_invocations_read_their_own_file_and_leave_nothing_in_tmp() {
        assert_isolated(handler, (0..5).map(csv));
    }

    #[tokio::test]
    async fn a_bad_row_fails_the_invocation_and_the_file_is_still_removed() {
        let event = lambda_event(json!({ "csv": "name,cents\na,x\n" }));
        // The scratch directory's name contains the request id.
        let request_id = event.context.request_id.clone();
        let failed = handler(event).await;
        assert_eq!(
            failed.map_err(|error| error.to_string()),
            Err(r#"bad row "a,x""#.to_owned())
        );
        let left: Vec<_> = std::fs::read_dir(std::env::temp_dir())
            .expect("the temp dir")
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().contains(&request_id))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
