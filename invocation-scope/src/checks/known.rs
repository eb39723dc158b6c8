//! The well-known kinds of shared state, each with an inherent method of [`Probe`] whose bound
//! no type satisfies.

use super::Probe;
use super::markers::{SharedMutableStatic, TaskLocalKey, ThreadLocalKey};

/// Types that are a well-known kind of shared state.
pub trait KnownShared {}

/// `std::thread::LocalKey`.
pub trait KnownThreadLocal {}

/// `tokio::task::LocalKey`.
pub trait KnownTaskLocal {}

/// A static reached through one indirection (`static A: &Mutex<_>`): the const check reads only
/// the reference, which is immutable.
impl<T: KnownShared + ?Sized> KnownShared for &T {}

// Each kind has its own method name: the `impl`s below overlap for coherence, whose bounds do
// not count. The bound on each `impl` keeps every other type on the fallback method; the bound
// on the method, which no type satisfies, gives the error.

impl<'a, T: KnownShared + ?Sized> Probe<'a, T> {
    /// Fails to type-check: the value is a well-known kind of shared state.
    #[inline]
    pub fn check_known(&self)
    where
        T: SharedMutableStatic<'a>,
    {
    }
}

impl<'a, T: KnownThreadLocal + ?Sized> Probe<'a, T> {
    /// Fails to type-check: the value is a `thread_local!` key.
    #[inline]
    pub fn check_thread_local(&self)
    where
        T: ThreadLocalKey<'a>,
    {
    }
}

impl<'a, T: KnownTaskLocal + ?Sized> Probe<'a, T> {
    /// Fails to type-check: the value is a `tokio::task_local!` key.
    #[inline]
    pub fn check_task_local(&self)
    where
        T: TaskLocalKey<'a>,
    {
    }
}

/// `impl $kind for` each listed type.
macro_rules! known {
    ($kind:ident: $( [$($generics:tt)*] $ty:ty ),* $(,)?) => {$(
        impl<$($generics)*> $kind for $ty {}
    )*};
}

known! {
    KnownShared:
    [T: ?Sized] std::sync::Mutex<T>,
    [T: ?Sized] std::sync::RwLock<T>,
    [T] std::sync::OnceLock<T>,
    [T, F] std::sync::LazyLock<T, F>,
    [] std::sync::Once,
    [] std::sync::Condvar,
    [] std::sync::Barrier,
    [] std::sync::atomic::AtomicBool,
    [] std::sync::atomic::AtomicI8,
    [] std::sync::atomic::AtomicI16,
    [] std::sync::atomic::AtomicI32,
    [] std::sync::atomic::AtomicI64,
    [] std::sync::atomic::AtomicIsize,
    [] std::sync::atomic::AtomicU8,
    [] std::sync::atomic::AtomicU16,
    [] std::sync::atomic::AtomicU32,
    [] std::sync::atomic::AtomicU64,
    [] std::sync::atomic::AtomicUsize,
    [T] std::sync::atomic::AtomicPtr<T>,
}

known! {
    KnownThreadLocal:
    [T: 'static] std::thread::LocalKey<T>,
}

#[cfg(feature = "parking_lot")]
known! {
    KnownShared:
    [T: ?Sized] parking_lot::Mutex<T>,
    [T: ?Sized] parking_lot::FairMutex<T>,
    [T: ?Sized] parking_lot::ReentrantMutex<T>,
    [T: ?Sized] parking_lot::RwLock<T>,
    [] parking_lot::Once,
    [] parking_lot::Condvar,
}

#[cfg(feature = "tokio")]
known! {
    KnownShared:
    [T: ?Sized] tokio::sync::Mutex<T>,
    [T: ?Sized] tokio::sync::RwLock<T>,
    [T] tokio::sync::OnceCell<T>,
    [] tokio::sync::Notify,
    [] tokio::sync::Semaphore,
}

#[cfg(feature = "tokio")]
known! {
    KnownTaskLocal:
    [T: 'static] tokio::task::LocalKey<T>,
}

#[cfg(feature = "once_cell")]
known! {
    KnownShared:
    [T] once_cell::sync::OnceCell<T>,
    [T, F] once_cell::sync::Lazy<T, F>,
    [] once_cell::race::OnceBool,
    [] once_cell::race::OnceNonZeroUsize,
}

#[cfg(feature = "dashmap")]
known! {
    KnownShared:
    [K, V, S] dashmap::DashMap<K, V, S>,
    [K, S] dashmap::DashSet<K, S>,
}

#[cfg(feature = "arc-swap")]
known! {
    KnownShared:
    [T: arc_swap::RefCnt, S: arc_swap::strategy::Strategy<T>] arc_swap::ArcSwapAny<T, S>,
}

/// A `lazy_static!` item has a type of its own, which implements `LazyStatic`.
#[cfg(feature = "lazy_static")]
impl<'a, T: lazy_static::LazyStatic> Probe<'a, T> {
    /// Fails to type-check: the value is a `lazy_static!` item.
    #[inline]
    pub fn check_lazy_static(&self)
    where
        T: super::markers::LazyStaticItem<'a>,
    {
    }
}
