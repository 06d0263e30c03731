//! The source text: the selected claim's document, the claim highlighted and scrolled into
//! view, other claims and actor mentions marked. Clicking a claim selects it; selected
//! text can become a claim added by hand.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use super::AppCommand;
use crate::workspace::{Edit, Workspace};

/// What the source panel remembers between frames.
#[derive(Default)]
pub struct SourceView {
    /// Scroll the selected claim into view next frame.
    pub scroll: bool,
    /// Text selected in the document: (document, start, end) in bytes.
    pub selection: Option<(usize, usize, usize)>,
    layout: Option<(SourceLayoutKey, Arc<egui::Galley>)>,
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
        ui.heading("Source");
        ui.label("Select a claim to read it in its document.");
        return;
    };
    let document = ws.rows()[row].document;
    let doc = &ws.corpus().documents[document];
    let selection = view.selection.filter(|(d, a, b)| *d == document && a < b);
    ui.horizontal(|ui| {
        ui.heading("Source");
        ui.label(doc.id.as_str());
        for part in [&doc.meta.title, &doc.meta.outlet, &doc.meta.published]
            .into_iter()
            .flatten()
        {
            ui.label(egui::RichText::new(part).weak());
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
        });
    });
    ui.separator();
    let claim = &ws.rows()[row].claim;
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
    };
    let text = doc.text.as_str();
    let scroll = std::mem::take(&mut view.scroll);
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
            if scroll {
                let cursor = CCursor::new(char_index(text, claim.start));
                let rect = output
                    .galley
                    .pos_from_cursor(cursor)
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
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

/// What a laid-out source text depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceLayoutKey {
    document: usize,
    claim: (usize, usize),
    wrap_width_bits: u32,
    dark: bool,
    generation: u64,
}

/// What to mark in a document.
struct Spans {
    selected: (usize, usize),
    claims: Vec<(usize, usize)>,
    mentions: Vec<(usize, usize)>,
}

/// The document as a layout job: the selected claim strongly highlighted, other claims
/// lightly, actor mentions underlined.
fn highlighted(text: &str, spans: &Spans, dark: bool) -> LayoutJob {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b) in spans
        .claims
        .iter()
        .chain(&spans.mentions)
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
