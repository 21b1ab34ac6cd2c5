//! The `stationcal` binary: parse the command line and hand over.

use clap::Parser;

fn main() -> std::process::ExitCode {
    stationcal::commands::run(stationcal::cli::Cli::parse())
}
