//! Opening a corpus or project on a named background thread, with progress and
//! cancellation, so the window stays responsive.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};

use crate::workspace::Workspace;
use crate::workspace::open::{self, OpenError, OpenRequest, Progress};

/// What the loader thread reports.
enum Message {
    Progress(Progress),
    Done(Box<Result<Workspace, OpenError>>),
}

/// A running open.
pub struct Loader {
    /// What is being opened.
    pub request: OpenRequest,
    /// The latest progress.
    pub progress: Option<Progress>,
    receiver: Receiver<Message>,
    cancel: Arc<AtomicBool>,
}

impl Loader {
    /// Starts opening `request` on a background thread. `wake` is called when something
    /// arrives (the window repaints).
    pub fn start(
        request: OpenRequest,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(64);
        let cancel = Arc::new(AtomicBool::new(false));
        let job_request = request.clone();
        let job_cancel = cancel.clone();
        std::thread::Builder::new()
            .name("claimbench-open".to_string())
            .spawn(move || run(&job_request, &sender, &job_cancel, &wake))?;
        Ok(Self {
            request,
            progress: None,
            receiver,
            cancel,
        })
    }

    /// Asks the thread to stop; it does at its next progress report.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes what arrived. Returns the result once the open is finished.
    pub fn poll(&mut self) -> Option<Result<Workspace, OpenError>> {
        while let Ok(message) = self.receiver.try_recv() {
            match message {
                Message::Progress(p) => self.progress = Some(p),
                Message::Done(result) => return Some(*result),
            }
        }
        None
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn run(
    request: &OpenRequest,
    sender: &SyncSender<Message>,
    cancel: &AtomicBool,
    wake: &(dyn Fn() + Send + Sync),
) {
    let report = |p: Progress| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        match sender.try_send(Message::Progress(p)) {
            Ok(()) => wake(),
            Err(TrySendError::Full(_)) => {} // the window is behind; skip this report
            Err(TrySendError::Disconnected(_)) => return false,
        }
        true
    };
    let result = open::open(request, &report);
    // If the window is gone, nobody needs the result.
    if sender.send(Message::Done(Box::new(result))).is_ok() {
        wake();
    }
}
