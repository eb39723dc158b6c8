//! What an invocation leaves in the process besides its answer: tasks still running after it
//! ended, and files in the temp dir.

use std::collections::BTreeSet;
use std::fmt::{self, Debug};
use std::future::Future;
use std::path::{Path, PathBuf};

use lambda_runtime::{Diagnostic, LambdaEvent};
use serde::Serialize;

use super::Isolation;
use super::outcome::caught_outcome;
use super::replay::{current_thread_runtime, refuse_async_context};

/// An invocation ended and left something behind for the next one: a task still running on
/// the runtime, or entries in the temp dir.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftBehind {
    /// Its number in the order the check started invocations, from 1.
    pub invocation: usize,
    /// Its request id.
    pub request_id: String,
    /// Its payload, as `Debug` prints it.
    pub payload: String,
    /// What it left.
    pub leftover: Leftover,
}

/// What an invocation left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leftover {
    /// Tasks it spawned that were still running when it returned. Under Lambda they are frozen
    /// with the environment and resume during a later invocation.
    Tasks {
        /// How many.
        running: usize,
    },
    /// Entries it created in the temp dir and did not remove. `/tmp` survives warm
    /// invocations, and concurrent invocations may share it.
    Files {
        /// The temp dir watched.
        dir: PathBuf,
        /// The new entries' names.
        entries: Vec<String>,
    },
}

impl fmt::Display for LeftBehind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.leftover {
            Leftover::Tasks { running } => format!(
                "{running} task(s) still running after it returned; under Lambda they would \
                 resume during a later invocation (spawn them through \
                 `invocation_scope::InvocationTasks`, or join them before returning)"
            ),
            Leftover::Files { dir, entries } => format!(
                "{} in {}: {}; the next invocation would find them (use \
                 `invocation_scope::ScratchDir`, or remove them before returning)",
                if entries.len() == 1 {
                    "an entry"
                } else {
                    "entries"
                },
                dir.display(),
                entries.join(", ")
            ),
        };
        write!(
            f,
            "invocation {} (request id {}, event {}) left behind {what}",
            self.invocation, self.request_id, self.payload
        )
    }
}

impl std::error::Error for LeftBehind {}

/// The names in `dir` (none if it cannot be read).
pub(crate) fn entries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The entries of `dir` that are in `after` and not in `before`, as a [`Leftover`] of the
/// invocation `request_id`. The scratch directory of another invocation (running at the same
/// time in another test) is not its leftover, and is removed by construction.
pub(crate) fn new_files(
    dir: &Path,
    request_id: &str,
    before: &BTreeSet<String>,
    after: &BTreeSet<String>,
) -> Option<Leftover> {
    let entries: Vec<String> = after
        .difference(before)
        .filter(|name| !name.starts_with("invocation-") || name.contains(request_id))
        .cloned()
        .collect();
    (!entries.is_empty()).then(|| Leftover::Files {
        dir: dir.to_owned(),
        entries,
    })
}

impl Isolation {
    /// Runs every event once, one invocation after another on a current-thread runtime, and
    /// fails on the first invocation that leaves a task running on the runtime once it has
    /// returned, or new entries in [`std::env::temp_dir`] (`TMPDIR`).
    ///
    /// The temp dir is the process's: a file that another test running at the same time in
    /// this process creates there during an invocation is reported as well (the
    /// [`ScratchDir`](crate::ScratchDir) of another invocation is not).
    ///
    /// # Errors
    ///
    /// The first invocation that left something behind.
    ///
    /// # Panics
    ///
    /// If a Tokio runtime cannot be built, or when called from inside an async context, with a
    /// message pointing to [`Isolation::check_left_behind_async`].
    #[track_caller]
    pub fn check_left_behind<P, F, Fut, R, E>(
        &self,
        handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<LeftBehind>>
    where
        P: Debug,
        F: FnMut(LambdaEvent<P>) -> Fut,
        Fut: Future<Output = Result<R, E>>,
        R: Serialize,
        E: Into<Diagnostic>,
    {
        refuse_async_context(
            "Isolation::check_left_behind",
            "Isolation::check_left_behind_async",
        );
        current_thread_runtime().block_on(self.check_left_behind_async(handler, payloads))
    }

    /// [`Isolation::check_left_behind`] for `#[tokio::test]`: the invocations run on the
    /// test's runtime, and a task counts as left behind when the runtime has more tasks alive
    /// after the invocation returned than before it started.
    ///
    /// # Errors
    ///
    /// The first invocation that left something behind.
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub async fn check_left_behind_async<P, F, Fut, R, E>(
        &self,
        mut handler: F,
        payloads: impl IntoIterator<Item = P>,
    ) -> Result<(), Box<LeftBehind>>
    where
        P: Debug,
        F: FnMut(LambdaEvent<P>) -> Fut,
        Fut: Future<Output = Result<R, E>>,
        R: Serialize,
        E: Into<Diagnostic>,
    {
        let metrics = tokio::runtime::Handle::current().metrics();
        let dir = std::env::temp_dir();
        for (index, payload) in payloads.into_iter().enumerate() {
            let watch = Watch::start(self, index, payload, &dir, metrics.num_alive_tasks());
            let _ = caught_outcome(handler(watch.event)).await;
            watch.report.end(metrics.num_alive_tasks())?;
        }
        Ok(())
    }
}

/// One invocation under watch: its event, and what is needed to tell what it left.
struct Watch<'a, P> {
    event: LambdaEvent<P>,
    report: Pending<'a>,
}

/// What was there before the invocation started.
struct Pending<'a> {
    invocation: usize,
    request_id: String,
    payload: String,
    dir: &'a Path,
    entries: BTreeSet<String>,
    tasks: usize,
}

impl<'a, P: Debug> Watch<'a, P> {
    fn start(check: &Isolation, index: usize, payload: P, dir: &'a Path, tasks: usize) -> Self {
        let described = format!("{payload:?}");
        let event = check.event(payload);
        let report = Pending {
            invocation: index + 1,
            request_id: event.context.request_id.clone(),
            payload: described,
            dir,
            entries: entries(dir),
            tasks,
        };
        Watch { event, report }
    }
}

impl Pending<'_> {
    /// The invocation has returned and `tasks` are alive on the runtime.
    fn end(self, tasks: usize) -> Result<(), Box<LeftBehind>> {
        let running = tasks.saturating_sub(self.tasks);
        let leftover = if running > 0 {
            Some(Leftover::Tasks { running })
        } else {
            new_files(
                self.dir,
                &self.request_id,
                &self.entries,
                &entries(self.dir),
            )
        };
        match leftover {
            None => Ok(()),
            Some(leftover) => Err(Box::new(LeftBehind {
                invocation: self.invocation,
                request_id: self.request_id,
                payload: self.payload,
                leftover,
            })),
        }
    }
}
