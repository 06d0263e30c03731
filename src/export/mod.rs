//! Writing extractions out: JSON and CSV.

pub mod csv;

use std::io::Write;

use crate::extract::Extraction;

/// Writes the extraction as pretty JSON.
pub fn write_json(extraction: &Extraction, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, extraction).map_err(std::io::Error::other)?;
    writeln!(out)
}
