//! Background tasks that belong to one invocation.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

use lambda_runtime::Error;
use tokio::task::{Id, JoinError, JoinSet};

use crate::context::{self, current_invocation};
use crate::{Finish, Invocation, PerInvocation};

/// Tasks spawned for one invocation, all finished or aborted before it ends (cargo feature
/// `tasks`).
///
/// Lambda freezes the execution environment once the response is sent. A task started with a
/// bare `tokio::spawn` that has not finished by then is suspended with it, and resumes during the
/// next invocation (with the old invocation's data), or never runs if the environment is
/// recycled. Take `&mut InvocationTasks` in an
/// [`#[invocation_handler]`](macro@crate::invocation_handler) instead:
///
/// - [`spawn`](Self::spawn) runs a future concurrently with the handler, on the Tokio runtime,
///   with [`current_invocation`] returning this invocation inside it;
/// - the body may wait for them, [`join_all`](Self::join_all), or
///   [`join_until`](Self::join_until) a margin before the deadline and abort the rest, and read
///   every task's [`TaskOutcome`] before answering;
/// - whatever is still running when the body returns is settled by the finish step, before the
///   response, by the [`TasksOnFinish`] policy (by default: wait for all, but abort at the
///   deadline);
/// - on panic or cancellation of the handler, dropping the set aborts every task.
///
/// A task spawned here therefore never runs during a later invocation, and under
/// `run_concurrent` every invocation has its own set.
///
/// ```
/// use invocation_scope::{invocation_handler, InvocationTasks, TaskOutcome};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::{json, Value};
///
/// async fn write_audit(entry: Value) -> Result<(), Error> {
///     // an HTTP call, a queue message...
///     # let _ = entry;
///     Ok(())
/// }
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, tasks: &mut InvocationTasks) -> Result<Value, Error> {
///     tasks.spawn(write_audit(event.payload.clone()));
///     // ... the handler's own work, concurrently with the audit write ...
///     let outcomes = tasks.join_all().await;
///     let failed = outcomes.iter().filter(|outcome| !outcome.is_finished()).count();
///     Ok(json!({ "audit_failures": failed }))
/// }
/// ```
///
/// Spawning needs a Tokio runtime with its time driver (`#[tokio::main]` enables it).
pub struct InvocationTasks {
    set: JoinSet<Result<(), Error>>,
    /// Spawn order of each running task.
    order: HashMap<Id, usize>,
    spawned: usize,
    outcomes: Vec<TaskOutcome>,
    deadline: Option<SystemTime>,
    on_finish: TasksOnFinish,
}

/// What the finish step of [`InvocationTasks`] does with the tasks still running when the
/// handler's body returns (cargo feature `tasks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TasksOnFinish {
    /// Wait for every task; at the invocation's deadline, abort the rest.
    #[default]
    JoinAll,
    /// Wait until this long before the deadline, then abort the rest.
    JoinUntilMargin(Duration),
    /// Abort them at once.
    Abort,
}

/// How one task of an [`InvocationTasks`] ended (cargo feature `tasks`).
#[derive(Debug)]
pub struct TaskOutcome {
    /// The task's position among the invocation's spawns, from 0.
    pub index: usize,
    /// What happened to it.
    pub end: TaskEnd,
}

/// The end of a task (cargo feature `tasks`).
#[derive(Debug)]
pub enum TaskEnd {
    /// It ran to completion (`()` or `Ok(())`).
    Finished,
    /// It returned `Err`.
    Failed(Error),
    /// It panicked, with this message.
    Panicked(String),
    /// It was aborted before it finished.
    Aborted,
}

impl TaskOutcome {
    /// Whether the task ran to completion without error.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        matches!(self.end, TaskEnd::Finished)
    }
}

impl fmt::Display for TaskOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.end {
            TaskEnd::Finished => write!(f, "task {} finished", self.index),
            TaskEnd::Failed(error) => write!(f, "task {} failed: {error}", self.index),
            TaskEnd::Panicked(message) => write!(f, "task {} panicked: {message}", self.index),
            TaskEnd::Aborted => write!(f, "task {} was aborted", self.index),
        }
    }
}

/// What a task spawned in an [`InvocationTasks`] may return: `()` or `Result<(), E>` (cargo
/// feature `tasks`).
pub trait TaskOutput: Send + 'static {
    /// The task's result as the set records it.
    ///
    /// # Errors
    ///
    /// The task's own error.
    fn into_result(self) -> Result<(), Error>;
}

impl TaskOutput for () {
    fn into_result(self) -> Result<(), Error> {
        Ok(())
    }
}

