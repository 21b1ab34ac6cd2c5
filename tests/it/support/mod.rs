//! Helpers shared by the tests, in one place: the app without a terminal
//! ([`app`]), folders and the bundled sample ([`files`]), the real binary
//! ([`cli`]), and walking edit forms ([`forms`], for `tui::forms`).

mod app;
mod cli;
mod files;
pub mod forms;

pub use app::*;
pub use cli::*;
pub use files::*;
