use invocation_scope::per_invocation;

#[per_invocation(new = Report::empty, new = Report::empty)]
struct Report {
    items: Vec<String>,
}

impl Report {
    fn empty() -> Self {
        Report { items: Vec::new() }
    }
}

fn main() {}
