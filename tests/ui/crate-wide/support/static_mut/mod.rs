mod counter;

pub fn track(name: &str) -> u64 {
    let _ = name;
    counter::bump()
}
