//! Every kind of dialog, one file each: its state, what it does with each
//! key (actions from the keymap, typing where it has a text field) and how
//! it is drawn. The app keeps them on a stack ([`super::app::App::open`]);
//! a new kind is a new file here plus its `pub mod` line.

pub mod add_menu;
pub mod ask_name;
pub mod delete;
pub mod details;
pub mod filter;
pub mod form;
pub mod goto;
pub mod help;
pub mod history;
pub mod merge;
pub mod print_preview;
pub mod problems;
pub mod quit;
pub mod restore;
pub mod search;
pub mod sites;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};

use super::text;
use super::views::style;

/// A prompt and its one-line text field on the first row of `inner`
/// (the go-to-date and name windows).
pub fn prompt_field(buf: &mut Buffer, inner: Rect, prompt: &str, input: &text::LineInput) {
    buf.set_string(inner.x, inner.y, prompt, Style::new());
    let prefix = text::width(prompt);
    let (shown, _) = input.visible(usize::from(inner.width).saturating_sub(prefix));
    buf.set_string(
        inner.x + prefix as u16,
        inner.y,
        shown,
        Style::new().add_modifier(Modifier::UNDERLINED),
    );
}

/// Where the caret of a [`prompt_field`] is, by display width (for input
/// methods), kept inside the window.
pub fn prompt_caret(
    inner: Rect,
    prompt: &str,
    input: &text::LineInput,
) -> ratatui::layout::Position {
    let prefix = text::width(prompt);
    let (_, col) = input.visible(usize::from(inner.width).saturating_sub(prefix));
    let x = (usize::from(inner.x) + prefix + col).min(usize::from(inner.right().saturating_sub(1)));
    ratatui::layout::Position::new(x as u16, inner.y)
}

/// A centred rectangle of at most `w`×`h`, inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The usual width of a large window: the screen less a margin, at most 100.
pub fn wide(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(100)
}

/// Draws a window's border and title (the title's text as shown, see
/// [`crate::sanitize`]) and returns the room inside. The area was cleared
/// by the app, wide characters at its edges blanked.
pub fn frame(buf: &mut Buffer, rect: Rect, title: &str) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {} ", text::shown(title)))
        .title_style(Style::new().add_modifier(Modifier::BOLD));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The room inside a window's border, for placing the cursor.
pub fn inner(rect: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(rect)
}

/// One option of a menu, marked and highlighted when selected, padded to `w`.
pub fn option_line(selected: bool, label: &str, w: usize) -> (String, Style) {
    let s = format!("{} {label}", if selected { ">" } else { " " });
    (
        text::pad(&text::ellipsize(&s, w), w),
        if selected {
            style::selected()
        } else {
            Style::new()
        },
    )
}

/// Draws menu options from row `y` down, at most to `bottom`.
pub fn draw_options(
    buf: &mut Buffer,
    inner: Rect,
    y: u16,
    options: &[String],
    selected: usize,
) -> u16 {
    let w = usize::from(inner.width);
    let mut y = y;
    for (i, o) in options.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let (s, st) = option_line(i == selected, o, w);
        buf.set_string(inner.x, y, s, st);
        y += 1;
    }
    y
}

/// A hint line at the bottom of a window, cut to fit.
pub fn hint(buf: &mut Buffer, inner: Rect, text_: &str) {
    if inner.height == 0 {
        return;
    }
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        text::ellipsize(text_, usize::from(inner.width)),
        style::dim(),
    );
}

/// What a mouse event asks of a dialog, in its own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    /// The left button went down inside the window, at this cell.
    Click { x: u16, y: u16 },
    /// The left button went down outside the window.
    ClickOutside,
    /// The wheel turned: up or down by one notch.
    Wheel(crate::tui::action::Action),
    /// Anything else (moves, drags, releases).
    Other,
}

/// Reads a mouse event against a window's area.
pub fn pointer(event: &ratatui::crossterm::event::MouseEvent, area: Rect) -> Pointer {
    use crate::tui::action::Action;
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let inside = area.contains(ratatui::layout::Position::new(event.column, event.row));
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) if inside => Pointer::Click {
            x: event.column,
            y: event.row,
        },
        MouseEventKind::Down(MouseButton::Left) => Pointer::ClickOutside,
        MouseEventKind::ScrollDown => Pointer::Wheel(Action::Down),
        MouseEventKind::ScrollUp => Pointer::Wheel(Action::Up),
        _ => Pointer::Other,
    }
}

/// Which of `count` rows, drawn from row `first` down inside `inner`, a
/// click at row `y` is on.
pub fn row_at(inner: Rect, first: u16, count: usize, x: u16, y: u16) -> Option<usize> {
    if x < inner.x || x >= inner.right() || y < first || y >= inner.bottom() {
        return None;
    }
    let i = usize::from(y - first);
    (i < count).then_some(i)
}

/// How far one notch of the wheel scrolls a window.
pub const WHEEL_LINES: usize = 3;
