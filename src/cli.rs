//! The command line, defined once: used for parsing, and later for shell
//! completions and the man page.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "stationcal",
    version,
    about = "党群服务站活动日历 / activity calendar for Party-and-masses service stations",
    after_long_help = "Environment: STATIONCAL_DIR (the schedule folder), STATIONCAL_CONFIG (another config file), NO_COLOR (no colours). Settings: config.ron in the platform config folder (e.g. ~/.config/stationcal/config.ron), written with comments on the first run."
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// The schedule folder (otherwise `$STATIONCAL_DIR`, the config file, or the data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Pretend today is this date (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_arg)]
    pub today: Option<NaiveDate>,
    /// Interface language
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the bundled sample schedule into a folder (never overwrites)
    Init {
        /// Where to write it (default: the schedule folder)
        dir: Option<PathBuf>,
    },
    /// Check every schedule file and report problems
    Check {
        /// Output as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (e.g. `stationcal completions bash > /etc/bash_completion.d/stationcal`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `stationcal man > stationcal.1`
    Man,
}

/// Reads a date argument as staff type it.
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::model::values::parse_date(s)
        .map_err(|_| format!("expected a date like 2026-11-25, got {s:?}"))
}
