//! The inspector: the selected claim's verdict, status, conclusion and notes, its family
//! with figures side by side, and its outside references.

use egui::{RichText, TextEdit};

use super::AppCommand;
use super::grid_ui::{conflict_color, figures_text, verdict_color};
use crate::project::{Reference, SpeakerChoice, Stance, Status, Verdict};
use crate::workspace::curation::new_actor_id;
use crate::workspace::{ClaimId, Edit, Workspace};

/// What the inspector remembers between frames.
#[derive(Default)]
pub struct InspectorView {
    /// The reference being added or edited.
    pub reference_form: ReferenceForm,
    /// The speaker being chosen: the name typed so far (`None`: not choosing).
    pub speaker_query: Option<String>,
}

/// How much of a document's title the family table shows.
const FAMILY_LABEL_CHARS: usize = 24;
/// How many actors the speaker search offers.
const SPEAKER_SUGGESTIONS: usize = 8;

/// The reference being added or edited.
#[derive(Clone, Debug, Default)]
pub struct ReferenceForm {
    /// Whether the form is shown.
    pub open: bool,
    /// Which reference is edited (`None`: a new one).
    pub editing: Option<usize>,
    /// The fields.
    pub draft: Reference,
    /// What is wrong with the fields, after a failed save.
    pub problems: Vec<String>,
    /// Scroll the form into view (it was just opened).
    pub scroll: bool,
}

/// Draws the inspector for `selected`.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    selected: Option<usize>,
    view: &mut InspectorView,
    commands: &mut Vec<AppCommand>,
) {
    ui.heading("Inspector");
    let Some(row) = selected else {
        ui.label("Select a claim in the grid to record a verdict, notes and references.");
        return;
    };
    let claim_row = &ws.rows()[row];
    let claim = &claim_row.claim;
    let id = &claim_row.id;
    let annotation = ws.annotation(row).cloned().unwrap_or_default();
    egui::ScrollArea::vertical().id_salt("inspector").auto_shrink(false).show(ui, |ui| {
        ui.label(RichText::new(&claim.text).size(15.0));
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} · score {:.2}", ws.document_label(claim_row.document), claim.score)).weak())
                .on_hover_text(claim.document.as_ref());
            if let Some(speaker) = claim_row.speaker {
                let via = claim.via.as_ref().and_then(|v| ws.curated_actor(v)).map(|v| format!(" via {}", ws.actor_name(Some(v))));
                ui.label(RichText::new(format!("· said by {}{}", ws.actor_name(Some(speaker)), via.unwrap_or_default())).weak());
            }
        });
        egui::CollapsingHeader::new("Why this score").id_salt("why").show(ui, |ui| {
            for f in &claim.features {
                ui.label(format!("{:+.2}  {}{}", f.weight, f.name, if f.evidence.is_empty() { String::new() } else { format!(": {}", f.evidence) }));
            }
        });
        ui.separator();
        speaker_ui(ui, ws, row, &annotation, view, commands);
        ui.separator();
        verdict_ui(ui, id, &annotation, commands);
        history_ui(ui, &annotation);
        ui.separator();
        family_ui(ui, ws, row, commands);
        ui.separator();
        references_ui(ui, id, &annotation.references, view, commands);
        ui.separator();
        let reject = if claim_row.manual { "Remove this claim" } else { "Reject this claim" };
        if ui
            .button(reject)
            .on_hover_text("It leaves the grid; any work on it stays in the project, listed under View, Unattached work")
            .clicked()
        {
            commands.push(AppCommand::Edit(Edit::RejectClaim { claim: id.clone() }));
            commands.push(AppCommand::Select(None));
        }
    });
}

