//! The colour theme, applied to what the views drew: the views draw with
//! the default colours, then [`apply`] turns them into high contrast, or
//! into no colour at all (for `theme: None` and `NO_COLOR`), where what the
//! colours told is kept by modifiers: reverse for filled cells (markers,
//! the cursor day), underline for today, bold stays bold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::config::Theme;

pub fn apply(theme: Theme, area: Rect, buf: &mut Buffer) {
    if theme == Theme::Default {
        return;
    }
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            match theme {
                Theme::Default => {}
                Theme::HighContrast => high_contrast(cell),
                Theme::None => no_colour(cell),
            }
        }
    }
}

fn high_contrast(cell: &mut ratatui::buffer::Cell) {
    let bright = |c: Color| match c {
        Color::Red => Color::LightRed,
        Color::Green => Color::LightGreen,
        Color::Blue => Color::LightBlue,
        Color::Magenta => Color::LightMagenta,
        Color::Cyan => Color::LightCyan,
        Color::Yellow => Color::LightYellow,
        // Grey on black is hard to read: dim text becomes plain.
        Color::DarkGray | Color::Gray => Color::Reset,
        other => other,
    };
    if cell.bg == Color::Reset {
        cell.fg = bright(cell.fg);
    } else {
        cell.bg = bright(cell.bg);
        cell.fg = Color::Black;
        cell.modifier.insert(Modifier::BOLD);
    }
}

fn no_colour(cell: &mut ratatui::buffer::Cell) {
    match cell.bg {
        Color::Reset => {}
        // Today (black on yellow): underlined.
        Color::Yellow => cell.modifier.insert(Modifier::UNDERLINED | Modifier::BOLD),
        // Markers and the cursor day: reversed (a reversed selection on a
        // filled cell goes back to plain reverse, not double).
        _ => cell.modifier.toggle(Modifier::REVERSED),
    }
    if cell.bg == Color::Reset && cell.fg == Color::Yellow {
        // The holiday flag: its underline and bold carry it.
        cell.modifier.insert(Modifier::UNDERLINED);
    }
    cell.fg = Color::Reset;
    cell.bg = Color::Reset;
    cell.underline_color = Color::Reset;
}
