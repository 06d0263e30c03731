//! Autosave: unsaved changes are written every so often to a side file next to the
//! project (`NAME.autosave`, never over the project itself), or, for a project not saved
//! yet, to the app's data folder. A crash or a kill then costs at most the last interval.
//! Writing happens on a named background thread, so typing never waits for the disk.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::project::Project;

/// A running or finished autosave.
#[derive(Default)]
pub struct Autosaver {
    /// When the workspace last changed without being saved or autosaved.
    dirty_since: Option<Instant>,
    /// The revision written last.
    written_revision: Option<u64>,
    running: Option<(u64, Receiver<Result<(), String>>)>,
    /// The last problem, shown in the status bar.
    pub problem: Option<String>,
    /// When the last autosave finished.
    pub last_written: Option<chrono::DateTime<chrono::Local>>,
}

impl Autosaver {
    /// Whether a write is under way.
    pub fn is_writing(&self) -> bool {
        self.running.is_some()
    }

    /// Forgets the state (a new workspace was opened, or the project was saved).
    pub fn reset(&mut self) {
        self.dirty_since = None;
        self.written_revision = None;
    }

    /// Collects a finished write.
    pub fn poll(&mut self) {
        let Some((revision, receiver)) = &self.running else {
            return;
        };
        match receiver.try_recv() {
            Ok(Ok(())) => {
                self.written_revision = Some(*revision);
                self.problem = None;
                self.last_written = Some(chrono::Local::now());
                self.running = None;
            }
            Ok(Err(e)) => {
                self.problem = Some(e);
                self.running = None;
            }
            Err(TryRecvError::Disconnected) => {
                self.problem = Some("the autosave stopped unexpectedly".to_string());
                self.running = None;
            }
            Err(TryRecvError::Empty) => {}
        }
    }

    /// Whether an autosave is due: the work at `revision` is not saved, differs from
    /// what was autosaved, and has been so for `interval`.
    pub fn due(&mut self, dirty: bool, revision: u64, interval: Duration) -> bool {
        if !dirty || interval.is_zero() || self.written_revision == Some(revision) {
            self.dirty_since = None;
            return false;
        }
        let since = *self.dirty_since.get_or_insert_with(Instant::now);
        self.running.is_none() && since.elapsed() >= interval
    }

    /// Writes `project` to `side_file` on a background thread.
    pub fn start(
        &mut self,
        project: Project,
        revision: u64,
        side_file: PathBuf,
        wake: egui::Context,
    ) {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("claimbench-autosave".to_string())
            .spawn(move || {
                let result = write(&project, &side_file);
                let _ = sender.send(result);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.running = Some((revision, receiver));
                self.dirty_since = None;
            }
            Err(e) => self.problem = Some(format!("the autosave could not start: {e}")),
        }
    }
}

fn write(project: &Project, side_file: &Path) -> Result<(), String> {
    if let Some(dir) = side_file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::project::save::write_atomically(side_file, &project.to_ron(), false)
        .map(|_| ())
        .map_err(|e| format!("autosave to {} failed: {e}", side_file.display()))
}

/// Where the autosave of a project not saved yet goes: the app's data folder, one file
/// per corpus.
pub fn unsaved_side_file(data_dir: &Path, corpus: &Path) -> PathBuf {
    let corpus = std::path::absolute(corpus).unwrap_or_else(|_| corpus.to_path_buf());
    let hash = blake3::hash(corpus.to_string_lossy().as_bytes()).to_hex();
    let name = corpus
        .file_name()
        .map(|n| crate::extract::names::slug(&n.to_string_lossy()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "corpus".to_string());
    data_dir.join("autosave").join(format!(
        "{name}-{}{}.autosave",
        &hash.as_str()[..12],
        crate::project::EXTENSION
    ))
}
