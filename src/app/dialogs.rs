//! Modal questions and messages: unsaved changes, recovering an autosave, renaming an
//! actor, errors (with what can be done about them), notices, and the preferences. They
//! only push commands; nothing here saves, opens or changes the project.

use egui::{Id, Modal, RichText};

use std::path::Path;

use super::command::UiCommand;
use super::{AppCommand, ClaimbenchApp, RecoveryChoice, UnsavedChoice};
use crate::workspace::Edit;

/// Which dialogs are up.
#[derive(Default)]
pub struct DialogState {
    /// The list of work that could not be re-attached.
    pub show_orphans: bool,
    /// A notice to show.
    pub message: Option<String>,
    /// The preferences window.
    pub show_preferences: bool,
    /// The unattached work whose deletion waits for confirmation.
    pub confirm_delete: Option<usize>,
    /// Help ▸ Keyboard shortcuts.
    pub show_shortcuts: bool,
    /// Help ▸ About.
    pub show_about: bool,
    /// What clearing the extraction cache did, shown in Help ▸ About.
    pub cache_note: Option<String>,
    /// The extraction cache's pack files and bytes, while Help ▸ About is open.
    pub cache_size: Option<(usize, u64)>,
}

/// Draws whichever dialogs are open.
pub fn dialogs_ui(ctx: &egui::Context, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    unsaved_ui(ctx, app, commands);
    recovery_ui(ctx, app, commands);
    rename_ui(ctx, app, commands);
    errors_ui(ctx, app, commands);
    message_ui(ctx, app);
    preferences_ui(ctx, app);
    shortcuts_ui(ctx, app);
    about_ui(ctx, app);
    super::orphans_ui::orphans_ui(ctx, app, commands);
}

/// Help ▸ Keyboard shortcuts: every command with a shortcut, from the one list the
/// keyboard handler reads.
fn shortcuts_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    if !app.dialogs.show_shortcuts {
        return;
    }
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(true)
        .default_height(520.0)
        .show(ctx, |ui| {
            ui.label(
                RichText::new("Keys without Ctrl work while no text field has the cursor.").weak(),
            );
            ui.add_space(4.0);
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .spacing([24.0, 4.0])
                    .show(ui, |ui| {
                        for command in UiCommand::all() {
                            let keys: Vec<String> = command
                                .shortcuts()
                                .map(|s| ctx.format_shortcut(&s))
                                .collect();
                            if keys.is_empty() {
                                continue;
                            }
                            let what = match command {
                                UiCommand::SetVerdict(_) => format!("Verdict: {}", command.label()),
                                UiCommand::SetStatus(_) => format!("Status: {}", command.label()),
                                _ => command.label().trim_end_matches('…').to_string(),
                            };
                            ui.label(what).on_hover_text(command.tooltip());
                            ui.label(RichText::new(keys.join("  or  ")).strong());
                            ui.end_row();
                        }
                    });
            });
        });
    app.dialogs.show_shortcuts = open;
}

