use invocation_scope::invocation_handler;

#[invocation_handler]
struct Handler;

fn main() {
    let _still_defined = Handler;
}
