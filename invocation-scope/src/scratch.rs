//! A directory of the temp dir that belongs to one invocation.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Finish, Invocation, PerInvocation};

/// Distinguishes the directories of one process, whatever the request ids.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A directory under the temp dir for one invocation, removed with its contents when the
/// invocation ends.
///
/// Lambda's `/tmp` (512 MB to 10 GB) survives from one warm invocation to the next, and under
/// Lambda Managed Instances concurrent invocations share it: a leftover download, or a fixed
/// file name such as `/tmp/input.csv`, is served to the next caller. Take `&mut ScratchDir` in
/// an [`#[invocation_handler]`](macro@crate::invocation_handler) instead:
///
/// - [`path`](Self::path) creates, on first use, a directory under [`std::env::temp_dir`]
///   (`TMPDIR` when set, else `/tmp`) named after the request id, the process and a counter, so
///   two invocations never share one, even concurrent ones or a retry with the same request id;
/// - the finish step removes it after the body returns `Ok` or `Err` (a failure to remove it
///   fails the invocation, see [`Finish`]); on panic or cancellation `Drop` removes it;
/// - [`size`](Self::size) adds up the bytes of its files, to stay inside the function's
///   ephemeral storage.
///
/// ```
/// use invocation_scope::{invocation_handler, ScratchDir};
/// use lambda_runtime::{Error, LambdaEvent};
/// use serde_json::{json, Value};
///
/// #[invocation_handler]
/// async fn handler(event: LambdaEvent<Value>, scratch: &mut ScratchDir) -> Result<Value, Error> {
///     let input = scratch.path()?.join("input.json");
///     std::fs::write(&input, event.payload.to_string())?;
///     Ok(json!({ "bytes": scratch.size()? }))
/// }
/// ```
#[derive(Debug)]
pub struct ScratchDir {
    request_id: Option<String>,
    base: Option<PathBuf>,
    path: Option<PathBuf>,
}

impl ScratchDir {
    /// A scratch directory for the invocation with `request_id`, under [`std::env::temp_dir`].
    /// Nothing is created until [`path`](Self::path) is called.
    #[must_use]
    pub fn new(request_id: Option<&str>) -> Self {
        ScratchDir {
            request_id: request_id.map(str::to_owned),
            base: None,
            path: None,
        }
    }

    /// The same, under `base` instead of the temp dir.
    #[must_use]
    pub fn in_dir(base: impl Into<PathBuf>, request_id: Option<&str>) -> Self {
        let mut dir = ScratchDir::new(request_id);
        dir.base = Some(base.into());
        dir
    }

    /// The directory, created by the first call.
    ///
    /// # Errors
    ///
    /// When it cannot be created.
    pub fn path(&mut self) -> io::Result<&Path> {
        let path = match self.path.take() {
            Some(path) => path,
            None => self.create()?,
        };
        Ok(self.path.insert(path))
    }

    /// The directory, if [`path`](Self::path) has created it.
    #[must_use]
    pub fn created(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Bytes in the files under the directory (0 before it is created).
    ///
    /// # Errors
    ///
    /// When a file or directory under it cannot be read.
    pub fn size(&self) -> io::Result<u64> {
        self.path.as_deref().map_or(Ok(0), size_of_dir)
    }

    /// Removes the directory and its contents now; a later [`path`](Self::path) creates a new
    /// one.
    ///
    /// # Errors
    ///
    /// When something under it cannot be removed.
    pub fn remove(&mut self) -> io::Result<()> {
        match self.path.take() {
            Some(path) => match std::fs::remove_dir_all(&path) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    fn create(&self) -> io::Result<PathBuf> {
        let base = self.base.clone().unwrap_or_else(std::env::temp_dir);
        let request: String = self
            .request_id
            .as_deref()
            .unwrap_or("no-request-id")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(64)
            .collect();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("invocation-{request}-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(path),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(error),
            }
        }
    }
}

fn size_of_dir(dir: &Path) -> io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            total += size_of_dir(&entry.path())?;
        } else {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}

impl PerInvocation for ScratchDir {
    fn fresh(invocation: Invocation<'_>) -> Self {
        ScratchDir::new(invocation.request_id())
    }
}

/// Removes the directory; an error removing it fails the invocation.
impl Finish for ScratchDir {
    type Error = io::Error;

    async fn finish(&mut self) -> io::Result<()> {
        self.remove()
    }
}

/// Removes the directory if the finish step did not (panic, cancellation, or a value built by
/// hand); errors are ignored.
impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = self.remove();
    }
}
