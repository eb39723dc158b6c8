use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

struct Cache {
    items: Vec<String>,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>, cache: &mut Cache) -> Result<usize, Error> {
    cache.items.push(event.payload);
    Ok(cache.items.len())
}

fn main() {}
