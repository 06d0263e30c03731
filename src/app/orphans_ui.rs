//! The review list of work that could not be re-attached to the text: each entry can be
//! attached by hand to the claim selected in the grid or to the text selected in the
//! source panel, or deleted on purpose. Every action is an edit, so undo brings it back.

use egui::RichText;

use super::{AppCommand, ClaimbenchApp};
use crate::workspace::Edit;

/// Draws the review list, if it is open.
pub fn orphans_ui(ctx: &egui::Context, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    if !app.dialogs.show_orphans {
        return;
    }
    let Some(ws) = &app.workspace else { return };
    let selected = app.selected_row();
    let selected_free = selected.is_some_and(|r| ws.rows()[r].annotation.is_none());
    let text_selection = app.source.selection.filter(|(_, a, b)| a < b);
    let mut open = true;
    let mut confirm = app.dialogs.confirm_delete;
    egui::Window::new("Unattached work")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(
                "This work belongs to text that is no longer in the corpus, or to rejected claims. It stays in the project file until you delete it.",
            );
            ui.label(
                RichText::new(
                    "To re-attach an entry, select its claim in the grid (or select its text in the source panel), then press a button below.",
                )
                .weak(),
            );
            if ws.orphans().is_empty() {
                ui.label("Nothing is unattached.");
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for &a in ws.orphans() {
                    let Some(annotation) = ws.project().annotations.get(a) else {
                        continue;
                    };
                    ui.group(|ui| {
                        let anchor = &annotation.anchor;
                        if !anchor.document.is_empty() {
                            ui.label(RichText::new(&anchor.document).weak());
                        }
                        ui.label(format!("“{}”", anchor.quote));
                        ui.label(format!(
                            "{} · {}{}",
                            annotation.verdict.map_or("no verdict", |v| v.label()),
                            annotation.status.label(),
                            if annotation.references.is_empty() {
                                String::new()
                            } else {
                                format!(" · {} references", annotation.references.len())
                            }
                        ));
                        if !annotation.notes.is_empty() {
                            ui.label(&annotation.notes);
                        }
                        ui.horizontal_wrapped(|ui| {
                            let to_claim = ui
                                .add_enabled(
                                    selected_free,
                                    egui::Button::new("Attach to the selected claim"),
                                )
                                .on_disabled_hover_text(
                                    "Select a claim without work of its own in the grid first",
                                );
                            if to_claim.clicked()
                                && let Some(row) = selected
                            {
                                commands.push(AppCommand::Edit(Edit::AttachToClaim {
                                    annotation: a,
                                    claim: ws.rows()[row].id.clone(),
                                }));
                            }
                            let to_text = ui
                                .add_enabled(
                                    text_selection.is_some(),
                                    egui::Button::new("Attach to the selected text"),
                                )
                                .on_disabled_hover_text(
                                    "Select the text in the source panel first",
                                );
                            if to_text.clicked()
                                && let Some((document, start, end)) = text_selection
                            {
                                commands.push(AppCommand::Edit(Edit::AttachToText {
                                    annotation: a,
                                    document,
                                    start,
                                    end,
                                }));
                            }
                            if confirm == Some(a) {
                                ui.label("Delete this work for good?");
                                if ui.button("Delete").clicked() {
                                    commands.push(AppCommand::Edit(Edit::DeleteAnnotation {
                                        annotation: a,
                                    }));
                                    confirm = None;
                                }
                                if ui.button("Keep").clicked() {
                                    confirm = None;
                                }
                            } else if ui.button("Delete…").clicked() {
                                confirm = Some(a);
                            }
                        });
                    });
                }
            });
        });
    app.dialogs.confirm_delete = confirm;
    app.dialogs.show_orphans = open;
}
