//! The command line: `claimbench [PATH]` opens the workbench, `claimbench extract` prints
//! what the extraction finds.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::{self, LoadOptions};
use crate::export;
use crate::extract::{self, DEFAULT_MIN_SCORE, Settings};
use crate::project::Project;
use crate::workspace::open::{self, OpenRequest};

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
    /// Put together the outputs of `extract --per-document` (the reduce step of a run on
    /// many machines): actors across documents, families, conflicts. Prints exactly what
    /// `extract` prints for the whole corpus.
    Merge(MergeArgs),
    /// Load a project and its corpus, re-attach the work, and report. Exit code 0 when
    /// the project loads (unattached work is reported, not an error), 1 when it cannot be
    /// loaded or holds fields this Claimbench does not know, 2 for usage errors.
    Check(CheckArgs),
    /// Rewrite projects in the current format, through the same save as the window (the
    /// old file is kept as NAME.bak; the rename is atomic).
    Migrate(MigrateArgs),
    /// Write a project's claims and work (or a corpus's claims) as CSV, JSON, ClaimReview
    /// or Web Annotation JSON-LD, or an HTML or Markdown report.
    Export(ExportArgs),
    /// Measure opening a corpus as the workbench does (read, extract, build the grid and
    /// its search index), first with an empty extraction cache and then from it, and the
    /// process's peak memory. A benchmark: prints times, changes nothing but the cache
    /// folder it is given (default: a temporary one, removed after).
    BenchOpen(BenchOpenArgs),
    /// Learn the check-worthiness weights from labelled sentences: prints 5-fold
    /// cross-validated precision, recall and F1 and the chosen threshold, and writes the
    /// weights file.
    TrainScore(TrainScoreArgs),
}

/// Options of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A `.claimbench.ron` project (its work joined with the extraction) or a corpus
    /// (the extraction alone).
    pub path: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: export::ExportFormat,
    /// Where to write it (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Start CSV with a byte order mark, so that spreadsheets read it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// The organisation publishing ClaimReview output (its `author`).
    #[arg(long, default_value = "")]
    pub organization: String,
    /// The organisation's web address.
    #[arg(long, default_value = "")]
    pub organization_url: String,
    /// Where each review is published; `{claim}` is replaced by the claim's id.
    #[arg(long, default_value = "")]
    pub review_url: String,
}

