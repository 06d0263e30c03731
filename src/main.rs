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
    let result = match &cli.command {
        Some(Command::Extract(args)) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            claimbench::cli::run_extract(args, &mut out, &mut std::io::stderr())
        }
        None => Err(anyhow::anyhow!(
            "the workbench window is not built yet; use `claimbench extract`"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Output piped into `head` and closed early is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
