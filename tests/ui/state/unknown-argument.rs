use invocation_scope::per_invocation;

#[per_invocation(default)]
struct Report {
    items: Vec<String>,
}

fn main() {}
