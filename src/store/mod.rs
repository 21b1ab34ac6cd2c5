//! The schedule folder on disk: reading it with positions, reporting
//! problems, and writing the bundled sample.

pub mod diagnostics;
pub mod fastparse;
pub mod generate;
pub mod holidays;
pub mod load;
pub mod network;
pub mod sample;
pub mod spans;
pub mod storage;

pub use diagnostics::{Cause, Diagnostic};
pub use load::{Loaded, SourceFile, is_schedule_dir, load_dir, load_texts};
