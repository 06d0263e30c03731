//! Why a project file could not be opened or saved, in the researcher's words: what is
//! wrong, where (line and column), and what to do about it.

use std::path::{Path, PathBuf};

/// Why a project file could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file cannot be read as a project.
    #[error("{} could not be opened: {}{problem}. Nothing was changed. {remedy}", file_name(path), place(*line, *column))]
    Damaged {
        /// The file.
        path: PathBuf,
        /// Line of the problem (from 1), when known.
        line: Option<usize>,
        /// Column of the problem (from 1), when known.
        column: Option<usize>,
        /// What is wrong, in words.
        problem: String,
        /// What to do about it, in words.
        remedy: String,
    },
    /// The file was written by a newer Claimbench.
    #[error(
        "{} was saved by a newer Claimbench (format version {found}); this one reads up to version {supported}. Nothing was changed. Update Claimbench to open it.",
        file_name(path)
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
}

impl ProjectError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Damaged { path, .. }
            | Self::NewerVersion { path, .. } => path,
        }
    }

    /// Whether the file itself is unreadable as a project (so its backup may help).
    pub fn is_damaged(&self) -> bool {
        matches!(self, Self::Damaged { .. })
    }
}

fn file_name(path: &Path) -> String {
    format!("“{}”", path.display())
}

