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
        let how = match self.schedule {
            Schedule::Warm => "warm invocations one after another".to_owned(),
            Schedule::Concurrent {
                in_flight,
                worker_threads,
            } => {
                format!("concurrent invocations, {in_flight} in flight on {worker_threads} threads")
            }
        };
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
