use invocation_scope::invocation_handler;

#[invocation_handler]
const async fn handler(event: u32) -> u32 {
    event
}

fn main() {}
