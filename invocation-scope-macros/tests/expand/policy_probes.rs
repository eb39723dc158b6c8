use std::sync::LazyLock;
static NAMES: LazyLock<Vec<String>> = LazyLock::new(Vec::new);
#[invocation_handler]
async fn by_default(event: LambdaEvent<String>) -> Result<bool, Error> {
    Ok(NAMES.contains(&event.payload))
}
#[invocation_handler(strict)]
async fn strict(event: LambdaEvent<String>) -> Result<bool, Error> {
    Ok(NAMES.contains(&event.payload))
}
