//! The source text: the selected claim's document, the claim highlighted and scrolled into
//! view, other claims and actor mentions marked. Clicking a claim selects it; selected
//! text can become a claim added by hand.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use super::AppCommand;
use crate::workspace::{Edit, Workspace};

/// Width kept on the header's right for the find box and the buttons.
const HEADER_CONTROLS_WIDTH: f32 = 560.0;

/// What the source panel remembers between frames.
#[derive(Default)]
pub struct SourceView {
    /// Scroll the selected claim into view next frame.
    pub scroll: bool,
    /// Text selected in the document: (document, start, end) in bytes.
    pub selection: Option<(usize, usize, usize)>,
    /// Put the cursor in the find box next frame.
    pub focus_find: bool,
    /// Words to find in the document.
    pub find: String,
    /// Which match is current.
    pub find_current: usize,
    /// Where the matches are, for (document, words): byte offsets.
    found: Option<((usize, String), Vec<usize>)>,
    /// Scroll the current match into view next frame.
    scroll_to_match: bool,
    layout: Option<(SourceLayoutKey, Arc<egui::Galley>)>,
}

impl SourceView {
    /// Byte offsets of the matches of the find box in `document` (ASCII case ignored).
    fn matches(&mut self, document: usize, text: &str) -> &[usize] {
        let needle = self.find.trim().to_ascii_lowercase();
        let key = (document, needle);
        if self.found.as_ref().map(|(k, _)| k) != Some(&key) {
            let hits = if key.1.is_empty() {
                Vec::new()
            } else {
                let haystack = text.to_ascii_lowercase();
                memchr::memmem::find_iter(haystack.as_bytes(), key.1.as_bytes()).collect()
            };
            self.find_current = 0;
            self.found = Some((key, hits));
        }
        self.found.as_ref().map_or(&[], |(_, hits)| hits.as_slice())
    }
}

