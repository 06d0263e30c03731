//! The claim grid: filters, sortable headers, one virtualised row per claim.

use egui::{Color32, RichText};
use egui_extras::{Column as TableColumn, TableBuilder};

use super::{ActorListView, AppCommand};
use crate::extract::FigureKind;
use crate::project::{Status, Verdict};
use crate::workspace::Workspace;
use crate::workspace::grid::{self, ActorMatch, Column, Filter, SearchIndex, Sort, VerdictFilter};

/// Row height of the grid: two lines of claim text.
const ROW_HEIGHT: f32 = 38.0;

/// What the grid remembers between frames: filters, order, and the rows shown.
#[derive(Default)]
pub struct GridView {
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
    /// Put the cursor in the filter box next frame.
    pub focus_filter: bool,
    /// How many rows the grid shows at once, for Page Up and Page Down.
    pub page_rows: usize,
}

impl GridView {
    /// Rebuilds the rows shown if the data, filter or sort changed.
    pub fn refresh(&mut self, ws: &Workspace) {
        if self.search.built_for != Some(ws.layout_generation()) {
            self.search = SearchIndex::build(ws);
        }
        let key = (ws.generation(), self.filter.clone(), self.sort);
        if self.order_key.as_ref() != Some(&key) {
            self.order = grid::rows(ws, &self.search, &self.filter, self.sort);
            self.order_key = Some(key);
        }
    }

    /// Sorts by `column`; the same column again reverses.
    pub fn sort_by(&mut self, column: Column) {
        if self.sort.column == column {
            self.sort.descending = !self.sort.descending;
        } else {
            // Scores and figures are read from the highest down.
            self.sort = Sort {
                column,
                descending: matches!(column, Column::Score | Column::Figures),
            };
        }
        self.scroll_to_selected = true;
    }
}

/// Draws the filters and the grid.
pub fn grid_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    selected: Option<usize>,
    view: &mut GridView,
    actors: &ActorListView,
    commands: &mut Vec<AppCommand>,
) {
    filters_ui(ui, ws, view, actors, commands);
    ui.separator();
    if view.order.is_empty() && !ws.rows().is_empty() {
        ui.horizontal(|ui| {
            ui.label("No claim matches these filters.");
            if ui.button("Clear every filter").clicked() {
                view.filter = Filter::default();
                commands.push(AppCommand::ClearActors);
            }
        });
    }
    egui::ScrollArea::horizontal()
        .id_salt("claims-sideways")
        .auto_shrink(false)
        .show(ui, |ui| table_ui(ui, ws, selected, view, commands));
}

fn filters_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut GridView,
    actors: &ActorListView,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter:");
        let id = egui::Id::unique("claim-filter");
        // Focused before it is drawn, so that it reads what is typed in this frame.
        if std::mem::take(&mut view.focus_filter) {
            ui.memory_mut(|m| m.request_focus(id));
        }
        let edit = ui.add(
            egui::TextEdit::singleline(&mut view.filter.text)
                .id(id)
                .hint_text("words in the claim, speaker or title (Ctrl+F)")
                .desired_width(220.0),
        );
        edit.labelled_by(label.id);
        let verdict_text = match view.filter.verdict {
            VerdictFilter::Any => "Any verdict".to_string(),
            VerdictFilter::Missing => "No verdict yet".to_string(),
            VerdictFilter::Is(v) => v.label().to_string(),
        };
        ui.label("Show:");
        egui::ComboBox::from_id_salt("filter-verdict")
            .selected_text(verdict_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.verdict, VerdictFilter::Any, "Any verdict");
                ui.selectable_value(
                    &mut view.filter.verdict,
                    VerdictFilter::Missing,
                    "No verdict yet",
                );
                for v in Verdict::ALL {
                    ui.selectable_value(&mut view.filter.verdict, VerdictFilter::Is(v), v.label());
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by verdict")
            });
        egui::ComboBox::from_id_salt("filter-status")
            .selected_text(view.filter.status.map_or("Any status", Status::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.status, None, "Any status");
                for s in Status::ALL {
                    ui.selectable_value(&mut view.filter.status, Some(s), s.label());
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by status")
            });
        let family_text = view
            .filter
            .family
            .as_ref()
            .and_then(|id| ws.extraction().families.iter().find(|f| &f.id == id))
            .map_or("Any family".to_string(), |f| {
                format!("{} ({})", f.label, f.claims.len())
            });
        egui::ComboBox::from_id_salt("filter-family")
            .selected_text(family_text)
            .width(180.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.family, None, "Any family");
                for f in &ws.extraction().families {
                    let text = format!(
                        "{}{} ({})",
                        if f.conflict { "≠ " } else { "" },
                        f.label,
                        f.claims.len()
                    );
                    ui.selectable_value(&mut view.filter.family, Some(f.id.clone()), text);
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by family")
            });
        ui.checkbox(&mut view.filter.conflicts_only, "Conflicting figures only");
        if !actors.selected.is_empty() {
            let names: Vec<&str> = actors
                .selected
                .iter()
                .filter_map(|id| ws.actor(id))
                .map(|a| a.name.as_str())
                .collect();
            egui::ComboBox::from_id_salt("filter-actor-match")
                .selected_text(view.filter.actor_match.label())
                .show_ui(ui, |ui| {
                    for m in ActorMatch::ALL {
                        ui.selectable_value(&mut view.filter.actor_match, m, m.label());
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "How actors match")
                });
            if ui
                .button(format!("{}  ×", names.join(", ")))
                .on_hover_text("Show claims of every actor again")
                .clicked()
            {
                commands.push(AppCommand::ClearActors);
            }
        }
        if let Some(outlet) = &view.filter.outlet {
            let name = outlet.as_deref().unwrap_or("outlet not given");
            if ui
                .button(format!("Outlet: {name}  ×"))
                .on_hover_text("Show claims of every outlet again")
                .clicked()
            {
                view.filter.outlet = None;
            }
        }
        if let Some((first, last)) = view.filter.published
            && ui
                .button(format!(
                    "Published {}  ×",
                    super::pictures_ui::period_text(first, last)
                ))
                .on_hover_text("Show claims of every date again")
                .clicked()
        {
            view.filter.published = None;
        }
        ui.label(format!(
            "{} of {} claims",
            view.order.len(),
            ws.rows().len()
        ));
    });
}

