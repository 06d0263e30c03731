//! JSON Lines corpora: one document per line, `{"id", "text"}` plus optional
//! `"title"`, `"url"`, `"published"`, `"outlet"`.

use serde::Deserialize;

use super::{Document, DocumentMeta, LoadWarning, Loaded};

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

/// Adds every good line of `text` to `loaded`; a bad line becomes a warning naming it.
pub fn parse(text: &str, shown: &str, loaded: &mut Loaded) {
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let path = format!("{shown}:{line_no}");
        let record: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                loaded.warnings.push(LoadWarning {
                    path,
                    message: format!("line skipped: {e}"),
                });
                continue;
            }
        };
        let id = match &record.id {
            serde_json::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                loaded.warnings.push(LoadWarning {
                    path,
                    message: "line skipped: \"id\" must be a non-empty string or a number".into(),
                });
                continue;
            }
        };
        let body = record.text.strip_prefix('\u{feff}').unwrap_or(&record.text);
        if body.trim().is_empty() {
            loaded.warnings.push(LoadWarning {
                path,
                message: "line skipped: empty \"text\"".into(),
            });
            continue;
        }
        let given = DocumentMeta {
            title: record.title,
            url: record.url,
            published: record.published,
            outlet: record.outlet,
            dateline: None,
        };
        loaded
            .corpus
            .documents
            .push(Document::new(id, path, body.to_string(), given));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_load_and_bad_lines_warn() {
        let mut loaded = Loaded::default();
        let text = "{\"id\": \"x1\", \"text\": \"Some text.\", \"outlet\": \"Daily\"}\n\nnot json\n{\"id\": 7, \"text\": \"More.\"}\n{\"id\": [], \"text\": \"a\"}\n{\"id\": \"e\", \"text\": \"  \"}\n";
        parse(text, "c.jsonl", &mut loaded);
        let ids: Vec<_> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["x1", "7"]);
        assert_eq!(
            loaded.corpus.documents[0].meta.outlet.as_deref(),
            Some("Daily")
        );
        let paths: Vec<_> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, ["c.jsonl:3", "c.jsonl:5", "c.jsonl:6"]);
    }
}
