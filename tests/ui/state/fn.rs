use invocation_scope::per_invocation;

#[per_invocation]
fn build() -> Vec<String> {
    Vec::new()
}

fn main() {
    let _still_defined = build();
}
