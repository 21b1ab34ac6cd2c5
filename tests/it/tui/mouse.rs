//! The mouse, driven as the terminal drives it: button and wheel events
//! fed to the app after it was drawn at the size under test (clicks are
//! read against the screen as last drawn), on the Chinese sample with
//! today fixed at Friday 2026-11-27, at 80×24 and 120×40. Where to click is
//! found on the drawn screen by its text, never by fixed positions.
//!
//! The calendar ([`calendar`]), the details window ([`details`]), edit
//! forms ([`forms`]), the other windows ([`dialogs`]), config
//! `mouse: false` ([`config`]) and any event anywhere ([`robust`]).

mod calendar;
mod config;
mod details;
mod dialogs;
mod forms;
mod robust;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use stationcal::tui::app::App;

pub use crate::support::text_of;
use crate::support::{buffer, locate_all};

/// The sizes every flow runs at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Draws the app at `w`×`h` (so clicks are read against that screen).
pub fn draw(app: &App, (w, h): (u16, u16)) -> Buffer {
    buffer(w, h, app)
}

/// Where `text` first starts inside `within` on the drawn screen.
pub fn find_in(buf: &Buffer, text: &str, within: Rect) -> Position {
    locate_all(buf, text)
        .into_iter()
        .find(|p| within.contains(*p))
        .unwrap_or_else(|| panic!("{text:?} not drawn in {within:?}:\n{}", text_of(buf)))
}

/// Where `text` first starts on the drawn screen.
pub fn find(buf: &Buffer, text: &str) -> Position {
    find_in(buf, text, buf.area)
}

/// Whether `text` is drawn anywhere inside `within`.
pub fn shows_in(buf: &Buffer, text: &str, within: Rect) -> bool {
    locate_all(buf, text).iter().any(|p| within.contains(*p))
}

/// The rows above the detail pane (its ` 详情 ` rule), below the header:
/// the view's body as drawn.
pub fn body(buf: &Buffer) -> Rect {
    let pane = locate_all(buf, " 详情 ")
        .into_iter()
        .map(|p| p.y)
        .next_back()
        .unwrap_or(buf.area.bottom() - 1);
    Rect::new(0, 1, buf.area.width, pane.saturating_sub(1))
}

/// The detail pane as drawn: from its rule down to above the status line.
pub fn pane(buf: &Buffer) -> Rect {
    let top = find(buf, " 详情 ").y;
    Rect::new(0, top, buf.area.width, buf.area.bottom() - 1 - top)
}

/// The week view's column of a day, found by its header (`周三 11/25`):
/// from its first cell to the next day's.
pub fn week_column(buf: &Buffer, header: &str, next: Option<&str>) -> Rect {
    let at = find(buf, header);
    let right = next.map_or(buf.area.right(), |n| find(buf, n).x);
    Rect::new(at.x, at.y, right - at.x, body(buf).bottom() - at.y)
}

/// The type name of the top window, shortened (`Details`), or "".
pub fn dialog(app: &App) -> &'static str {
    app.dialog_name()
        .map_or("", |n| n.rsplit("::").next().unwrap_or(n))
}
