//! The exact check: const evaluation refuses to read mutable global memory.

#![allow(unsafe_code)]

use core::any::Any;
use core::mem::MaybeUninit;

/// Reads the first byte of `value` during const evaluation and discards it.
///
/// Called from a const, this fails to compile (E0080, "constant accesses mutable global memory")
/// when `value` is a `static mut` or a static whose type has interior mutability anywhere in it,
/// and succeeds for consts and immutable statics. The byte is read as `MaybeUninit<u8>` so that
/// padding or an uninitialised payload is never an error of its own.
pub const fn read_first_byte(value: &dyn Any) {
    if size_of_val(value) == 0 {
        return;
    }
    let first = core::ptr::from_ref(value).cast::<MaybeUninit<u8>>();
    // SAFETY: `value` is a live reference to at least one byte; `MaybeUninit<u8>` accepts any.
    let _ = unsafe { first.read() }; // `static mut` or interior mutability: shared by all invocations
}
