//! The trait of values that live for one invocation.

use crate::Invocation;

/// A value built fresh at the start of every invocation and dropped at its end.
///
/// `#[per_invocation]` implements it for a struct; implement it by hand for an enum or when the
/// value needs logic the attribute cannot express. `#[invocation_handler]` calls
/// [`PerInvocation::fresh`] once per call for each `&mut T` parameter it removes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not per-invocation state, so the handler cannot build it fresh for each invocation",
    label = "`#[invocation_handler]` builds every `&mut` parameter fresh per invocation; `{Self}` does not say how",
    note = "add `#[invocation_scope::per_invocation]` to the definition of `{Self}`, or implement `invocation_scope::PerInvocation` for it",
    note = "a resource shared by all invocations (a client, a pool) is passed as `&{Self}` or `Arc<{Self}>`, not `&mut`"
)]
pub trait PerInvocation: Sized {
    /// Builds the value for the invocation described by `invocation`.
    fn fresh(invocation: Invocation<'_>) -> Self;
}