/// Draws the source panel.
pub fn source_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    selected: Option<usize>,
    view: &mut SourceView,
    commands: &mut Vec<AppCommand>,
) {
    let Some(row) = selected else {
        ui.label("Select a claim to read it in its document.");
        // Fill the panel: egui panels shrink to what they hold.
        ui.allocate_space(ui.available_size());
        return;
    };
    let document = ws.rows()[row].document;
    let doc = &ws.corpus().documents[document];
    let selection = view.selection.filter(|(d, a, b)| *d == document && a < b);
    let text = doc.text.as_str();
    let needle_len = view.find.trim().len();
    let hits = view.matches(document, text).to_vec();
    ui.horizontal(|ui| {
        let title = ws.document_label(document);
        // The title gives way to the find box and buttons on the right.
        let room = (ui.available_width() - HEADER_CONTROLS_WIDTH).max(80.0);
        ui.scope(|ui| {
            ui.set_max_width(room);
            ui.add(egui::Label::new(egui::RichText::new(title.as_ref()).strong()).truncate())
                .on_hover_text(format!("{}\n{}", doc.id, doc.path));
        });
        // The outlet and date, unless the label above is made of them.
        if doc
            .meta
            .title
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        {
            for part in [&doc.meta.outlet, &doc.meta.published]
                .into_iter()
                .flatten()
            {
                ui.label(egui::RichText::new(part).weak());
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let add = ui
                .add_enabled(
                    selection.is_some(),
                    egui::Button::new("Add claim from selection"),
                )
                .on_disabled_hover_text("Select text in the document first");
            if add.clicked()
                && let Some((d, start, end)) = selection
            {
                commands.push(AppCommand::Edit(Edit::AddManualClaim {
                    document: d,
                    start,
                    end,
                }));
            }
            ui.separator();
            find_ui(ui, view, &hits);
        });
    });
    ui.separator();
    let claim = &ws.rows()[row].claim;
    let current_match = hits.get(view.find_current).copied();
    // Built only when the layout below is not cached: long documents stay smooth.
    let spans = || Spans {
        selected: (claim.start, claim.end),
        claims: ws
            .rows_of_document(document)
            .iter()
            .map(|&r| (ws.rows()[r].claim.start, ws.rows()[r].claim.end))
            .collect(),
        mentions: ws
            .mentions_of_document(document)
            .iter()
            .map(|&(a, b, _)| (a, b))
            .collect(),
        found: hits.iter().map(|&a| (a, a + needle_len)).collect(),
        current: current_match.map(|a| (a, a + needle_len)),
    };
    let scroll = std::mem::take(&mut view.scroll);
    let scroll_to_match = std::mem::take(&mut view.scroll_to_match);
    egui::ScrollArea::vertical()
        .id_salt("source")
        .auto_shrink(false)
        .show(ui, |ui| {
            let dark = ui.visuals().dark_mode;
            let cache = &mut view.layout;
            let mut layouter = |ui: &egui::Ui,
                                buffer: &dyn egui::TextBuffer,
                                wrap_width: f32|
             -> Arc<egui::Galley> {
                let key = SourceLayoutKey {
                    document,
                    claim: (claim.start, claim.end),
                    wrap_width_bits: wrap_width.to_bits(),
                    dark,
                    generation: ws.layout_generation(),
                    find: (hits.len(), needle_len, current_match),
                };
                if let Some((cached_key, galley)) = cache.as_ref()
                    && *cached_key == key
                {
                    return galley.clone();
                }
                let mut job = highlighted(buffer.as_str(), &spans(), dark);
                job.wrap.max_width = wrap_width;
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                *cache = Some((key, galley.clone()));
                galley
            };
            let mut read_only = text;
            let output = egui::TextEdit::multiline(&mut read_only)
                .layouter(&mut layouter)
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE)
                .show(ui);
            output.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Source text")
            });
            let scroll_target = match current_match {
                Some(at) if scroll_to_match => Some(at),
                _ if scroll => Some(claim.start),
                _ => None,
            };
            if let Some(at) = scroll_target {
                let cursor = CCursor::new(char_index(text, at));
                let rect = output
                    .galley
                    .pos_from_cursor(cursor)
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
                // The scroll lands in the next frame: ask for it, or it waits for the mouse.
                ui.ctx().request_repaint();
            }
            if let Some(range) = output.cursor_range {
                let (a, b) = (range.primary.index.0, range.secondary.index.0);
                let (a, b) = (a.min(b), a.max(b));
                if a < b {
                    view.selection = Some((document, byte_index(text, a), byte_index(text, b)));
                } else if output.response.clicked() {
                    let at = byte_index(text, a);
                    let rows = ws.rows();
                    let hit = ws
                        .rows_of_document(document)
                        .iter()
                        .copied()
                        .find(|&r| rows[r].claim.start <= at && at < rows[r].claim.end);
                    if let Some(r) = hit.filter(|&r| r != row) {
                        commands.push(AppCommand::Select(Some(rows[r].id.clone())));
                    }
                    view.selection = None;
                }
            }
        });
}

/// The find box, right to left: next, previous, the count, the words.
fn find_ui(ui: &mut egui::Ui, view: &mut SourceView, hits: &[usize]) {
    let n = hits.len();
    let step = |view: &mut SourceView, forward: bool| {
        if n > 0 {
            view.find_current = if forward {
                (view.find_current + 1) % n
            } else {
                (view.find_current + n - 1) % n
            };
            view.scroll_to_match = true;
        }
    };
    if ui
        .add_enabled(n > 0, egui::Button::new("Next"))
        .on_hover_text("Next match (Enter in the find box)")
        .clicked()
    {
        step(view, true);
    }
    if ui
        .add_enabled(n > 0, egui::Button::new("Previous"))
        .on_hover_text("Previous match (Shift+Enter in the find box)")
        .clicked()
    {
        step(view, false);
    }
    if !view.find.trim().is_empty() {
        let count = if n == 0 {
            "no match".to_string()
        } else {
            format!("{} of {n}", view.find_current + 1)
        };
        ui.label(egui::RichText::new(count).weak());
    }
    let id = egui::Id::unique("source-find");
    // Enter ends a one-line edit, so whether it was being typed in is asked before.
    let typing = ui.memory(|m| m.has_focus(id));
    // Focused before it is drawn, so that it reads what is typed in this frame.
    if std::mem::take(&mut view.focus_find) {
        ui.memory_mut(|m| m.request_focus(id));
    }
    let edit = ui.add(
        egui::TextEdit::singleline(&mut view.find)
            .id(id)
            .hint_text("find in text (Ctrl+Shift+F)")
            .desired_width(170.0),
    );
    edit.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find in source"));
    if edit.changed() {
        view.scroll_to_match = true;
    }
    if typing && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let back = ui.input(|i| i.modifiers.shift);
        step(view, !back);
        edit.request_focus();
    }
}

