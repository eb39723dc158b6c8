use invocation_scope::per_invocation;

#[per_invocation]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
