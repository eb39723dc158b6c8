static mut CALLS: u64 = 0;

pub(super) fn bump() -> u64 {
    // SAFETY: single-threaded, which is the bug.
    unsafe {
        CALLS += 1;
        CALLS
    }
}
