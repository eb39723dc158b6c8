use invocation_scope::per_invocation;

#[per_invocation]
struct Report {
    #[per_invocation(default = Vec::new())]
    items: Vec<String>,
}

fn main() {}
