//! Checks that the same event gives the same outcome whatever ran before it or beside it.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use lambda_runtime::{Context, Diagnostic, LambdaEvent};
use serde::Serialize;

use super::divergence::{Divergence, Observed, Schedule};
use super::outcome::run_to_outcome;
use super::replay::current_thread_runtime;
use super::{EventBuilder, Outcome};

/// An isolation check: replays a handler over a list of events several times, in changing
/// orders, and fails with a [`Divergence`] as soon as one event returns something other than
/// what it returned the first time.
///
/// A handler whose state belongs to one invocation passes; one that keeps something at
/// module scope (a `static` list, a cache that changes the answer, a counter) fails, and the
/// divergence names the invocation and shows both outcomes.
///
/// Each event keeps its context (request id, trace id, deadline) every time it is replayed,
/// so a handler may return those. Outcomes must not depend on the clock or on randomness.
///
/// ```
/// use invocation_scope::testing::Isolation;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// async fn echo(event: LambdaEvent<String>) -> Result<String, Error> {
///     Ok(event.payload)
/// }
///
/// Isolation::new().rounds(4).check(echo, ["a".to_owned(), "b".to_owned()]).unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Isolation {
    events: EventBuilder,
    rounds: usize,
    in_flight: usize,
    worker_threads: usize,
}

impl Default for Isolation {
    fn default() -> Self {
        Isolation {
            events: EventBuilder::default(),
            rounds: 3,
            in_flight: 8,
            worker_threads: 4,
        }
    }
}

impl Isolation {
    /// Three rounds; for the concurrent check, 8 invocations in flight on 4 threads.
    #[must_use]
    pub fn new() -> Self {
        Isolation::default()
    }

    /// How many times every event runs (at least 2); odd rounds run the events in reverse.
    #[must_use]
    pub fn rounds(mut self, rounds: usize) -> Self {
        self.rounds = rounds.max(2);
        self
    }

    /// How many invocations run at the same time in [`Isolation::check_concurrent`], like
    /// `AWS_LAMBDA_MAX_CONCURRENCY` (at least 1).
    #[must_use]
    pub fn in_flight(mut self, in_flight: usize) -> Self {
        self.in_flight = in_flight.max(1);
        self
    }

    /// Threads of the multi-thread runtime of [`Isolation::check_concurrent`] (at least 1).
    #[must_use]
    pub fn worker_threads(mut self, worker_threads: usize) -> Self {
        self.worker_threads = worker_threads.max(1);
        self
    }

    /// Builds the events with `events` (function name, timeout...).
    #[must_use]
    pub fn events(mut self, events: EventBuilder) -> Self {
        self.events = events;
        self
    }