/// Who says the claim, and choosing someone else: an actor of the list, a new actor, or
/// nobody.
fn speaker_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    row: usize,
    annotation: &crate::project::Annotation,
    view: &mut InspectorView,
    commands: &mut Vec<AppCommand>,
) {
    let claim_row = &ws.rows()[row];
    let claim = claim_row.id.clone();
    let corrected = annotation.speaker.is_some();
    let mut set = |speaker: Option<SpeakerChoice>, view: &mut InspectorView| {
        commands.push(AppCommand::Edit(Edit::SetSpeaker {
            claim: claim.clone(),
            speaker,
        }));
        view.speaker_query = None;
    };
    ui.horizontal(|ui| {
        ui.label("Speaker");
        let shown = match claim_row.speaker {
            Some(s) => RichText::new(ws.actor_name(Some(s))).strong(),
            None => RichText::new("nobody named").weak(),
        };
        ui.label(shown);
        if corrected {
            ui.label(RichText::new("(set by hand)").weak())
                .on_hover_text("You chose this speaker; the extraction's is not used");
        }
        if view.speaker_query.is_none() && ui.button("Change…").clicked() {
            view.speaker_query = Some(String::new());
        }
    });
    let Some(mut query) = view.speaker_query.clone() else {
        return;
    };
    let label = ui.label("Who says it?");
    let id = egui::Id::unique("speaker-query");
    // Enter ends a one-line edit, so whether it was being typed in is asked before.
    let typing = ui.memory(|m| m.has_focus(id));
    let edit = ui
        .add(
            TextEdit::singleline(&mut query)
                .id(id)
                .hint_text("type a name")
                .desired_width(240.0),
        )
        .labelled_by(label.id);
    if !edit.has_focus() && query.is_empty() && !edit.lost_focus() {
        edit.request_focus();
    }
    view.speaker_query = Some(query.clone());
    let needle = query.trim().to_lowercase();
    let mut matches: Vec<&crate::workspace::ActorView> = ws
        .actors()
        .iter()
        .filter(|a| !a.hidden && (a.claim_count > 0 || !a.mentions.is_empty()))
        .filter(|a| {
            needle.is_empty()
                || a.name.to_lowercase().contains(&needle)
                || a.aliases.iter().any(|n| n.to_lowercase().contains(&needle))
        })
        .collect();
    matches.sort_by_key(|a| std::cmp::Reverse(a.claim_count));
    let enter = typing && ui.input(|i| i.key_pressed(egui::Key::Enter));
    for (k, a) in matches.iter().take(SPEAKER_SUGGESTIONS).enumerate() {
        let text = format!(
            "{}  ({}, {} claims)",
            a.name,
            super::actors_ui::kind_label(a.kind),
            a.claim_count
        );
        if ui.button(text).clicked() || (enter && k == 0) {
            set(
                Some(SpeakerChoice::Actor {
                    id: a.id.as_str().to_string(),
                    name: a.name.clone(),
                }),
                view,
            );
        }
    }
    let name = query.trim();
    let exact = matches.iter().any(|a| a.name.eq_ignore_ascii_case(name));
    ui.horizontal_wrapped(|ui| {
        if !name.is_empty()
            && !exact
            && (ui.button(format!("New actor “{name}”")).clicked() || (enter && matches.is_empty()))
        {
            set(
                Some(SpeakerChoice::Actor {
                    id: new_actor_id(name),
                    name: name.to_string(),
                }),
                view,
            );
        }
        if ui
            .button("Nobody")
            .on_hover_text("The text does not say who makes this claim")
            .clicked()
        {
            set(Some(SpeakerChoice::Nobody), view);
        }
        if corrected
            && ui
                .button("As extracted")
                .on_hover_text("Use the speaker the extraction found again")
                .clicked()
        {
            set(None, view);
        }
        if ui.button("Cancel").clicked() {
            view.speaker_query = None;
        }
    });
}

fn verdict_ui(
    ui: &mut egui::Ui,
    claim: &ClaimId,
    annotation: &crate::project::Annotation,
    commands: &mut Vec<AppCommand>,
) {
    egui::Grid::new("verdict")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Verdict");
            let mut verdict = annotation.verdict;
            egui::ComboBox::from_id_salt("verdict-box")
                .selected_text(verdict.map_or(RichText::new("None yet"), |v| {
                    RichText::new(v.label()).color(verdict_color(v))
                }))
                .width(180.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut verdict, None, "None yet");
                    for v in Verdict::ALL {
                        let rating = v.rating().map_or(String::new(), |r| format!(" ({r})"));
                        ui.selectable_value(
                            &mut verdict,
                            Some(v),
                            format!("{}{rating}", v.label()),
                        );
                    }
                })
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Verdict"));
            if verdict != annotation.verdict {
                commands.push(AppCommand::Edit(Edit::SetVerdict {
                    claim: claim.clone(),
                    verdict,
                }));
            }
            ui.end_row();
            ui.label("Status");
            let mut status = annotation.status;
            egui::ComboBox::from_id_salt("status-box")
                .selected_text(status.label())
                .width(180.0)
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
                        ui.selectable_value(&mut status, s, s.label());
                    }
                })
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Status"));
            if status != annotation.status {
                commands.push(AppCommand::Edit(Edit::SetStatus {
                    claim: claim.clone(),
                    status,
                }));
            }
            ui.end_row();
            if let Some(text) = text_field_ui(ui, "Conclusion", &annotation.conclusion, 2) {
                commands.push(AppCommand::Edit(Edit::SetConclusion {
                    claim: claim.clone(),
                    text,
                }));
            }
            ui.end_row();
            if let Some(text) = text_field_ui(ui, "Notes", &annotation.notes, 3) {
                commands.push(AppCommand::Edit(Edit::SetNotes {
                    claim: claim.clone(),
                    text,
                }));
            }
            ui.end_row();
        });
}