fn place(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

/// A parse problem in words, and what to do about it.
pub(crate) struct Explained {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub problem: String,
    pub fix: String,
}

/// The longest last word taken for a word cut in two by a truncation.
const CUT_WORD: usize = 64;

/// [`explain`] for an error in `text`: an error at the very end of the text is the text
/// ending too early, whatever the parser expected there.
pub(crate) fn explain_in(text: &str, error: &ron::error::SpannedError) -> Explained {
    let start = error.span.start;
    let offset = text
        .split_inclusive('\n')
        .take(start.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = text.get(offset..).unwrap_or("");
    let in_line: usize = rest
        .chars()
        .take(start.col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    // The error is in the last word of the text (a field name cut in two) or after it.
    let at_end = text
        .get(offset + in_line..)
        .map(str::trim)
        .is_some_and(|after| after.len() <= CUT_WORD && !after.contains(char::is_whitespace));
    if at_end && start.line > 0 {
        let eof = ron::error::SpannedError {
            code: ron::error::Error::Eof,
            span: error.span.clone(),
        };
        return explain(&eof);
    }
    explain(error)
}

/// Says what a RON parse error means for a project file, without the parser's type names.
pub(crate) fn explain(error: &ron::error::SpannedError) -> Explained {
    use ron::error::Error as E;
    let line = Some(error.span.start.line).filter(|&l| l > 0);
    let column = Some(error.span.start.col).filter(|&c| c > 0);
    let at_line = line.map_or("that line".to_string(), |l| format!("line {l}"));
    let outer = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(describe_struct)
            .map_or(String::new(), |o| format!(" in {o}"))
    };
    let (problem, fix) = match &error.code {
        E::Eof => (
            "the file ends too early: it was cut short, probably while it was being saved or copied".to_string(),
            "open the backup, or the autosave if there is one".to_string(),
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => {
            let suggestion = closest(found, expected);
            let problem = format!("“{found}” is not a field Claimbench knows{}", outer(o));
            let fix = match suggestion {
                Some(s) => format!("rename it to “{s}” (or remove {at_line}) in a text editor"),
                None => format!("remove {at_line} in a text editor"),
            };
            (problem, fix)
        }
        E::MissingStructField { field, outer: o } => (
            format!("the field “{field}” is missing{}", outer(o)),
            format!("add “{field}” back near {at_line} in a text editor"),
        ),
        E::DuplicateStructField { field, outer: o } => (
            format!("the field “{field}” appears twice{}", outer(o)),
            format!("remove one of them (near {at_line}) in a text editor"),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => {
            let choices = expected
                .iter()
                .map(|e| format!("“{e}”"))
                .collect::<Vec<_>>()
                .join(", ");
            let problem = if found.is_empty() {
                format!("a value is missing{}", outer(o))
            } else {
                format!("“{found}” is not a known value{}", outer(o))
            };
            let fix = match closest(found, expected) {
                Some(s) => format!("write “{s}” instead (one of {choices})"),
                None => format!("write one of {choices}"),
            };
            (problem, fix)
        }
        E::InvalidValueForType { expected, found } => (
            format!("{found} is written where {expected} belongs"),
            format!("correct {at_line} in a text editor"),
        ),
        E::ExpectedString | E::ExpectedStringEnd => (
            "a text is not written in double quotes, or its closing quote is missing".to_string(),
            format!("correct {at_line} in a text editor"),
        ),
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => (
            "a whole number is missing or out of range".to_string(),
            format!("correct {at_line} in a text editor"),
        ),
        E::ExpectedFloat => (
            "a number is missing".to_string(),
            format!("correct {at_line} in a text editor"),
        ),
        E::ExpectedComma => (
            "a comma is missing between two entries".to_string(),
            format!("add it at {at_line} in a text editor"),
        ),
        E::ExpectedNamedStructLike(_) | E::ExpectedDifferentStructName { .. } => (
            "this is not a Claimbench project (a project starts with “(format: \"claimbench-project\"”)".to_string(),
            "open the project file itself, or its backup".to_string(),
        ),
        E::ExpectedStructLike
        | E::ExpectedStructLikeEnd
        | E::ExpectedArray
        | E::ExpectedArrayEnd
        | E::ExpectedMap
        | E::ExpectedMapColon
        | E::ExpectedMapEnd
        | E::ExpectedOption
        | E::ExpectedOptionEnd
        | E::ExpectedUnit
        | E::ExpectedBoolean
        | E::ExpectedChar
        | E::ExpectedIdentifier => (
            "a bracket, a colon or a value is missing or out of place".to_string(),
            format!("correct {at_line} in a text editor, or open the backup"),
        ),
        E::ExceededRecursionLimit => (
            "brackets are nested far deeper than in any project".to_string(),
            "the file is damaged or is not a project: open the backup".to_string(),
        ),
        E::UnexpectedChar(c) => (
            format!("the character “{}” is out of place", c.escape_debug()),
            format!("correct {at_line} in a text editor, or open the backup"),
        ),
        E::TrailingCharacters => (
            "there is more text after the end of the project".to_string(),
            format!("remove what follows the last closing bracket (from {at_line})"),
        ),
        E::InvalidEscape(_) => (
            "a backslash in a text starts an escape that does not exist".to_string(),
            format!("write “\\\\” for a backslash at {at_line}"),
        ),
        E::UnclosedBlockComment | E::UnclosedLineComment => (
            "a comment is not closed".to_string(),
            format!("close or remove it at {at_line}"),
        ),
        E::Utf8Error(_) => (
            "the file holds bytes that are not text".to_string(),
            "open the backup".to_string(),
        ),
        E::Message(m) => (
            humanize_message(m),
            format!("correct {at_line} in a text editor, or open the backup"),
        ),
        _ => (
            "the text cannot be read as a project here".to_string(),
            format!("correct {at_line} in a text editor, or open the backup"),
        ),
    };
    Explained {
        line,
        column,
        problem,
        fix,
    }
}

/// `Annotation` as `an annotation`, for messages.
fn describe_struct(name: &str) -> String {
    match name {
        "Project" => "the project".to_string(),
        "Annotation" => "an annotation".to_string(),
        "Anchor" => "an anchor (the text a piece of work is attached to)".to_string(),
        "Reference" => "a reference".to_string(),
        "AuditEntry" => "a history entry".to_string(),
        "ActorCuration" => "the actor changes".to_string(),
        "CorpusRef" => "the corpus".to_string(),
        "Split" => "a split alias".to_string(),
        "SpeakerChoice" => "a speaker correction".to_string(),
        "Verdict" => "a verdict".to_string(),
        "Status" => "a status".to_string(),
        "Stance" => "a reference's stance".to_string(),
        "AuditChange" => "a history entry".to_string(),
        other => format!("“{other}”"),
    }
}

/// serde's own messages name Rust types ("invalid type: integer `3`, expected a string");
/// keep the useful part and say it plainly.
fn humanize_message(message: &str) -> String {
    let m = message
        .replace("a sequence", "a list in [brackets]")
        .replace("a string", "a text in double quotes")
        .replace("a map", "a map in {braces}")
        .replace("u32", "a whole number")
        .replace("u64", "a whole number")
        .replace("usize", "a whole number")
        .replace("f32", "a number")
        .replace("f64", "a number");
    let m = m.strip_prefix("invalid type: ").map_or(m.clone(), |rest| {
        format!("a value has the wrong type ({rest})")
    });
    m.replace('`', "“")
}

/// The expected name nearest to `found` (a typo), if one is near enough.
fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    expected
        .iter()
        .map(|e| (edit_distance(&found_lower, &e.to_lowercase()), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_the_field_meant() {
        let fields = ["annotations", "manual_claims", "actors"];
        assert_eq!(closest("annotationS", &fields), Some("annotations"));
        assert_eq!(closest("actorz", &fields), Some("actors"));
        assert_eq!(closest("zzzzzz", &fields), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn serde_messages_lose_their_type_names() {
        let m = humanize_message("invalid type: integer `3`, expected a string");
        assert!(m.contains("a text in double quotes"), "{m}");
        assert!(!m.contains('`'));
    }
}
