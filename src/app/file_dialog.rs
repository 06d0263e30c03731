//! Choosing files: the desktop's own dialog where one can be shown, Claimbench's own
//! (egui_file) where none can, or when the preferences say so.
//!
//! On Linux the native dialog goes through the xdg-desktop-portal, else zenity. On a plain
//! X11 session, a tiling window manager or a remote desktop neither may answer, and the
//! native call returns at once as if the user had cancelled. So the native dialog runs on
//! a thread of its own (the window stays responsive while it is up), and an answer that
//! comes back faster than a person could cancel counts as "no dialog could be shown":
//! Claimbench's own dialog opens instead, says why, and is used for the rest of the
//! session.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A native dialog that "answers" faster than this was never shown to anyone.
const NOT_SHOWN_WITHIN: Duration = Duration::from_millis(400);

/// What a file is chosen for; it comes back with the choice.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// A project, corpus folder file or JSON Lines file to open.
    Open,
    /// A corpus folder for a new project.
    NewFromFolder,
    /// Where to save the project; then go on with what was waiting for the save.
    Save {
        /// What to do once saved.
        then: Option<super::Pending>,
    },
    /// Where to write the CSV export of the grid.
    ExportCsv,
    /// Where to write an export of the whole project.
    Export(crate::export::ExportFormat),
    /// Where a moved corpus is now (for this project file).
    LocateCorpus {
        /// The project file.
        project: PathBuf,
    },
}

/// What kind of choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An existing file.
    OpenFile,
    /// An existing folder.
    Folder,
    /// A file name to write.
    SaveFile,
}

/// How the dialog is set up.
#[derive(Clone, Debug)]
pub struct Request {
    /// What it is for.
    pub purpose: Purpose,
    /// What kind of choice.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// The folder it starts in.
    pub folder: Option<PathBuf>,
    /// The file name proposed (for saving).
    pub file_name: Option<String>,
    /// File name endings to show (empty: all files).
    pub extensions: Vec<&'static str>,
}

/// A finished choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    /// What it was for.
    pub purpose: Purpose,
    /// The path, or `None` when the user cancelled.
    pub path: Option<PathBuf>,
}

enum Active {
    Native {
        request: Request,
        receiver: Receiver<Option<PathBuf>>,
        started: Instant,
    },
    InApp {
        purpose: Purpose,
        dialog: Box<egui_file::FileDialog>,
    },
}

/// The file dialog in use, if one is up.
#[derive(Default)]
pub struct FileChooser {
    active: Option<Active>,
    /// Set once a native dialog could not be shown in this session.
    native_unavailable: bool,
    /// Why Claimbench's own dialog is shown, for the status bar.
    pub notice: Option<String>,
}

impl FileChooser {
    /// Whether a dialog is up.
    pub fn is_open(&self) -> bool {
        self.active.is_some()
    }

    /// Whether a native dialog is up (shown in the status bar: the window waits for it).
    pub fn waiting_for_native(&self) -> bool {
        matches!(self.active, Some(Active::Native { .. }))
    }

