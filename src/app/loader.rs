//! Opening a corpus or project on a named background thread, with progress and
//! cancellation, so the window stays responsive. A panic or an early end of the thread
//! reaches the window as an error in words, never as a progress bar that runs forever.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};

use crate::workspace::Workspace;
use crate::workspace::open::{self, OpenError, OpenRequest, Progress};

/// What the loader thread reports at the end (its progress goes through [`Latest`]).
enum Message {
    Done(Box<Result<Workspace, LoadFailure>>),
}

/// The latest progress the thread reported: each report replaces the one before, so the
/// window, however far behind, always shows the stage the work is at.
type Latest = Arc<Mutex<Option<Progress>>>;

/// Why a background open produced no workspace.
#[derive(Debug)]
pub enum LoadFailure {
    /// The open failed in an expected way (a damaged file, a missing corpus…).
    Open(OpenError),
    /// The work stopped unexpectedly (a bug): what it said, in words.
    Crashed(String),
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Open(e) => write!(f, "{e}"),
            Self::Crashed(why) => write!(
                f,
                "opening stopped because of an error inside Claimbench ({why}). Nothing open was changed; please report this with the file that caused it"
            ),
        }
    }
}

/// The work a loader does: open something, reporting progress (`false` from the
/// reporter means stop).
pub type Job =
    Box<dyn FnOnce(&(dyn Fn(Progress) -> bool + Sync)) -> Result<Workspace, OpenError> + Send>;

/// A running open.
pub struct Loader {
    /// What is being opened.
    pub request: OpenRequest,
    /// The latest progress.
    pub progress: Option<Progress>,
    receiver: Receiver<Message>,
    latest: Latest,
    cancel: Arc<AtomicBool>,
}

impl Loader {
    /// Starts opening `request` on a background thread, with `cache` if given. `wake` is called when something
    /// arrives (the window repaints).
    pub fn start(
        request: OpenRequest,
        cache: Option<crate::extract::cache::Cache>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let job_request = request.clone();
        Self::start_job(
            request,
            Box::new(move |progress| open::open_with(&job_request, cache.as_ref(), progress)),
            wake,
        )
    }

    /// Runs `job` on a background thread in place of a plain open of `request`.
    pub fn start_job(
        request: OpenRequest,
        job: Job,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let cancel = Arc::new(AtomicBool::new(false));
        let latest = Latest::default();
        let job_cancel = cancel.clone();
        let job_latest = latest.clone();
        std::thread::Builder::new()
            .name("claimbench-open".to_string())
            .spawn(move || run(job, &sender, &job_latest, &job_cancel, &wake))?;
        Ok(Self {
            request,
            progress: None,
            receiver,
            latest,
            cancel,
        })
    }

    /// Asks the thread to stop; it does at its next progress report.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes what arrived. Returns the result once the open is finished (or the thread
    /// ended without one).
    pub fn poll(&mut self) -> Option<Result<Workspace, LoadFailure>> {
        if let Some(p) = self
            .latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            self.progress = Some(p);
        }
        match self.receiver.try_recv() {
            Ok(Message::Done(result)) => Some(*result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(LoadFailure::Crashed(
                "the background work ended without a result".to_string(),
            ))),
        }
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn run(
    job: Job,
    sender: &SyncSender<Message>,
    latest: &Mutex<Option<Progress>>,
    cancel: &AtomicBool,
    wake: &(dyn Fn() + Send + Sync),
) {
    let report = |p: Progress| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let unseen = latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(p)
            .is_some();
        // The window is woken once for what it has not taken yet, not for every report.
        if !unseen {
            wake();
        }
        true
    };
    let result = match std::panic::catch_unwind(AssertUnwindSafe(|| job(&report))) {
        Ok(result) => result.map_err(LoadFailure::Open),
        Err(panic) => Err(LoadFailure::Crashed(panic_message(panic.as_ref()))),
    };
    // If the window is gone, nobody needs the result.
    if sender.send(Message::Done(Box::new(result))).is_ok() {
        wake();
    }
}

/// What a panic said.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unexpected error".to_string())
}
