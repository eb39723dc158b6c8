//! The Lambda binary as a child process: started with Lambda's environment, watched until it
//! exits, its output kept for error reports, and killed on request.

use std::collections::VecDeque;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::{oneshot, watch};

/// How many lines of output are kept for error reports.
const LOG_LINES: usize = 40;

/// A running (or exited) Lambda process.
pub(super) struct Process {
    pid: u32,
    kill: Option<oneshot::Sender<()>>,
    exit: watch::Receiver<Option<ExitStatus>>,
    logs: Logs,
}

/// The last lines a process wrote to stdout and stderr.
#[derive(Clone, Default)]
pub(super) struct Logs(Arc<Mutex<VecDeque<String>>>);

impl Logs {
    pub(super) fn lines(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    fn push(&self, line: String) {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lines.len() == LOG_LINES {
            lines.pop_front();
        }
        lines.push_back(line);
    }
}

impl Process {
    /// Starts `binary` with `env`; must run inside the Tokio runtime that will watch it.
    pub(super) fn spawn(
        binary: &Path,
        env: &[(String, String)],
        removed: &[&str],
    ) -> std::io::Result<Self> {
        let mut command = tokio::process::Command::new(binary);
        for name in removed {
            command.env_remove(name);
        }
        command
            .envs(env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A backstop: the watcher task owns the child, and is dropped with the runtime.
            .kill_on_drop(true);
        let mut child = command.spawn()?;
        let pid = child.id().unwrap_or_default();
        let logs = Logs::default();
        if let Some(stdout) = child.stdout.take() {
            tokio::spawn(keep_lines(stdout, logs.clone()));
        }
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(keep_lines(stderr, logs.clone()));
        }
        let (kill, killed) = oneshot::channel::<()>();
        let (exited, exit) = watch::channel(None);
        tokio::spawn(async move {
            let status = tokio::select! {
                status = child.wait() => status,
                _ = killed => {
                    // Already exited if this fails; `wait` returns its status either way.
                    let _ = child.start_kill();
                    child.wait().await
                }
            };
            if let Ok(status) = status {
                exited.send_replace(Some(status));
            }
        });
        Ok(Process {
            pid,
            kill: Some(kill),
            exit,
            logs,
        })
    }

    pub(super) fn pid(&self) -> u32 {
        self.pid
    }

    /// The exit status, once the process has exited.
    pub(super) fn exit_status(&self) -> Option<ExitStatus> {
        *self.exit.borrow()
    }

    /// Resolves with the exit status when the process exits.
    pub(super) fn exited(&self) -> impl Future<Output = ExitStatus> + Send + 'static {
        super::when_set(self.exit.clone())
    }

    /// Asks the watcher to kill the process (a no-op once asked).
    pub(super) fn kill(&mut self) {
        if let Some(kill) = self.kill.take() {
            let _ = kill.send(());
        }
    }

    pub(super) fn logs(&self) -> Logs {
        self.logs.clone()
    }
}

async fn keep_lines(output: impl AsyncRead + Unpin, logs: Logs) {
    let mut lines = BufReader::new(output).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        logs.push(line);
    }
}
