//! The desktop workbench: a thin egui layer over [`crate::workspace`].
//!
//! Each frame the panels read the workspace and push [`AppCommand`]s; the commands are
//! applied in one place ([`ClaimbenchApp::handle`]) after drawing. File dialogs, saving and
//! opening happen only there, never in drawing code.

mod actors_ui;
mod autosave;
pub mod command;
mod dialogs;
pub mod file_dialog;
mod grid_ui;
mod input_order;
mod inspector_ui;
pub mod loader;
mod menu_ui;
mod orphans_ui;
pub mod pictures_ui;
mod source_ui;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Panel, ViewportCommand};

pub use actors_ui::ActorListView;
use command::UiCommand;
use file_dialog::{Chosen, FileChooser, Kind, Purpose, Request};
pub use grid_ui::GridView;
pub use inspector_ui::InspectorView;
use loader::{LoadFailure, Loader};
pub use source_ui::SourceView;

use crate::workspace::grid::Column;
use crate::workspace::open::{OpenError, OpenRequest, with_project_extension};
use crate::workspace::{ActorId, ClaimId, Edit, Workspace};

/// Settings kept between runs in eframe's storage (not in the project).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Recently opened projects and corpora, newest first.
    pub recent: Vec<PathBuf>,
    /// Show the actor list.
    pub show_actors: bool,
    /// Show the source text.
    pub show_source: bool,
    /// Show the inspector.
    pub show_inspector: bool,
    /// Always use Claimbench's own file dialog, never the desktop's.
    pub builtin_file_dialog: bool,
    /// Write unsaved changes to a side file this often (0: never).
    pub autosave_seconds: u64,
    /// The name recorded with verdict and status changes.
    pub author: String,
    /// Light, dark, or as the system says.
    pub theme: ThemeChoice,
    /// Size of all text and controls (1 is the usual size).
    pub zoom: f32,
    /// Start CSV exports with a byte order mark (for spreadsheets).
    pub csv_bom: bool,
    /// Who publishes ClaimReview exports.
    pub publisher: crate::export::claimreview::Publisher,
}

/// The colour theme chosen in View ▸ Theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, as the menu lists them.
    pub const ALL: [ThemeChoice; 3] = [Self::System, Self::Light, Self::Dark];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The actor list's share of the window's width when it first opens.
const ACTORS_SHARE: f32 = 0.17;
/// The inspector's share of the window's width when it first opens.
const INSPECTOR_SHARE: f32 = 0.2;
/// The inspector never takes more of the window's width than this.
const INSPECTOR_MAX_SHARE: f32 = 0.4;
/// The source panel's share of the window's height when it first opens.
const SOURCE_SHARE: f32 = 0.32;
/// The source panel is never smaller than this (points).
const SOURCE_MIN_HEIGHT: f32 = 120.0;
/// The grid above it keeps at least this much (points).
const GRID_MIN_HEIGHT: f32 = 160.0;

/// How much one step of Larger text or Smaller text changes the size.
const ZOOM_STEP: f32 = 0.1;
/// The smallest and largest text size.
const ZOOM_RANGE: (f32, f32) = (0.6, 2.5);

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            show_actors: true,
            show_source: true,
            show_inspector: true,
            builtin_file_dialog: false,
            autosave_seconds: 30,
            author: String::new(),
            theme: ThemeChoice::System,
            zoom: 1.0,
            csv_bom: false,
            publisher: crate::export::claimreview::Publisher::default(),
        }
    }
}

const PREFERENCES_KEY: &str = "claimbench-preferences";
const RECENT_LIMIT: usize = 10;

/// What the panels ask for; applied after drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// A menu item or shortcut.
    Ui(UiCommand),
    /// A change to the project.
    Edit(Edit),
    /// Open this path (asks about unsaved changes first).
    OpenPath(PathBuf),
    /// Select a claim (or nothing).
    Select(Option<ClaimId>),
    /// Sort by a column; the same column again reverses.
    SortBy(Column),
    /// Stop the open in progress.
    CancelLoad,
    /// Add or remove an actor from the grid's actor filter.
    ToggleActor(ActorId),
    /// Clear the actor filter.
    ClearActors,
    /// Show only the claims through one node of the attribution network (`None`: all).
    FilterNode(Option<crate::workspace::network::NodeKey>),
    /// Show only the claims published in these days (`None`: all).
    FilterDates(Option<(chrono::NaiveDate, chrono::NaiveDate)>),
    /// The answer to "save changes first?".
    Unsaved(UnsavedChoice),
    /// The answer to "recover the autosave?".
    Recovery(RecoveryChoice),
    /// Open a project's backup or autosave in place of the project (which was damaged).
    Restore {
        /// The project file.
        project: PathBuf,
        /// The backup or autosave to take the work from.
        from: PathBuf,
    },
    /// Choose where a moved corpus is now.
    LocateCorpus {
        /// The project file.
        project: PathBuf,
        /// A folder (else a file).
        folder: bool,
    },
    /// Stop waiting for the desktop's file dialog and use Claimbench's own.
    UseBuiltinDialog,
    /// Dismiss the error messages.
    DismissErrors,
}