fn header_ui(ui: &mut egui::Ui, column: Column, view: &GridView, commands: &mut Vec<AppCommand>) {
    let sorted = view.sort.column == column;
    let response = ui
        .add(egui::Button::new(RichText::new(column.title()).strong()).frame(false))
        .on_hover_text("Click to sort; click again to reverse");
    if sorted {
        // A triangle drawn, not a glyph: the default fonts have no arrows.
        let size = 4.5;
        let centre = response.rect.right_center() + egui::vec2(size + 4.0, 0.0);
        let (tip, base) = if view.sort.descending {
            (size, -size)
        } else {
            (-size, size)
        };
        let points = vec![
            centre + egui::vec2(0.0, tip),
            centre + egui::vec2(-size, base),
            centre + egui::vec2(size, base),
        ];
        let color = ui.visuals().strong_text_color();
        ui.painter().add(egui::Shape::convex_polygon(
            points,
            color,
            egui::Stroke::NONE,
        ));
    }
    if response.clicked() {
        commands.push(AppCommand::SortBy(column));
    }
}

/// Initial widths of the columns other than the claim, left to right.
const COLUMN_WIDTHS: [f32; 8] = [110.0, 100.0, 70.0, 90.0, 56.0, 70.0, 72.0, 32.0];
/// Room kept for the grid's vertical scroll bar.
const SCROLL_BAR_ROOM: f32 = 24.0;
/// How far the other columns shrink before the claim column does.
const MIN_COLUMN_SCALE: f32 = 0.65;
/// The share of the grid's width the other columns shrink to leave to the claim.
const WANTED_CLAIM_SHARE: f32 = 0.38;
/// The claim column's width below which the grid scrolls sideways.
const MIN_CLAIM_WIDTH: f32 = 260.0;