/// Help ▸ About: the version, and where the app keeps what it keeps.
fn about_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    if !app.dialogs.show_about {
        return;
    }
    let mut open = true;
    let data_dir = app.data_dir().map(Path::to_path_buf);
    let cache = app.cache().cloned();
    // Counted when the window opens and after a clear, not at every frame.
    let cache_size = *app
        .dialogs
        .cache_size
        .get_or_insert_with(|| cache.as_ref().map_or((0, 0), |c| c.size()));
    let note = app.dialogs.cache_note.clone();
    let mut cleared = None;
    egui::Window::new("About Claimbench")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Claimbench {}", env!("CARGO_PKG_VERSION")));
            ui.label("A workbench for checking the claims in a corpus of news articles.");
            ui.add_space(6.0);
            egui::Grid::new("about")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let shown = |p: Option<&Path>| {
                        p.map_or("not available on this system".to_string(), |p| {
                            p.display().to_string()
                        })
                    };
                    ui.label("Preferences");
                    ui.label(shown(data_dir.as_deref()));
                    ui.end_row();
                    ui.label("Autosaves of unsaved projects");
                    ui.label(shown(data_dir.map(|d| d.join("autosave")).as_deref()));
                    ui.end_row();
                    ui.label("Autosaves of saved projects");
                    ui.label("beside the project, as NAME.claimbench.ron.autosave");
                    ui.end_row();
                    ui.label("Extraction cache");
                    ui.vertical(|ui| {
                        let Some(cache) = &cache else {
                            ui.label("not used");
                            return;
                        };
                        ui.label(cache.dir().display().to_string());
                        let (packs, bytes) = cache_size;
                        ui.horizontal(|ui| {
                            ui.label(format!(
                                "{:.1} MB for {packs} {}",
                                bytes as f64 / 1e6,
                                if packs == 1 { "corpus" } else { "corpora" }
                            ));
                            let clear = ui
                                .add_enabled(packs > 0, egui::Button::new("Clear"))
                                .on_hover_text(
                                    "The next open of each corpus analyses every document again",
                                );
                            if clear.clicked() {
                                cleared = Some(match cache.clear() {
                                    Ok(freed) => {
                                        format!("Cleared: {:.1} MB freed.", freed as f64 / 1e6)
                                    }
                                    Err(e) => format!("The cache could not be cleared: {e}"),
                                });
                            }
                        });
                        if let Some(note) = &note {
                            ui.label(RichText::new(note).weak());
                        }
                    });
                    ui.end_row();
                });
        });
    app.dialogs.show_about = open;
    if cleared.is_some() {
        app.dialogs.cache_note = cleared;
        app.dialogs.cache_size = None;
    }
    if !open {
        app.dialogs.cache_size = None;
    }
}

fn unsaved_ui(ctx: &egui::Context, app: &ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    if app.pending.is_none() {
        return;
    }
    let name = app
        .workspace
        .as_ref()
        .map(|w| w.title())
        .unwrap_or_default();
    Modal::new(Id::unique("unsaved")).show(ctx, |ui| {
        ui.heading("Save changes?");
        ui.label(format!(
            "“{name}” has changes that are not saved. Save them first?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (text, choice) in [
                ("Save", UnsavedChoice::Save),
                ("Don't save", UnsavedChoice::DontSave),
                ("Cancel", UnsavedChoice::Cancel),
            ] {
                if ui.button(text).clicked() {
                    commands.push(AppCommand::Unsaved(choice));
                }
            }
        });
    });
}

fn recovery_ui(ctx: &egui::Context, app: &ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    if app.pending.is_some() {
        return;
    }
    let Some(recovery) = app.workspace.as_ref().and_then(|w| w.recovery()) else {
        return;
    };
    Modal::new(Id::unique("recovery")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Recover unsaved work?");
        ui.label(
            "Claimbench did not close normally last time. Work that was not saved was kept in an autosave.",
        );
        ui.label(&recovery.summary);
        ui.label(RichText::new(recovery.path.display().to_string()).weak());
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Recover")
                .on_hover_text("Use the autosave's work (it is not saved to the project until you save)")
                .clicked()
            {
                commands.push(AppCommand::Recovery(RecoveryChoice::Recover));
            }
            if ui
                .button("Not now")
                .on_hover_text("Keep the project as saved; the autosave is offered again next time")
                .clicked()
            {
                commands.push(AppCommand::Recovery(RecoveryChoice::Later));
            }
            if ui
                .button("Discard the autosave")
                .on_hover_text("Delete the autosave and keep the project as saved")
                .clicked()
            {
                commands.push(AppCommand::Recovery(RecoveryChoice::Discard));
            }
        });
    });
}

