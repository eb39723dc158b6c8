//! The well-known kinds of shared state, each with an inherent method of [`Probe`] whose bound
//! no type satisfies.

use super::Probe;
use super::markers::{HoldsSharedMutableState, SharedMutableStatic, TaskLocalKey, ThreadLocalKey};

/// Types that are a well-known kind of shared state.
pub trait KnownShared {}

/// Well-known init-once wrappers (`LazyLock`, `OnceLock`, `Once`...): refused under `strict`
/// only; by default what they hold is judged.
pub trait KnownInitOnce {}

/// Types with a well-known kind of shared state or cell inside, seen through the standard
/// pointers and collections: what an init-once wrapper must not hold.
pub trait KnownMutableInside {}

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

impl<'a, T: KnownInitOnce + ?Sized> Probe<'a, T> {
    /// Fails to type-check: the value is an init-once wrapper, refused under `strict`.
    #[inline]
    pub fn check_init_once(&self)
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
    ($kind:ident $($more:ident)+ : $($types:tt)*) => {
        known!($kind: $($types)*);
        known!($($more)+ : $($types)*);
    };
}

known! {
    KnownShared KnownMutableInside:
    [T: ?Sized] std::sync::Mutex<T>,
    [T: ?Sized] std::sync::RwLock<T>,
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
    KnownInitOnce:
    [T] std::sync::OnceLock<T>,
    [T, F] std::sync::LazyLock<T, F>,
    [] std::sync::Once,
}

known! {
    KnownThreadLocal:
    [T: 'static] std::thread::LocalKey<T>,
}

#[cfg(feature = "parking_lot")]
known! {
    KnownShared KnownMutableInside:
    [T: ?Sized] parking_lot::Mutex<T>,
    [T: ?Sized] parking_lot::FairMutex<T>,
    [T: ?Sized] parking_lot::ReentrantMutex<T>,
    [T: ?Sized] parking_lot::RwLock<T>,
    [] parking_lot::Condvar,
}

#[cfg(feature = "parking_lot")]
known! {
    KnownInitOnce:
    [] parking_lot::Once,
}

#[cfg(feature = "tokio")]
known! {
    KnownShared KnownMutableInside:
    [T: ?Sized] tokio::sync::Mutex<T>,
    [T: ?Sized] tokio::sync::RwLock<T>,
    [] tokio::sync::Notify,
    [] tokio::sync::Semaphore,
}

#[cfg(feature = "tokio")]
known! {
    KnownInitOnce:
    [T] tokio::sync::OnceCell<T>,
}

#[cfg(feature = "tokio")]
known! {
    KnownTaskLocal:
    [T: 'static] tokio::task::LocalKey<T>,
}

#[cfg(feature = "once_cell")]
known! {
    KnownInitOnce:
    [T] once_cell::sync::OnceCell<T>,
    [T, F] once_cell::sync::Lazy<T, F>,
}

#[cfg(feature = "once_cell")]
known! {
    KnownShared KnownMutableInside:
    [] once_cell::race::OnceBool,
    [] once_cell::race::OnceNonZeroUsize,
}

#[cfg(feature = "dashmap")]
known! {
    KnownShared KnownMutableInside:
    [K, V, S] dashmap::DashMap<K, V, S>,
    [K, S] dashmap::DashSet<K, S>,
}

#[cfg(feature = "arc-swap")]
known! {
    KnownShared KnownMutableInside:
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

// What an init-once wrapper must not hold: the kinds above, cells, and either of them behind
// the standard pointers and in the standard collections. Inline interior mutability of any
// other type is left to the probe's borrow check (E0492); behind another crate's pointer it is
// that type's business, like the pool inside a client.
known! {
    KnownMutableInside:
    [T: ?Sized] core::cell::Cell<T>,
    [T: ?Sized] core::cell::RefCell<T>,
    [T: ?Sized] core::cell::UnsafeCell<T>,
    [T] core::cell::OnceCell<T>,
}

/// `impl KnownMutableInside for` each container of something mutable inside.
macro_rules! mutable_inside {
    ($( [$($generics:tt)*] $ty:ty ),* $(,)?) => {$(
        impl<$($generics)*> KnownMutableInside for $ty {}
    )*};
}

mutable_inside! {
    [T: KnownMutableInside + ?Sized] std::sync::Arc<T>,
    [T: KnownMutableInside + ?Sized] std::rc::Rc<T>,
    [T: KnownMutableInside + ?Sized] std::boxed::Box<T>,
    [T: KnownMutableInside] std::vec::Vec<T>,
    [T: KnownMutableInside] core::option::Option<T>,
    [T: KnownMutableInside] std::collections::VecDeque<T>,
    [K, V: KnownMutableInside, S] std::collections::HashMap<K, V, S>,
    [K, V: KnownMutableInside] std::collections::BTreeMap<K, V>,
    [T: KnownMutableInside, const N: usize] [T; N],
}

// `check_inside` for each init-once wrapper: refused when what it holds is a well-known kind of
// shared state or cell. Written out rather than by a macro, so that the error's note shows the
// method, not the macro's rules.

impl<'a, T, F> Probe<'a, std::sync::LazyLock<T, F>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

impl<'a, T> Probe<'a, std::sync::OnceLock<T>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

impl<'a, T: 'static> Probe<'a, std::thread::LocalKey<T>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

#[cfg(feature = "tokio")]
impl<'a, T> Probe<'a, tokio::sync::OnceCell<T>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

#[cfg(feature = "tokio")]
impl<'a, T: 'static> Probe<'a, tokio::task::LocalKey<T>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

#[cfg(feature = "once_cell")]
impl<'a, T> Probe<'a, once_cell::sync::OnceCell<T>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

#[cfg(feature = "once_cell")]
impl<'a, T, F> Probe<'a, once_cell::sync::Lazy<T, F>>
where
    T: KnownMutableInside,
{
    /// Fails to type-check: what this init-once wrapper holds is shared mutable state.
    #[inline]
    pub fn check_inside(&self)
    where
        T: HoldsSharedMutableState<'a>,
    {
    }
}

/// A `lazy_static!` item holding a well-known kind of shared state.
#[cfg(feature = "lazy_static")]
impl<'a, T> Probe<'a, T>
where
    T: lazy_static::LazyStatic + core::ops::Deref,
    T::Target: KnownMutableInside,
{
    /// Fails to type-check: what this `lazy_static!` item holds is shared mutable state.
    #[inline]
    pub fn check_lazy_static_inside(&self)
    where
        T::Target: HoldsSharedMutableState<'a>,
    {
    }
}
