//! The schedule folder on disk: reading it with positions, reporting
//! problems, and writing the bundled sample.

pub mod clashes;
pub mod diagnostics;
pub mod fastparse;
pub mod fsio;
pub mod fullwidth;
/// Only with the `generate` feature (benches, the example, tests): the
/// binary staff run does not carry it.
#[cfg(feature = "generate")]
pub mod generate;
pub mod git;
pub mod hidden;
pub mod holidays;
pub mod journal;
pub mod load;
pub mod lock;
mod messages;
pub mod more_problems;
pub mod network;
pub mod newline;
pub mod parts;
mod repairs;
pub mod sample;
pub mod save;
mod scratch;
pub mod spans;
pub mod storage;
pub mod watch;
pub mod workspace;
pub mod write;

pub use diagnostics::{Cause, Diagnostic};
pub use load::{Loaded, SourceFile, is_schedule_dir, load_dir, load_texts};
