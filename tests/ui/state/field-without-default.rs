use invocation_scope::per_invocation;

struct Connection;

#[per_invocation]
struct Report {
    items: Vec<String>,
    connection: Connection,
}

fn main() {}
