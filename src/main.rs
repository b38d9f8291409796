//! leser: parse the command line, then run a subcommand or the reader.

use clap::Parser;
use leser::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            leser::cli::notice(&leser::cli::usage_error(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Some(Command::Annotate(args)) => leser::cli::annotate(&args),
        Some(Command::Check(args)) => leser::cli::check(&args),
        Some(Command::Export(leser::cli::ExportCommand::Anki(args))) => {
            leser::cli::export_anki(&args)
        }
        Some(Command::Stats(args)) => leser::cli::stats(&args),
        Some(Command::Lookup(args)) => leser::cli::lookup(&args),
        Some(Command::Import(args)) => leser::cli::import(&args),
        Some(Command::Library(args)) => leser::cli::library(&args),
        Some(Command::Say(args)) => leser::cli::say(&args),
        None => leser::cli::read(&cli.reader),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            leser::cli::notice(&leser::cli::error_message(&e));
            ExitCode::from(2)
        }
    }
}

/// mimalloc: leser allocates many small strings per word looked up (a book has tens of
/// thousands of distinct forms), where it is faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
