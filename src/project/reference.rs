//! Outside references: structured evidence records attached to a claim.

use serde::{Deserialize, Serialize};

/// How a reference bears on the claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// It supports the claim.
    Supports,
    /// It refutes the claim.
    Refutes,
    /// It gives context without deciding.
    #[default]
    Context,
}

impl Stance {
    /// All stances.
    pub const ALL: [Stance; 3] = [Self::Supports, Self::Refutes, Self::Context];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Supports => "Supports",
            Self::Refutes => "Refutes",
            Self::Context => "Context",
        }
    }
}

/// An outside source that supports, refutes or gives context to a claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Address of the source (http or https).
    pub url: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// When it was published (`YYYY-MM-DD`), if known.
    pub date_published: String,
    /// When the researcher read it (`YYYY-MM-DD`).
    pub date_accessed: String,
    /// An archived copy (http or https), if any.
    pub archived_url: String,
    /// The passage that matters, quoted.
    pub excerpt: String,
    /// How it bears on the claim.
    pub stance: Stance,
    /// The researcher's note.
    pub note: String,
}

/// Why a reference cannot be saved as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// The address is empty.
    #[error("the URL is empty")]
    MissingUrl,
    /// The address is not http or https.
    #[error("{field} must start with http:// or https:// and name a host (got “{value}”)")]
    BadUrl {
        /// Which field.
        field: &'static str,
        /// What was typed.
        value: String,
    },
    /// A date is not `YYYY-MM-DD`.
    #[error("{field} must be a date as YYYY-MM-DD (got “{value}”)")]
    BadDate {
        /// Which field.
        field: &'static str,
        /// What was typed.
        value: String,
    },
}

impl Reference {
    /// Checks the fields a researcher can get wrong; returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<ReferenceError>> {
        let mut problems = Vec::new();
        if self.url.trim().is_empty() {
            problems.push(ReferenceError::MissingUrl);
        } else if !is_web_url(&self.url) {
            problems.push(ReferenceError::BadUrl {
                field: "URL",
                value: self.url.clone(),
            });
        }
        if !self.archived_url.trim().is_empty() && !is_web_url(&self.archived_url) {
            problems.push(ReferenceError::BadUrl {
                field: "Archived URL",
                value: self.archived_url.clone(),
            });
        }
        for (field, value) in [
            ("Date published", &self.date_published),
            ("Date accessed", &self.date_accessed),
        ] {
            if !value.trim().is_empty() && !is_iso_date(value.trim()) {
                problems.push(ReferenceError::BadDate {
                    field,
                    value: value.clone(),
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// An `http://` or `https://` address with a host and no white space.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| {
            let lower = url.get(..8).map(str::to_ascii_lowercase);
            match lower.as_deref() {
                Some("https://") => url.get(8..),
                Some(l) if l.starts_with("http://") => url.get(7..),
                _ => None,
            }
        });
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !url.chars().any(char::is_whitespace)
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || ".-:[]@_".contains(c))
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_iso_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_pass() {
        assert!(is_web_url("https://example.org/a?b=c"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("example.org"));
    }

    #[test]
    fn validation_lists_every_problem() {
        let r = Reference {
            url: "file:///etc/passwd".into(),
            archived_url: "nope".into(),
            date_published: "2020-13-01".into(),
            ..Reference::default()
        };
        let problems = r.validate().expect_err("three problems");
        assert_eq!(problems.len(), 3);
        let ok = Reference {
            url: "https://example.org".into(),
            date_accessed: "2024-02-29".into(),
            ..Reference::default()
        };
        assert!(ok.validate().is_ok());
    }
}
