//! The project's text: reading it strictly (every version, a BOM, a checksum that tells a
//! file Claimbench wrote from one changed since) and writing it.

use std::path::Path;

use serde::Deserialize;

use super::error::{Explained, ProjectError, explain_in};
use super::{FORMAT_NAME, FORMAT_VERSION, Project, v1};

/// The first line of every project file Claimbench writes; the checksum covers everything
/// after this line, as Claimbench wrote it.
const CHECKSUM_LINE: &str =
    "// Claimbench project. Edit with care: this checksum tells a hand edit from damage: blake3:";
/// A project file larger than this is refused: no real project comes near it.
pub const MAX_PROJECT_BYTES: u64 = 1 << 30;

/// A project as read from its file, and what was noticed while reading it.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The project, in the current format.
    pub project: Project,
    /// Things the researcher should know (migration, changes made outside Claimbench).
    pub notes: Vec<LoadNote>,
}

/// Something noticed while reading a project that did not stop it from opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadNote {
    /// Written by an older Claimbench; read and converted. It is written in the current
    /// format at the next save (the older file is kept as the backup).
    Migrated {
        /// The version found.
        from: u32,
    },
    /// The content differs from what Claimbench last wrote (a hand edit, a merge, or
    /// damage that still reads as a project).
    ChangedOutside,
    /// The checksum line was removed.
    NoChecksum,
}

impl LoadNote {
    /// The note in words, for the project at `path`.
    pub fn describe(&self, path: &Path) -> String {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match self {
            Self::Migrated { from } => format!(
                "“{name}” was saved by an older Claimbench (format {from}); it will be saved in format {FORMAT_VERSION}, and the old file kept as its backup"
            ),
            Self::ChangedOutside => format!(
                "“{name}” was changed outside Claimbench since it was last saved (by hand, by a merge, or damaged); it was opened as it is now. If something looks wrong, open its backup"
            ),
            Self::NoChecksum => format!(
                "“{name}” has lost its checksum line, so Claimbench cannot tell whether it was changed since it was saved; it was opened as it is"
            ),
        }
    }
}

/// The fields read before anything else, so a newer file says so instead of failing on
/// fields this build does not know.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

