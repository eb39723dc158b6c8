use invocation_scope::per_invocation;

#[per_invocation]
enum Phase {
    Started,
    Finished,
}

fn main() {
    let _still_defined = (Phase::Started, Phase::Finished);
}