/// Runs `export`.
pub fn run_export(
    args: &ExportArgs,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> anyhow::Result<()> {
    let request = OpenRequest::for_path(args.path.clone());
    let workspace = open::open(&request, &|_| true).map_err(|e| anyhow::anyhow!("{e}"))?;
    for w in workspace.warnings() {
        writeln!(errors, "warning: {w}")?;
    }
    let options = export::ExportOptions {
        bom: args.bom,
        publisher: export::claimreview::Publisher {
            organization: args.organization.clone(),
            url: args.organization_url.clone(),
            review_url: args.review_url.clone(),
        },
    };
    match &args.output {
        Some(path) => {
            let mut text = Vec::new();
            export::write(&workspace, args.format, &options, &mut text)?;
            crate::project::save::write_atomically(path, &String::from_utf8_lossy(&text), false)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
        None => {
            export::write(&workspace, args.format, &options, out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Options of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The `.claimbench.ron` project file.
    pub project: PathBuf,
    /// The corpus to check against (default: the one the project names).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Print a JSON report instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Options of `train-score`.
#[derive(Debug, clap::Args)]
pub struct TrainScoreArgs {
    /// Labelled sentences: a JSON Lines file of `{"id", "text"}` (or any corpus path).
    pub data: PathBuf,
    /// Labels: a JSON object of document ids to 1 (check-worthy) or 0.
    pub labels: PathBuf,
    /// Where to write the weights file.
    #[arg(long)]
    pub out: PathBuf,
    /// Words and word pairs to keep in the model.
    #[arg(long, default_value_t = 10_000)]
    pub keep: usize,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = 0.25)]
    pub l2: f64,
    /// Seed of the cross-validation folds.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Runs `train-score`: loads, cross-validates, trains, writes the weights file.
pub fn run_train_score(args: &TrainScoreArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::extract::score::train;
    let options = train::Options {
        keep: args.keep,
        l2: args.l2,
        seed: args.seed,
        ..train::Options::default()
    };
    let command = format!(
        "claimbench train-score DATA LABELS --out {} --keep {} --l2 {} --seed {}",
        args.out.display(),
        args.keep,
        args.l2,
        args.seed
    );
    train::run(&args.data, &args.labels, &args.out, &options, &command, out)
}

/// Options of `migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Project files to rewrite.
    #[arg(required = true)]
    pub projects: Vec<PathBuf>,
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
    /// Indent the JSON, a value per line, for reading by eye (larger and slower to write).
    #[arg(long)]
    pub pretty: bool,
    /// Leave out claims whose check-worthiness score is below this (0 to 1).
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_score)]
    pub min_score: f32,
    /// Skip files larger than this many megabytes (in a JSON Lines file, of any size, the
    /// documents larger than this).
    #[arg(long, default_value_t = 64)]
    pub max_file_mb: u64,
    /// Analyse documents on one core only.
    #[arg(long)]
    pub single_thread: bool,
    /// Score check-worthiness with this weights file (as written by `train-score`)
    /// instead of the bundled one.
    #[arg(long)]
    pub weights: Option<PathBuf>,
    /// Write one JSON line per document with everything that needs only that document,
    /// for `merge` to put together (the map step of a run on many machines). With the
    /// path `-`, reads a JSON Lines corpus on standard input; a line may start with its
    /// line number in the whole corpus and a tab.
    #[arg(long)]
    pub per_document: bool,
    /// With `--per-document` on standard input: the name its documents are known by
    /// (`NAME:LINE`), the JSON Lines file's path as a whole-corpus run is given it.
    #[arg(long, default_value = "-", requires = "per_document")]
    pub source: String,
}

/// Options of `bench-open`.
#[derive(Debug, clap::Args)]
pub struct BenchOpenArgs {
    /// The corpus (folder or JSON Lines file).
    pub path: PathBuf,
    /// The cache folder to use (it is cleared first).
    #[arg(long)]
    pub cache: Option<PathBuf>,
    /// Use the cache folder as it is, not cleared: both opens may come from it.
    #[arg(long, requires = "cache")]
    pub keep_cache: bool,
}

/// Options of `merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Files of `extract --per-document` lines, in any order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format: `json` (everything) or `csv` (one row per claim).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Indent the JSON, a value per line, for reading by eye (larger and slower to write).
    #[arg(long)]
    pub pretty: bool,
    /// Where to write it (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Documents, actors, claims and families as one JSON object.
    Json,
    /// One row per claim.
    Csv,
}

fn json_layout(pretty: bool) -> export::JsonLayout {
    if pretty {
        export::JsonLayout::Indented
    } else {
        export::JsonLayout::Compact
    }
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
    let mut path = args.path.clone().unwrap_or_else(crate::bundled_corpus_path);
    if path.is_file() && open::is_project_file(&path) {
        // A project is not an article: extract the corpus it is about.
        let opened = Project::load(&path)?;
        let corpus = crate::project::resolve_corpus_path(&opened.project.corpus.path, &path);
        writeln!(
            errors,
            "note: {} is a Claimbench project; extracting its corpus, {}",
            path.display(),
            corpus.display()
        )?;
        if !corpus.exists() {
            anyhow::bail!(
                "the project's corpus, {}, is not there (moved or renamed?); open the project in the workbench to locate it, or give the corpus to extract instead",
                corpus.display()
            );
        }
        path = corpus;
    }
    let options = LoadOptions {
        max_file_bytes: args.max_file_mb.saturating_mul(1_000_000),
    };
    let given = match &args.weights {
        Some(path) => Some(
            extract::score::Model::load(path)
                .with_context(|| format!("cannot score with {}", path.display()))?,
        ),
        None => None,
    };
    let settings = Settings {
        min_score: args.min_score,
        parallel: !args.single_thread,
    };
    let model = given.as_ref().unwrap_or_else(|| extract::score::model());
    if args.per_document && path == std::path::Path::new("-") {
        let mut warnings = Vec::new();
        let stdin = std::io::stdin().lock();
        let written = extract::parts::write_parts(
            stdin,
            &args.source,
            options.max_file_bytes,
            &settings,
            model,
            &mut warnings,
            out,
        );
        for warning in &warnings {
            writeln!(errors, "warning: {warning}")?;
        }
        written.context("cannot write the per-document lines")?;
        out.flush()?;
        return Ok(());
    }
    let loaded = corpus::load_with(&path, &options, &mut |_, _| true)?;
    for warning in &loaded.warnings {
        writeln!(errors, "warning: {warning}")?;
    }
    if given.is_none()
        && let Some(e) = extract::score::bundled_error()
    {
        writeln!(
            errors,
            "warning: {e}; scores come from the hand-set fallback weights"
        )?;
    }
    if args.per_document {
        let source = path.display().to_string();
        extract::parts::write_corpus_parts(&loaded.corpus, &source, &settings, model, out)
            .context("cannot write the per-document lines")?;
        out.flush()?;
        return Ok(());
    }
    let extraction = extract::extract_corpus_scored_by(loaded.corpus, &settings, model);
    match args.format {
        Format::Json => export::write_json(&extraction, out, json_layout(args.pretty))?,
        Format::Csv => export::csv::write_claims(&extraction, out)?,
    }
    out.flush()?;
    Ok(())
}

/// Runs `merge`. Warnings (ids used twice) go to `errors`.
pub fn run_merge(
    args: &MergeArgs,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> anyhow::Result<()> {
    let (extraction, warnings) = extract::parts::merge(&args.files)?;
    for warning in &warnings {
        writeln!(errors, "warning: {warning}")?;
    }
    let mut file;
    let out: &mut dyn Write = match &args.output {
        Some(path) => {
            file = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
            );
            &mut file
        }
        None => out,
    };
    match args.format {
        Format::Json => export::write_json(&extraction, out, json_layout(args.pretty))?,
        Format::Csv => export::csv::write_claims(&extraction, out)?,
    }
    out.flush()?;
    Ok(())
}

/// Runs `bench-open`.
pub fn run_bench_open(args: &BenchOpenArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::extract::cache::Cache;
    use crate::workspace::grid::{self, Filter, SearchIndex, Sort};
    let temporary = tempfile::tempdir()?;
    let cache = Cache::new(
        args.cache
            .clone()
            .unwrap_or_else(|| temporary.path().into()),
    );
    let labels = if args.keep_cache {
        ["first open", "second open"]
    } else {
        cache.clear()?;
        ["first open, empty cache", "second open, from the cache"]
    };
    let request = OpenRequest::Corpus(args.path.clone());
    for label in labels {
        let started = std::time::Instant::now();
        // When each stage of the open began.
        let stages: std::sync::Mutex<Vec<(&'static str, std::time::Duration)>> =
            std::sync::Mutex::new(vec![("Reading files", std::time::Duration::ZERO)]);
        let workspace = open::open_with(&request, Some(&cache), &|p| {
            let mut stages = stages
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if stages.last().is_none_or(|(s, _)| *s != p.stage) {
                stages.push((p.stage, started.elapsed()));
            }
            true
        })?;
        let opened = started.elapsed();
        let index = SearchIndex::build(&workspace);
        let rows = grid::rows(&workspace, &index, &Filter::default(), Sort::default());
        let usable = started.elapsed();
        let mut stages = stages
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        stages.push(("building the grid and its search index", opened));
        let ends: Vec<std::time::Duration> = stages
            .iter()
            .skip(1)
            .map(|&(_, t)| t)
            .chain([usable])
            .collect();
        let parts: Vec<String> = stages
            .iter()
            .zip(ends)
            .map(|(&(stage, from), to)| {
                format!(
                    "{}: {:.2} s",
                    stage.to_lowercase(),
                    (to - from).as_secs_f64()
                )
            })
            .collect();
        let report = workspace.cache_report.clone().unwrap_or_default();
        writeln!(
            out,
            "{label}: {:.2} s to a usable grid ({:.2} s to open, {} documents, {} rows; {} analysed, {} from the cache)",
            usable.as_secs_f64(),
            opened.as_secs_f64(),
            workspace.corpus().documents.len(),
            rows.len(),
            report.analysed,
            report.reused,
        )?;
        writeln!(out, "  {}", parts.join(", "))?;
    }
    if let Some(peak) = peak_memory_mb() {
        writeln!(out, "peak memory: {peak:.0} MB")?;
    }
    let (_, bytes) = cache.size();
    writeln!(out, "cache: {:.1} MB", bytes as f64 / 1e6)?;
    Ok(())
}

/// The process's peak resident memory (Linux), in MB.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1000.0)
}

/// One annotation in the `check --json` report.
#[derive(serde::Serialize)]
struct CheckedAnnotation {
    index: usize,
    attached: bool,
    document: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    how: Option<&'static str>,
}

/// The `check --json` report.
#[derive(serde::Serialize, Default)]
struct CheckReport {
    annotations: Vec<CheckedAnnotation>,
    warnings: Vec<String>,
    errors: Vec<String>,
}

/// Runs `check`. Returns the exit code: 0 when the project loads, 1 when it does not.
pub fn run_check(args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let request = match &args.corpus {
        Some(corpus) => OpenRequest::ProjectWithCorpus {
            project: args.project.clone(),
            corpus: corpus.clone(),
        },
        None => OpenRequest::Project(args.project.clone()),
    };
    let mut report = CheckReport::default();
    let code = match open::open(&request, &|_| true) {
        Err(e) => {
            report.errors.push(e.to_string());
            1
        }
        Ok(mut ws) => {
            report.warnings = ws
                .take_warnings()
                .into_iter()
                .filter(|w| !w.starts_with("the corpus was found at"))
                .collect();
            for (index, placement) in ws.placements().iter().enumerate() {
                let row = placement.row.and_then(|r| ws.rows().get(r));
                let document =
                    match row {
                        Some(r) => Some(ws.corpus().documents[r.document].id.clone()),
                        None => ws.project().annotations.get(index).and_then(|a| {
                            Some(a.anchor.document.clone()).filter(|d| !d.is_empty())
                        }),
                    };
                report.annotations.push(CheckedAnnotation {
                    index,
                    attached: row.is_some(),
                    document,
                    start: row.map(|r| r.claim.start),
                    end: row.map(|r| r.claim.end),
                    how: row
                        .and(placement.how)
                        .map(crate::project::Attachment::as_str),
                });
            }
            0
        }
    };
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_check_text(&args.project, &report, out)?;
    }
    out.flush()?;
    Ok(code)
}

