//! Whether an invocation is the cold start of its execution environment.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// How Lambda initialized the execution environment, from `AWS_LAMBDA_INITIALIZATION_TYPE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitializationType {
    /// `on-demand`: the environment was started for the invocation that is waiting for it.
    OnDemand,
    /// `provisioned-concurrency`: started ahead of time; no caller waited for the init.
    ProvisionedConcurrency,
    /// `snap-start`: restored from a snapshot taken after the init; no caller waited for it.
    SnapStart,
}

impl InitializationType {
    /// The name of the variable Lambda sets.
    pub const ENV_VAR: &'static str = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /// Reads [`ENV_VAR`](Self::ENV_VAR) from the process environment.
    #[must_use]
    pub fn from_env() -> Self {
        Self::from_value(std::env::var(Self::ENV_VAR).ok().as_deref())
    }

    /// Interprets a value of [`ENV_VAR`](Self::ENV_VAR). An absent or unknown value (a local
    /// run, say) counts as `OnDemand`, so that a first invocation is not hidden from the caller.
    ///
    /// ```
    /// use invocation_scope::InitializationType;
    ///
    /// assert_eq!(InitializationType::from_value(Some("snap-start")), InitializationType::SnapStart);
    /// assert_eq!(InitializationType::from_value(None), InitializationType::OnDemand);
    /// ```
    #[must_use]
    pub fn from_value(value: Option<&str>) -> Self {
        match value {
            Some("provisioned-concurrency") => InitializationType::ProvisionedConcurrency,
            Some("snap-start") => InitializationType::SnapStart,
            _ => InitializationType::OnDemand,
        }
    }

    /// Whether the first invocation of such an environment waited for its init: only for
    /// `OnDemand`.
    #[must_use]
    pub const fn first_invocation_is_cold(self) -> bool {
        matches!(self, InitializationType::OnDemand)
    }
}

/// Tells the first invocation of an execution environment from the others.
///
/// The process has one, behind [`InvocationFacts::is_cold_start`](crate::InvocationFacts::is_cold_start);
/// make your own to test code that depends on the initialization type without touching the
/// process environment.
///
/// ```
/// use invocation_scope::{ColdStart, InitializationType};
///
/// let on_demand = ColdStart::new(InitializationType::OnDemand);
/// assert!(on_demand.claim());
/// assert!(!on_demand.claim());
///
/// let provisioned = ColdStart::new(InitializationType::ProvisionedConcurrency);
/// assert!(!provisioned.claim());
/// ```
#[derive(Debug)]
pub struct ColdStart {
    initialization: InitializationType,
    first_unclaimed: AtomicBool,
}

impl ColdStart {
    /// A tracker for an environment initialized as `initialization` that has not yet handled
    /// an invocation.
    #[must_use]
    pub const fn new(initialization: InitializationType) -> Self {
        ColdStart {
            initialization,
            first_unclaimed: AtomicBool::new(true),
        }
    }

    /// Called once per invocation: `true` for exactly one call, the first, and only when the
    /// initialization type makes that first invocation a cold start. Concurrent invocations
    /// cannot both get `true`.
    pub fn claim(&self) -> bool {
        let first = self.first_unclaimed.swap(false, Ordering::AcqRel);
        first && self.initialization.first_invocation_is_cold()
    }

    /// How the environment was initialized.
    #[must_use]
    pub const fn initialization(&self) -> InitializationType {
        self.initialization
    }
}

/// The process's tracker: a process is one execution environment, so this is the one piece of
/// process-wide state the crate keeps, on purpose.
static PROCESS: LazyLock<ColdStart> =
    LazyLock::new(|| ColdStart::new(InitializationType::from_env()));

/// Claims the process's first invocation (see [`ColdStart::claim`]).
pub(crate) fn claim_for_process() -> bool {
    PROCESS.claim()
}