    /// Replays `handler` warm, one invocation after another on one current-thread runtime.
    ///
    /// # Errors
    ///
    /// The first invocation whose outcome differs from its event's first outcome.
    ///
    /// # Panics
    ///
    /// If a Tokio runtime cannot be built, or when called from inside an async context.
    pub fn check<P, F, Fut, R, E>(
        &self,
        mut handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<Divergence>>
    where
        P: Clone + Debug,
        F: FnMut(LambdaEvent<P>) -> Fut,
        Fut: Future<Output = Result<R, E>>,
        R: Serialize,
        E: Into<Diagnostic>,
    {
        let runtime = current_thread_runtime();
        let events = self.prepare(payloads);
        let mut firsts = Firsts::new(describe(&events), Schedule::Warm);
        for (invocation, index) in rounds(self.rounds, events.len()) {
            let event = events[index].clone();
            let outcome = run_to_outcome(&runtime, handler(LambdaEvent::new(event.0, event.1)));
            firsts.compare(
                index,
                Observed {
                    invocation,
                    outcome,
                },
            )?;
        }
        Ok(())
    }

    /// Runs every event once, warm, then replays them with [`Isolation::in_flight`] invocations
    /// at a time on a multi-thread runtime, the way `lambda_runtime::run_concurrent` runs a
    /// handler under `AWS_LAMBDA_MAX_CONCURRENCY`.
    ///
    /// # Errors
    ///
    /// The earliest invocation whose outcome differs from its event's first outcome.
    ///
    /// # Panics
    ///
    /// If a Tokio runtime cannot be built, or when called from inside an async context.
    pub fn check_concurrent<P, F, Fut, R, E>(
        &self,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<Divergence>>
    where
        P: Clone + Debug + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        let schedule = Schedule::Concurrent {
            in_flight: self.in_flight,
            worker_threads: self.worker_threads,
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(self.worker_threads)
            .enable_all()
            .build()
            .expect("a multi-thread Tokio runtime");
        let events = Arc::new(self.prepare(payloads));
        let mut firsts = Firsts::new(describe(&events), schedule);

        // The reference outcomes: every event once, alone.
        for (index, event) in events.iter().enumerate() {
            let invocation = LambdaEvent::new(event.0.clone(), event.1.clone());
            let outcome = runtime.block_on(spawned_outcome(handler(invocation)));
            firsts.compare(
                index,
                Observed {
                    invocation: index + 1,
                    outcome,
                },
            )?;
        }

        // Then all rounds from a queue drained by `in_flight` workers, each a long-poll loop.
        let queue: VecDeque<(usize, usize)> = rounds(self.rounds, events.len())
            .map(|(invocation, index)| (invocation + events.len(), index))
            .collect();
        let queue = Arc::new(Mutex::new(queue));
        let mut observed: Vec<(usize, Observed)> = runtime.block_on(async {
            let workers: Vec<_> = (0..self.in_flight)
                .map(|_| {
                    let (queue, events, handler) =
                        (Arc::clone(&queue), Arc::clone(&events), handler.clone());
                    tokio::spawn(async move {
                        let mut seen = Vec::new();
                        loop {
                            let job = queue
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .pop_front();
                            let Some((invocation, index)) = job else {
                                break seen;
                            };
                            let event = &events[index];
                            let event = LambdaEvent::new(event.0.clone(), event.1.clone());
                            let outcome = spawned_outcome(handler(event)).await;
                            seen.push((
                                index,
                                Observed {
                                    invocation,
                                    outcome,
                                },
                            ));
                        }
                    })
                })
                .collect();
            let mut observed = Vec::new();
            for worker in workers {
                observed.extend(worker.await.expect("an isolation worker never panics"));
            }
            observed
        });
        observed.sort_by_key(|(_, seen)| seen.invocation);
        for (index, seen) in observed {
            firsts.compare(index, seen)?;
        }
        Ok(())
    }

    /// An event for `payload`, as the check builds them.
    pub(crate) fn event<P>(&self, payload: P) -> LambdaEvent<P> {
        self.events.event(payload)
    }

    fn prepare<P>(&self, payloads: impl IntoIterator<Item = P>) -> Vec<(P, Context)> {
        payloads
            .into_iter()
            .map(|payload| (payload, self.events.context()))
            .collect()
    }
}

/// `(invocation number from 1, event index)` for every round, odd rounds reversed.
pub(crate) fn rounds(rounds: usize, events: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..rounds)
        .flat_map(move |round| {
            (0..events).map(move |i| if round % 2 == 0 { i } else { events - 1 - i })
        })
        .enumerate()
        .map(|(n, index)| (n + 1, index))
}

fn describe<P: Debug>(events: &[(P, Context)]) -> Vec<String> {
    events
        .iter()
        .map(|(payload, _)| format!("{payload:?}"))
        .collect()
}

/// Runs one invocation as its own task, as `lambda_runtime` does, catching a panic.
async fn spawned_outcome<Fut, R, E>(invocation: Fut) -> Outcome
where
    Fut: Future<Output = Result<R, E>> + Send + 'static,
    R: Serialize + Send + 'static,
    E: Into<Diagnostic> + Send + 'static,
{
    match tokio::spawn(invocation).await {
        Ok(result) => Outcome::of_result(result),
        Err(error) if error.is_panic() => Outcome::of_panic(error.into_panic().as_ref()),
        Err(error) => Outcome::Panic(format!("the invocation was cancelled: {error}")),
    }
}

/// The first outcome of each event, and the comparison of later ones with it.
pub(crate) struct Firsts {
    payloads: Vec<String>,
    seen_first: Vec<Option<Observed>>,
    schedule: Schedule,
}

impl Firsts {
    /// For the events described by `payloads`.
    pub(crate) fn new(payloads: Vec<String>, schedule: Schedule) -> Self {
        Firsts {
            seen_first: vec![None; payloads.len()],
            payloads,
            schedule,
        }
    }

    pub(crate) fn compare(&mut self, index: usize, seen: Observed) -> Result<(), Box<Divergence>> {
        match &self.seen_first[index] {
            None => {
                self.seen_first[index] = Some(seen);
                Ok(())
            }
            Some(first) if first.outcome == seen.outcome => Ok(()),
            Some(first) => Err(Box::new(Divergence {
                event_index: index,
                payload: self.payloads[index].clone(),
                first: first.clone(),
                later: seen,
                schedule: self.schedule,
            })),
        }
    }
}

/// Fails the test if `handler` gives one of `payloads` two different outcomes when replayed warm
/// (see [`Isolation::check`]); the message names the invocation and shows both outcomes. Before
/// that, it runs each payload once and fails if an invocation leaves a task running or new
/// entries in the temp dir (see [`Isolation::check_left_behind`]).
///
/// ```
/// use invocation_scope::testing::assert_isolated;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// async fn length(event: LambdaEvent<String>) -> Result<usize, Error> {
///     Ok(event.payload.len())
/// }
///
/// assert_isolated(length, ["one".to_owned(), "three".to_owned()]);
/// ```
///
/// # Panics
///
/// On a divergence, with its report.
#[track_caller]
pub fn assert_isolated<P, F, Fut, R, E>(mut handler: F, payloads: impl IntoIterator<Item = P>)
where
    P: Clone + Debug,
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    let payloads: Vec<P> = payloads.into_iter().collect();
    // First, so that a file an invocation leaves is new when it does.
    if let Err(left_behind) = Isolation::default().check_left_behind(&mut handler, payloads.clone())
    {
        panic!("{left_behind}");
    }
    if let Err(divergence) = Isolation::default().check(handler, payloads) {
        panic!("{divergence}");
    }
}

/// Fails the test if `handler` gives one of `payloads` two different outcomes when invocations
/// overlap on a multi-thread runtime (see [`Isolation::check_concurrent`]).
///
/// # Panics
///
/// On a divergence, with its report.
#[track_caller]
pub fn assert_isolated_concurrent<P, F, Fut, R, E>(
    handler: F,
    payloads: impl IntoIterator<Item = P>,
) where
    P: Clone + Debug + Send + Sync + 'static,
    F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<R, E>> + Send + 'static,
    R: Serialize + Send + 'static,
    E: Into<Diagnostic> + Send + 'static,
{
    if let Err(divergence) = Isolation::default().check_concurrent(handler, payloads) {
        panic!("{divergence}");
    }
}
