//! Identifiers shaped like the ones Lambda hands out, unique within the process.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Bumped for every id, so two ids of one process never collide, even within a clock tick.
static NEXT: AtomicU64 = AtomicU64::new(1);

fn unique_bits() -> (u64, u64) {
    let sequence = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let high = (u64::from(std::process::id()) << 32) | u64::from(nanos);
    (high, sequence)
}

/// A request id in the UUID form Lambda uses, e.g. `3f6b1d52-0000-4a1c-8000-000000000007`.
#[must_use]
pub(super) fn request_id() -> String {
    let (high, sequence) = unique_bits();
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0x0fff,
        (sequence >> 48) & 0x0fff,
        sequence & 0xffff_ffff_ffff,
    )
}

/// An X-Ray trace header as Lambda sends it in `Lambda-Runtime-Trace-Id`.
#[must_use]
pub(super) fn trace_id() -> String {
    let (high, sequence) = unique_bits();
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    format!(
        "Root=1-{:08x}-{:08x}{:016x};Parent={:016x};Sampled=0",
        seconds & 0xffff_ffff,
        high >> 32,
        sequence,
        high ^ sequence,
    )
}

/// Milliseconds since the Unix epoch of `now + timeout`, the form of `Lambda-Runtime-Deadline-Ms`.
#[must_use]
pub(super) fn deadline_ms(timeout: std::time::Duration) -> u64 {
    (SystemTime::now() + timeout)
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_unique_and_uuid_shaped() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| request_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        }
    }

    #[test]
    fn trace_ids_are_unique_and_shaped_like_x_ray_headers() {
        let first = trace_id();
        let second = trace_id();
        assert_ne!(first, second);
        assert!(first.starts_with("Root=1-"), "{first}");
        assert!(first.contains(";Parent="), "{first}");
        let root = first
            .trim_start_matches("Root=")
            .split(';')
            .next()
            .unwrap_or_default();
        let parts: Vec<usize> = root.split('-').map(str::len).collect();
        assert_eq!(parts, [1, 8, 24], "{first}");
    }
}
