use invocation_scope::per_invocation;

#[per_invocation(new = Report::with_capacity)]
struct Report {
    items: Vec<String>,
}

impl Report {
    fn with_capacity(capacity: usize) -> Self {
        Report { items: Vec::with_capacity(capacity) }
    }
}

fn main() {}
