//! A report to hand on: a summary (documents, claims, verdicts), then each family with its
//! claims side by side, the verdicts with conclusion and references, and a chart of the
//! figures when they disagree. One self-contained HTML file (inline CSS and SVG, nothing
//! fetched) or Markdown.

use std::fmt::Write as _;

use super::record::Record;
use crate::extract::Family;
use crate::project::Verdict;
use crate::workspace::Workspace;

/// Width and height of a figures chart.
const CHART: (f64, f64) = (560.0, 120.0);

/// The families to report, each with its claims' records, in the extraction's order of
/// families; families of one claim are left out. One pass over the records.
fn families<'a>(
    workspace: &'a Workspace,
    records: &[Record<'a>],
) -> Vec<(&'a Family, Vec<Record<'a>>)> {
    let all = &workspace.extraction().families;
    let index: std::collections::HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut members: Vec<Vec<Record<'a>>> = vec![Vec::new(); all.len()];
    for r in records {
        if let Some(&i) = r.family.and_then(|f| index.get(f.id.as_str())) {
            members[i].push(*r);
        }
    }
    all.iter()
        .zip(members)
        .filter(|(_, m)| m.len() > 1)
        .collect()
}

/// What the report shows, section by section: each family (its label, whether its
/// figures conflict, its claims), then the claims with work on them that no family
/// shown holds, so that no verdict or note is left out of the report.
fn sections<'a>(
    records: &[Record<'a>],
    families: Vec<(&'a Family, Vec<Record<'a>>)>,
) -> Vec<(String, bool, Vec<Record<'a>>)> {
    let mut shown = vec![false; records.iter().map(|r| r.row + 1).max().unwrap_or(0)];
    let mut out: Vec<(String, bool, Vec<Record<'a>>)> = Vec::new();
    for (family, members) in families {
        for r in &members {
            shown[r.row] = true;
        }
        out.push((family.label.clone(), family.conflict, members));
    }
    let others: Vec<Record<'a>> = records
        .iter()
        .filter(|r| !shown[r.row])
        .filter(|r| {
            r.annotation.is_some_and(|a| {
                a.verdict.is_some()
                    || !a.conclusion.is_empty()
                    || !a.notes.is_empty()
                    || !a.references.is_empty()
            })
        })
        .copied()
        .collect();
    if !others.is_empty() {
        out.push(("Other claims with work on them".to_string(), false, others));
    }
    out
}

/// What both forms of the report hold, worked out once: the summary's figures and the
/// sections; `progress` is told how many claim rows the sections will write.
struct Contents<'a> {
    documents: usize,
    claims: usize,
    with_verdict: usize,
    families: usize,
    conflicts: usize,
    counts: Vec<(Verdict, usize)>,
    none: usize,
    sections: Vec<(String, bool, Vec<Record<'a>>)>,
}

impl<'a> Contents<'a> {
    fn of(workspace: &'a Workspace, progress: &super::Progress) -> Self {
        let records = Record::all(workspace);
        let (counts, none) = verdict_counts(&records);
        let fams = families(workspace, &records);
        let (families, conflicts) = (fams.len(), fams.iter().filter(|(f, _)| f.conflict).count());
        let sections = sections(&records, fams);
        progress.begin(sections.iter().map(|(_, _, m)| m.len()).sum());
        Self {
            documents: workspace.corpus().documents.len(),
            claims: records.len(),
            with_verdict: records.len() - none,
            families,
            conflicts,
            counts,
            none,
            sections,
        }
    }
}

/// Verdict counts, truest first, then the claims without one.
fn verdict_counts(records: &[Record<'_>]) -> (Vec<(Verdict, usize)>, usize) {
    let counts = Verdict::ALL
        .into_iter()
        .map(|v| (v, records.iter().filter(|r| r.verdict() == Some(v)).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    let none = records.iter().filter(|r| r.verdict().is_none()).count();
    (counts, none)
}

/// The first quantity of each member, for the chart.
fn values(members: &[Record<'_>]) -> Vec<(String, f64)> {
    members
        .iter()
        .filter_map(|r| {
            let f = r.claim.numbers.iter().find(|f| f.kind.is_quantity())?;
            let who = r
                .meta()
                .outlet
                .clone()
                .unwrap_or_else(|| r.document_id().to_string());
            Some((format!("{who}: {}", f.text), f.value))
        })
        .collect()
}

/// A dot chart of the values on one axis: where the sources disagree shows at a glance.
fn svg_chart(values: &[(String, f64)]) -> String {
    let (w, h) = CHART;
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, v)| {
            (a.min(*v), b.max(*v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |v: f64| 40.0 + (v - lo) / span * (w - 80.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"figures of the family\">\
         <line x1=\"40\" y1=\"60\" x2=\"{}\" y2=\"60\" stroke=\"#888\"/>",
        w - 40.0
    );
    for (k, (label, v)) in values.iter().enumerate() {
        let cx = x(*v);
        let ty = if k % 2 == 0 { 40.0 } else { 92.0 };
        let _ = write!(
            svg,
            "<circle cx=\"{cx:.1}\" cy=\"60\" r=\"6\" fill=\"#c05000\"><title>{}</title></circle>\
             <text x=\"{cx:.1}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            html(label),
            html(&format_value(*v))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A value as a reader writes it: 17000, 1.5 million, 9.3 billion.
fn format_value(v: f64) -> String {
    let (scaled, word) = if v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let text = format!("{scaled:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{word}")
}

/// Text as HTML: every character that could open markup or end an attribute escaped.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text as Markdown that renders as that text: HTML is escaped as entities (Markdown
/// passes raw HTML through), and the characters of Markdown's own syntax (links, images,
/// emphasis, code, table cells) are escaped with a backslash.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A reference's address when it is one a reader may follow: `http` and `https` only
/// (a `javascript:` or `data:` address is shown as text, never made a link).
fn followable(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        .then_some(u)
        .filter(|u| !u.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// The page allows nothing but its own inline styles and inline images: no script, no
/// request of any kind.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

/// Writes the report as one self-contained HTML page.
pub fn write_html(
    workspace: &Workspace,
    out: &mut dyn std::io::Write,
    progress: &super::Progress,
) -> std::io::Result<()> {
    let c = Contents::of(workspace, progress);
    let none = c.none;
    let mut s = String::new();
    let title = format!("Claimbench report: {}", workspace.title());
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
         <title>{}</title>\n<style>\
         body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
         table{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}}th,td{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         th{{background:#f2f2f2}}.conflict{{color:#b04a00;font-weight:600}}.verdict{{font-weight:600}}small{{color:#666}}\
         </style></head><body>\n<h1>{}</h1>\n",
        html(&title),
        html(&title)
    );
    let _ = write!(
        s,
        "<h2>Summary</h2>\n<p>{} documents, {} claims, {} with a verdict, {} families of claims that state the same thing ({} with conflicting figures).</p>\n<table><tr><th>Verdict</th><th>Claims</th></tr>",
        c.documents, c.claims, c.with_verdict, c.families, c.conflicts
    );
    for (v, n) in &c.counts {
        let _ = write!(s, "<tr><td>{}</td><td>{n}</td></tr>", html(v.label()));
    }
    let _ = writeln!(s, "<tr><td>No verdict yet</td><td>{none}</td></tr></table>");
    for (heading, conflict, members) in c.sections {
        let _ = write!(
            s,
            "<h2>{}{}</h2>\n<table><tr><th>Document</th><th>Outlet</th><th>Date</th><th>Speaker</th><th>Figures</th><th>Claim</th><th>Verdict</th></tr>",
            if conflict { "≠ " } else { "" },
            html(&heading)
        );
        for r in &members {
            progress.step();
            let meta = r.meta();
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td><td class=\"verdict\">{}</td></tr>",
                html(&workspace.document_label(r.document)),
                html(meta.outlet.as_deref().unwrap_or("")),
                html(meta.published.as_deref().unwrap_or("")),
                html(r.speaker()),
                if conflict { " class=\"conflict\"" } else { "" },
                html(&r.figures()),
                html(&r.claim.text),
                html(r.verdict().map_or("", Verdict::label)),
            );
        }
        s.push_str("</table>\n");
        if conflict {
            s.push_str(&svg_chart(&values(&members)));
            s.push('\n');
        }
        for r in members.iter().filter(|r| r.annotation.is_some()) {
            let a = r.annotation.expect("filtered");
            if a.conclusion.is_empty() && a.references.is_empty() {
                continue;
            }
            let _ = write!(
                s,
                "<p><b>{}</b>: {}</p>",
                html(r.verdict().map_or("Notes", Verdict::label)),
                html(&a.conclusion)
            );
            if !a.references.is_empty() {
                s.push_str("<ul>");
                for x in &a.references {
                    let title = html(if x.title.is_empty() { &x.url } else { &x.title });
                    let link = match followable(&x.url) {
                        Some(url) => format!(
                            "<a href=\"{}\" rel=\"noopener noreferrer\">{title}</a>",
                            html(url)
                        ),
                        None => format!("{title} <small>({})</small>", html(&x.url)),
                    };
                    let _ = write!(
                        s,
                        "<li>{} {link} <small>{}</small></li>",
                        html(x.stance.label()),
                        html(&x.publisher)
                    );
                }
                s.push_str("</ul>\n");
            }
        }
    }
    s.push_str("</body></html>\n");
    out.write_all(s.as_bytes())
}

/// Writes the report as Markdown.
pub fn write_markdown(
    workspace: &Workspace,
    out: &mut dyn std::io::Write,
    progress: &super::Progress,
) -> std::io::Result<()> {
    let c = Contents::of(workspace, progress);
    let none = c.none;
    let mut s = String::new();
    let _ = writeln!(s, "# Claimbench report: {}\n", md(&workspace.title()));
    let _ = writeln!(
        s,
        "{} documents, {} claims, {} with a verdict, {} families of claims that state the same thing ({} with conflicting figures).\n",
        c.documents, c.claims, c.with_verdict, c.families, c.conflicts
    );
    s.push_str("| Verdict | Claims |\n|---|---|\n");
    for (v, n) in &c.counts {
        let _ = writeln!(s, "| {} | {n} |", md(v.label()));
    }
    let _ = writeln!(s, "| No verdict yet | {none} |");
    for (heading, conflict, members) in c.sections {
        let _ = writeln!(
            s,
            "\n## {}{}\n",
            if conflict { "≠ " } else { "" },
            md(&heading)
        );
        s.push_str("| Document | Outlet | Date | Speaker | Figures | Claim | Verdict |\n|---|---|---|---|---|---|---|\n");
        for r in &members {
            progress.step();
            let meta = r.meta();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&workspace.document_label(r.document)),
                md(meta.outlet.as_deref().unwrap_or("")),
                md(meta.published.as_deref().unwrap_or("")),
                md(r.speaker()),
                md(&r.figures()),
                md(&r.claim.text),
                md(r.verdict().map_or("", Verdict::label))
            );
        }
        for r in &members {
            let Some(a) = r.annotation else { continue };
            if a.conclusion.is_empty() && a.references.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "\n**{}**: {}",
                r.verdict().map_or("Notes", Verdict::label),
                md(&a.conclusion)
            );
            for x in &a.references {
                let title = if x.title.is_empty() { &x.url } else { &x.title };
                let link = match followable(&x.url) {
                    // The address in angle brackets: no character of it can end the link.
                    Some(url) => format!(
                        "[{}](<{}>)",
                        md(title),
                        url.replace('<', "%3C").replace('>', "%3E")
                    ),
                    None => format!("{} ({})", md(title), md(&x.url)),
                };
                let _ = writeln!(s, "- {}: {link} {}", x.stance.label(), md(&x.publisher));
            }
        }
    }
    out.write_all(s.as_bytes())
}
