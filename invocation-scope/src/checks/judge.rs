//! The policy's check of one static: what it holds is judged, not how it is stored.
//!
//! A static computed once without invocation input (`LazyLock<T>`, `OnceLock<T>`, a
//! `lazy_static!` item, `thread_local!` of a plain value...) is accepted when the value it holds
//! has no interior mutability; any other static is accepted when it has none itself and is not
//! a `static mut`. The probe emitted for a use asks method resolution which of the two it is:
//!
//! ```text
//! const NAME__MUST_NOT_BE_SHARED_MUTABLE_STATE: &dyn Anything =
//!     &judge(&|| (&Probe(&NAME)).judged(), &NAME);
//! ```
//!
//! - [`judged`](Probe::judged) returns `Judged<T, HoldsValue>` for an init-once wrapper of a `T`,
//!   and `Judged<(), IsValue>` through the autoref fallback [`JudgeValue`] for any other type;
//! - [`judge`] reads the static's first byte when it is the value itself, which const
//!   evaluation refuses for a `static mut` and for interior mutability (E0080, as
//!   [`read_first_byte`](super::read_first_byte) does), and returns an uninitialised `T`;
//! - the const keeps a borrow of that `T` as its value, which rustc refuses exactly when `T`
//!   has interior mutability stored inline (E0492): the wrapper's own cell is never looked at.
//!
//! No value is built and nothing reaches the binary: the closure is never called.

use core::any::Any;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use super::Probe;

/// What a static holds, as a type, and whether the static is that value itself.
pub struct Judged<T, K>(PhantomData<(fn() -> T, K)>);

impl<T, K> Judged<T, K> {
    #[inline]
    const fn new() -> Self {
        Judged(PhantomData)
    }
}

/// The static is an init-once wrapper: what it holds is judged, not the wrapper.
pub struct HoldsValue;

/// The static is the value: it is read, which refuses `static mut` and interior mutability.
pub struct IsValue;

/// How [`judge`] treats a static of this kind.
pub trait StorageKind {
    /// Whether the static's own first byte is read.
    const READ: bool;
}

impl StorageKind for HoldsValue {
    const READ: bool = false;
}

impl StorageKind for IsValue {
    const READ: bool = true;
}

/// Any type: the probe's const is a borrow of some `MaybeUninit<T>` behind this trait.
pub trait Anything {}

impl<T: ?Sized> Anything for T {}

/// Fails const evaluation for a `static mut` or an interior-mutable static that is its own
/// value; returns storage shaped like what the static holds, for the caller to borrow.
#[inline]
pub const fn judge<T, K: StorageKind, F: Fn() -> Judged<T, K>>(
    _judged: &F,
    value: &dyn Any,
) -> MaybeUninit<T> {
    if K::READ {
        super::read_first_byte(value);
    }
    MaybeUninit::uninit()
}

/// The fallback: any other type is the value itself.
pub trait JudgeValue {
    /// `Judged<(), IsValue>`.
    #[inline]
    fn judged(&self) -> Judged<(), IsValue> {
        Judged::new()
    }
}

impl<T: ?Sized> JudgeValue for &Probe<'_, T> {}

/// Init-once wrappers, judged by what they hold.
macro_rules! holds {
    ($( [$($generics:tt)*] $ty:ty => $held:ty ),* $(,)?) => {$(
        impl<$($generics)*> Probe<'_, $ty> {
            /// What this init-once wrapper holds.
            #[inline]
            pub fn judged(&self) -> Judged<$held, HoldsValue> {
                Judged::new()
            }
        }
    )*};
}

holds! {
    [T, F] std::sync::LazyLock<T, F> => T,
    [T] std::sync::OnceLock<T> => T,
    [] std::sync::Once => (),
    [T: 'static] std::thread::LocalKey<T> => T,
}

#[cfg(feature = "tokio")]
holds! {
    [T] tokio::sync::OnceCell<T> => T,
    [T: 'static] tokio::task::LocalKey<T> => T,
}

#[cfg(feature = "once_cell")]
holds! {
    [T] once_cell::sync::OnceCell<T> => T,
    [T, F] once_cell::sync::Lazy<T, F> => T,
}

#[cfg(feature = "parking_lot")]
holds! {
    [] parking_lot::Once => (),
}

/// A `lazy_static!` item has a type of its own that derefs to what it holds; it wins over the
/// fallback, which needs one more autoref. Implemented with the `lazy_static` feature only, so
/// that the probe can always import it.
pub trait JudgeLazyStatic {
    /// What the item holds.
    type Held;
    /// `Judged<Held, HoldsValue>`.
    #[inline]
    fn judged(&self) -> Judged<Self::Held, HoldsValue> {
        Judged::new()
    }
}

#[cfg(feature = "lazy_static")]
impl<T> JudgeLazyStatic for Probe<'_, T>
where
    T: lazy_static::LazyStatic + core::ops::Deref,
    T::Target: Sized,
{
    type Held = T::Target;
}
