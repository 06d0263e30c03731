//! The actor list: every actor with its kind, mentions and claims; selecting actors
//! filters the grid; the context menu renames, merges, splits, sets the kind and hides.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use std::collections::BTreeSet;

use super::AppCommand;
use crate::extract::ActorKind;
use crate::workspace::{ActorId, Edit, Workspace};

/// What the actor list remembers between frames.
#[derive(Default)]
pub struct ActorListView {
    /// Actors selected in the list (they filter the grid).
    pub selected: BTreeSet<ActorId>,
    /// The search box.
    pub search: String,
    /// Show hidden actors too.
    pub show_hidden: bool,
    /// The actor being renamed, and the name typed so far.
    pub rename: Option<(ActorId, String)>,
    order: Vec<usize>,
    order_key: Option<(u64, String, bool)>,
}

/// Kind names for the menu that sets them, with the list's short label where it is not
/// the name itself.
fn kind_menu_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organization => "Organization (org)",
        ActorKind::Country => "Country",
        ActorKind::Media => "News medium (media)",
        ActorKind::Place => "Place",
        ActorKind::Group => "Group of people (group)",
        ActorKind::Other => "Other",
    }
}

/// Short kind labels for the list.
pub fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "org",
        ActorKind::Country => "country",
        ActorKind::Media => "media",
        ActorKind::Place => "place",
        ActorKind::Group => "group",
        ActorKind::Other => "other",
    }
}

/// Actors in list order: most claims first, hidden ones only on request, filtered by the
/// search box. Cached until the data or the search change.
fn refresh_order(ws: &Workspace, view: &mut ActorListView) {
    let key = (ws.generation(), view.search.clone(), view.show_hidden);
    if view.order_key.as_ref() == Some(&key) {
        return;
    }
    let needle = view.search.to_lowercase();
    let mut order: Vec<usize> = ws
        .actors()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_listed())
        .filter(|(_, a)| view.show_hidden || !a.hidden)
        .filter(|(_, a)| {
            needle.is_empty()
                || a.name.to_lowercase().contains(&needle)
                || a.aliases.iter().any(|n| n.to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&ws.actors()[a], &ws.actors()[b]);
        (y.claim_count, y.mentions.len())
            .cmp(&(x.claim_count, x.mentions.len()))
            .then_with(|| x.name.to_lowercase().cmp(&y.name.to_lowercase()))
    });
    view.order = order;
    view.order_key = Some(key);
}

/// Draws the actor list.
pub fn actors_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut ActorListView,
    commands: &mut Vec<AppCommand>,
) {
    ui.heading("Actors");
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        // As wide as the panel allows: the panel does not grow to fit it.
        let width = (ui.available_width() - 80.0).clamp(60.0, 150.0);
        ui.add(
            egui::TextEdit::singleline(&mut view.search)
                .hint_text("name or alias")
                .desired_width(width),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut view.show_hidden, "Hidden");
    });
    refresh_order(ws, view);
    ui.add(
        egui::Label::new(
            RichText::new("Click to filter claims · right-click to rename, merge, split or hide")
                .small()
                .weak(),
        )
        .wrap(),
    );
    ui.separator();
    ui.style_mut().interaction.selectable_labels = false;
    // Taken for the table's closures (which also use `view`) and put back after.
    let order = std::mem::take(&mut view.order);
    TableBuilder::new(ui)
        .id_salt("actors")
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(58.0))
        .column(Column::remainder().clip(true))
        .column(Column::exact(40.0))
        .column(Column::exact(40.0))
        .header(20.0, |mut header| {
            for title in ["Kind", "Name", "Ment.", "Claims"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, order.len(), |mut row| {
                let a = order[row.index()];
                let actor = &ws.actors()[a];
                row.set_selected(view.selected.contains(&actor.id));
                row.col(|ui| {
                    ui.label(RichText::new(kind_label(actor.kind)).weak());
                });
                row.col(|ui| {
                    let name = if actor.hidden {
                        RichText::new(&actor.name).strikethrough()
                    } else {
                        RichText::new(&actor.name)
                    };
                    ui.label(name);
                });
                row.col(|ui| {
                    ui.label(actor.mentions.len().to_string());
                });
                row.col(|ui| {
                    ui.label(actor.claim_count.to_string());
                });
                let response = row.response();
                let response = if actor.aliases.is_empty() {
                    response
                } else {
                    response.on_hover_text(format!("Also: {}", actor.aliases.join(", ")))
                };
                if response.clicked() {
                    commands.push(AppCommand::ToggleActor(actor.id.clone()));
                }
                response.context_menu(|ui| actor_menu_ui(ui, ws, a, view, commands));
            });
        });
    view.order = order;
}

fn actor_menu_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    a: usize,
    view: &mut ActorListView,
    commands: &mut Vec<AppCommand>,
) {
    let actor = &ws.actors()[a];
    if ui.button("Rename…").clicked() {
        view.rename = Some((actor.id.clone(), actor.name.clone()));
        ui.close();
    }
    let others: Vec<ActorId> = view
        .selected
        .iter()
        .filter(|id| **id != actor.id)
        .cloned()
        .collect();
    let merge = egui::Button::new(format!(
        "Merge {} selected into “{}”",
        others.len(),
        actor.name
    ));
    if ui
        .add_enabled(!others.is_empty(), merge)
        .on_disabled_hover_text("Select the actors to merge in the list first (click them)")
        .clicked()
    {
        commands.push(AppCommand::Edit(Edit::MergeActors {
            from: others,
            into: actor.id.clone(),
        }));
        commands.push(AppCommand::ClearActors);
        ui.close();
    }
    ui.add_enabled_ui(!actor.aliases.is_empty(), |ui| {
        ui.menu_button("Split alias into its own actor", |ui| {
            for alias in &actor.aliases {
                if ui.button(alias).clicked() {
                    commands.push(AppCommand::Edit(Edit::SplitAlias {
                        actor: actor.id.clone(),
                        alias: alias.clone(),
                    }));
                    ui.close();
                }
            }
        });
    });
    ui.menu_button("Set kind", |ui| {
        for kind in ActorKind::ALL {
            if ui
                .radio(actor.kind == kind, kind_menu_label(kind))
                .clicked()
                && actor.kind != kind
            {
                commands.push(AppCommand::Edit(Edit::SetActorKind {
                    actor: actor.id.clone(),
                    kind,
                }));
                ui.close();
            }
        }
    });
    let hide = if actor.hidden { "Show again" } else { "Hide" };
    if ui.button(hide).clicked() {
        commands.push(AppCommand::Edit(Edit::SetHidden {
            actor: actor.id.clone(),
            hidden: !actor.hidden,
        }));
        ui.close();
    }
}
