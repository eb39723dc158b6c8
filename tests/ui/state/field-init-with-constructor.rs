use invocation_scope::per_invocation;

#[per_invocation(new = Report::empty)]
struct Report {
    #[per_invocation(init = vec!["first".to_owned()])]
    items: Vec<String>,
}

impl Report {
    fn empty() -> Self {
        Report { items: Vec::new() }
    }
}

fn main() {}
