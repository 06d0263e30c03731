//! The pictures beside the source text: the attribution network (outlet → speaker →
//! actors named; clicking a node filters the grid, dragging moves it) and the timeline of
//! documents and claims by publication date (dragging across it filters the grid to those
//! days). Both are computed once per change of the work and only drawn each frame.

use chrono::NaiveDate;
use egui::{Align2, Color32, FontId, Sense, Stroke, pos2, vec2};

use super::AppCommand;
use crate::workspace::Workspace;
use crate::workspace::grid::{ActorMatch, Filter};
use crate::workspace::network::{Layer, Network, NodeKey};
use crate::workspace::timeline::Timeline;

/// Radius of the smallest and of the largest node.
const NODE_RADIUS: (f32, f32) = (4.0, 12.0);
/// Width of the thinnest and of the widest edge.
const EDGE_WIDTH: (f32, f32) = (1.0, 7.0);
/// The least height between two nodes of a column, so their labels never touch.
const NODE_SPACING: f32 = 16.0;
/// Room kept around the network for its labels.
const NETWORK_MARGIN: egui::Vec2 = vec2(180.0, 26.0);
/// Room under the timeline's bars for the dates, and above for the counts.
const TIMELINE_MARGIN: (f32, f32) = (34.0, 18.0);
/// Largest width of a timeline bar.
const MAX_BAR_WIDTH: f32 = 48.0;

/// Which view the panel under the grid shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BottomTab {
    /// The selected claim's document.
    #[default]
    Source,
    /// The attribution network.
    Network,
    /// Documents and claims over time.
    Timeline,
}

impl BottomTab {
    /// Every tab, in order.
    pub const ALL: [BottomTab; 3] = [Self::Source, Self::Network, Self::Timeline];

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Network => "Attribution network",
            Self::Timeline => "Timeline",
        }
    }
}

/// What the pictures remember between frames.
#[derive(Default)]
pub struct PicturesView {
    /// The counts the network is drawn from, for a layout generation of the workspace.
    counts: Option<(u64, crate::workspace::network::Counts)>,
    network: Option<((u64, usize), Network)>,
    /// Where the researcher dragged nodes to, kept when the panel is resized.
    dragged: std::collections::HashMap<NodeKey, [f32; 2]>,
    timeline: Option<(u64, Timeline)>,
    /// Where a drag across the timeline started, in points.
    brush_from: Option<f32>,
}

impl PicturesView {
    fn network(&mut self, ws: &Workspace, per_column: usize) -> &mut Network {
        // Verdicts and notes change nothing drawn here: only rebuilt rows and actors do.
        let generation = ws.layout_generation();
        if self.counts.as_ref().map(|(g, _)| *g) != Some(generation) {
            self.counts = Some((generation, crate::workspace::network::Counts::of(ws)));
            self.dragged.clear();
        }
        let key = (generation, per_column);
        if self.network.as_ref().map(|(k, _)| *k) != Some(key) {
            let counts = &self.counts.as_ref().expect("just counted").1;
            let mut network = Network::from_counts(counts, per_column);
            for node in &mut network.nodes {
                if let Some(&p) = self.dragged.get(&node.key) {
                    node.position = p;
                }
            }
            self.network = Some((key, network));
        }
        &mut self.network.as_mut().expect("just built").1
    }
}

/// The timeline of `ws`, rebuilt in `cache` only when its rows changed. A function of the
/// cache field alone, so the drawing may borrow it while it changes the brush.
fn timeline_of<'c>(cache: &'c mut Option<(u64, Timeline)>, ws: &Workspace) -> &'c Timeline {
    let key = ws.layout_generation();
    if cache.as_ref().map(|(k, _)| *k) != Some(key) {
        *cache = Some((key, Timeline::build(ws)));
    }
    &cache.as_ref().expect("just built").1
}

/// The tabs above the panel.
pub fn tabs_ui(ui: &mut egui::Ui, tab: &mut BottomTab) {
    ui.horizontal(|ui| {
        for t in BottomTab::ALL {
            ui.selectable_value(tab, t, t.label());
        }
    });
}

