//! The binary as staff and scripts run it: `check`, `init`, `print` and
//! `list`, settings, completions, pipes.

mod check;
mod check_clashes;
mod check_corpus;
mod init;
mod lunar_rule;
mod pipes;
mod print;
mod report;
mod settings;
mod sync;
mod sync_https;
