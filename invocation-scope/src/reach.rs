//! Support for the crate-wide pass of `#[invocation_handler]`: a *type probe* asks rustc whether
//! a static the handler reaches through calls has interior mutability, without naming the
//! static (it may be private to another module).
//!
//! The macro emits, at the handler's token for the first call of the chain:
//!
//! ```text
//! const handler_reaches_ITEMS_via_helpers_record: () = {
//!     static SHADOW: Shadow<T> = Shadow::new();   // T: the static's type, written absolutely
//!     reached_static_must_be_immutable(&SHADOW)
//! };
//! ```
//!
//! `SHADOW` has the same type as the reached static, so rustc places it in mutable memory
//! exactly when that type is not `Freeze` (`Mutex`, atomics, `OnceLock`, a struct holding any
//! of them...). Const evaluation then refuses the one-byte read below with
//! `E0080 constant accesses mutable global memory`, and names the probe, whose name is the chain.

use core::mem::MaybeUninit;

/// Storage shaped like a `T`, never initialised and never read at run time: it only exists so
/// that const evaluation can look at where rustc put it.
#[repr(transparent)]
pub struct Shadow<T>(MaybeUninit<T>);

// SAFETY: a `Shadow` holds no value; the only access to it is a byte copy as `MaybeUninit<u8>`
// during const evaluation, which cannot race.
unsafe impl<T> Sync for Shadow<T> {}

impl<T> Shadow<T> {
    /// The probe's storage; it is never initialised.
    #[must_use]
    pub const fn new() -> Self {
        Shadow(MaybeUninit::uninit())
    }
}

impl<T> Default for Shadow<T> {
    fn default() -> Self {
        Shadow::new()
    }
}

/// Fails const evaluation when `shadow` lives in mutable memory, i.e. when `T` is not `Freeze`.
pub const fn reached_static_must_be_immutable<T>(shadow: &'static Shadow<T>) {
    if size_of::<T>() == 0 {
        return;
    }
    let first_byte = (&raw const *shadow).cast::<MaybeUninit<u8>>();
    // SAFETY: `Shadow<T>` is at least one byte here; copying it as `MaybeUninit<u8>` is
    // defined whatever the byte holds.
    let _ = unsafe { first_byte.read() }; // shared mutable state: move it into #[per_invocation] state, or allow(path::to::it)
}