fn write_check_text(
    project: &std::path::Path,
    report: &CheckReport,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for e in &report.errors {
        writeln!(out, "error: {e}")?;
    }
    if !report.errors.is_empty() {
        return Ok(());
    }
    let attached = report.annotations.iter().filter(|a| a.attached).count();
    let count = |how: &str| {
        report
            .annotations
            .iter()
            .filter(|a| a.how == Some(how))
            .count()
    };
    writeln!(
        out,
        "{}: {} piece(s) of work, {attached} attached ({} exact, {} moved, {} fuzzy), {} unattached",
        project.display(),
        report.annotations.len(),
        count("exact"),
        count("moved"),
        count("fuzzy"),
        report.annotations.len() - attached
    )?;
    for a in report.annotations.iter().filter(|a| !a.attached) {
        writeln!(
            out,
            "unattached: work #{} (document {})",
            a.index,
            a.document.as_deref().unwrap_or("unknown")
        )?;
    }
    for w in &report.warnings {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

/// Runs `migrate`. Returns the exit code: 0 when every project was rewritten.
pub fn run_migrate(args: &MigrateArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut code = 0;
    for path in &args.projects {
        let result = Project::load(path).and_then(|opened| {
            let from = opened.notes.iter().find_map(|n| match n {
                crate::project::LoadNote::Migrated { from } => Some(*from),
                _ => None,
            });
            opened.project.save(path).map(|saved| (from, saved))
        });
        match result {
            Ok((from, saved)) => {
                let what = from.map_or("rewritten in".to_string(), |v| {
                    format!("migrated from format {v} to")
                });
                let backup = saved.backup.map_or(String::new(), |b| {
                    format!("; the old file is {}", b.display())
                });
                writeln!(
                    out,
                    "{}: {what} format {}{backup}",
                    path.display(),
                    crate::project::FORMAT_VERSION
                )?;
            }
            Err(e) => {
                writeln!(out, "error: {e}")?;
                code = 1;
            }
        }
    }
    out.flush()?;
    Ok(code)
}