/// Who set which verdict and status when, newest first.
fn history_ui(ui: &mut egui::Ui, annotation: &crate::project::Annotation) {
    if annotation.history.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("History ({})", annotation.history.len()))
        .id_salt("history")
        .show(ui, |ui| {
            for entry in annotation.history.iter().rev() {
                let when = chrono::DateTime::parse_from_rfc3339(&entry.at)
                    .map_or(entry.at.clone(), |t| t.format("%Y-%m-%d %H:%M").to_string());
                let who = if entry.by.is_empty() {
                    "someone (no name set in Preferences)"
                } else {
                    entry.by.as_str()
                };
                ui.label(format!("{when} · {who} · {}", entry.change.describe()));
            }
        });
}

/// A labelled multi-line field in a grid row; returns the new text when it was edited.
fn text_field_ui(ui: &mut egui::Ui, name: &str, value: &str, rows: usize) -> Option<String> {
    let label = ui.label(name);
    let mut text = value.to_string();
    let edit = TextEdit::multiline(&mut text)
        .desired_rows(rows)
        .desired_width(f32::INFINITY);
    ui.add(edit).labelled_by(label.id).changed().then_some(text)
}

fn family_ui(ui: &mut egui::Ui, ws: &Workspace, row: usize, commands: &mut Vec<AppCommand>) {
    let Some(family) = ws.family(row) else {
        ui.label(RichText::new("Family: none (no other claim asserts the same thing)").weak());
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Family: {}", family.label));
        ui.label(format!("({} claims)", family.claims.len()));
    });
    let values: Vec<String> = family.values.iter().map(|v| format_value(*v)).collect();
    if family.conflict {
        ui.label(
            RichText::new(format!("≠ Conflicting figures: {}", values.join(" · ")))
                .color(conflict_color(ui))
                .strong(),
        );
    } else if family.update {
        ui.label(format!("Updated over time: {}", values.join(" → ")));
    } else if values.len() == 1 {
        ui.label(format!("Figures agree: {}", values[0]));
    } else if !values.is_empty() {
        ui.label(format!("Figures: {}", values.join(" · ")))
            .on_hover_text("Different figures, but not of the same thing at the same time");
    }
    if family.values.len() > 1 {
        figures_strip_ui(ui, ws, family, row, commands);
    }
    // The table scrolls sideways rather than widening the inspector over the grid.
    egui::ScrollArea::horizontal()
        .id_salt("family-sideways")
        .show(ui, |ui| {
            egui::Grid::new("family")
                .striped(true)
                .num_columns(3)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Figures");
                    ui.strong("Document");
                    ui.strong("Speaker");
                    ui.end_row();
                    for id in &family.claims {
                        let Some(member) = ws.row_of_str(id) else {
                            continue;
                        };
                        let member_row = &ws.rows()[member];
                        let here = member == row;
                        let label = ws.document_label(member_row.document);
                        let short: String = label.chars().take(FAMILY_LABEL_CHARS).collect();
                        let short = if short.len() < label.len() {
                            format!("{}…", short.trim_end())
                        } else {
                            short
                        };
                        let doc = RichText::new(short);
                        let doc = if here { doc.strong() } else { doc };
                        let figures = figures_text(&member_row.claim);
                        if family.conflict {
                            ui.label(RichText::new(figures).color(conflict_color(ui)));
                        } else {
                            ui.label(figures);
                        }
                        if ui
                            .add(egui::Button::new(doc).frame(false))
                            .on_hover_text(format!(
                                "{}\n\n{}",
                                member_row.claim.document, member_row.claim.text
                            ))
                            .clicked()
                        {
                            commands.push(AppCommand::Select(Some(member_row.id.clone())));
                        }
                        ui.label(ws.actor_name(member_row.speaker));
                        ui.end_row();
                    }
                });
        });
}

