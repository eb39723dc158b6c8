//! Checks that the same event gives the same outcome whatever ran before it or beside it.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;

use futures_util::FutureExt as _;
use lambda_runtime::{Context, Diagnostic, LambdaEvent};
use serde::Serialize;
use tokio::sync::Barrier;

use super::divergence::{Divergence, IsolationError, NoResponse, Observed, Schedule};
use super::outcome::caught_outcome;
use super::replay::{current_thread_runtime, refuse_async_context};
use super::{EventBuilder, Outcome};

/// An isolation check: replays a handler over a list of events several times, in changing
/// orders, and fails with a [`Divergence`] as soon as one event returns something other than
/// what it returned the first time.
///
/// A check in which no invocation returned a response (each failed or panicked) compared
/// nothing, so it fails too, with [`NoResponse`], unless [`Isolation::compare_failures`] says
/// that the failures are what the events test.
///
/// Each check has a blocking form for `#[test]` (it starts its own Tokio runtime) and an `async`
/// one for `#[tokio::test]` (it runs on the caller's runtime): [`Isolation::check`] and
/// [`Isolation::check_async`], [`Isolation::check_concurrent`] and
/// [`Isolation::check_concurrent_async`].
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
    force_overlap: bool,
    compare_failures: bool,
}

impl Default for Isolation {
    fn default() -> Self {
        Isolation {
            events: EventBuilder::default(),
            rounds: 3,
            in_flight: 8,
            worker_threads: 4,
            force_overlap: false,
            compare_failures: false,
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

    /// Makes the concurrent checks hold invocations in flight together instead of leaving the
    /// overlap to chance: the replay runs in batches of [`Isolation::in_flight`] invocations,
    /// and each invocation of a batch waits, at its first `.await` that waits (or at its end),
    /// until every invocation of the batch has got that far. State that one invocation sets
    /// before an `.await` and reads after it is then overwritten by the others on every run.
    ///
    /// A handler that never awaits finishes in one step and cannot overlap with another.
    ///
    /// ```
    /// use invocation_scope::testing::Isolation;
    /// use lambda_runtime::{Error, LambdaEvent};
    /// use std::sync::Mutex;
    ///
    /// static CURRENT: Mutex<u32> = Mutex::new(0);
    ///
    /// async fn current(event: LambdaEvent<u32>) -> Result<u32, Error> {
    ///     *CURRENT.lock().unwrap() = event.payload;
    ///     tokio::task::yield_now().await;
    ///     Ok(*CURRENT.lock().unwrap())
    /// }
    ///
    /// let overlapped = Isolation::new().in_flight(4).force_overlap();
    /// let divergence = overlapped.check_concurrent(current, [1, 2, 3, 4]).unwrap_err();
    /// assert!(divergence.to_string().contains("batches of 4 held in flight together"));
    /// ```
    #[must_use]
    pub fn force_overlap(mut self) -> Self {
        self.force_overlap = true;
        self
    }

    /// Compares failures (function errors and panics) like responses, and passes when every
    /// invocation fails the same way each time. Without it, a check in which no invocation
    /// returned a response fails with [`NoResponse`].
    #[must_use]
    pub fn compare_failures(mut self) -> Self {
        self.compare_failures = true;
        self
    }

    /// Builds the events with `events` (function name, timeout...).
    #[must_use]
    pub fn events(mut self, events: EventBuilder) -> Self {
        self.events = events;
        self
    }

    /// An event for `payload`, as the check builds them.
    pub(crate) fn event<P>(&self, payload: P) -> LambdaEvent<P> {
        self.events.event(payload)
    }

    /// Replays `handler` warm, one invocation after another on one current-thread runtime.
    ///
    /// # Errors
    ///
    /// The first invocation whose outcome differs from its event's first outcome, or
    /// [`NoResponse`].
    ///
    /// # Panics
    ///
    /// If a Tokio runtime cannot be built, or when called inside an async runtime (such as
    /// `#[tokio::test]`), with a message pointing to [`Isolation::check_async`].
    #[track_caller]
    pub fn check<P, F, Fut, R, E>(
        &self,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<IsolationError>>
    where
        P: Clone + Debug,
        F: FnMut(LambdaEvent<P>) -> Fut,
        Fut: Future<Output = Result<R, E>>,
        R: Serialize,
        E: Into<Diagnostic>,
    {
        refuse_async_context("Isolation::check", "Isolation::check_async");
        current_thread_runtime().block_on(self.check_async(handler, payloads))
    }

    /// [`Isolation::check`] inside the caller's runtime, for `#[tokio::test]`: the invocations
    /// run one after another as part of the returned future.
    ///
    /// ```
    /// use invocation_scope::testing::Isolation;
    /// use lambda_runtime::{Error, LambdaEvent};
    ///
    /// async fn echo(event: LambdaEvent<String>) -> Result<String, Error> {
    ///     Ok(event.payload)
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// // In `#[tokio::test] async fn echo_keeps_no_state()`:
    /// Isolation::new().check_async(echo, ["a".to_owned()]).await.unwrap();
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Isolation::check`].
    pub async fn check_async<P, F, Fut, R, E>(
        &self,
        mut handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<IsolationError>>
    where
        P: Clone + Debug,
        F: FnMut(LambdaEvent<P>) -> Fut,
        Fut: Future<Output = Result<R, E>>,
        R: Serialize,
        E: Into<Diagnostic>,
    {
        let events = self.prepare(payloads);
        let mut firsts = Firsts::new(describe(&events), Schedule::Warm);
        for (invocation, index) in rounds(self.rounds, events.len()) {
            let event = events[index].clone();
            let outcome = caught_outcome(handler(LambdaEvent::new(event.0, event.1))).await;
            firsts.compare(
                index,
                Observed {
                    invocation,
                    outcome,
                },
            )?;
        }
        firsts.finish(self.compare_failures)
    }

    /// Runs every event once, warm, then replays them with [`Isolation::in_flight`] invocations
    /// at a time on a multi-thread runtime, the way `lambda_runtime::run_concurrent` runs a
    /// handler under `AWS_LAMBDA_MAX_CONCURRENCY`. With [`Isolation::force_overlap`], the
    /// invocations of each batch are held in flight together.
    ///
    /// # Errors
    ///
    /// The earliest invocation whose outcome differs from its event's first outcome, or
    /// [`NoResponse`].
    ///
    /// # Panics
    ///
    /// If a Tokio runtime cannot be built, or when called inside an async runtime (such as
    /// `#[tokio::test]`), with a message pointing to [`Isolation::check_concurrent_async`].
    #[track_caller]
    pub fn check_concurrent<P, F, Fut, R, E>(
        &self,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<IsolationError>>
    where
        P: Clone + Debug + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        refuse_async_context(
            "Isolation::check_concurrent",
            "Isolation::check_concurrent_async",
        );
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(self.worker_threads)
            .enable_all()
            .build()
            .expect("a multi-thread Tokio runtime");
        runtime.block_on(self.concurrent(self.worker_threads, handler, payloads))
    }

    /// [`Isolation::check_concurrent`] inside the caller's runtime, for `#[tokio::test]`: the
    /// invocations are spawned on it, so they overlap on its worker threads (one, by default,
    /// for `#[tokio::test]`: they still interleave at every `.await`, and
    /// [`Isolation::force_overlap`] still holds them in flight together). The worker-thread
    /// setting is the runtime's, not [`Isolation::worker_threads`].
    ///
    /// ```
    /// use invocation_scope::testing::Isolation;
    /// use lambda_runtime::{Error, LambdaEvent};
    ///
    /// async fn echo(event: LambdaEvent<String>) -> Result<String, Error> {
    ///     Ok(event.payload)
    /// }
    ///
    /// # #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
    /// # async fn main() {
    /// // In a `#[tokio::test(flavor = "multi_thread", worker_threads = 2)]`:
    /// let check = Isolation::new().in_flight(4).force_overlap();
    /// check.check_concurrent_async(echo, ["a".to_owned(), "b".to_owned()]).await.unwrap();
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Isolation::check_concurrent`].
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub async fn check_concurrent_async<P, F, Fut, R, E>(
        &self,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<IsolationError>>
    where
        P: Clone + Debug + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        let worker_threads = tokio::runtime::Handle::try_current()
            .expect(
                "`Isolation::check_concurrent_async` runs on the caller's Tokio runtime: await it \
                 inside `#[tokio::test]`, or call `Isolation::check_concurrent` from a `#[test]`",
            )
            .metrics()
            .num_workers();
        self.concurrent(worker_threads, handler, payloads).await
    }

    /// Both concurrent checks, on the current runtime (with `worker_threads` threads).
    async fn concurrent<P, F, Fut, R, E>(
        &self,
        worker_threads: usize,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<IsolationError>>
    where
        P: Clone + Debug + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        let schedule = if self.force_overlap {
            Schedule::Overlapped {
                in_flight: self.in_flight,
                worker_threads,
            }
        } else {
            Schedule::Concurrent {
                in_flight: self.in_flight,
                worker_threads,
            }
        };
        let events = Arc::new(self.prepare(payloads));
        let mut firsts = Firsts::new(describe(&events), schedule);

        // The reference outcomes: every event once, alone.
        for (index, event) in events.iter().enumerate() {
            let invocation = LambdaEvent::new(event.0.clone(), event.1.clone());
            let outcome = spawned_outcome(handler(invocation)).await;
            firsts.compare(
                index,
                Observed {
                    invocation: index + 1,
                    outcome,
                },
            )?;
        }

        let jobs = rounds(self.rounds, events.len())
            .map(|(invocation, index)| (invocation + events.len(), index));
        let mut observed = if self.force_overlap {
            self.overlapped(&events, &handler, jobs).await
        } else {
            self.drained(&events, &handler, jobs.collect()).await
        };
        observed.sort_by_key(|(_, seen)| seen.invocation);
        for (index, seen) in observed {
            firsts.compare(index, seen)?;
        }
        firsts.finish(self.compare_failures)
    }

    /// All `jobs` from a queue drained by `in_flight` workers, each a long-poll loop.
    async fn drained<P, F, Fut, R, E>(
        &self,
        events: &Arc<Vec<(P, Context)>>,
        handler: &F,
        queue: VecDeque<(usize, usize)>,
    ) -> Vec<(usize, Observed)>
    where
        P: Clone + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        let queue = Arc::new(Mutex::new(queue));
        let workers: Vec<_> = (0..self.in_flight)
            .map(|_| {
                let (queue, events, handler) =
                    (Arc::clone(&queue), Arc::clone(events), handler.clone());
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
    }

    /// All `jobs` in batches of `in_flight`, each invocation of a batch its own task, held at
    /// its first wait until the whole batch has started.
    async fn overlapped<P, F, Fut, R, E>(
        &self,
        events: &[(P, Context)],
        handler: &F,
        jobs: impl Iterator<Item = (usize, usize)>,
    ) -> Vec<(usize, Observed)>
    where
        P: Clone + Send + Sync + 'static,
        F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = Result<R, E>> + Send + 'static,
        R: Serialize + Send + 'static,
        E: Into<Diagnostic> + Send + 'static,
    {
        let jobs: Vec<_> = jobs.collect();
        let mut observed = Vec::with_capacity(jobs.len());
        for batch in jobs.chunks(self.in_flight) {
            let barrier = Arc::new(Barrier::new(batch.len()));
            let tasks: Vec<_> = batch
                .iter()
                .map(|&(invocation, index)| {
                    let event = &events[index];
                    let event = LambdaEvent::new(event.0.clone(), event.1.clone());
                    let held = held_in_flight(handler(event), Arc::clone(&barrier));
                    (invocation, index, tokio::spawn(held))
                })
                .collect();
            for (invocation, index, task) in tasks {
                let outcome = match task.await {
                    Ok(Ok(result)) => Outcome::of_result(result),
                    Ok(Err(panic)) => Outcome::of_panic(panic.as_ref()),
                    Err(error) => Outcome::Panic(format!("the invocation was cancelled: {error}")),
                };
                observed.push((
                    index,
                    Observed {
                        invocation,
                        outcome,
                    },
                ));
            }
        }
        observed
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

/// Runs `invocation` to its first wait (or its end), waits at `barrier` for the other
/// invocations of its batch to get as far, then runs it to its end. A panic is caught, before
/// the barrier too, so that the others are not left waiting.
async fn held_in_flight<Fut: Future>(
    invocation: Fut,
    barrier: Arc<Barrier>,
) -> Result<Fut::Output, Box<dyn std::any::Any + Send>> {
    let mut invocation = pin!(std::panic::AssertUnwindSafe(invocation).catch_unwind());
    let first_step = poll_fn(|cx| Poll::Ready(invocation.as_mut().poll(cx))).await;
    barrier.wait().await;
    match first_step {
        Poll::Ready(output) => output,
        Poll::Pending => invocation.await,
    }
}

/// The first outcome of each event, and the comparison of later ones with it.
pub(crate) struct Firsts {
    payloads: Vec<String>,
    seen_first: Vec<Option<Observed>>,
    schedule: Schedule,
    invocations: usize,
    responses: usize,
    first_failure: Option<(usize, Observed)>,
}

impl Firsts {
    /// For the events described by `payloads`.
    pub(crate) fn new(payloads: Vec<String>, schedule: Schedule) -> Self {
        Firsts {
            seen_first: vec![None; payloads.len()],
            payloads,
            schedule,
            invocations: 0,
            responses: 0,
            first_failure: None,
        }
    }

    /// After the last comparison: fails when no invocation returned a response, unless
    /// `compare_failures`.
    pub(crate) fn finish(self, compare_failures: bool) -> Result<(), Box<IsolationError>> {
        match self.first_failure {
            Some((index, first))
                if self.responses == 0 && !compare_failures && self.invocations > 0 =>
            {
                Err(Box::new(IsolationError::NoResponse(NoResponse {
                    invocations: self.invocations,
                    event_index: index,
                    payload: self.payloads[index].clone(),
                    first,
                    schedule: self.schedule,
                })))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn compare(&mut self, index: usize, seen: Observed) -> Result<(), Box<Divergence>> {
        self.invocations += 1;
        if matches!(seen.outcome, Outcome::Response(_)) {
            self.responses += 1;
        } else if self.first_failure.is_none() {
            self.first_failure = Some((index, seen.clone()));
        }
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
/// entries in the temp dir (see [`Isolation::check_left_behind`]). For `#[tokio::test]`, use
/// [`assert_isolated_async`].
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
/// On a divergence, with its report; when no invocation returned a response (see
/// [`NoResponse`]); when called inside an async runtime.
#[track_caller]
pub fn assert_isolated<P, F, Fut, R, E>(mut handler: F, payloads: impl IntoIterator<Item = P>)
where
    P: Clone + Debug,
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    refuse_async_context("assert_isolated", "assert_isolated_async");
    let payloads: Vec<P> = payloads.into_iter().collect();
    // First, so that a file an invocation leaves is new when it does.
    if let Err(left_behind) = Isolation::default().check_left_behind(&mut handler, payloads.clone())
    {
        panic!("{left_behind}");
    }
    if let Err(failure) = Isolation::default().check(handler, payloads) {
        panic!("{failure}");
    }
}

/// [`assert_isolated`] for `#[tokio::test]`: the invocations run on the test's runtime, and the
/// first check is [`Isolation::check_left_behind_async`].
///
/// ```
/// use invocation_scope::testing::assert_isolated_async;
/// use lambda_runtime::{Error, LambdaEvent};
///
/// async fn length(event: LambdaEvent<String>) -> Result<usize, Error> {
///     Ok(event.payload.len())
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// // In `#[tokio::test] async fn length_keeps_no_state()`:
/// assert_isolated_async(length, ["one".to_owned(), "three".to_owned()]).await;
/// # }
/// ```
///
/// # Panics
///
/// On a divergence, with its report, and when no invocation returned a response.
pub async fn assert_isolated_async<P, F, Fut, R, E>(
    mut handler: F,
    payloads: impl IntoIterator<Item = P>,
) where
    P: Clone + Debug,
    F: FnMut(LambdaEvent<P>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Serialize,
    E: Into<Diagnostic>,
{
    let payloads: Vec<P> = payloads.into_iter().collect();
    if let Err(left_behind) = Isolation::default()
        .check_left_behind_async(&mut handler, payloads.clone())
        .await
    {
        panic!("{left_behind}");
    }
    if let Err(failure) = Isolation::default().check_async(handler, payloads).await {
        panic!("{failure}");
    }
}

/// Fails the test if `handler` gives one of `payloads` two different outcomes when invocations
/// overlap on a multi-thread runtime (see [`Isolation::check_concurrent`]). For
/// `#[tokio::test]`, use [`assert_isolated_concurrent_async`].
///
/// # Panics
///
/// On a divergence, with its report; when no invocation returned a response (see
/// [`NoResponse`]); when called inside an async runtime.
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
    refuse_async_context(
        "assert_isolated_concurrent",
        "assert_isolated_concurrent_async",
    );
    if let Err(failure) = Isolation::default().check_concurrent(handler, payloads) {
        panic!("{failure}");
    }
}

/// [`assert_isolated_concurrent`] for `#[tokio::test]`: the invocations are spawned on the
/// test's runtime (see [`Isolation::check_concurrent_async`]).
///
/// # Panics
///
/// On a divergence, with its report; when no invocation returned a response; outside a Tokio
/// runtime.
pub async fn assert_isolated_concurrent_async<P, F, Fut, R, E>(
    handler: F,
    payloads: impl IntoIterator<Item = P>,
) where
    P: Clone + Debug + Send + Sync + 'static,
    F: Fn(LambdaEvent<P>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<R, E>> + Send + 'static,
    R: Serialize + Send + 'static,
    E: Into<Diagnostic> + Send + 'static,
{
    if let Err(failure) = Isolation::default()
        .check_concurrent_async(handler, payloads)
        .await
    {
        panic!("{failure}");
    }
}
