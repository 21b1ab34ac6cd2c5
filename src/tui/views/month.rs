//! The month: a grid of weeks with each day's activities as markers and
//! short titles, and the month's 乐淘淘 theme in the header.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::style;
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::recurrence::DateRange;
use crate::tui::app::App;
use crate::tui::text;

/// The month's heading: `2026年11月  乐淘淘：心灵之窗乐`.
pub fn heading(app: &App) -> String {
    let lang = app.lang;
    let month = DateRange::month_of(app.cursor);
    let mut s = match lang {
        Lang::Zh => format!("{}年{}月", month.first.year(), month.first.month()),
        Lang::En => month.first.format("%B %Y").to_string(),
    };
    let theme = app
        .occurrences_in(month)
        .find(|o| o.programme == Programme::ServiceDay)
        .map(|o| style::title(o, lang));
    if let Some(t) = theme {
        let name = app
            .schedule
            .service_days
            .as_ref()
            .map_or("乐淘淘", |s| s.name.as_str());
        s.push_str(&match lang {
            Lang::Zh => format!("  {name}：{t}"),
            Lang::En => format!("  {name} theme: {t}"),
        });
    }
    s
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 7 || area.height < 2 {
        return;
    }
    let lang = app.lang;

    let grid = app.month_grid();
    let month = DateRange::month_of(app.cursor);
    let col_w = area.width / 7;
    let inner_w = usize::from(col_w.saturating_sub(1)).max(1);
    for (i, d) in grid.days().take(7).enumerate() {
        let x = area.x + i as u16 * col_w;
        buf.set_string(
            x,
            area.y,
            text::pad(style::weekday(d, lang), inner_w),
            style::dim(),
        );
    }
    let weeks = (grid.days().count() / 7) as u16;
    let body_top = area.y + 1;
    let rows = area.bottom().saturating_sub(body_top);
    let row_h = (rows / weeks.max(1)).max(1);
    for (n, date) in grid.days().enumerate() {
        let n = n as u16;
        let (col, row) = (n % 7, n / 7);
        let x = area.x + col * col_w;
        let y = body_top + row * row_h;
        if y >= area.bottom() {
            break;
        }
        let in_month = month.contains(date);
        let day_style = if date == app.cursor {
            style::cursor_day()
        } else if date == app.today {
            style::today()
        } else if in_month {
            Style::new()
        } else {
            style::dim()
        };
        let items = app.day(date);
        let mut head = format!("{:>2}", date.day());
        if items.len() > usize::from(row_h.saturating_sub(1)) && !items.is_empty() {
            head.push_str(&format!(" ({})", items.len()));
        }
        buf.set_string(x, y, text::pad(&head, inner_w), day_style);
        for (k, o) in items
            .iter()
            .enumerate()
            .take(usize::from(row_h.saturating_sub(1)))
        {
            let ly = y + 1 + k as u16;
            if ly >= area.bottom() {
                break;
            }
            let is_sel = date == app.cursor && k == app.selected;
            let base = if o.is_skipped() {
                style::skipped()
            } else if in_month {
                Style::new()
            } else {
                style::dim()
            };
            let base = if is_sel {
                base.patch(style::selected())
            } else {
                base
            };
            buf.set_string(
                x,
                ly,
                o.programme.marker().to_string(),
                style::marker_style(o.programme),
            );
            let t = text::ellipsize(&style::title(o, lang), inner_w.saturating_sub(1));
            buf.set_string(x + 1, ly, text::pad(&t, inner_w.saturating_sub(1)), base);
        }
    }
}
