use invocation_scope::{Invocation, per_invocation};

#[per_invocation(new = Report::empty, from_invocation = Report::for_invocation)]
struct Report {
    items: Vec<String>,
}

impl Report {
    fn empty() -> Self {
        Report { items: Vec::new() }
    }

    fn for_invocation(_: Invocation<'_>) -> Self {
        Report::empty()
    }
}

fn main() {}