    /// Shows a dialog for `request`: Claimbench's own when `builtin` is set or no native
    /// dialog can be shown here.
    pub fn open(&mut self, request: Request, builtin: bool, ctx: &egui::Context) {
        if self.active.is_some() {
            return;
        }
        if builtin {
            self.notice = None;
            self.open_in_app(request);
            return;
        }
        if self.native_unavailable || !native_dialog_possible() {
            self.native_unavailable = true;
            self.notice = Some(NO_NATIVE.to_string());
            self.open_in_app(request);
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let native = native_dialog(&request);
        let wake = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("claimbench-file-dialog".to_string())
            .spawn(move || {
                let _ = sender.send(native());
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.active = Some(Active::Native {
                    request,
                    receiver,
                    started: Instant::now(),
                });
            }
            Err(_) => self.open_in_app(request),
        }
    }

    /// Gives up on the native dialog that is up and shows Claimbench's own instead.
    pub fn use_builtin_instead(&mut self) {
        if let Some(Active::Native { request, .. }) = self.active.take() {
            self.notice = None;
            self.open_in_app(request);
        }
    }

    fn open_in_app(&mut self, request: Request) {
        let mut dialog = match request.kind {
            Kind::OpenFile => egui_file::FileDialog::open_file(),
            Kind::Folder => egui_file::FileDialog::select_folder(),
            Kind::SaveFile => egui_file::FileDialog::save_file(),
        };
        let folder = request
            .folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(|| std::env::current_dir().ok());
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.default_filename(name.clone());
        }
        if !request.extensions.is_empty() && request.kind == Kind::OpenFile {
            let extensions = request.extensions.clone();
            dialog = dialog.show_files_filter(Box::new(move |path: &Path| {
                path.is_dir() || has_extension(path, &extensions)
            }));
        }
        let mut title = request.title.clone();
        if let Some(notice) = &self.notice {
            title = format!("{title} ({notice})");
        }
        dialog = dialog
            .title(&title)
            .id(egui::Id::unique("claimbench-file-dialog"))
            .default_size([640.0, 460.0])
            .show_rename(false);
        dialog.open();
        self.active = Some(Active::InApp {
            purpose: request.purpose,
            dialog: Box::new(dialog),
        });
    }

    /// Draws Claimbench's dialog, or checks on the native one. Returns the choice once
    /// it is made (or cancelled).
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        match self.active.as_mut()? {
            Active::Native {
                receiver, started, ..
            } => {
                let answer = match receiver.try_recv() {
                    Ok(answer) => answer,
                    Err(TryRecvError::Empty) => return None,
                    Err(TryRecvError::Disconnected) => None,
                };
                let too_fast = answer.is_none() && started.elapsed() < NOT_SHOWN_WITHIN;
                let Some(Active::Native { request, .. }) = self.active.take() else {
                    return None;
                };
                if too_fast {
                    self.native_unavailable = true;
                    self.notice = Some(NO_NATIVE.to_string());
                    self.open_in_app(request);
                    return None;
                }
                Some(Chosen {
                    purpose: request.purpose,
                    path: answer,
                })
            }
            Active::InApp { dialog, .. } => {
                dialog.show(ctx);
                let path = match dialog.state() {
                    egui_file::State::Open => return None,
                    egui_file::State::Selected => dialog.path().map(Path::to_path_buf),
                    egui_file::State::Cancelled | egui_file::State::Closed => None,
                };
                let Some(Active::InApp { purpose, .. }) = self.active.take() else {
                    return None;
                };
                Some(Chosen { purpose, path })
            }
        }
    }
}

/// Why Claimbench's own dialog is shown.
const NO_NATIVE: &str =
    "no system file dialog can be shown on this desktop, so Claimbench's own is used";

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    extensions.iter().any(|e| name.ends_with(&format!(".{e}")))
}

/// Whether a native dialog has any chance here: on Linux, a session bus (for the
/// portal) or zenity.
fn native_dialog_possible() -> bool {
    #[cfg(target_os = "linux")]
    {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|d| Path::new(&d).join("bus").exists());
        let zenity = std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()));
        bus || zenity
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// The native dialog for `request`, as a call to make on the dialog thread.
fn native_dialog(request: &Request) -> impl FnOnce() -> Option<PathBuf> + Send + 'static {
    let mut dialog = rfd::FileDialog::new().set_title(&request.title);
    if let Some(folder) = &request.folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = &request.file_name {
        dialog = dialog.set_file_name(name);
    }
    if !request.extensions.is_empty() {
        dialog = dialog.add_filter("Claimbench", &request.extensions);
    }
    let kind = request.kind;
    move || match kind {
        Kind::OpenFile => dialog.pick_file(),
        Kind::Folder => dialog.pick_folder(),
        Kind::SaveFile => dialog.save_file(),
    }
}