impl Project {
    /// Reads a project file.
    pub fn load(path: &Path) -> Result<Opened, ProjectError> {
        let io = |source| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_PROJECT_BYTES {
            return Err(damaged(
                path,
                Explained {
                    line: None,
                    column: None,
                    problem: format!(
                        "it is {} MB, far larger than any project; it is probably not a project file",
                        size / 1_000_000
                    ),
                    fix: "open the project file itself, or its backup".to_string(),
                },
            ));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::from_bytes(&bytes, path)
    }

    /// Reads a project from the bytes of a file (`path` is for messages and remedies).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Opened, ProjectError> {
        // Editors on Windows start UTF-8 files with a byte order mark.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            damaged(
                path,
                Explained {
                    line: Some(line),
                    column: Some(column),
                    problem: "the file holds bytes that are not text (UTF-8); it is damaged or is not a project".to_string(),
                    fix: "open the backup".to_string(),
                },
            )
        })?;
        if text.trim().is_empty() {
            return Err(damaged(
                path,
                Explained {
                    line: None,
                    column: None,
                    problem: "the file is empty (it was emptied, or cut short while being written)"
                        .to_string(),
                    fix: "open the backup".to_string(),
                },
            ));
        }
        let header: Header =
            ron::from_str(text).map_err(|e| damaged(path, explain_in(text, &e)))?;
        if header.format != FORMAT_NAME {
            return Err(damaged(
                path,
                Explained {
                    line: None,
                    column: None,
                    problem: format!(
                        "its format is “{}”, so it is not a Claimbench project",
                        header.format
                    ),
                    fix: "open the project file itself".to_string(),
                },
            ));
        }
        let mut notes = Vec::new();
        let project = match header.version {
            0 => {
                return Err(damaged(
                    path,
                    Explained {
                        line: None,
                        column: None,
                        problem: "its version is 0, which no Claimbench ever wrote".to_string(),
                        fix: "correct the version in a text editor, or open the backup".to_string(),
                    },
                ));
            }
            1 => {
                let old: v1::Project =
                    ron::from_str(text).map_err(|e| damaged(path, explain_in(text, &e)))?;
                notes.push(LoadNote::Migrated { from: 1 });
                old.migrate()
            }
            // Format 3 only added the researcher's speaker to annotations, and format 4
            // the kinds of actors they set, which older files do not have: they read as
            // they are.
            2 | 3 | FORMAT_VERSION => {
                let mut project: Project =
                    ron::from_str(text).map_err(|e| damaged(path, explain_in(text, &e)))?;
                if header.version < FORMAT_VERSION {
                    notes.push(LoadNote::Migrated {
                        from: header.version,
                    });
                    project.version = FORMAT_VERSION;
                }
                match stored_checksum(text) {
                    None => notes.push(LoadNote::NoChecksum),
                    Some((stored, body)) => {
                        // Whitespace and line-ending changes (an editor, git on Windows)
                        // are not changes of content: compare what Claimbench would write.
                        if stored != checksum(body) && stored != checksum(&project.body()) {
                            notes.push(LoadNote::ChangedOutside);
                        }
                    }
                }
                project
            }
            newer => {
                return Err(ProjectError::NewerVersion {
                    path: path.to_path_buf(),
                    found: newer,
                    supported: FORMAT_VERSION,
                });
            }
        };
        Ok(Opened { project, notes })
    }

    /// Writes the project to `path` atomically, keeping the previous file as
    /// `NAME.bak` ([`super::save`]).
    pub fn save(&self, path: &Path) -> Result<super::save::Saved, ProjectError> {
        let text = self.to_ron();
        super::save::write_atomically(path, &text, true).map_err(|source| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The project as the text of its file: a checksum line, then pretty RON with fields
    /// in a fixed order, so it diffs well.
    pub fn to_ron(&self) -> String {
        let body = self.body();
        format!("{CHECKSUM_LINE}{}\n{body}", checksum(&body))
    }

    /// The RON text the checksum covers.
    fn body(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(8)
            .struct_names(false)
            .separate_tuple_members(true)
            .enumerate_arrays(false);
        let mut text = ron::ser::to_string_pretty(self, config).unwrap_or_else(|e| {
            // Serializing plain data cannot fail; keep a readable trace if it ever does.
            format!("// could not serialize the project: {e}\n")
        });
        text.push('\n');
        text
    }
}

/// The checksum stored in the first line, and the text after that line.
fn stored_checksum(text: &str) -> Option<(&str, &str)> {
    let (first, body) = text.split_once('\n')?;
    let hex = first.trim_end_matches('\r').strip_prefix(CHECKSUM_LINE)?;
    Some((hex.trim(), body))
}

fn checksum(body: &str) -> String {
    blake3::hash(body.as_bytes()).to_hex().to_string()
}

/// A damaged-file error, with the remedy that fits: the backup when there is one.
fn damaged(path: &Path, explained: Explained) -> ProjectError {
    let backup = super::backup_path(path);
    let fix = capitalize(&explained.fix);
    let remedy = match std::fs::metadata(&backup).and_then(|m| m.modified()) {
        Ok(modified) if backup.as_path() != path => {
            let when: chrono::DateTime<chrono::Local> = modified.into();
            format!(
                "Open the backup “{}” (saved {}) instead, or: {fix}.",
                backup.display(),
                when.format("%Y-%m-%d %H:%M")
            )
        }
        _ if explained.fix.contains("backup") => format!(
            "{fix}. (There is no backup beside it: restore it from a copy if you have one.)"
        ),
        _ => format!("{fix}."),
    };
    ProjectError::Damaged {
        path: path.to_path_buf(),
        line: explained.line,
        column: explained.column,
        problem: explained.problem,
        remedy,
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
