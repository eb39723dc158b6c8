//! The global-list Lambda, its state built by hand as a local, for
//! `benches/end_to_end.rs` (see `invocation_scope_tests::global_list`).

use lambda_runtime::{Error, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(
        invocation_scope_tests::global_list::hand_written::handler,
    ))
    .await
}