/// An export being written on a background thread.
pub struct ExportJob {
    /// What is written ("61 claims as Report (HTML)").
    pub what: String,
    /// Where to.
    pub path: PathBuf,
    /// When it started.
    pub started: std::time::Instant,
    /// How far it has got.
    pub progress: std::sync::Arc<crate::export::Progress>,
    receiver: std::sync::mpsc::Receiver<std::io::Result<()>>,
}

/// Answers to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    /// Save, then go on.
    Save,
    /// Go on, leaving the changes unsaved.
    DontSave,
    /// Do nothing.
    Cancel,
}

/// Answers to "recover the autosave?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Take the autosave's work.
    Recover,
    /// Keep the project as saved; ask again next time.
    Later,
    /// Keep the project as saved and delete the autosave.
    Discard,
}

/// An action waiting for the answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Open something.
    Open(OpenRequest),
    /// Choose a folder and open it.
    NewFromFolder,
    /// Choose a file and open it.
    OpenDialog,
    /// Put the workspace that finished loading in place of the open one.
    Install,
    /// Close the window.
    Quit,
}

/// An error shown to the user, with what can be done about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownError {
    /// What went wrong, in words.
    pub text: String,
    /// A backup or autosave of a damaged project that can be opened instead:
    /// (project, file to restore from, label).
    pub restore: Vec<(PathBuf, PathBuf, String)>,
    /// A project whose corpus has moved.
    pub locate: Option<PathBuf>,
}

impl ShownError {
    fn plain(text: String) -> Self {
        Self {
            text,
            restore: Vec::new(),
            locate: None,
        }
    }
}

/// The Claimbench window.
pub struct ClaimbenchApp {
    /// The open corpus and project, once loaded.
    /// Shared with a background export while one runs (an edit then works on a copy).
    pub workspace: Option<std::sync::Arc<Workspace>>,
    /// The selected claim (checked against the workspace every frame).
    pub selected: Option<ClaimId>,
    /// The claim grid's filters, order and cached rows.
    pub grid: GridView,
    /// The source panel's state.
    pub source: SourceView,
    /// Which view the panel under the grid shows.
    pub bottom: pictures_ui::BottomTab,
    /// The pictures' state.
    pub pictures: pictures_ui::PicturesView,
    /// The inspector's state.
    pub inspector: InspectorView,
    /// The actor list's state.
    pub actor_list: ActorListView,
    /// Dialogs that are up.
    pub dialogs: dialogs::DialogState,
    /// Settings kept between runs.
    pub preferences: Preferences,
    /// Errors to show, newest last.
    pub errors: Vec<ShownError>,
    loader: Option<Loader>,
    /// An export being written in the background.
    export: Option<ExportJob>,
    /// Quit was chosen while an export was being written: close once it is.
    quit_after_export: bool,
    /// The folder of the last export, where the next one is offered.
    last_export_folder: Option<PathBuf>,
    /// A workspace that finished loading while unsaved work waits for an answer.
    waiting: Option<Box<Workspace>>,
    pending: Option<Pending>,
    /// The revision the researcher chose not to save ("Don't save").
    discarded_revision: Option<u64>,
    files: FileChooser,
    autosaver: autosave::Autosaver,
    data_dir: Option<PathBuf>,
    cache: Option<crate::extract::cache::Cache>,
    quit_now: bool,
    title: String,
    /// The theme and text size last applied to the window.
    applied_look: Option<(ThemeChoice, u32)>,
    /// Typing and clicks kept in separate frames, so no typed letter is lost.
    input_order: input_order::InputOrder,
}

impl ClaimbenchApp {
    /// Creates the window's state and starts opening `request`, if any.
    pub fn new(cc: &eframe::CreationContext<'_>, request: Option<OpenRequest>) -> Self {
        let preferences = cc
            .storage
            .and_then(|s| eframe::get_value::<Preferences>(s, PREFERENCES_KEY))
            .unwrap_or_default();
        let mut app = Self::blank(preferences);
        app.data_dir = eframe::storage_dir("Claimbench");
        app.cache =
            crate::extract::cache::Cache::default_dir().map(crate::extract::cache::Cache::new);
        if let Some(request) = request {
            app.start_open(&cc.egui_ctx, &request);
        }
        app
    }

    /// A window over an already opened workspace, without stored preferences (for
    /// benchmarks and embedding).
    pub fn with_workspace(workspace: Workspace) -> Self {
        let mut app = Self::blank(Preferences::default());
        app.workspace = Some(std::sync::Arc::new(workspace));
        app
    }

    fn blank(preferences: Preferences) -> Self {
        Self {
            workspace: None,
            selected: None,
            grid: GridView::default(),
            source: SourceView::default(),
            bottom: pictures_ui::BottomTab::default(),
            pictures: pictures_ui::PicturesView::default(),
            inspector: InspectorView::default(),
            actor_list: ActorListView::default(),
            dialogs: dialogs::DialogState::default(),
            preferences,
            errors: Vec::new(),
            loader: None,
            export: None,
            quit_after_export: false,
            last_export_folder: None,
            waiting: None,
            pending: None,
            discarded_revision: None,
            files: FileChooser::default(),
            autosaver: autosave::Autosaver::default(),
            data_dir: None,
            cache: None,
            quit_now: false,
            title: String::new(),
            applied_look: None,
            input_order: input_order::InputOrder::default(),
        }
    }

