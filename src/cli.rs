//! The command line: `claimbench [PATH]` opens the workbench, `claimbench extract` prints
//! what the extraction finds.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::{self, LoadOptions};
use crate::export;
use crate::extract::{self, DEFAULT_MIN_SCORE, Settings};

/// Claimbench: check the claims in a corpus of news articles.
#[derive(Debug, Parser)]
#[command(name = "claimbench", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A corpus folder, a JSON Lines file or a `.claimbench.ron` project to open in the
    /// workbench (default: the bundled corpus).
    pub path: Option<PathBuf>,
    /// What to do instead of opening the workbench.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract documents, actors, claims and families and print them (JSON or CSV) on
    /// standard output. Warnings about skipped or repaired files go to standard error.
    Extract(ExtractArgs),
}

/// Options of `extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// A corpus folder (read recursively: .txt, .md, .html, .htm, .jsonl), a single file,
    /// or a JSON Lines file with one `{"id", "text"}` document per line
    /// (default: the bundled corpus).
    pub path: Option<PathBuf>,
    /// Output format: `json` (everything) or `csv` (one row per claim).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Leave out claims whose check-worthiness score is below this (0 to 1).
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_score)]
    pub min_score: f32,
    /// Skip files larger than this many megabytes.
    #[arg(long, default_value_t = 64)]
    pub max_file_mb: u64,
    /// Analyse documents on one core only.
    #[arg(long)]
    pub single_thread: bool,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Documents, actors, claims and families as one JSON object.
    Json,
    /// One row per claim.
    Csv,
}

fn parse_score(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0 to 1"))
    }
}

/// Runs `extract`: loads, extracts, prints. Warnings go to `errors`.
pub fn run_extract(
    args: &ExtractArgs,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> anyhow::Result<()> {
    let path = args.path.clone().unwrap_or_else(crate::bundled_corpus_path);
    let options = LoadOptions {
        max_file_bytes: args.max_file_mb.saturating_mul(1_000_000),
    };
    let loaded = corpus::load_with(&path, &options, &mut |_, _| true)?;
    for warning in &loaded.warnings {
        writeln!(errors, "warning: {warning}")?;
    }
    let settings = Settings {
        min_score: args.min_score,
        parallel: !args.single_thread,
    };
    let extraction = extract::extract(&loaded.corpus, &settings);
    match args.format {
        Format::Json => export::write_json(&extraction, out)?,
        Format::Csv => export::csv::write_claims(&extraction, out)?,
    }
    out.flush()?;
    Ok(())
}
