use std::sync::atomic::{AtomicU64, Ordering};

struct Stats {
    name: &'static str,
    hits: AtomicU64,
}

static STATS: Stats = Stats {
    name: "requests",
    hits: AtomicU64::new(0),
};

pub fn hit() -> u64 {
    let _ = STATS.name;
    STATS.hits.fetch_add(1, Ordering::Relaxed) + 1
}
