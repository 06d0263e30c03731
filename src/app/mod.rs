//! The desktop workbench: a thin egui layer over [`crate::workspace`].
//!
//! Each frame the panels read the workspace and push [`AppCommand`]s; the commands are
//! applied in one place ([`ClaimbenchApp::handle`]) after drawing.

mod actors_ui;
pub mod command;
mod dialogs;
mod grid_ui;
mod inspector_ui;
pub mod loader;
mod source_ui;

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::{Panel, ViewportCommand};

use crate::workspace::grid::{self, Column, Filter, SearchIndex, Sort};
use crate::workspace::open::{OpenRequest, with_project_extension};
use crate::workspace::{Edit, Workspace};
use command::UiCommand;
use loader::Loader;

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
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            show_actors: true,
            show_source: true,
            show_inspector: true,
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
    /// Select a claim row (or nothing).
    Select(Option<usize>),
    /// Sort by a column; the same column again reverses.
    SortBy(Column),
    /// Stop the open in progress.
    CancelLoad,
    /// Add or remove an actor from the grid's actor filter.
    ToggleActor(String),
    /// Clear the actor filter.
    ClearActors,
}

/// An action waiting for the answer to "save changes first?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Open(OpenRequest),
    NewFromFolder,
    OpenDialog,
    Quit,
}

/// What the grid, source and inspector remember between frames.
#[derive(Default)]
pub struct ViewState {
    /// The selected claim, by id (checked against the workspace every frame).
    pub selected: Option<String>,
    /// Grid filters.
    pub filter: Filter,
    /// Grid order.
    pub sort: Sort,
    /// Rows shown, in order; rebuilt only when the key changes.
    pub order: Vec<u32>,
    order_key: Option<(u64, Filter, Sort)>,
    search: SearchIndex,
    /// Scroll the grid to the selection next frame.
    pub scroll_to_selected: bool,
    scroll_source: bool,
    focus_filter: bool,
    actor_search: String,
    /// Curated actor ids selected in the actor list.
    pub selected_actors: BTreeSet<String>,
    source_selection: Option<(usize, usize, usize)>,
    source_layout: Option<(source_ui::SourceLayoutKey, std::sync::Arc<egui::Galley>)>,
    reference_form: inspector_ui::ReferenceForm,
    rename: Option<(String, String)>,
    show_orphans: bool,
    message: Option<String>,
    show_hidden_actors: bool,
    actor_order: Vec<usize>,
    actor_order_key: Option<(u64, String, bool)>,
}

/// The Claimbench window.
pub struct ClaimbenchApp {
    /// The open corpus and project, once loaded.
    pub workspace: Option<Workspace>,
    /// Grid, selection and form state.
    pub view: ViewState,
    loader: Option<Loader>,
    preferences: Preferences,
    pending: Option<Pending>,
    /// Errors to show, newest last.
    pub errors: Vec<String>,
    quit_now: bool,
    title: String,
}

impl ClaimbenchApp {
    /// Creates the window's state and starts opening `request`, if any.
    pub fn new(cc: &eframe::CreationContext<'_>, request: Option<OpenRequest>) -> Self {
        let preferences = cc
            .storage
            .and_then(|s| eframe::get_value::<Preferences>(s, PREFERENCES_KEY))
            .unwrap_or_default();
        let mut app = Self {
            workspace: None,
            view: ViewState::default(),
            loader: None,
            preferences,
            pending: None,
            errors: Vec::new(),
            quit_now: false,
            title: String::new(),
        };
        if let Some(request) = request {
            app.start_open(&cc.egui_ctx, &request);
        }
        app
    }

    /// A window over an already opened workspace, without stored preferences (for
    /// benchmarks and embedding).
    pub fn with_workspace(workspace: Workspace) -> Self {
        Self {
            workspace: Some(workspace),
            view: ViewState::default(),
            loader: None,
            preferences: Preferences::default(),
            pending: None,
            errors: Vec::new(),
            quit_now: false,
            title: String::new(),
        }
    }

