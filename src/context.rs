//! What a run of the program works with, resolved once from the command
//! line, the environment and the settings file: below both the commands
//! and the terminal app, which each take it.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Config;
use crate::i18n::Lang;
use crate::paths;
use crate::store::Diagnostic;

/// Settings every command works with, resolved once.
#[derive(Debug, Clone)]
pub struct Context {
    pub dir: PathBuf,
    pub dir_source: paths::Source,
    pub lang: Lang,
    pub today: NaiveDate,
    pub config: Config,
    /// A problem with the config file, reported but not fatal.
    pub config_problem: Option<Diagnostic>,
}

/// Exit code for "the command ran and found problems".
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code for "the command could not run".
pub const EXIT_CANNOT_RUN: u8 = 2;