/// `17000.0` as `17,000`.
/// Height of the family's figures strip.
const STRIP_HEIGHT: f32 = 64.0;
/// Radius of a claim's dot on the strip.
const DOT_RADIUS: f32 = 5.0;

/// The family's figures on one axis, a dot per claim (one row of dots per document), so
/// the spread of disagreeing values shows at a glance; a dot's tooltip names its document
/// and figure, and clicking it selects the claim. Values spanning more than a hundredfold
/// are placed on a logarithmic axis.
fn figures_strip_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    family: &crate::extract::Family,
    row: usize,
    commands: &mut Vec<AppCommand>,
) {
    let points: Vec<(usize, usize, f64)> = family
        .claims
        .iter()
        .filter_map(|id| ws.row_of_str(id))
        .filter_map(|member| {
            let claim = &ws.rows()[member].claim;
            let figure = claim.numbers.iter().find(|f| f.kind.is_quantity())?;
            Some((member, ws.rows()[member].document, figure.value))
        })
        .collect();
    let (lo, hi) = family
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if points.is_empty() || !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return;
    }
    let log = lo > 0.0 && hi / lo > 100.0;
    let scale = |v: f64| if log { v.ln() } else { v };
    let (slo, shi) = (scale(lo), scale(hi));
    // A row per document, in order of publication where the dates are known (undated
    // documents after the dated ones, in corpus order).
    let date_of = |d: usize| {
        crate::workspace::timeline::date_of(ws.corpus().documents[d].meta.published.as_deref())
    };
    let mut documents: Vec<usize> = points.iter().map(|p| p.1).collect();
    documents.sort_unstable_by_key(|&d| (date_of(d).is_none(), date_of(d), d));
    documents.dedup();
    let width = ui.available_width().max(120.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, STRIP_HEIGHT), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let axis_y = rect.bottom() - 14.0;
    let inner = rect.shrink2(egui::vec2(DOT_RADIUS * 2.0, 0.0));
    let x = |v: f64| {
        let t = ((scale(v) - slo) / (shi - slo)) as f32;
        inner.left() + t.clamp(0.0, 1.0) * inner.width()
    };
    let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
    painter.line_segment(
        [
            egui::pos2(inner.left(), axis_y),
            egui::pos2(inner.right(), axis_y),
        ],
        stroke,
    );
    let font = egui::FontId::proportional(11.0);
    for (v, align) in [(lo, egui::Align2::LEFT_TOP), (hi, egui::Align2::RIGHT_TOP)] {
        painter.text(
            egui::pos2(x(v), axis_y + 2.0),
            align,
            format_value(v),
            font.clone(),
            stroke.color,
        );
    }
    let color = if family.conflict {
        conflict_color(ui)
    } else {
        ui.visuals().hyperlink_color
    };
    let rows = documents.len().max(1) as f32;
    for &(member, document, value) in &points {
        let k = documents.iter().position(|&d| d == document).unwrap_or(0) as f32;
        let y = rect.top() + 6.0 + (axis_y - rect.top() - 12.0) * (k + 0.5) / rows;
        let centre = egui::pos2(x(value), y);
        let here = member == row;
        painter.circle(
            centre,
            if here { DOT_RADIUS + 1.5 } else { DOT_RADIUS },
            color,
            egui::Stroke::new(if here { 2.0 } else { 0.0 }, stroke.color),
        );
        let hit =
            egui::Rect::from_center_size(centre, egui::vec2(DOT_RADIUS * 3.0, DOT_RADIUS * 3.0));
        let response = ui
            .interact(
                hit,
                ui.scope_id().with(("figure-dot", member)),
                egui::Sense::click(),
            )
            .on_hover_text(format!(
                "{}\n{}",
                ws.document_label(document),
                figures_text(&ws.rows()[member].claim)
            ));
        let name = format!(
            "Figure {} of {}{}",
            format_value(value),
            ws.document_label(document),
            date_of(document).map_or(String::new(), |d| format!(", published {d}"))
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if response.clicked() && !here {
            commands.push(AppCommand::Select(Some(ws.rows()[member].id.clone())));
        }
    }
}