    /// The app's data folder (preferences, autosaves of projects not saved yet).
    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// Where autosaves of projects not saved yet go (the app's data folder).
    pub fn set_data_dir(&mut self, dir: Option<PathBuf>) {
        self.data_dir = dir;
    }

    /// The extraction cache opens read from and write to, if any.
    pub fn cache(&self) -> Option<&crate::extract::cache::Cache> {
        self.cache.as_ref()
    }

    /// Uses `cache` for the next opens (`None`: analyse every document every time).
    pub fn set_cache(&mut self, cache: Option<crate::extract::cache::Cache>) {
        self.cache = cache;
    }

    /// Draws a whole frame (panels, then the commands they produced applied), as
    /// [`eframe::App::ui`] does.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_look(&ctx);
        self.poll_loader(&ctx);
        self.poll_export(&ctx);
        self.autosave_tick(&ctx);
        self.refresh_order();
        let mut commands = self.frame_ui(ui);
        if let Some(chosen) = self.files.ui(&ctx) {
            self.handle(&ctx, std::mem::take(&mut commands));
            self.file_chosen(&ctx, chosen);
        }
        self.handle(&ctx, commands);
    }

    /// Puts the chosen theme and text size in place when they changed.
    fn apply_look(&mut self, ctx: &egui::Context) {
        let zoom = self.preferences.zoom;
        let zoom = if zoom.is_finite() {
            zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1)
        } else {
            1.0
        };
        let look = (self.preferences.theme, zoom.to_bits());
        if self.applied_look != Some(look) {
            // Text size is a preference of its own: egui's Ctrl+plus would not be remembered.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_theme(self.preferences.theme.preference());
            ctx.set_zoom_factor(zoom);
            self.preferences.zoom = zoom;
            self.applied_look = Some(look);
        }
    }

    /// Whether an open is in progress.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Whether a file dialog is up.
    pub fn is_choosing_file(&self) -> bool {
        self.files.is_open()
    }

    /// Whether an autosave is being written.
    pub fn is_autosaving(&self) -> bool {
        self.autosaver.is_writing()
    }

    /// The grid's rows, in the order shown.
    pub fn shown_rows(&self) -> &[u32] {
        &self.grid.order
    }

    /// The selected row, if the selected claim still exists.
    pub fn selected_row(&self) -> Option<usize> {
        let ws = self.workspace.as_ref()?;
        ws.row_of(self.selected.as_ref()?)
    }

    /// Starts opening `request` in the background, as File ▸ Open does (with no question
    /// about unsaved changes).
    pub fn open(&mut self, ctx: &egui::Context, request: &OpenRequest) {
        self.start_open(ctx, request);
    }

    fn start_open(&mut self, ctx: &egui::Context, request: &OpenRequest) {
        let wake_ctx = ctx.clone();
        match Loader::start(request.clone(), self.cache.clone(), move || {
            wake_ctx.request_repaint();
        }) {
            Ok(loader) => self.loader = Some(loader),
            Err(e) => self.errors.push(ShownError::plain(format!(
                "could not start opening {}: {e}",
                request.path().display()
            ))),
        }
    }

    /// Runs `job` on the loader thread as if it opened `request` (for tests of what the
    /// window does when background work fails).
    pub fn open_with_job(&mut self, ctx: &egui::Context, request: OpenRequest, job: loader::Job) {
        let wake_ctx = ctx.clone();
        match Loader::start_job(request, job, move || wake_ctx.request_repaint()) {
            Ok(loader) => self.loader = Some(loader),
            Err(e) => self
                .errors
                .push(ShownError::plain(format!("could not start opening: {e}"))),
        }
    }

    fn poll_loader(&mut self, ctx: &egui::Context) {
        let Some(loader) = &mut self.loader else {
            return;
        };
        let Some(result) = loader.poll() else { return };
        let request = loader.request.clone();
        self.loader = None;
        if result.is_err() {
            // The open the researcher gave up unsaved changes for did not happen.
            self.discarded_revision = None;
        }
        match result {
            Ok(mut workspace) => {
                if workspace.project_path().is_none()
                    && let Some(dir) = &self.data_dir
                {
                    workspace
                        .check_recovery(&autosave::unsaved_side_file(dir, workspace.corpus_path()));
                }
                self.remember_recent(
                    workspace
                        .project_path()
                        .map_or_else(|| request.path().to_path_buf(), Path::to_path_buf),
                );
                self.waiting = Some(Box::new(workspace));
                self.ask_then(ctx, Pending::Install);
            }
            Err(LoadFailure::Open(OpenError::Cancelled)) => {}
            Err(LoadFailure::Open(OpenError::CorpusMissing { project, corpus })) => {
                let e = OpenError::CorpusMissing {
                    project: project.clone(),
                    corpus,
                };
                self.errors.push(ShownError {
                    text: e.to_string(),
                    restore: Vec::new(),
                    locate: Some(project),
                });
            }
            Err(LoadFailure::Open(OpenError::Project(e))) if e.is_damaged() => {
                let project = e.path().to_path_buf();
                let mut restore = Vec::new();
                for (from, label) in [
                    (crate::project::autosave_path(&project), "Open the autosave"),
                    (crate::project::backup_path(&project), "Open the backup"),
                ] {
                    if from.is_file() && from != project {
                        restore.push((project.clone(), from, label.to_string()));
                    }
                }
                self.errors.push(ShownError {
                    text: e.to_string(),
                    restore,
                    locate: None,
                });
            }
            Err(e) => self.errors.push(ShownError::plain(e.to_string())),
        }
    }

    /// Puts the loaded workspace in place of the open one.
    fn install(&mut self) {
        let Some(mut workspace) = self.waiting.take() else {
            return;
        };
        if let Some(old) = &self.workspace
            && old.is_dirty()
        {
            // The researcher chose not to save: the autosave of that work goes too.
            if let Some(side) = self.side_file(old) {
                let _ = std::fs::remove_file(side);
            }
        }
        workspace.set_author(&self.preferences.author);
        let warnings = workspace.take_warnings();
        self.selected = None;
        self.grid = GridView::default();
        self.source = SourceView::default();
        self.pictures = pictures_ui::PicturesView::default();
        self.inspector = InspectorView::default();
        self.actor_list = ActorListView::default();
        self.dialogs = dialogs::DialogState::default();
        if !warnings.is_empty() {
            self.dialogs.message = Some(warnings.join("\n"));
        }
        self.autosaver.reset();
        self.discarded_revision = None;
        self.workspace = Some(std::sync::Arc::new(*workspace));
    }

    fn remember_recent(&mut self, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        self.preferences.recent.retain(|p| *p != path);
        self.preferences.recent.insert(0, path);
        self.preferences.recent.truncate(RECENT_LIMIT);
    }

    /// Rebuilds the grid's row order if the data, filter or sort changed.
    fn refresh_order(&mut self) {
        if let Some(ws) = &self.workspace {
            self.grid.refresh(ws);
        }
    }

    /// Draws one frame into `ui` and returns the commands it produced.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) -> Vec<AppCommand> {
        let mut commands = Vec::new();
        self.keyboard(ui.ctx(), &mut commands);
        self.dropped_files(ui.ctx(), &mut commands);
        Panel::top("menu").show(ui, |ui| menu_ui::menu_ui(ui, self, &mut commands));
        Panel::bottom("status").show(ui, |ui| menu_ui::status_ui(ui, self, &mut commands));
        if let Some(ws) = &self.workspace {
            let selected = self.selected.as_ref().and_then(|id| ws.row_of(id));
            let width = ui.available_width();
            if self.preferences.show_actors {
                Panel::left("actors")
                    .resizable(true)
                    .default_size((width * ACTORS_SHARE).clamp(230.0, 300.0))
                    .show(ui, |ui| {
                        actors_ui::actors_ui(ui, ws, &mut self.actor_list, &mut commands);
                    });
            }
            if self.preferences.show_inspector {
                Panel::right("inspector")
                    .resizable(true)
                    .default_size((width * INSPECTOR_SHARE).clamp(250.0, 380.0))
                    .max_size((width * INSPECTOR_MAX_SHARE).max(320.0))
                    .show(ui, |ui| {
                        inspector_ui::inspector_ui(
                            ui,
                            ws,
                            selected,
                            &mut self.inspector,
                            &mut commands,
                        );
                    });
            }
            if self.preferences.show_source {
                let height = ui.available_height();
                let response = Panel::bottom("source")
                    .resizable(true)
                    .default_size((height * SOURCE_SHARE).max(SOURCE_MIN_HEIGHT))
                    .min_size(SOURCE_MIN_HEIGHT)
                    .max_size((height - GRID_MIN_HEIGHT).max(SOURCE_MIN_HEIGHT))
                    .show(ui, |ui| {
                        pictures_ui::tabs_ui(ui, &mut self.bottom);
                        match self.bottom {
                            pictures_ui::BottomTab::Source => source_ui::source_ui(
                                ui,
                                ws,
                                selected,
                                &mut self.source,
                                &mut commands,
                            ),
                            pictures_ui::BottomTab::Network => pictures_ui::network_ui(
                                ui,
                                ws,
                                &self.grid.filter,
                                &mut self.pictures,
                                &mut commands,
                            ),
                            pictures_ui::BottomTab::Timeline => pictures_ui::timeline_ui(
                                ui,
                                ws,
                                &self.grid.filter,
                                &mut self.pictures,
                                &mut commands,
                            ),
                        }
                    });
                source_ui::grip_ui(ui, response.response.rect);
            }
            egui::CentralPanel::default().show(ui, |ui| {
                grid_ui::grid_ui(
                    ui,
                    ws,
                    selected,
                    &mut self.grid,
                    &self.actor_list,
                    &mut commands,
                );
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui, &mut commands));
        }
        dialogs::dialogs_ui(ui.ctx(), self, &mut commands);
        commands
    }

    fn keyboard(&mut self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        let typing = ctx.egui_wants_keyboard_input();
        let shortcuts = ctx.input_mut(|input| command::shortcut_commands(input, typing));
        commands.extend(shortcuts.into_iter().map(AppCommand::Ui));
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_now {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            commands.push(AppCommand::Ui(UiCommand::Quit));
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.push(AppCommand::OpenPath(path));
        }
    }

    fn welcome_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<AppCommand>) {
        ui.vertical_centered(|ui| {
            ui.add_space(120.0);
            ui.heading("Claimbench");
            if self.loader.is_some() {
                ui.label("Opening…");
                ui.spinner();
                return;
            }
            ui.label("Open a corpus folder or a project to begin, or drop one on this window.");
            ui.add_space(8.0);
            if ui.button(UiCommand::NewFromFolder.label()).clicked() {
                commands.push(AppCommand::Ui(UiCommand::NewFromFolder));
            }
            if ui.button(UiCommand::Open.label()).clicked() {
                commands.push(AppCommand::Ui(UiCommand::Open));
            }
        });
    }

    /// Applies the frame's commands.
    pub fn handle(&mut self, ctx: &egui::Context, commands: Vec<AppCommand>) {
        for command in commands {
            self.handle_one(ctx, command);
        }
    }

    fn handle_one(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Ui(ui_command) => self.handle_ui_command(ctx, ui_command),
            AppCommand::Edit(edit) => {
                if let Some(ws) = &mut self.workspace {
                    let ws = std::sync::Arc::make_mut(ws);
                    ws.set_author(&self.preferences.author);
                    match ws.apply(edit) {
                        Ok(()) => self.sync_actor_filter(),
                        Err(e) => self.errors.push(ShownError::plain(e.to_string())),
                    }
                }
            }
            AppCommand::OpenPath(path) => {
                self.ask_then(ctx, Pending::Open(OpenRequest::for_path(path)));
            }
            AppCommand::Select(claim) => {
                self.selected = claim;
                self.grid.scroll_to_selected = true;
                self.source.scroll = true;
                self.source.selection = None;
                self.inspector = InspectorView::default();
            }
            AppCommand::SortBy(column) => self.grid.sort_by(column),
            AppCommand::CancelLoad => {
                if let Some(loader) = self.loader.take() {
                    loader.cancel();
                }
                self.discarded_revision = None;
            }
            AppCommand::ToggleActor(id) => {
                if !self.actor_list.selected.remove(&id) {
                    self.actor_list.selected.insert(id);
                }
                self.sync_actor_filter();
            }
            AppCommand::ClearActors => {
                self.actor_list.selected.clear();
                self.sync_actor_filter();
            }
            AppCommand::FilterNode(node) => self.filter_node(node),
            AppCommand::FilterDates(range) => self.grid.filter.published = range,
            AppCommand::Unsaved(choice) => self.answer_unsaved(ctx, choice),
            AppCommand::Recovery(choice) => {
                if let Some(ws) = &mut self.workspace {
                    let ws = std::sync::Arc::make_mut(ws);
                    match choice {
                        RecoveryChoice::Recover => {
                            ws.recover();
                        }
                        RecoveryChoice::Later => ws.dismiss_recovery(false),
                        RecoveryChoice::Discard => ws.dismiss_recovery(true),
                    }
                    self.sync_actor_filter();
                }
            }
            AppCommand::Restore { project, from } => {
                self.errors.clear();
                self.ask_then(ctx, Pending::Open(OpenRequest::Restore { project, from }));
            }
            AppCommand::LocateCorpus { project, folder } => {
                self.errors.clear();
                let start = project.parent().map(Path::to_path_buf);
                self.choose_file(
                    ctx,
                    Request {
                        purpose: Purpose::LocateCorpus { project },
                        kind: if folder { Kind::Folder } else { Kind::OpenFile },
                        title: "Where is the corpus now?".to_string(),
                        folder: start,
                        file_name: None,
                        extensions: Vec::new(),
                    },
                );
            }
            AppCommand::UseBuiltinDialog => self.files.use_builtin_instead(),
            AppCommand::DismissErrors => self.errors.clear(),
        }
    }

    /// Filters the grid to the claims through a node of the attribution network: an
    /// outlet's, a speaker's (said by) or an actor's named (mentioning); `None` shows all.
    fn filter_node(&mut self, node: Option<crate::workspace::network::NodeKey>) {
        use crate::workspace::grid::ActorMatch;
        use crate::workspace::network::NodeKey;
        let Some(ws) = &self.workspace else { return };
        self.grid.filter.outlet = None;
        self.actor_list.selected.clear();
        match node {
            None => {}
            Some(NodeKey::Outlet(outlet)) => self.grid.filter.outlet = Some(outlet),
            Some(NodeKey::Speaker(a)) | Some(NodeKey::About(a)) => {
                let Some(actor) = ws.actors().get(a) else {
                    return;
                };
                self.actor_list.selected.insert(actor.id.clone());
                self.grid.filter.actor_match = if matches!(node, Some(NodeKey::Speaker(_))) {
                    ActorMatch::Speaker
                } else {
                    ActorMatch::Mentions
                };
            }
        }
        self.sync_actor_filter();
    }

    /// Keeps the grid's actor filter to the actors selected in the list.
    fn sync_actor_filter(&mut self) {
        let Some(ws) = &self.workspace else { return };
        self.actor_list
            .selected
            .retain(|id| ws.actor_index(id).is_some());
        self.grid.filter.actors = self.actor_list.selected.clone();
    }

    fn handle_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::NewFromFolder => self.ask_then(ctx, Pending::NewFromFolder),
            UiCommand::Open => self.ask_then(ctx, Pending::OpenDialog),
            UiCommand::Save => self.save(ctx, false, None),
            UiCommand::SaveAs => self.save(ctx, true, None),
            UiCommand::ExportCsv | UiCommand::Export(_) => {
                if self.workspace.is_some() {
                    // Where the last export went, else beside the project.
                    let folder = self
                        .last_export_folder
                        .clone()
                        .or_else(|| self.project_folder());
                    let (purpose, title, name, extension) = match command {
                        UiCommand::Export(format) => (
                            Purpose::Export(format),
                            format!("Export: {}", format.label()),
                            format!("claims.{}", format.extension()),
                            format.extension().rsplit('.').next().unwrap_or("txt"),
                        ),
                        _ => (
                            Purpose::ExportCsv,
                            "Export the claims shown as CSV".to_string(),
                            "claims.csv".to_string(),
                            "csv",
                        ),
                    };
                    self.choose_file(
                        ctx,
                        Request {
                            purpose,
                            kind: Kind::SaveFile,
                            title,
                            folder,
                            file_name: Some(name),
                            extensions: vec![extension],
                        },
                    );
                }
            }
            UiCommand::Quit => self.ask_then(ctx, Pending::Quit),
            UiCommand::Undo | UiCommand::Redo => {
                if let Some(ws) = &mut self.workspace {
                    let ws = std::sync::Arc::make_mut(ws);
                    if command == UiCommand::Undo {
                        ws.undo();
                    } else {
                        ws.redo();
                    }
                    self.sync_actor_filter();
                }
            }
            UiCommand::FocusFilter => self.grid.focus_filter = true,
            UiCommand::NextClaim
            | UiCommand::PreviousClaim
            | UiCommand::PageDown
            | UiCommand::PageUp
            | UiCommand::FirstClaim
            | UiCommand::LastClaim => {
                self.refresh_order();
                let Some(ws) = &self.workspace else { return };
                let last = self.grid.order.len().saturating_sub(1);
                let page = self.grid.page_rows.max(1);
                let current = self
                    .selected_row()
                    .and_then(|r| self.grid.order.iter().position(|&o| o as usize == r));
                let next = match (command, current) {
                    (UiCommand::LastClaim, _) => last,
                    (UiCommand::FirstClaim, _) | (_, None) => 0,
                    (UiCommand::NextClaim, Some(i)) => (i + 1).min(last),
                    (UiCommand::PageDown, Some(i)) => (i + page).min(last),
                    (UiCommand::PageUp, Some(i)) => i.saturating_sub(page),
                    (_, Some(i)) => i.saturating_sub(1),
                };
                if let Some(&row) = self.grid.order.get(next) {
                    let id = ws.rows()[row as usize].id.clone();
                    self.handle_one(ctx, AppCommand::Select(Some(id)));
                    self.grid.scroll_to_selected = true;
                }
            }
            UiCommand::SetVerdict(_) | UiCommand::ClearVerdict | UiCommand::SetStatus(_) => {
                let Some(claim) = self.selected.clone() else {
                    return;
                };
                let edit = match command {
                    UiCommand::SetVerdict(v) => Edit::SetVerdict {
                        claim,
                        verdict: Some(v),
                    },
                    UiCommand::SetStatus(status) => Edit::SetStatus { claim, status },
                    _ => Edit::SetVerdict {
                        claim,
                        verdict: None,
                    },
                };
                self.handle_one(ctx, AppCommand::Edit(edit));
            }
            UiCommand::FindInSource => {
                self.preferences.show_source = true;
                self.source.focus_find = true;
            }
            UiCommand::ZoomIn | UiCommand::ZoomOut | UiCommand::ZoomReset => {
                let zoom = match command {
                    UiCommand::ZoomIn => self.preferences.zoom + ZOOM_STEP,
                    UiCommand::ZoomOut => self.preferences.zoom - ZOOM_STEP,
                    _ => 1.0,
                };
                self.preferences.zoom = zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                self.apply_look(ctx);
            }
            UiCommand::KeyboardShortcuts => self.dialogs.show_shortcuts = true,
            UiCommand::About => self.dialogs.show_about = true,
            UiCommand::Preferences => self.dialogs.show_preferences = true,
        }
    }

    /// Runs `action`, first asking to save if there are unsaved changes. Putting a
    /// loaded workspace in place does not ask again when the researcher already chose not
    /// to save for that open (and changed nothing since).
    fn ask_then(&mut self, ctx: &egui::Context, action: Pending) {
        let unsaved = self.workspace.as_ref().is_some_and(|w| {
            w.is_dirty()
                && !(action == Pending::Install && Some(w.revision()) == self.discarded_revision)
        });
        if unsaved {
            self.pending = Some(action);
        } else {
            self.run_pending(ctx, action);
        }
    }

    fn answer_unsaved(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => self.save(ctx, false, Some(pending)),
            UnsavedChoice::DontSave => {
                // Nothing is marked saved: if the open is cancelled or fails, the work
                // is still there, still unsaved, and Quit still asks.
                self.discarded_revision = self.workspace.as_ref().map(|w| w.revision());
                self.run_pending(ctx, pending);
            }
            UnsavedChoice::Cancel => {
                if pending == Pending::Install {
                    self.waiting = None;
                }
            }
        }
    }

    fn run_pending(&mut self, ctx: &egui::Context, action: Pending) {
        match action {
            Pending::Open(request) => self.start_open(ctx, &request),
            Pending::NewFromFolder => {
                let folder = self.project_folder();
                self.choose_file(
                    ctx,
                    Request {
                        purpose: Purpose::NewFromFolder,
                        kind: Kind::Folder,
                        title: "Choose a corpus folder".to_string(),
                        folder,
                        file_name: None,
                        extensions: Vec::new(),
                    },
                );
            }
            Pending::OpenDialog => {
                let folder = self.project_folder();
                self.choose_file(
                    ctx,
                    Request {
                        purpose: Purpose::Open,
                        kind: Kind::OpenFile,
                        title: "Open a project, a corpus file or an extraction".to_string(),
                        folder,
                        file_name: None,
                        extensions: vec![
                            "ron", "jsonl", "ndjson", "json", "txt", "md", "html", "htm",
                        ],
                    },
                );
            }
            Pending::Install => self.install(),
            Pending::Quit => {
                // An export being written would die with the window: it closes once the
                // export is written.
                if self.export.is_some() {
                    self.quit_after_export = true;
                    return;
                }
                if let Some(ws) = &self.workspace
                    && ws.is_dirty()
                    && let Some(side) = self.side_file(ws)
                {
                    // The researcher chose not to keep these changes.
                    let _ = std::fs::remove_file(side);
                }
                self.quit_now = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn choose_file(&mut self, ctx: &egui::Context, request: Request) {
        self.files
            .open(request, self.preferences.builtin_file_dialog, ctx);
    }

    /// What to do with a file the user chose (or did not: a cancelled dialog changes
    /// nothing, and unsaved work stays unsaved and marked so).
    fn file_chosen(&mut self, ctx: &egui::Context, chosen: Chosen) {
        let Some(path) = chosen.path else {
            // Cancelled: whatever "Don't save" was for is not happening.
            self.discarded_revision = None;
            return;
        };
        match chosen.purpose {
            Purpose::Open => self.start_open(ctx, &OpenRequest::for_path(path)),
            Purpose::NewFromFolder => self.start_open(ctx, &OpenRequest::Corpus(path)),
            Purpose::Save { then } => {
                if self.save_to(Some(&with_project_extension(path)))
                    && let Some(then) = then
                {
                    self.run_pending(ctx, then);
                }
            }
            Purpose::ExportCsv => {
                self.last_export_folder = path.parent().map(Path::to_path_buf);
                self.export_csv_to(&path);
            }
            Purpose::Export(format) => {
                self.last_export_folder = path.parent().map(Path::to_path_buf);
                self.export_to(ctx, format, &path);
            }
            Purpose::LocateCorpus { project } => self.start_open(
                ctx,
                &OpenRequest::ProjectWithCorpus {
                    project,
                    corpus: path,
                },
            ),
        }
    }

    /// The folder file dialogs start in: the project's, else the corpus's parent.
    fn project_folder(&self) -> Option<PathBuf> {
        let ws = self.workspace.as_ref()?;
        ws.project_path()
            .and_then(Path::parent)
            .or_else(|| ws.corpus_path().parent())
            .map(Path::to_path_buf)
    }

    /// Saves to `path` (or where it was last saved). Errors are shown in the window.
    /// Returns whether it was saved.
    pub fn save_to(&mut self, path: Option<&Path>) -> bool {
        let Some(ws) = &mut self.workspace else {
            return false;
        };
        let ws = std::sync::Arc::make_mut(ws);
        let unsaved_side = ws
            .project_path()
            .is_none()
            .then_some(self.data_dir.as_ref())
            .flatten()
            .map(|dir| autosave::unsaved_side_file(dir, ws.corpus_path()));
        match ws.save(path) {
            Ok(saved) => {
                if let Some(side) = unsaved_side {
                    let _ = std::fs::remove_file(side);
                }
                self.autosaver.reset();
                self.remember_recent(saved);
                true
            }
            Err(e) => {
                self.errors.push(ShownError::plain(format!(
                    "The project was not saved: {e}. Your work is still open; try another place (Save As)."
                )));
                false
            }
        }
    }

    /// Saves; asks for a file name when there is none yet or `choose` is set, then runs
    /// `then`.
    fn save(&mut self, ctx: &egui::Context, choose: bool, then: Option<Pending>) {
        let Some(ws) = &self.workspace else { return };
        if choose || ws.project_path().is_none() {
            let suggested = format!(
                "{}{}",
                ws.title().trim_end_matches(crate::project::EXTENSION),
                crate::project::EXTENSION
            );
            let folder = self.project_folder();
            self.choose_file(
                ctx,
                Request {
                    purpose: Purpose::Save { then },
                    kind: Kind::SaveFile,
                    title: "Save project".to_string(),
                    folder,
                    file_name: Some(suggested),
                    extensions: vec!["ron"],
                },
            );
        } else if self.save_to(None)
            && let Some(then) = then
        {
            self.run_pending(ctx, then);
        }
    }

    fn export_csv_to(&mut self, path: &Path) {
        let Some(ws) = &self.workspace else { return };
        let rows: Vec<usize> = self.grid.order.iter().map(|&r| r as usize).collect();
        let written = std::fs::File::create(path).and_then(|f| {
            crate::export::csv::write_rows(
                ws,
                &rows,
                self.preferences.csv_bom,
                &mut std::io::BufWriter::new(f),
            )
        });
        match written {
            Ok(()) => {
                self.dialogs.message =
                    Some(format!("Wrote {} claims to {}", rows.len(), path.display()));
            }
            Err(e) => self
                .errors
                .push(ShownError::plain(format!("{}: {e}", path.display()))),
        }
    }

    /// Writes the whole project in `format` to `path` on a background thread (atomically:
    /// a failed export leaves any older file whole); the status bar shows it running and
    /// the window stays in use. Work done meanwhile goes on a copy of the workspace.
    fn export_to(&mut self, ctx: &egui::Context, format: crate::export::ExportFormat, path: &Path) {
        let Some(ws) = &self.workspace else { return };
        if self.export.is_some() {
            self.errors.push(ShownError::plain(
                "An export is still being written; wait for it to finish first.".to_string(),
            ));
            return;
        }
        let ws = std::sync::Arc::clone(ws);
        let options = crate::export::ExportOptions {
            bom: self.preferences.csv_bom,
            publisher: self.preferences.publisher.clone(),
        };
        let what = format!("{} claims as {}", ws.rows().len(), format.label());
        let (sender, receiver) = std::sync::mpsc::channel();
        let target = path.to_path_buf();
        let wake = ctx.clone();
        let progress = std::sync::Arc::new(crate::export::Progress::default());
        let counted = std::sync::Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut text = Vec::new();
                    crate::export::write_counting(&ws, format, &options, &mut text, &counted)
                        .and_then(|()| {
                            crate::project::save::write_atomically(
                                &target,
                                &String::from_utf8_lossy(&text),
                                false,
                            )
                            .map(|_| ())
                        })
                }))
                .unwrap_or_else(|_| {
                    Err(std::io::Error::other(
                        "the export stopped on an internal error; nothing was written",
                    ))
                });
                let _ = sender.send(written);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.export = Some(ExportJob {
                    what,
                    path: path.to_path_buf(),
                    started: std::time::Instant::now(),
                    progress,
                    receiver,
                });
            }
            Err(e) => self.errors.push(ShownError::plain(format!(
                "The export could not start: {e}"
            ))),
        }
    }

    /// Takes the result of a finished export, if one finished.
    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export else { return };
        let result = match job.receiver.try_recv() {
            Ok(result) => result,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(std::io::Error::other(
                "the export stopped before it finished; nothing was written",
            )),
        };
        let job = self.export.take().expect("checked");
        let quit = std::mem::take(&mut self.quit_after_export);
        match result {
            Ok(()) => {
                self.dialogs.message =
                    Some(format!("Wrote {} to {}", job.what, job.path.display()));
                if quit {
                    self.run_pending(ctx, Pending::Quit);
                }
            }
            // A failed export keeps the window open, to say so.
            Err(e) => self
                .errors
                .push(ShownError::plain(format!("{}: {e}", job.path.display()))),
        }
    }

    /// Whether an export is being written.
    pub fn is_exporting(&self) -> bool {
        self.export.is_some()
    }

    /// The side file unsaved changes of `ws` are autosaved to.
    fn side_file(&self, ws: &Workspace) -> Option<PathBuf> {
        match ws.project_path() {
            Some(p) => Some(crate::project::autosave_path(p)),
            None => self
                .data_dir
                .as_ref()
                .map(|dir| autosave::unsaved_side_file(dir, ws.corpus_path())),
        }
    }

    /// Writes unsaved changes to the side file when they have waited long enough.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        // An autosave would copy a workspace an export still reads; it waits for the export.
        if self.export.is_some() {
            return;
        }
        self.autosaver.poll();
        let interval = Duration::from_secs(self.preferences.autosave_seconds);
        let Some(ws) = &self.workspace else { return };
        let (dirty, revision) = (ws.is_dirty(), ws.revision());
        let due = self.autosaver.due(dirty, revision, interval);
        if dirty && !interval.is_zero() {
            ctx.request_repaint_after(interval.min(Duration::from_secs(5)));
        }
        if !due {
            return;
        }
        let Some(side) = self.side_file(ws) else {
            return;
        };
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let ws = std::sync::Arc::make_mut(ws);
        let project = ws.project_for(&side);
        self.autosaver.start(project, revision, side, ctx.clone());
    }

    /// Writes an autosave now, whatever the interval (for tests; the window does it on
    /// its own every [`Preferences::autosave_seconds`]).
    pub fn autosave_now(&mut self, ctx: &egui::Context) {
        let Some(ws) = &self.workspace else { return };
        let Some(side) = self.side_file(ws) else {
            return;
        };
        let revision = ws.revision();
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let ws = std::sync::Arc::make_mut(ws);
        let project = ws.project_for(&side);
        self.autosaver.start(project, revision, side, ctx.clone());
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.workspace {
            Some(ws) => format!(
                "{}{} — Claimbench",
                if ws.is_dirty() { "• " } else { "" },
                ws.title()
            ),
            None => "Claimbench".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for ClaimbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
        self.update_title(ui.ctx());
        if self.loader.is_some() || self.autosaver.is_writing() || self.export.is_some() {
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.input_order.split(&mut raw_input.events) {
            ctx.request_repaint();
        }
    }
}
