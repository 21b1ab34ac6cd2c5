//! Printed forms of a week or a month: an HTML page for the notice board
//! (the week's columns, [`month`]'s grid), the month's 乐淘淘 [`flyer`], a
//! plain-text message for the chat group and the terminal, the chat
//! group's [`image`] (as SVG), and an iCalendar file for phones.
//!
//! [`week_sheet`] words the week (or month) once ([`WeekSheet`]); [`html`],
//! [`month`], [`flyer`], [`text`], [`image`] and [`ics`] render it. Those
//! are pure: no files, no clock, no terminal, no fonts (the image's SVG is
//! drawn by `crate::raster`). The one exception is [`write_out`] and its
//! kin, small helpers the command line and the terminal app share to put
//! a sheet on disk.

pub mod flyer;
pub mod html;
pub mod ics;
pub mod image;
pub mod measure;
pub mod month;
pub mod network;
pub mod qr;
pub mod report;
pub mod sheet;
pub mod text;
pub mod xlsx;

use std::io;
use std::path::{Path, PathBuf};

pub use network::network_sheet;
pub use sheet::{
    Fact, SheetDay, SheetItem, SheetSite, WeekSheet, file_name, month_range, week_sheet,
};

/// Writes the sheet's HTML page. `target` is a folder (the page gets its
/// default name there, e.g. `周程-2026-W48.html`) or a file path. Returns
/// the absolute path written.
pub fn write_html(target: &Path, sheet: &WeekSheet) -> io::Result<PathBuf> {
    let path = if target.is_dir() {
        target.join(file_name(sheet.range, sheet.lang))
    } else {
        target.to_path_buf()
    };
    write_out(&path, &html::render(sheet))
}

/// Writes a printed sheet to `path` and returns its absolute path. The text
/// goes to a temporary file renamed over `path`, so a link planted at that
/// name is replaced, never written through, and a half-written sheet never
/// appears under the name.
pub fn write_out(path: &Path, text: &str) -> io::Result<PathBuf> {
    write_bytes(path, text.as_bytes())
}

/// [`write_out`] for bytes (an image).
pub fn write_bytes(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    use std::io::Write as _;
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()?;
    std::path::absolute(path)
}
