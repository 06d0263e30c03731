//! Modal questions and messages: unsaved changes, renaming an actor, errors, notices, and
//! the list of work that could not be re-attached.

use egui::{Id, Modal, RichText};

use super::{AppCommand, ClaimbenchApp, Pending};
use crate::workspace::Edit;

/// Draws whichever dialogs are open.
pub fn dialogs_ui(ctx: &egui::Context, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    unsaved_ui(ctx, app);
    rename_ui(ctx, app, commands);
    errors_ui(ctx, app);
    message_ui(ctx, app);
    orphans_ui(ctx, app);
}

fn unsaved_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    let Some(pending) = app.pending.clone() else {
        return;
    };
    let name = app
        .workspace
        .as_ref()
        .map(|w| w.title())
        .unwrap_or_default();
    let mut choice = None;
    Modal::new(Id::unique("unsaved")).show(ctx, |ui| {
        ui.heading("Save changes?");
        ui.label(format!(
            "“{name}” has changes that are not saved. Save them first?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(true);
            }
            if ui.button("Don't save").clicked() {
                choice = Some(false);
            }
            if ui.button("Cancel").clicked() {
                app.pending = None;
            }
        });
    });
    match choice {
        Some(true) => {
            app.pending = None;
            if app.save(false) {
                app.run_pending(ctx, pending);
            }
        }
        Some(false) => {
            app.pending = None;
            if let Some(ws) = &mut app.workspace {
                ws.dirty = false; // the researcher chose to discard them
            }
            app.run_pending(ctx, pending);
        }
        None => {}
    }
    if matches!(app.pending, Some(Pending::Quit)) {
        ctx.request_repaint();
    }
}

fn rename_ui(ctx: &egui::Context, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    let Some((id, mut name)) = app.view.rename.clone() else {
        return;
    };
    let mut close = false;
    Modal::new(Id::unique("rename")).show(ctx, |ui| {
        ui.heading("Rename actor");
        let label = ui.label("New name");
        let edit = ui
            .add(egui::TextEdit::singleline(&mut name).desired_width(280.0))
            .labelled_by(label.id);
        edit.request_focus();
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
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
    app.view.rename = if close { None } else { Some((id, name)) };
}

fn errors_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    if app.errors.is_empty() {
        return;
    }
    let mut dismissed = false;
    Modal::new(Id::unique("errors")).show(ctx, |ui| {
        ui.heading(RichText::new("Something went wrong").color(ui.visuals().error_fg_color));
        ui.set_max_width(560.0);
        for e in &app.errors {
            ui.label(e);
        }
        ui.add_space(6.0);
        if ui.button("OK").clicked() {
            dismissed = true;
        }
    });
    if dismissed {
        app.errors.clear();
    }
}

fn message_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    let Some(message) = app.view.message.clone() else {
        return;
    };
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
        app.view.message = None;
    }
}

fn orphans_ui(ctx: &egui::Context, app: &mut ClaimbenchApp) {
    if !app.view.show_orphans {
        return;
    }
    let Some(ws) = &app.workspace else { return };
    let mut open = true;
    egui::Window::new("Unattached work").open(&mut open).default_width(520.0).show(ctx, |ui| {
        ui.label("These verdicts and notes belong to text that is no longer in the corpus, or to rejected claims. They stay in the project file.");
        egui::ScrollArea::vertical().show(ui, |ui| {
            for &a in &ws.orphans {
                let Some(annotation) = ws.project.annotations.get(a) else { continue };
                ui.group(|ui| {
                    if let Some(anchor) = &annotation.anchor {
                        ui.label(RichText::new(&anchor.document).weak());
                        ui.label(format!("“{}”", anchor.quote));
                    }
                    ui.label(format!(
                        "{} · {}{}",
                        annotation.verdict.map_or("no verdict", |v| v.label()),
                        annotation.status.label(),
                        if annotation.references.is_empty() { String::new() } else { format!(" · {} references", annotation.references.len()) }
                    ));
                    if !annotation.notes.is_empty() {
                        ui.label(&annotation.notes);
                    }
                });
            }
        });
    });
    app.view.show_orphans = open;
}