impl<E: Into<Error> + Send + 'static> TaskOutput for Result<(), E> {
    fn into_result(self) -> Result<(), Error> {
        self.map_err(Into::into)
    }
}

impl InvocationTasks {
    /// An empty set for an invocation that ends at `deadline` (`None`: no deadline).
    #[must_use]
    pub fn new(deadline: Option<SystemTime>) -> Self {
        InvocationTasks {
            set: JoinSet::new(),
            order: HashMap::new(),
            spawned: 0,
            outcomes: Vec::new(),
            deadline,
            on_finish: TasksOnFinish::default(),
        }
    }

    /// Starts `task` on the Tokio runtime, as part of this invocation; returns its index.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime.
    pub fn spawn<F>(&mut self, task: F) -> usize
    where
        F: Future + Send + 'static,
        F::Output: TaskOutput,
    {
        let current = current_invocation();
        let handle = self.set.spawn(context::scope(
            current,
            async move { task.await.into_result() },
        ));
        let index = self.spawned;
        self.spawned += 1;
        self.order.insert(handle.id(), index);
        index
    }

    /// How many tasks have not been joined yet.
    #[must_use]
    pub fn running(&self) -> usize {
        self.set.len()
    }

    /// The outcomes of the tasks joined so far, in the order they ended.
    #[must_use]
    pub fn outcomes(&self) -> &[TaskOutcome] {
        &self.outcomes
    }

    /// What the finish step does with tasks still running when the body returns.
    pub fn on_finish(&mut self, policy: TasksOnFinish) {
        self.on_finish = policy;
    }

    /// Waits for every task and returns all outcomes so far.
    pub async fn join_all(&mut self) -> &[TaskOutcome] {
        while let Some(joined) = self.set.join_next_with_id().await {
            self.record(joined);
        }
        &self.outcomes
    }

    /// Waits for the tasks until `margin` before the invocation's deadline, then aborts the
    /// rest (and waits for them to stop); returns all outcomes so far. Without a deadline it
    /// waits for every task.
    pub async fn join_until(&mut self, margin: Duration) -> &[TaskOutcome] {
        let Some(deadline) = self.deadline else {
            return self.join_all().await;
        };
        let left = deadline
            .checked_sub(margin)
            .and_then(|until| until.duration_since(SystemTime::now()).ok())
            .unwrap_or(Duration::ZERO);
        let until = tokio::time::Instant::now() + left;
        while let Ok(Some(joined)) =
            tokio::time::timeout_at(until, self.set.join_next_with_id()).await
        {
            self.record(joined);
        }
        self.abort_all().await
    }

    /// Aborts every running task, waits for each to stop, and returns all outcomes so far.
    pub async fn abort_all(&mut self) -> &[TaskOutcome] {
        self.set.abort_all();
        self.join_all().await
    }

    fn record(&mut self, joined: Result<(Id, Result<(), Error>), JoinError>) {
        let (id, end) = match joined {
            Ok((id, Ok(()))) => (id, TaskEnd::Finished),
            Ok((id, Err(error))) => (id, TaskEnd::Failed(error)),
            Err(error) => {
                let id = error.id();
                if error.is_cancelled() {
                    (id, TaskEnd::Aborted)
                } else {
                    let payload = error.into_panic();
                    let message = payload
                        .downcast_ref::<&str>()
                        .map(|message| (*message).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "(not a string)".to_owned());
                    (id, TaskEnd::Panicked(message))
                }
            }
        };
        let index = self.order.remove(&id).unwrap_or(usize::MAX);
        self.outcomes.push(TaskOutcome { index, end });
    }
}

impl fmt::Debug for InvocationTasks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvocationTasks")
            .field("running", &self.set.len())
            .field("outcomes", &self.outcomes)
            .field("deadline", &self.deadline)
            .field("on_finish", &self.on_finish)
            .finish_non_exhaustive()
    }
}

impl PerInvocation for InvocationTasks {
    fn fresh(invocation: Invocation<'_>) -> Self {
        InvocationTasks::new(invocation.deadline())
    }
}

/// Settles every task still running by the [`TasksOnFinish`] policy; it cannot fail (the
/// tasks' own failures are in [`InvocationTasks::outcomes`]).
impl Finish for InvocationTasks {
    type Error = Infallible;

    async fn finish(&mut self) -> Result<(), Infallible> {
        if self.set.is_empty() {
            return Ok(());
        }
        match self.on_finish {
            TasksOnFinish::JoinAll => {
                self.join_until(Duration::ZERO).await;
            }
            TasksOnFinish::JoinUntilMargin(margin) => {
                self.join_until(margin).await;
            }
            TasksOnFinish::Abort => {
                self.abort_all().await;
            }
        }
        Ok(())
    }
}