/// Whether the grid is filtered to this node.
fn filters_to(filter: &Filter, ws: &Workspace, key: &NodeKey) -> bool {
    let only = |a: usize, how: ActorMatch| {
        filter.actor_match == how
            && filter.actors.len() == 1
            && filter.actors.first() == Some(&ws.actors()[a].id)
    };
    match key {
        NodeKey::Outlet(o) => filter.outlet.as_ref() == Some(o),
        NodeKey::Speaker(a) => only(*a, ActorMatch::Speaker),
        NodeKey::About(a) => only(*a, ActorMatch::Mentions),
    }
}

/// Draws the attribution network.
pub fn network_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    filter: &Filter,
    view: &mut PicturesView,
    commands: &mut Vec<AppCommand>,
) {
    // As many nodes in a column as have room for their labels.
    let per_column = ((ui.available_height() - 2.0 * NETWORK_MARGIN.y - 24.0) / NODE_SPACING)
        .floor()
        .max(1.0) as usize;
    let network = view.network(ws, per_column);
    let mut dragged_to: Option<(NodeKey, [f32; 2])> = None;
    if network.nodes.is_empty() {
        ui.label("No claim has a speaker yet, so there is no attribution to draw.");
        return;
    }
    let shown = network.nodes.len();
    let left_out: usize = network.left_out.iter().sum();
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} claims with a speaker, in the whole corpus. Click a node to filter the grid to it; drag it to move it.",
            network.attributed
        ));
        if left_out > 0 {
            ui.weak(format!(
                "({shown} nodes with the most claims shown, {left_out} left out)"
            ));
        }
    });
    let (rect, _) =
        ui.allocate_exact_size(ui.available_size().max(vec2(300.0, 120.0)), Sense::hover());
    let painter = ui.painter_at(rect);
    let inner = rect.shrink2(NETWORK_MARGIN);
    let at = |p: [f32; 2]| {
        pos2(
            inner.left() + p[0] * inner.width(),
            inner.top() + p[1] * inner.height(),
        )
    };
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    for layer in [Layer::Outlet, Layer::Speaker, Layer::About] {
        // At the column's place, wherever its nodes were dragged.
        let present = network.nodes.iter().any(|n| n.layer == layer);
        if present {
            let x = at([layer.x(), 0.0]).x;
            painter.text(
                pos2(x, rect.top() + 4.0),
                Align2::CENTER_TOP,
                layer.title(),
                FontId::proportional(12.0),
                weak,
            );
        }
    }
    let most_edge = network.edges.iter().map(|e| e.claims).max().unwrap_or(1) as f32;
    let edge_color = ui
        .visuals()
        .widgets
        .noninteractive
        .bg_stroke
        .color
        .gamma_multiply(1.6);
    // The edges of the node the grid is filtered to are drawn last, in the accent colour.
    let chosen = network
        .nodes
        .iter()
        .position(|n| filters_to(filter, ws, &n.key));
    let accent_edge = ui.visuals().selection.bg_fill;
    let mut edges: Vec<&crate::workspace::network::Edge> = network.edges.iter().collect();
    edges.sort_by_key(|e| chosen.is_some_and(|c| e.from == c || e.to == c));
    for e in edges {
        let t = (e.claims as f32 / most_edge).sqrt();
        let width = EDGE_WIDTH.0 + t * (EDGE_WIDTH.1 - EDGE_WIDTH.0);
        let touches = chosen.is_some_and(|c| e.from == c || e.to == c);
        painter.line_segment(
            [
                at(network.nodes[e.from].position),
                at(network.nodes[e.to].position),
            ],
            Stroke::new(width, if touches { accent_edge } else { edge_color }),
        );
    }
    let most = network.most_claims().max(1) as f32;
    let accent = ui.visuals().selection.bg_fill;
    let panel = ui.visuals().panel_fill;
    let mut moved: Option<(usize, egui::Vec2)> = None;
    for (i, node) in network.nodes.iter().enumerate() {
        let centre = at(node.position);
        let t = (node.claims as f32 / most).sqrt();
        let radius = NODE_RADIUS.0 + t * (NODE_RADIUS.1 - NODE_RADIUS.0);
        let active = filters_to(filter, ws, &node.key);
        let fill = match node.layer {
            Layer::Outlet => Color32::from_rgb(0x5b, 0x8d, 0xbe),
            Layer::Speaker => Color32::from_rgb(0xc0, 0x6a, 0x2b),
            Layer::About => Color32::from_rgb(0x6a, 0x9a, 0x58),
        };
        painter.circle(
            centre,
            radius,
            fill,
            Stroke::new(
                if active { 3.0 } else { 1.0 },
                if active { accent } else { text_color },
            ),
        );
        let (align, offset) = match node.layer {
            Layer::Outlet => (Align2::RIGHT_CENTER, -radius - 4.0),
            _ => (Align2::LEFT_CENTER, radius + 4.0),
        };
        // The label on a patch of the panel's colour, so edges do not run through it.
        let galley = painter.layout_no_wrap(
            shorten(&node.label, 24),
            FontId::proportional(12.0),
            text_color,
        );
        let label_rect = align.anchor_size(centre + vec2(offset, 0.0), galley.size());
        painter.rect_filled(label_rect.expand(1.0), 2.0, panel.gamma_multiply(0.85));
        painter.galley(label_rect.min, galley, text_color);
        let hit =
            egui::Rect::from_center_size(centre, vec2(radius * 2.0 + 6.0, radius * 2.0 + 6.0));
        let response = ui
            .interact(
                hit,
                ui.scope_id().with(("network-node", i)),
                Sense::click_and_drag(),
            )
            .on_hover_text(format!(
                "{}: {}\n{} claims",
                node.layer.title(),
                node.label,
                node.claims
            ));
        let name = format!(
            "{} {}, {} claims",
            node.layer.title(),
            node.label,
            node.claims
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if response.dragged() {
            moved = Some((i, response.drag_delta()));
        } else if response.clicked() {
            let key = (!active).then(|| node.key.clone());
            commands.push(AppCommand::FilterNode(key));
        }
    }
    if let Some((i, delta)) = moved {
        let p = &mut network.nodes[i].position;
        p[0] = (p[0] + delta.x / inner.width().max(1.0)).clamp(0.0, 1.0);
        p[1] = (p[1] + delta.y / inner.height().max(1.0)).clamp(0.0, 1.0);
        let p = *p;
        dragged_to = Some((network.nodes[i].key.clone(), p));
    }
    if let Some((key, p)) = dragged_to {
        view.dragged.insert(key, p);
    }
}

