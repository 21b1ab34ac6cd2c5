//! The month: a grid of weeks with each day's activities as markers and
//! short titles, and the month's 乐淘淘 theme in the header.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{holiday, style};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::recurrence::DateRange;
use crate::tr;
use crate::tui::app::App;
use crate::tui::text;

/// The month's heading: `2026年11月` (its 乐淘淘 day has a line of its own
/// above the grid, where its theme is never cut).
pub fn heading(app: &App) -> String {
    let lang = app.lang;
    let month = DateRange::month_of(app.cursor);
    let (year, number, name) = (
        month.first.year(),
        month.first.month(),
        month.first.format("%B"),
    );
    let mut s = tr!(lang, "{year}年{number}月", "{name} {year}");
    if !app.schedule.holidays.is_announced(month.first.year()) {
        s.push_str(lang.pick("  节假日安排尚未公布", "  holidays not yet announced"));
    }
    s
}

/// The month's 乐淘淘 day in one line: its theme whole, its date, time and
/// room (the header has no room for them at 80 columns).
fn service_day_line(app: &App) -> Option<String> {
    let lang = app.lang;
    let month = DateRange::month_of(app.cursor);
    let o = app
        .occurrences_in(month)
        .find(|o| o.programme == Programme::ServiceDay)?;
    let name = app
        .schedule
        .service_days
        .as_ref()
        .map_or(style::programme_label(Programme::ServiceDay, lang), |s| {
            s.name.as_str()
        });
    let (theme, when, time) = (
        style::cell_title(o, lang),
        style::short_date(o.date, lang),
        style::time_range(o),
    );
    let mut line = tr!(
        lang,
        "{name}：{theme}  {when} {time}",
        "{name}: {theme}  {when} {time}"
    );
    if let Some(r) = &o.room {
        line.push_str("  ");
        line.push_str(r);
    }
    Some(line)
}

/// Where each week's row starts and how tall it is, in `area`: the rows
/// there are shared out, the first weeks taking one more each when they
/// do not divide evenly, so no row of the screen is left empty.
fn week_rows(app: &App, area: Rect) -> Vec<(u16, u16)> {
    let weeks = (app.month_grid().days().count() / 7) as u16;
    // The 乐淘淘 line, then the weekday names.
    let body_top = area.y + 1 + u16::from(service_day_line(app).is_some() && area.height > 8);
    let rows = area.bottom().saturating_sub(body_top);
    let (base, extra) = (rows / weeks.max(1), rows % weeks.max(1));
    let mut y = body_top;
    (0..weeks)
        .map(|w| {
            let h = (base + u16::from(w < extra)).max(1);
            let row = (y, h);
            y += h;
            row
        })
        .collect()
}

/// The day, and the activity (its index in the day), at a cell of `area`.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<(chrono::NaiveDate, Option<usize>)> {
    let col_w = area.width / 7;
    if col_w == 0 {
        return None;
    }
    let col = ((x - area.x) / col_w).min(6);
    let (row, &(row_y, row_h)) = week_rows(app, area)
        .iter()
        .enumerate()
        .find(|(_, (ry, h))| y >= *ry && y < ry + h)?;
    let date = app.month_grid().days().nth(row * 7 + usize::from(col))?;
    let n = app.day(date).len();
    let item = (y - row_y)
        .checked_sub(1)
        .map(usize::from)
        .filter(|i| *i < n && *i < usize::from(row_h.saturating_sub(1)));
    Some((date, item))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 7 || area.height < 2 {
        return;
    }
    let lang = app.lang;
    let rows = week_rows(app, area);
    let body_top = rows.first().map_or(area.y + 1, |r| r.0);
    let mut area = area;
    if body_top > area.y + 1
        && let Some(line) = service_day_line(app)
    {
        buf.set_string(
            area.x,
            area.y,
            text::ellipsize(&line, usize::from(area.width)),
            Style::new()
                .fg(style::programme_color(Programme::ServiceDay))
                .add_modifier(ratatui::style::Modifier::BOLD),
        );
        area.y += 1;
        area.height -= 1;
    }

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
    for (n, date) in grid.days().enumerate() {
        let n = n as u16;
        let (col, row) = (n % 7, n / 7);
        let x = area.x + col * col_w;
        let Some(&(y, row_h)) = rows.get(usize::from(row)) else {
            break;
        };
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
        let num = format!("{:>2}", date.day());
        let count = (items.len() > usize::from(row_h.saturating_sub(1)) && !items.is_empty())
            .then(|| format!("({})", items.len()));
        let mark = app.schedule.holidays.mark(date);
        let (head, mark_text) = day_head(&num, mark, count.as_deref(), lang, inner_w);
        buf.set_string(x, y, text::pad(&head, inner_w), day_style);
        if let (Some(m), Some((col, t))) = (mark, mark_text) {
            let st = if in_month {
                holiday::mark_style(m)
            } else {
                style::dim()
            };
            buf.set_string(x + col, y, t, st);
        }
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
            let mut title = style::cell_title(o, lang);
            if let Some(tag) = app.site_tag(o) {
                title = format!("{tag}{title}");
            }
            let flagged = o.holiday.is_some() && style::status_word(o, lang).is_none();
            if flagged {
                // Not decided for the holiday yet: a `?` before the title.
                title.insert(0, '?');
            }
            if app.in_conflict(o) {
                title.insert(0, '!');
            }
            let t = text::ellipsize(&title, inner_w.saturating_sub(1));
            buf.set_string(x + 1, ly, text::pad(&t, inner_w.saturating_sub(1)), base);
            if flagged {
                buf.set_string(x + 1, ly, "?", holiday::flag_style().patch(base));
            }
        }
    }
}

/// A day cell's first line: the day number, its 休 / 班 mark with the
/// festival's short name when there is room, and the count of activities
/// when they do not all fit. Returns the line and where the mark sits in it
/// (column, text), so it can be drawn in its own style.
fn day_head(
    num: &str,
    mark: Option<&crate::model::HolidayMark>,
    count: Option<&str>,
    lang: Lang,
    w: usize,
) -> (String, Option<(u16, String)>) {
    let Some(m) = mark else {
        let head = match count {
            Some(c) => format!("{num} {c}"),
            None => num.to_owned(),
        };
        return (head, None);
    };
    let label = m.label(lang);
    let sep = lang.pick("", " ");
    let full = format!("{label}{sep}{}", m.short(lang));
    let candidates = [
        (
            format!("{num} "),
            full.clone(),
            count.map(|c| format!(" {c}")),
        ),
        (
            format!("{num} "),
            label.to_owned(),
            count.map(|c| format!(" {c}")),
        ),
        (
            num.to_owned(),
            label.to_owned(),
            count.map(ToOwned::to_owned),
        ),
    ];
    for (before, mark_text, after) in &candidates {
        let line = format!("{before}{mark_text}{}", after.as_deref().unwrap_or(""));
        if text::width(&line) <= w {
            let shown = text::shown(mark_text).into_owned();
            return (
                text::shown(&line).into_owned(),
                Some((text::width(before) as u16, shown)),
            );
        }
    }
    let (before, mark_text, after) = &candidates[2];
    let line = text::ellipsize(
        &format!("{before}{mark_text}{}", after.as_deref().unwrap_or("")),
        w,
    );
    let col = text::width(before);
    let shown = (col + text::width(mark_text) <= w)
        .then(|| (col as u16, text::shown(mark_text).into_owned()));
    (line, shown)
}