fn format_value(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

fn references_ui(
    ui: &mut egui::Ui,
    claim: &ClaimId,
    references: &[Reference],
    view: &mut InspectorView,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("References ({})", references.len()));
        if ui.button("Add reference…").clicked() {
            view.reference_form = ReferenceForm {
                open: true,
                scroll: true,
                draft: Reference {
                    date_accessed: chrono::Local::now().format("%Y-%m-%d").to_string(),
                    ..Reference::default()
                },
                ..ReferenceForm::default()
            };
        }
    });
    for (i, r) in references.iter().enumerate() {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let stance = RichText::new(r.stance.label()).strong();
                ui.label(match r.stance {
                    Stance::Supports => stance.color(verdict_color(Verdict::True)),
                    Stance::Refutes => stance.color(verdict_color(Verdict::False)),
                    Stance::Context => stance,
                });
                ui.label(if r.title.is_empty() { &r.url } else { &r.title });
            });
            let details: Vec<&str> = [r.publisher.as_str(), r.date_published.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !details.is_empty() {
                ui.label(RichText::new(details.join(" · ")).weak());
            }
            if !r.excerpt.is_empty() {
                ui.label(RichText::new(format!("“{}”", r.excerpt)).italics());
            }
            ui.horizontal(|ui| {
                if ui.button("Open").on_hover_text(&r.url).clicked() {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(&r.url));
                }
                if !r.archived_url.is_empty()
                    && ui
                        .button("Open archive")
                        .on_hover_text(&r.archived_url)
                        .clicked()
                {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(&r.archived_url));
                }
                if ui.button("Edit").clicked() {
                    view.reference_form = ReferenceForm {
                        open: true,
                        scroll: true,
                        editing: Some(i),
                        draft: r.clone(),
                        problems: Vec::new(),
                    };
                }
                if ui.button("Remove").clicked() {
                    commands.push(AppCommand::Edit(Edit::RemoveReference {
                        claim: claim.clone(),
                        index: i,
                    }));
                }
            });
        });
    }
    if view.reference_form.open {
        reference_form_ui(ui, claim, view, commands);
    }
}

fn reference_form_ui(
    ui: &mut egui::Ui,
    claim: &ClaimId,
    view: &mut InspectorView,
    commands: &mut Vec<AppCommand>,
) {
    let form = &mut view.reference_form;
    let group = ui.group(|ui| {
        ui.strong(if form.editing.is_some() {
            "Edit reference"
        } else {
            "New reference"
        });
        egui::Grid::new("reference-form")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                let draft = &mut form.draft;
                for (name, value, hint) in [
                    ("URL", &mut draft.url, "https://…"),
                    ("Title", &mut draft.title, ""),
                    ("Publisher", &mut draft.publisher, ""),
                    ("Date published", &mut draft.date_published, "YYYY-MM-DD"),
                    ("Date accessed", &mut draft.date_accessed, "YYYY-MM-DD"),
                    ("Archived URL", &mut draft.archived_url, "https://…"),
                ] {
                    let label = ui.label(name);
                    ui.add(
                        TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label("Excerpt");
                ui.add(
                    TextEdit::multiline(&mut draft.excerpt)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
                ui.label("Stance");
                ui.horizontal(|ui| {
                    for s in Stance::ALL {
                        ui.radio_value(&mut draft.stance, s, s.label());
                    }
                });
                ui.end_row();
                let label = ui.label("Note");
                ui.add(
                    TextEdit::multiline(&mut draft.note)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        for problem in &form.problems {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.horizontal(|ui| {
            let save = if form.editing.is_some() {
                "Save reference"
            } else {
                "Add"
            };
            if ui.button(save).clicked() {
                match form.draft.validate() {
                    Ok(()) => {
                        let reference = form.draft.clone();
                        commands.push(AppCommand::Edit(match form.editing {
                            Some(index) => Edit::UpdateReference {
                                claim: claim.clone(),
                                index,
                                reference,
                            },
                            None => Edit::AddReference {
                                claim: claim.clone(),
                                reference,
                            },
                        }));
                        *form = ReferenceForm::default();
                    }
                    Err(problems) => {
                        form.problems = problems.iter().map(ToString::to_string).collect();
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                *form = ReferenceForm::default();
            }
        });
    });
    if std::mem::take(&mut view.reference_form.scroll) {
        group.response.scroll_to_me(Some(egui::Align::Max));
    }
}