/// A grip on the source panel's top edge, so that the edge reads as something to drag.
pub fn grip_ui(ui: &egui::Ui, panel: egui::Rect) {
    let centre = egui::pos2(panel.center().x, panel.top() + 1.0);
    let color = ui
        .visuals()
        .widgets
        .noninteractive
        .fg_stroke
        .color
        .gamma_multiply(0.7);
    for dx in [-12.0, -6.0, 0.0, 6.0, 12.0] {
        ui.painter()
            .circle_filled(centre + egui::vec2(dx, 0.0), 1.6, color);
    }
}

/// What a laid-out source text depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceLayoutKey {
    document: usize,
    claim: (usize, usize),
    wrap_width_bits: u32,
    dark: bool,
    generation: u64,
    /// Matches of the find box: how many, their length, the current one.
    find: (usize, usize, Option<usize>),
}

/// What to mark in a document.
struct Spans {
    selected: (usize, usize),
    claims: Vec<(usize, usize)>,
    mentions: Vec<(usize, usize)>,
    /// Matches of the find box, in order.
    found: Vec<(usize, usize)>,
    /// The current match.
    current: Option<(usize, usize)>,
}

/// The document as a layout job: the selected claim strongly highlighted, other claims
/// lightly, actor mentions underlined.
fn highlighted(text: &str, spans: &Spans, dark: bool) -> LayoutJob {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b) in spans
        .claims
        .iter()
        .chain(&spans.mentions)
        .chain(&spans.found)
        .chain(std::iter::once(&spans.selected))
    {
        cuts.push(a.min(text.len()));
        cuts.push(b.min(text.len()));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let font = FontId::proportional(14.0);
    let text_color = if dark {
        Color32::from_gray(220)
    } else {
        Color32::from_gray(30)
    };
    let (selected_bg, claim_bg, mention) = if dark {
        (
            Color32::from_rgb(90, 70, 0),
            Color32::from_rgb(38, 48, 60),
            Color32::from_rgb(120, 180, 255),
        )
    } else {
        (
            Color32::from_rgb(255, 226, 120),
            Color32::from_rgb(226, 236, 250),
            Color32::from_rgb(20, 90, 200),
        )
    };
    let (found_bg, current_bg) = if dark {
        (
            Color32::from_rgb(20, 90, 70),
            Color32::from_rgb(120, 230, 160),
        )
    } else {
        (
            Color32::from_rgb(190, 240, 200),
            Color32::from_rgb(60, 200, 110),
        )
    };
    let inside = |list: &[(usize, usize)], at: usize| {
        let k = list.partition_point(|&(a, _)| a <= at);
        list[..k]
            .iter()
            .rev()
            .take(8)
            .any(|&(a, b)| a <= at && at < b)
    };
    let mut claims = spans.claims.clone();
    claims.sort_unstable();
    let mut mentions = spans.mentions.clone();
    mentions.sort_unstable();
    let mut job = LayoutJob::default();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b {
            continue;
        }
        let mut format = TextFormat::simple(font.clone(), text_color);
        if spans.selected.0 <= a && a < spans.selected.1 {
            format.background = selected_bg;
        } else if inside(&claims, a) {
            format.background = claim_bg;
        }
        if inside(&mentions, a) {
            format.color = mention;
            format.underline = Stroke::new(1.0, mention);
        }
        if spans.current.is_some_and(|(x, y)| x <= a && a < y) {
            format.background = current_bg;
            format.color = Color32::BLACK;
        } else if inside(&spans.found, a) {
            format.background = found_bg;
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

/// The character index of a byte offset.
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}

/// The byte offset of a character index.
fn byte_index(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(i, _)| i)
}