fn rename_ui(ctx: &egui::Context, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    let Some((id, mut name)) = app.actor_list.rename.clone() else {
        return;
    };
    let mut close = false;
    Modal::new(Id::unique("rename")).show(ctx, |ui| {
        ui.heading("Rename actor");
        let label = ui.label("New name");
        let edit_id = Id::unique("rename-actor");
        // Enter ends a one-line edit, so whether it was being typed in is asked before.
        let typing = ui.memory(|m| m.has_focus(edit_id));
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .id(edit_id)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
        if ui.memory(|m| m.focused().is_none()) {
            edit.request_focus();
        }
        let enter = typing && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if (ui
                .add_enabled(!name.trim().is_empty(), egui::Button::new("Rename"))
                .clicked()
                || enter)
                && !name.trim().is_empty()
            {
                commands.push(AppCommand::Edit(Edit::RenameActor {
                    actor: id.clone(),
                    name: name.clone(),
                }));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    app.actor_list.rename = if close { None } else { Some((id, name)) };
}

fn errors_ui(ctx: &egui::Context, app: &ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    if app.errors.is_empty() {
        return;
    }
    Modal::new(Id::unique("errors")).show(ctx, |ui| {
        ui.heading(RichText::new("Something went wrong").color(ui.visuals().error_fg_color));
        ui.set_max_width(560.0);
        for e in &app.errors {
            ui.label(&e.text);
            ui.horizontal_wrapped(|ui| {
                for (project, from, label) in &e.restore {
                    if ui
                        .button(label)
                        .on_hover_text(from.display().to_string())
                        .clicked()
                    {
                        commands.push(AppCommand::Restore {
                            project: project.clone(),
                            from: from.clone(),
                        });
                    }
                }
                if let Some(project) = &e.locate {
                    for (text, folder) in [
                        ("Locate the corpus folder…", true),
                        ("Locate the corpus file…", false),
                    ] {
                        if ui.button(text).clicked() {
                            commands.push(AppCommand::LocateCorpus {
                                project: project.clone(),
                                folder,
                            });
                        }
                    }
                }
            });
        }
        ui.add_space(6.0);
        if ui.button("OK").clicked() {
            commands.push(AppCommand::DismissErrors);
        }
    });
}

fn message_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    let Some(message) = app.dialogs.message.clone() else {
        return;
    };
    if app
        .workspace
        .as_ref()
        .is_some_and(|w| w.recovery().is_some())
    {
        return; // the recovery question comes first
    }
    let mut dismissed = false;
    Modal::new(Id::unique("message")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Note");
        for line in message.lines() {
            ui.label(line);
        }
        if ui.button("OK").clicked() {
            dismissed = true;
        }
    });
    if dismissed {
        app.dialogs.message = None;
    }
}

fn preferences_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    if !app.dialogs.show_preferences {
        return;
    }
    let mut open = true;
    let preferences = &mut app.preferences;
    egui::Window::new("Preferences")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("preferences")
                .num_columns(2)
                .spacing([10.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Your name");
                    ui.add(
                        egui::TextEdit::singleline(&mut preferences.author)
                            .hint_text("recorded with each verdict and status change")
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Autosave every");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::DragValue::new(&mut preferences.autosave_seconds)
                                .range(0..=3600)
                                .suffix(" s"),
                        )
                        .labelled_by(label.id);
                        ui.label(RichText::new("0: never").weak());
                    });
                    ui.end_row();
                    ui.label("File dialogs");
                    ui.checkbox(
                        &mut preferences.builtin_file_dialog,
                        "Always use Claimbench's own",
                    );
                    ui.end_row();
                    ui.label("CSV exports");
                    ui.checkbox(
                        &mut preferences.csv_bom,
                        "Start with a byte order mark (for spreadsheets)",
                    );
                    ui.end_row();
                    for (text, value, hint) in [
                        (
                            "Your organisation",
                            &mut preferences.publisher.organization,
                            "the author of ClaimReview exports",
                        ),
                        (
                            "Its web address",
                            &mut preferences.publisher.url,
                            "https://…",
                        ),
                        (
                            "Review address",
                            &mut preferences.publisher.review_url,
                            "https://…/{claim}",
                        ),
                    ] {
                        let label = ui.label(text);
                        ui.add(
                            egui::TextEdit::singleline(value)
                                .hint_text(hint)
                                .desired_width(260.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                });
        });
    app.dialogs.show_preferences = open;
}
