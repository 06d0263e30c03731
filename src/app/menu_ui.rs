//! The menu bar and the status bar.

use super::command::UiCommand;
use super::{AppCommand, ClaimbenchApp, ThemeChoice};
use crate::project::{Status, Verdict};

/// A menu entry for `command`, with its shortcut and tooltip.
fn item_ui(ui: &mut egui::Ui, command: UiCommand, enabled: bool, commands: &mut Vec<AppCommand>) {
    labelled_item_ui(ui, command, command.label().to_string(), enabled, commands);
}

fn labelled_item_ui(
    ui: &mut egui::Ui,
    command: UiCommand,
    text: String,
    enabled: bool,
    commands: &mut Vec<AppCommand>,
) {
    let mut button = egui::Button::new(text);
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        commands.push(AppCommand::Ui(command));
        ui.close();
    }
}

/// Draws the menu bar.
pub fn menu_ui(ui: &mut egui::Ui, app: &mut ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    let has_workspace = app.workspace.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item_ui(ui, UiCommand::NewFromFolder, true, commands);
            item_ui(ui, UiCommand::Open, true, commands);
            ui.menu_button("Open Recent", |ui| {
                if app.preferences.recent.is_empty() {
                    ui.label("Nothing opened yet");
                }
                for path in &app.preferences.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(AppCommand::OpenPath(path.clone()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            item_ui(ui, UiCommand::Save, has_workspace, commands);
            item_ui(ui, UiCommand::SaveAs, has_workspace, commands);
            item_ui(ui, UiCommand::ExportCsv, has_workspace, commands);
            ui.menu_button("Export project", |ui| {
                for format in crate::export::ExportFormat::ALL {
                    item_ui(ui, UiCommand::Export(format), has_workspace, commands);
                }
            });
            ui.separator();
            item_ui(ui, UiCommand::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            let undo = app.workspace.as_ref().and_then(|w| w.undo_label());
            let redo = app.workspace.as_ref().and_then(|w| w.redo_label());
            for (command, what) in [(UiCommand::Undo, undo), (UiCommand::Redo, redo)] {
                let text = what.map_or(command.label().to_string(), |w| {
                    format!("{} {w}", command.label())
                });
                labelled_item_ui(ui, command, text, what.is_some(), commands);
            }
            ui.separator();
            item_ui(ui, UiCommand::FocusFilter, has_workspace, commands);
            item_ui(ui, UiCommand::FindInSource, has_workspace, commands);
            ui.separator();
            let selected = has_workspace && app.selected.is_some();
            ui.menu_button("Verdict", |ui| {
                for v in Verdict::ALL {
                    item_ui(ui, UiCommand::SetVerdict(v), selected, commands);
                }
                item_ui(ui, UiCommand::ClearVerdict, selected, commands);
            });
            ui.menu_button("Status", |ui| {
                for s in Status::ALL {
                    item_ui(ui, UiCommand::SetStatus(s), selected, commands);
                }
            });
            ui.separator();
            item_ui(ui, UiCommand::Preferences, true, commands);
        });
        ui.menu_button("View", |ui| {
            ui.checkbox(&mut app.preferences.show_actors, "Actor list");
            ui.checkbox(&mut app.preferences.show_source, "Panel under the grid");
            for tab in super::pictures_ui::BottomTab::ALL {
                if ui
                    .radio(
                        app.bottom == tab && app.preferences.show_source,
                        tab.label(),
                    )
                    .clicked()
                {
                    app.bottom = tab;
                    app.preferences.show_source = true;
                    ui.close();
                }
            }
            ui.checkbox(&mut app.preferences.show_inspector, "Inspector");
            let orphans = app.workspace.as_ref().map_or(0, |w| w.orphans().len());
            if ui
                .add_enabled(
                    orphans > 0,
                    egui::Button::new(format!("Unattached work ({orphans})")),
                )
                .on_hover_text("Verdicts and notes whose claim text could not be found any more")
                .clicked()
            {
                app.dialogs.show_orphans = true;
                ui.close();
            }
            ui.separator();
            ui.menu_button("Theme", |ui| {
                for theme in ThemeChoice::ALL {
                    ui.radio_value(&mut app.preferences.theme, theme, theme.label());
                }
            });
            ui.menu_button("Text size", |ui| {
                ui.label(format!("{:.0}%", app.preferences.zoom * 100.0));
                item_ui(ui, UiCommand::ZoomIn, true, commands);
                item_ui(ui, UiCommand::ZoomOut, true, commands);
                item_ui(ui, UiCommand::ZoomReset, true, commands);
            });
        });
        ui.menu_button("Go", |ui| {
            for command in UiCommand::NAVIGATION {
                item_ui(ui, command, has_workspace, commands);
            }
        });
        ui.menu_button("Help", |ui| {
            item_ui(ui, UiCommand::KeyboardShortcuts, true, commands);
            item_ui(ui, UiCommand::About, true, commands);
        });
    });
}

/// Draws the status bar: progress of an open, or what is open and whether it is saved.
pub fn status_ui(ui: &mut egui::Ui, app: &ClaimbenchApp, commands: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        if app.files.waiting_for_native() {
            ui.spinner();
            ui.label("Waiting for the file dialog…");
            if ui
                .button("Use Claimbench's own dialog")
                .on_hover_text("If no file dialog appeared, choose the file in Claimbench instead")
                .clicked()
            {
                commands.push(AppCommand::UseBuiltinDialog);
            }
            ui.separator();
        }
        if let Some(job) = &app.export {
            ui.spinner();
            let (done, total) = job.progress.get();
            let name = job.path.file_name().map_or_else(
                || job.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.add(
                egui::ProgressBar::new(if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                })
                .text(format!(
                    "Exporting {} to {name}: {done} of {total} written, {:.0} s",
                    job.what,
                    job.started.elapsed().as_secs_f32()
                ))
                .desired_width(420.0),
            )
            .on_hover_text("The export is written in the background; you can go on working.");
            if app.quit_after_export {
                ui.label("Claimbench closes once it is written.");
            }
            ui.separator();
        }
        if let Some(loader) = &app.loader {
            ui.spinner();
            // The spinner beside the bar moves in every stage, counted or not.
            let (fraction, text) = match loader.progress {
                Some(p) if p.total > 0 => (
                    p.done as f32 / p.total as f32,
                    format!("{}: {} of {}{}", p.stage, p.done, p.total, p.unit),
                ),
                // A stage without a count: its name.
                Some(p) => (0.0, format!("{}…", p.stage)),
                None => (0.0, format!("Opening {}…", loader.request.path().display())),
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
        let Some(ws) = &app.workspace else {
            ui.label("No corpus open");
            return;
        };
        ui.label(format!(
            "{}{}",
            ws.title(),
            if ws.is_dirty() {
                " • unsaved changes"
            } else {
                ""
            }
        ));
        ui.separator();
        let counts = ui.label(format!(
            "{} documents · {} claims · {} actors · {} families",
            ws.corpus().documents.len(),
            ws.rows().len(),
            ws.actors()
                .iter()
                .filter(|a| a.is_listed() && !a.hidden)
                .count(),
            ws.extraction().families.len()
        ));
        if let Some(report) = &ws.cache_report {
            counts.on_hover_text(format!(
                "{} analysed, {} unchanged since the last open and taken from the extraction cache (Help ▸ About)",
                report.analysed, report.reused
            ));
        }
        ui.separator();
        match ws.last_saved() {
            Some(t) => ui.label(format!("Saved at {}", t.format("%H:%M:%S"))),
            None if ws.project_path().is_some() => ui.label("Opened from file"),
            None => ui.label("Not saved yet"),
        };
        if let Some(problem) = &app.autosaver.problem {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, problem);
        } else if let Some(t) = app.autosaver.last_written
            && ws.is_dirty()
        {
            ui.separator();
            ui.label(format!("Autosaved at {}", t.format("%H:%M:%S")));
        }
        if let Some(notice) = &app.files.notice {
            ui.separator();
            ui.label(egui::RichText::new(notice).weak());
        }
    });
}