fn table_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    selected: Option<usize>,
    view: &mut GridView,
    commands: &mut Vec<AppCommand>,
) {
    ui.style_mut().interaction.selectable_labels = false;
    let scroll_to = selected
        .filter(|_| std::mem::take(&mut view.scroll_to_selected))
        .and_then(|row| view.order.iter().position(|&r| r as usize == row));
    // The claim takes what the other columns leave, but never less than it needs to be
    // read: below that the grid scrolls sideways instead of pushing columns off screen.
    // In a narrow window the other columns give up some of their width first.
    let fixed: f32 = COLUMN_WIDTHS.iter().sum();
    // Between columns, and the vertical scroll bar.
    let spacing = ui.spacing().item_spacing.x * (Column::ALL.len() as f32) + SCROLL_BAR_ROOM;
    let wanted = (ui.available_width() * WANTED_CLAIM_SHARE).max(MIN_CLAIM_WIDTH);
    let scale = ((ui.available_width() - spacing - wanted) / fixed).clamp(MIN_COLUMN_SCALE, 1.0);
    view.page_rows = ((ui.available_height() - 24.0) / ROW_HEIGHT)
        .floor()
        .max(1.0) as usize;
    let [
        document,
        speaker,
        figures,
        family,
        score,
        verdict,
        status,
        refs,
    ] = COLUMN_WIDTHS;
    let ctx = ui.ctx().clone();
    let column = |w: f32| TableColumn::initial(w * scale).at_least(24.0).clip(true);
    let mut table = TableBuilder::new(ui)
        .id_salt("claims")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(column(document))
        .column(column(speaker))
        .column(
            TableColumn::remainder()
                .at_least(MIN_CLAIM_WIDTH)
                .clip(true),
        )
        .column(column(figures))
        .column(column(family))
        .column(column(score))
        .column(column(verdict))
        .column(column(status))
        .column(column(refs))
        // Room for the scroll bar, which floats over the last column.
        .column(TableColumn::exact(SCROLL_BAR_ROOM * 0.5))
        .min_scrolled_height(0.0);
    if let Some(index) = scroll_to {
        table = table.scroll_to_row(index, Some(egui::Align::Center));
        ctx.request_repaint();
    }
    table
        .header(24.0, |mut header| {
            for column in Column::ALL {
                header.col(|ui| header_ui(ui, column, view, commands));
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, view.order.len(), |mut row| {
                let index = view.order[row.index()] as usize;
                let Some(claim_row) = ws.rows().get(index) else {
                    return;
                };
                let claim = &claim_row.claim;
                let annotation = ws.annotation(index);
                row.set_selected(selected == Some(index));
                row.col(|ui| {
                    let doc = &ws.corpus().documents[claim_row.document];
                    ui.add(egui::Label::new(ws.document_label(claim_row.document)).truncate())
                        .on_hover_text(format!("{}\n{}", doc.id, doc.path));
                });
                row.col(|ui| {
                    ui.label(ws.actor_name(claim_row.speaker));
                });
                row.col(|ui| {
                    let text = claim.text.replace('\n', " ");
                    let label = if claim_row.manual {
                        format!("(by hand) {text}")
                    } else {
                        text
                    };
                    two_lines_ui(ui, label);
                });
                row.col(|ui| {
                    ui.label(figures_text(claim));
                });
                row.col(|ui| {
                    if let Some(family) = ws.family(index) {
                        let text = if family.conflict {
                            RichText::new(format!("≠ {}", family.label)).color(conflict_color(ui))
                        } else {
                            RichText::new(&family.label)
                        };
                        ui.label(text);
                    }
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", claim.score));
                });
                row.col(|ui| {
                    if let Some(v) = annotation.and_then(|a| a.verdict) {
                        ui.label(RichText::new(v.label()).color(verdict_color(v)));
                    }
                });
                row.col(|ui| {
                    ui.label(annotation.map_or(Status::Unstarted, |a| a.status).label());
                });
                row.col(|ui| {
                    let n = annotation.map_or(0, |a| a.references.len());
                    if n > 0 {
                        ui.label(n.to_string());
                    }
                });
                if row.response().clicked() {
                    commands.push(AppCommand::Select(Some(claim_row.id.clone())));
                }
            });
        });
}

/// A claim's text on at most two lines, cut with an ellipsis; the whole text on hover.
fn two_lines_ui(ui: &mut egui::Ui, text: String) {
    let mut job = egui::text::LayoutJob::single_section(
        text.clone(),
        egui::TextFormat::simple(
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().text_color(),
        ),
    );
    job.wrap = egui::text::TextWrapping {
        max_width: ui.available_width(),
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let elided = galley.elided;
    let response = ui.add(egui::Label::new(galley).selectable(false));
    if elided {
        response.on_hover_text(text);
    }
}

/// The claim's quantities, as written, for the figures column.
pub fn figures_text(claim: &crate::extract::Claim) -> String {
    claim
        .numbers
        .iter()
        .filter(|f| f.kind.is_quantity() || f.kind == FigureKind::Duration)
        .map(|f| match &f.qualifier {
            Some(q) if q == "+" || *q == f.text.to_lowercase() => f.text.clone(),
            Some(q) => format!("{q} {}", f.text),
            None => f.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Colour for conflicts, readable in light and dark themes.
pub fn conflict_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 170, 60)
    } else {
        Color32::from_rgb(190, 80, 0)
    }
}

/// Colour of a verdict: greens for true, reds for false, grey otherwise.
pub fn verdict_color(v: Verdict) -> Color32 {
    match v.rating() {
        Some(6 | 5) => Color32::from_rgb(40, 150, 70),
        Some(4) => Color32::from_rgb(170, 140, 20),
        Some(1..=3) => Color32::from_rgb(200, 60, 50),
        _ => Color32::GRAY,
    }
}
