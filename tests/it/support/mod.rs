//! Helpers shared by the tests, in one place: the app without a terminal
//! ([`app`]), folders and the bundled sample ([`files`]), the real binary
//! ([`cli`]), the real binary in a pseudo-terminal ([`pty`], for the
//! `tui::*_pty` tests) with what it shows ([`screen`]) and what it left
//! in a folder ([`roundtrip`]), positions in text ([`text`]), walking edit
//! forms ([`forms`], for `tui::forms`), and tests from a table
//! ([`table_tests!`]).

mod app;
mod cli;
mod files;
pub mod forms;
pub mod pty;
pub mod roundtrip;
pub mod screen;
mod text;

pub use app::*;
pub use cli::*;
pub use files::*;
pub use text::*;

/// Tests from a table: `table_tests! { check; name: row, … }` makes one
/// `#[test] fn name() { check(&row) }` per row, so each case has its own
/// name (a failure names it, `cargo test NAME` runs it alone) while what
/// is checked is written once, in `check`. Doc comments on a row go on
/// its test.
macro_rules! table_tests {
    ($check:path; $($(#[$meta:meta])* $name:ident: $row:expr,)*) => {
        $(
            $(#[$meta])*
            #[test]
            fn $name() {
                $check(&$row);
            }
        )*
    };
}
pub(crate) use table_tests;