    /// Draws a whole frame (panels, then the commands they produced applied), as
    /// [`eframe::App::ui`] does.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.poll_loader();
        self.refresh_order();
        let commands = self.frame_ui(ui);
        self.handle(&ui.ctx().clone(), commands);
    }

    /// Whether an open is in progress.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// The selected row, if the selected claim still exists.
    pub fn selected_row(&self) -> Option<usize> {
        let ws = self.workspace.as_ref()?;
        ws.row_of(self.view.selected.as_deref()?)
    }

    fn start_open(&mut self, ctx: &egui::Context, request: &OpenRequest) {
        let wake_ctx = ctx.clone();
        match Loader::start(request.clone(), move || wake_ctx.request_repaint()) {
            Ok(loader) => self.loader = Some(loader),
            Err(e) => self.errors.push(format!(
                "could not start opening {}: {e}",
                request.path().display()
            )),
        }
    }

    fn poll_loader(&mut self) {
        let Some(loader) = &mut self.loader else {
            return;
        };
        let Some(result) = loader.poll() else { return };
        let request = loader.request.clone();
        self.loader = None;
        match result {
            Ok(workspace) => {
                self.remember_recent(
                    workspace
                        .project_path
                        .clone()
                        .unwrap_or_else(|| request.path().to_path_buf()),
                );
                self.view = ViewState::default();
                if !workspace.warnings.is_empty() {
                    self.view.message = Some(workspace.warnings.join("\n"));
                }
                self.workspace = Some(workspace);
            }
            Err(crate::workspace::open::OpenError::Cancelled) => {}
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    fn remember_recent(&mut self, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        self.preferences.recent.retain(|p| *p != path);
        self.preferences.recent.insert(0, path);
        self.preferences.recent.truncate(RECENT_LIMIT);
    }

    /// Rebuilds the grid's row order if the data, filter or sort changed.
    fn refresh_order(&mut self) {
        let Some(ws) = &self.workspace else { return };
        if self.view.search.built_for != Some(ws.layout_generation) {
            self.view.search = SearchIndex::build(ws);
        }
        let key = (ws.generation, self.view.filter.clone(), self.view.sort);
        if self.view.order_key.as_ref() != Some(&key) {
            self.view.order = grid::rows(ws, &self.view.search, &self.view.filter, self.view.sort);
            self.view.order_key = Some(key);
        }
    }

    /// Draws one frame into `ui` and returns the commands it produced.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) -> Vec<AppCommand> {
        let mut commands = Vec::new();
        self.keyboard(ui.ctx(), &mut commands);
        self.dropped_files(ui.ctx(), &mut commands);
        Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut commands));
        Panel::bottom("status").show(ui, |ui| self.status_ui(ui, &mut commands));
        if let Some(ws) = &self.workspace {
            let selected = ws.row_of(self.view.selected.as_deref().unwrap_or(""));
            if self.preferences.show_actors {
                Panel::left("actors")
                    .resizable(true)
                    .default_size(300.0)
                    .show(ui, |ui| {
                        actors_ui::actors_ui(ui, ws, &mut self.view, &mut commands);
                    });
            }
            if self.preferences.show_inspector {
                Panel::right("inspector")
                    .resizable(true)
                    .default_size(420.0)
                    .show(ui, |ui| {
                        inspector_ui::inspector_ui(ui, ws, selected, &mut self.view, &mut commands);
                    });
            }
            if self.preferences.show_source {
                Panel::bottom("source")
                    .resizable(true)
                    .default_size(300.0)
                    .show(ui, |ui| {
                        source_ui::source_ui(ui, ws, selected, &mut self.view, &mut commands);
                    });
            }
            egui::CentralPanel::default().show(ui, |ui| {
                grid_ui::grid_ui(ui, ws, selected, &mut self.view, &mut commands);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui, &mut commands));
        }
        dialogs::dialogs_ui(ui.ctx(), self, &mut commands);
        commands
    }

    fn keyboard(&mut self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|input| {
            for command in UiCommand::GLOBAL {
                if let Some(shortcut) = command.shortcut()
                    && input.consume_shortcut(&shortcut)
                {
                    commands.push(AppCommand::Ui(command));
                }
            }
            if !typing {
                for command in [UiCommand::NextClaim, UiCommand::PreviousClaim] {
                    if let Some(shortcut) = command.shortcut()
                        && input.consume_shortcut(&shortcut)
                    {
                        commands.push(AppCommand::Ui(command));
                    }
                }
            }
        });
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

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<AppCommand>) {
        let item = |ui: &mut egui::Ui,
                    command: UiCommand,
                    enabled: bool,
                    commands: &mut Vec<AppCommand>| {
            let mut button = egui::Button::new(command.label());
            if let Some(shortcut) = command.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
            }
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(command.tooltip())
                .clicked()
            {
                commands.push(AppCommand::Ui(command));
            }
        };
        let has_workspace = self.workspace.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, UiCommand::NewFromFolder, true, commands);
                item(ui, UiCommand::Open, true, commands);
                ui.menu_button("Open Recent", |ui| {
                    if self.preferences.recent.is_empty() {
                        ui.label("Nothing opened yet");
                    }
                    for path in &self.preferences.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(AppCommand::OpenPath(path.clone()));
                        }
                    }
                });
                ui.separator();
                item(ui, UiCommand::Save, has_workspace, commands);
                item(ui, UiCommand::SaveAs, has_workspace, commands);
                item(ui, UiCommand::ExportCsv, has_workspace, commands);
                ui.separator();
                item(ui, UiCommand::Quit, true, commands);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.workspace.as_ref().and_then(|w| w.undo_label());
                let redo = self.workspace.as_ref().and_then(|w| w.redo_label());
                let ctx = ui.ctx().clone();
                let labelled = |command: UiCommand, what: Option<&str>| {
                    let text = what.map_or(command.label().to_string(), |w| {
                        format!("{} {w}", command.label())
                    });
                    let mut button = egui::Button::new(text);
                    if let Some(shortcut) = command.shortcut() {
                        button = button.shortcut_text(ctx.format_shortcut(&shortcut));
                    }
                    button
                };
                if ui
                    .add_enabled(undo.is_some(), labelled(UiCommand::Undo, undo))
                    .clicked()
                {
                    commands.push(AppCommand::Ui(UiCommand::Undo));
                }
                if ui
                    .add_enabled(redo.is_some(), labelled(UiCommand::Redo, redo))
                    .clicked()
                {
                    commands.push(AppCommand::Ui(UiCommand::Redo));
                }
                ui.separator();
                item(ui, UiCommand::FocusFilter, has_workspace, commands);
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.preferences.show_actors, "Actor list");
                ui.checkbox(&mut self.preferences.show_source, "Source text");
                ui.checkbox(&mut self.preferences.show_inspector, "Inspector");
                let orphans = self.workspace.as_ref().map_or(0, |w| w.orphans.len());
                if ui
                    .add_enabled(
                        orphans > 0,
                        egui::Button::new(format!("Unattached work ({orphans})")),
                    )
                    .on_hover_text(
                        "Verdicts and notes whose claim text could not be found any more",
                    )
                    .clicked()
                {
                    self.view.show_orphans = true;
                }
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            if let Some(loader) = &self.loader {
                ui.spinner();
                let (fraction, text) = match loader.progress {
                    Some(p) if p.total > 0 => (
                        p.done as f32 / p.total as f32,
                        format!("{}: {} of {}", p.stage, p.done, p.total),
                    ),
                    _ => (0.0, format!("Opening {}…", loader.request.path().display())),
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(text)
                        .desired_width(360.0),
                );
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::CancelLoad);
                }
                return;
            }
            let Some(ws) = &self.workspace else {
                ui.label("No corpus open");
                return;
            };
            ui.label(format!(
                "{}{}",
                ws.title(),
                if ws.dirty { " • unsaved changes" } else { "" }
            ));
            ui.separator();
            ui.label(format!(
                "{} documents · {} claims · {} actors · {} families",
                ws.corpus.documents.len(),
                ws.rows.len(),
                ws.actors.iter().filter(|a| !a.hidden).count(),
                ws.extraction.families.len()
            ));
            ui.separator();
            match ws.last_saved {
                Some(t) => ui.label(format!("Saved at {}", t.format("%H:%M:%S"))),
                None if ws.project_path.is_some() => ui.label("Opened from file"),
                None => ui.label("Not saved yet"),
            };
        });
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
                if let Some(ws) = &mut self.workspace
                    && let Err(e) = ws.apply(edit)
                {
                    self.errors.push(e.to_string());
                }
            }
            AppCommand::OpenPath(path) => {
                self.ask_then(ctx, Pending::Open(OpenRequest::for_path(path)));
            }
            AppCommand::Select(row) => {
                self.view.selected = row
                    .and_then(|r| self.workspace.as_ref()?.rows.get(r))
                    .map(|r| r.claim.id.clone());
                self.view.scroll_to_selected = true;
                self.view.scroll_source = true;
                self.view.source_selection = None;
                self.view.reference_form = Default::default();
            }
            AppCommand::SortBy(column) => {
                if self.view.sort.column == column {
                    self.view.sort.descending = !self.view.sort.descending;
                } else {
                    self.view.sort = Sort {
                        column,
                        descending: false,
                    };
                }
                self.view.scroll_to_selected = true;
            }
            AppCommand::CancelLoad => {
                if let Some(loader) = self.loader.take() {
                    loader.cancel();
                }
            }
            AppCommand::ToggleActor(id) => {
                if !self.view.selected_actors.remove(&id) {
                    self.view.selected_actors.insert(id);
                }
                self.sync_actor_filter();
            }
            AppCommand::ClearActors => {
                self.view.selected_actors.clear();
                self.sync_actor_filter();
            }
        }
    }

    fn sync_actor_filter(&mut self) {
        let Some(ws) = &self.workspace else { return };
        self.view.filter.actors = ws
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| self.view.selected_actors.contains(&a.id))
            .map(|(i, _)| i)
            .collect();
    }

    fn handle_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::NewFromFolder => self.ask_then(ctx, Pending::NewFromFolder),
            UiCommand::Open => self.ask_then(ctx, Pending::OpenDialog),
            UiCommand::Save => {
                self.save(false);
            }
            UiCommand::SaveAs => {
                self.save(true);
            }
            UiCommand::ExportCsv => self.export_csv(),
            UiCommand::Quit => self.ask_then(ctx, Pending::Quit),
            UiCommand::Undo => {
                if let Some(ws) = &mut self.workspace {
                    ws.undo();
                    self.sync_actor_filter();
                }
            }
            UiCommand::Redo => {
                if let Some(ws) = &mut self.workspace {
                    ws.redo();
                    self.sync_actor_filter();
                }
            }
            UiCommand::FocusFilter => self.view.focus_filter = true,
            UiCommand::NextClaim | UiCommand::PreviousClaim => {
                self.refresh_order();
                let current = self
                    .selected_row()
                    .and_then(|r| self.view.order.iter().position(|&o| o as usize == r));
                let next = match (command, current) {
                    (_, None) => 0,
                    (UiCommand::NextClaim, Some(i)) => {
                        (i + 1).min(self.view.order.len().saturating_sub(1))
                    }
                    (_, Some(i)) => i.saturating_sub(1),
                };
                if let Some(&row) = self.view.order.get(next) {
                    self.handle_one(ctx, AppCommand::Select(Some(row as usize)));
                }
            }
        }
    }

    /// Runs `action`, first asking to save if there are unsaved changes.
    fn ask_then(&mut self, ctx: &egui::Context, action: Pending) {
        if self.workspace.as_ref().is_some_and(|w| w.dirty) {
            self.pending = Some(action);
        } else {
            self.run_pending(ctx, action);
        }
    }

    fn run_pending(&mut self, ctx: &egui::Context, action: Pending) {
        match action {
            Pending::Open(request) => self.start_open(ctx, &request),
            Pending::NewFromFolder => {
                if let Some(folder) = rfd::FileDialog::new()
                    .set_title("Choose a corpus folder")
                    .pick_folder()
                {
                    self.start_open(ctx, &OpenRequest::Corpus(folder));
                }
            }
            Pending::OpenDialog => {
                let picked = rfd::FileDialog::new()
                    .set_title("Open a project or corpus file")
                    .add_filter("Claimbench project", &["ron"])
                    .add_filter("JSON Lines corpus", &["jsonl", "ndjson"])
                    .add_filter("Text or HTML", &["txt", "md", "html", "htm"])
                    .pick_file();
                if let Some(path) = picked {
                    self.start_open(ctx, &OpenRequest::for_path(path));
                }
            }
            Pending::Quit => {
                self.quit_now = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Saves the project to `path` (or where it was last saved). Errors are shown in the
    /// window. Returns whether it was saved.
    pub fn save_to(&mut self, path: Option<&std::path::Path>) -> bool {
        let Some(ws) = &mut self.workspace else {
            return false;
        };
        match ws.save(path) {
            Ok(saved) => {
                self.remember_recent(saved);
                true
            }
            Err(e) => {
                self.errors.push(format!("The project was not saved: {e}"));
                false
            }
        }
    }

    /// Saves; asks for a file name when there is none yet or `choose` is set.
    /// Returns whether the project was saved.
    fn save(&mut self, choose: bool) -> bool {
        let Some(ws) = &mut self.workspace else {
            return false;
        };
        let path = if choose || ws.project_path.is_none() {
            let suggested = format!(
                "{}{}",
                ws.title().trim_end_matches(crate::project::EXTENSION),
                crate::project::EXTENSION
            );
            let Some(p) = rfd::FileDialog::new()
                .set_title("Save project")
                .set_file_name(suggested)
                .add_filter("Claimbench project", &["ron"])
                .save_file()
            else {
                return false;
            };
            Some(with_project_extension(p))
        } else {
            None
        };
        self.save_to(path.as_deref())
    }

    fn export_csv(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(path) = rfd::FileDialog::new()
            .set_title("Export claims as CSV")
            .set_file_name("claims.csv")
            .add_filter("CSV", &["csv"])
            .save_file()
        else {
            return;
        };
        let rows: Vec<usize> = self.view.order.iter().map(|&r| r as usize).collect();
        let written = std::fs::File::create(&path).and_then(|f| {
            crate::export::csv::write_rows(ws, &rows, &mut std::io::BufWriter::new(f))
        });
        match written {
            Ok(()) => {
                self.view.message =
                    Some(format!("Wrote {} claims to {}", rows.len(), path.display()));
            }
            Err(e) => self.errors.push(format!("{}: {e}", path.display())),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.workspace {
            Some(ws) => format!(
                "{}{} — Claimbench",
                if ws.dirty { "• " } else { "" },
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
        if self.loader.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }
}