fn shorten(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(chars - 1).collect();
        out.push('…');
        out
    }
}

/// Draws the timeline.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    filter: &Filter,
    view: &mut PicturesView,
    commands: &mut Vec<AppCommand>,
) {
    let brush_from = view.brush_from;
    let timeline = timeline_of(&mut view.timeline, ws);
    let Some(step) = timeline.step else {
        ui.label(format!(
            "No document has a publication date, so there is no timeline to draw ({} documents).",
            timeline.undated_documents
        ));
        return;
    };
    ui.horizontal(|ui| {
        ui.label(format!(
            "Claims (bars) and documents (inner bars) by {} of publication, whole corpus. Drag across bars, or click one, to filter the grid.",
            step.label()
        ));
        if timeline.undated_documents > 0 {
            ui.weak(format!(
                "{} documents ({} claims) have no date.",
                timeline.undated_documents, timeline.undated_claims
            ));
        }
    });
    let (rect, response) = ui.allocate_exact_size(
        ui.available_size().max(vec2(300.0, 100.0)),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(rect);
    let n = timeline.buckets.len().max(1);
    let plot = egui::Rect::from_min_max(
        pos2(rect.left() + 12.0, rect.top() + TIMELINE_MARGIN.1),
        pos2(rect.right() - 12.0, rect.bottom() - TIMELINE_MARGIN.0),
    );
    let slot = plot.width() / n as f32;
    let bar = (slot * 0.8).min(MAX_BAR_WIDTH);
    let most = timeline.most_claims().max(1) as f32;
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let bar_color = ui.visuals().hyperlink_color;
    let documents_color = ui.visuals().text_color().gamma_multiply(0.6);
    // The chosen bars stand out in a warm colour in either theme.
    let chosen = Color32::from_rgb(0xe8, 0x8a, 0x2a);
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, weak),
    );
    let in_filter = |first: NaiveDate, last: NaiveDate| {
        filter
            .published
            .is_some_and(|(a, b)| a <= first && last <= b)
    };
    let label_every = (n as f32 / (plot.width() / 80.0).max(1.0)).ceil().max(1.0) as usize;
    for (k, b) in timeline.buckets.iter().enumerate() {
        let x = plot.left() + slot * (k as f32 + 0.5);
        let h = b.claims as f32 / most * plot.height();
        let bar_rect = egui::Rect::from_min_max(
            pos2(x - bar / 2.0, plot.bottom() - h),
            pos2(x + bar / 2.0, plot.bottom()),
        );
        painter.rect_filled(
            bar_rect,
            2.0,
            if in_filter(b.first, b.last) {
                chosen
            } else {
                bar_color
            },
        );
        // The documents of the period: a thin dark bar inside the claims' bar, on the
        // same scale of the tallest claims bar (documents hold at least one claim each
        // when they hold any).
        if b.documents > 0 {
            let dh = (b.documents as f32 / most * plot.height()).max(2.0);
            painter.rect_filled(
                egui::Rect::from_min_max(
                    pos2(x - bar / 6.0, plot.bottom() - dh),
                    pos2(x + bar / 6.0, plot.bottom()),
                ),
                1.0,
                documents_color,
            );
        }
        if b.claims > 0 && slot > 18.0 {
            painter.text(
                pos2(x, bar_rect.top() - 2.0),
                Align2::CENTER_BOTTOM,
                b.claims.to_string(),
                FontId::proportional(11.0),
                text_color,
            );
        }
        if k % label_every == 0 {
            // The first date starts at its bar, so it is never cut at the panel's edge.
            let (anchor, align) = if k == 0 {
                (x - bar / 2.0, Align2::LEFT_TOP)
            } else {
                (x, Align2::CENTER_TOP)
            };
            painter.text(
                pos2(anchor, plot.bottom() + 4.0),
                align,
                b.first
                    .format(match step {
                        crate::workspace::timeline::Step::Year => "%Y",
                        crate::workspace::timeline::Step::Month => "%b %Y",
                        _ => "%e %b %Y",
                    })
                    .to_string(),
                FontId::proportional(11.0),
                weak,
            );
        }
        let hit = egui::Rect::from_min_max(
            pos2(x - slot / 2.0, plot.top()),
            pos2(x + slot / 2.0, plot.bottom()),
        );
        let name = format!(
            "{}: {} documents, {} claims",
            period_text(b.first, b.last),
            b.documents,
            b.claims
        );
        let bar_response =
            ui.interact(hit, ui.scope_id().with(("timeline-bar", k)), Sense::hover());
        let bar_response = bar_response.on_hover_text(&name);
        bar_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    }
    let index_at = |x: f32| (((x - plot.left()) / slot).floor().max(0.0) as usize).min(n - 1);
    if response.drag_started() {
        view.brush_from = response.interact_pointer_pos().map(|p| p.x);
    }
    if let (Some(from), Some(now)) = (brush_from, response.interact_pointer_pos()) {
        let (a, b) = (from.min(now.x), from.max(now.x));
        painter.rect_filled(
            egui::Rect::from_min_max(pos2(a, plot.top()), pos2(b, plot.bottom())),
            0.0,
            chosen.gamma_multiply(0.35),
        );
    }
    if response.drag_stopped() {
        // Let go anywhere, even outside the window: the band goes.
        view.brush_from = None;
    }
    if response.drag_stopped()
        && let (Some(from), Some(to)) = (brush_from, response.interact_pointer_pos())
    {
        let (i, j) = (index_at(from.min(to.x)), index_at(from.max(to.x)));
        let range = (timeline.buckets[i].first, timeline.buckets[j].last);
        commands.push(AppCommand::FilterDates(Some(range)));
    } else if response.clicked() {
        // A click without a drag: the bar under it, or nothing when it is chosen already.
        let range = response.interact_pointer_pos().map(|p| {
            let b = timeline.buckets[index_at(p.x)];
            (b.first, b.last)
        });
        let again = range.is_some() && filter.published == range;
        commands.push(AppCommand::FilterDates(if again { None } else { range }));
    }
}

/// A period as people write it: one day, or its first and last days.
pub fn period_text(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        first.format("%-d %b %Y").to_string()
    } else {
        format!(
            "{} – {}",
            first.format("%-d %b %Y"),
            last.format("%-d %b %Y")
        )
    }
}
