//! `stationcal completions SHELL` and `stationcal man`: generated from the
//! same clap definition that parses the command line, so they never drift.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Writes the completion script for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = Cli::command();
    // Into memory first: clap_complete panics when its writer fails (a
    // closed pipe), `write_stdout` does not.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "stationcal", &mut script);
    super::write_stdout(&String::from_utf8_lossy(&script));
    ExitCode::SUCCESS
}

/// The man page as roff.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

/// Writes the man page to stdout.
pub fn man() -> ExitCode {
    match man_page() {
        Ok(page) => {
            super::write_stdout(&String::from_utf8_lossy(&page));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("stationcal: {e}");
            ExitCode::from(super::EXIT_CANNOT_RUN)
        }
    }
}
