//! The global-list Lambda written the naive way (see
//! `invocation_scope_tests::naive_global_list`): its answers grow with every warm invocation.

use lambda_runtime::{Error, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(
        invocation_scope_tests::naive_global_list::handler,
    ))
    .await
}
