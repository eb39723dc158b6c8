//! The report of an isolation check that caught state crossing between invocations.

use std::fmt;

use super::Outcome;

/// One invocation seen by an isolation check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    /// Its number in the order the check started invocations, from 1.
    pub invocation: usize,
    /// What it returned.
    pub outcome: Outcome,
}

/// How the invocations of a check ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// One after another in one process, as warm starts run them.
    Warm,
    /// Up to `in_flight` at a time on `worker_threads` threads, as `run_concurrent` runs them.
    Concurrent {
        /// Invocations running at the same time.
        in_flight: usize,
        /// Threads of the multi-thread Tokio runtime.
        worker_threads: usize,
    },
    /// In batches of `in_flight` held in flight together: every invocation of a batch had
    /// started (run to its first `.await` that waits) before any of them went further, as
    /// `run_concurrent` does when that many requests arrive at once
    /// (see [`Isolation::force_overlap`](super::Isolation::force_overlap)).
    Overlapped {
        /// Invocations held in flight together.
        in_flight: usize,
        /// Threads of the multi-thread Tokio runtime.
        worker_threads: usize,
    },
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Schedule::Warm => f.write_str("warm invocations one after another"),
            Schedule::Concurrent {
                in_flight,
                worker_threads,
            } => write!(
                f,
                "concurrent invocations, {in_flight} in flight on {worker_threads} threads"
            ),
            Schedule::Overlapped {
                in_flight,
                worker_threads,
            } => write!(
                f,
                "overlapping invocations, batches of {in_flight} held in flight together on \
                 {worker_threads} threads"
            ),
        }
    }
}

/// The same event gave two different outcomes: something outlived an invocation (or was shared
/// by two at once) and changed what a later one returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The position of the event among the payloads given to the check, from 0.
    pub event_index: usize,
    /// The event's payload, as `Debug` prints it.
    pub payload: String,
    /// The first time the event ran.
    pub first: Observed,
    /// A later run of the same event that returned something else.
    pub later: Observed,
    /// How the later run was scheduled.
    pub schedule: Schedule,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = self.schedule;
        write!(
            f,
            "state leaked between invocations ({how}):\n  \
             event #{index} {payload}\n  \
             invocation {first_n} returned: {first}\n  \
             invocation {later_n} returned: {later}\n\
             The same event must give the same outcome whatever ran before it or beside it.",
            index = self.event_index,
            payload = self.payload,
            first_n = self.first.invocation,
            first = self.first.outcome,
            later_n = self.later.invocation,
            later = self.later.outcome,
        )
    }
}

impl std::error::Error for Divergence {}

/// No invocation of an isolation check returned a response: every one failed or panicked, so
/// no answer was compared with another and the check would show nothing about isolation.
///
/// [`Isolation::compare_failures`](super::Isolation::compare_failures) compares failures like
/// responses, for events that are meant to fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoResponse {
    /// How many invocations ran.
    pub invocations: usize,
    /// The position among the payloads of the event of the first invocation, from 0.
    pub event_index: usize,
    /// That event's payload, as `Debug` prints it.
    pub payload: String,
    /// The first invocation and how it failed.
    pub first: Observed,
    /// How the invocations were scheduled.
    pub schedule: Schedule,
}

impl fmt::Display for NoResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no invocation returned a response ({schedule}): all {invocations} failed or \
             panicked, so nothing was compared and the check shows nothing about isolation.\n  \
             event #{index} {payload}\n  \
             invocation {first_n} returned: {first}\n\
             Fix the handler or the events; if these events are meant to fail, compare the \
             failures with `Isolation::new().compare_failures()`.",
            schedule = self.schedule,
            invocations = self.invocations,
            index = self.event_index,
            payload = self.payload,
            first_n = self.first.invocation,
            first = self.first.outcome,
        )
    }
}

impl std::error::Error for NoResponse {}

/// Why an isolation check failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IsolationError {
    /// The same event gave two different outcomes.
    Diverged(Divergence),
    /// Every invocation failed or panicked: nothing was compared.
    NoResponse(NoResponse),
}

impl IsolationError {
    /// The divergence, when the check failed on one.
    #[must_use]
    pub fn divergence(&self) -> Option<&Divergence> {
        match self {
            IsolationError::Diverged(divergence) => Some(divergence),
            IsolationError::NoResponse(_) => None,
        }
    }
}

impl fmt::Display for IsolationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IsolationError::Diverged(divergence) => divergence.fmt(f),
            IsolationError::NoResponse(no_response) => no_response.fmt(f),
        }
    }
}

impl std::error::Error for IsolationError {}

impl From<Box<Divergence>> for Box<IsolationError> {
    fn from(divergence: Box<Divergence>) -> Self {
        Box::new(IsolationError::Diverged(*divergence))
    }
}
