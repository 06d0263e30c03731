//! Starts Claimbench: a subcommand, or the workbench window.

use std::io::Write;
use std::process::ExitCode;

use claimbench::cli::{Cli, Command};
use clap::Parser;

/// Extraction allocates many small values; mimalloc handles that churn far better than
/// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Some(Command::Extract(args)) => {
            claimbench::cli::run_extract(args, &mut out, &mut std::io::stderr()).map(|()| 0)
        }
        Some(Command::Merge(args)) => {
            claimbench::cli::run_merge(args, &mut out, &mut std::io::stderr()).map(|()| 0)
        }
        Some(Command::BenchOpen(args)) => {
            claimbench::cli::run_bench_open(args, &mut out).map(|()| 0)
        }
        Some(Command::Check(args)) => claimbench::cli::run_check(args, &mut out),
        Some(Command::Migrate(args)) => claimbench::cli::run_migrate(args, &mut out),
        Some(Command::Export(args)) => {
            claimbench::cli::run_export(args, &mut out, &mut std::io::stderr()).map(|()| 0)
        }
        Some(Command::TrainScore(args)) => {
            claimbench::cli::run_train_score(args, &mut out).map(|()| 0)
        }
        None => open_workbench(cli.path).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the workbench window on `path` (a corpus or project), or the bundled corpus.
#[cfg(feature = "gui")]
fn open_workbench(path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let path = path.unwrap_or_else(claimbench::bundled_corpus_path);
    let request = claimbench::workspace::open::OpenRequest::for_path(path);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Claimbench")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Claimbench",
        options,
        Box::new(move |cc| {
            Ok(Box::new(claimbench::app::ClaimbenchApp::new(
                cc,
                Some(request),
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// A build without the window says so.
#[cfg(not(feature = "gui"))]
fn open_workbench(_path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this Claimbench was built without the window (the `gui` feature); use a subcommand, such as `claimbench extract`"
    )
}

/// Output piped into `head` and closed early is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
