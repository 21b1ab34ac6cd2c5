//! The month: a grid of weeks with each day's activities as markers and
//! short titles, and the month's 乐淘淘 theme in the header.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{holiday, lunar, style};
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
        let lunar_label = lunar::label(app, date);
        let head = day_head(
            &num,
            mark,
            lunar_label.as_ref().map(|l| l.text.as_str()),
            count.as_deref(),
            lang,
            inner_w,
        );
        buf.set_string(x, y, text::pad(&head.line, inner_w), day_style);
        if let (Some(m), Some((col, t))) = (mark, head.mark) {
            let st = if in_month {
                holiday::mark_style(m)
            } else {
                style::dim()
            };
            buf.set_string(x + col, y, t, st);
        }
        // The cursor's and today's cells keep their look across the line.
        if let (Some(l), Some((col, t))) = (&lunar_label, head.lunar)
            && date != app.cursor
            && date != app.today
        {
            let st = if in_month {
                lunar::style(l)
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
            if let Some(m) = app.record_mark(o) {
                title.insert(0, m);
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

/// What a piece of a day cell's first line is, for its style.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Plain,
    Mark,
    Lunar,
}

/// A day cell's first line as drawn: the text, and where the 休 / 班 mark
/// and the lunar label sit in it (column, text), to be drawn in their own
/// styles.
struct Head {
    line: String,
    mark: Option<(u16, String)>,
    lunar: Option<(u16, String)>,
}

/// A day cell's first line: the day number, the lunar label, the 休 / 班
/// mark with the festival's short name, and the count of activities when
/// they do not all fit. What does not fit goes, in this order: the mark's
/// festival name, the lunar label, the spaces; the 休 / 班 mark and the
/// count stay while they fit at all.
fn day_head(
    num: &str,
    mark: Option<&crate::model::HolidayMark>,
    lunar: Option<&str>,
    count: Option<&str>,
    lang: Lang,
    w: usize,
) -> Head {
    let full = mark.map(|m| {
        let sep = lang.pick("", " ");
        format!("{}{sep}{}", m.label(lang), m.short(lang))
    });
    let label = mark.map(|m| m.label(lang).to_owned());
    let marks: Vec<Option<&String>> = match (&full, &label) {
        (Some(f), Some(l)) => vec![Some(f), Some(l)],
        _ => vec![None],
    };
    let lunars: Vec<Option<&str>> = match lunar {
        Some(l) => vec![Some(l), None],
        None => vec![None],
    };
    let mut candidates: Vec<Vec<(String, Piece)>> = Vec::new();
    for l in &lunars {
        for m in &marks {
            let mut parts = vec![(num.to_owned(), Piece::Plain)];
            parts.extend(l.map(|l| (l.to_owned(), Piece::Lunar)));
            parts.extend(m.map(|m| (m.clone(), Piece::Mark)));
            parts.extend(count.map(|c| (c.to_owned(), Piece::Plain)));
            candidates.push(parts);
        }
    }
    for parts in &candidates {
        let head = join(parts, " ");
        if text::width(&head.line) <= w {
            return head;
        }
    }
    // The tightest: number, 休 / 班 and count with no spaces, cut to fit.
    let mut parts = vec![(num.to_owned(), Piece::Plain)];
    parts.extend(label.map(|m| (m, Piece::Mark)));
    parts.extend(count.map(|c| (c.to_owned(), Piece::Plain)));
    let head = join(&parts, "");
    let line = text::ellipsize(&head.line, w);
    let fits = |p: &Option<(u16, String)>| {
        p.clone()
            .filter(|(col, t)| usize::from(*col) + text::width(t) <= w)
    };
    Head {
        mark: fits(&head.mark),
        lunar: None,
        line,
    }
}

fn join(parts: &[(String, Piece)], sep: &str) -> Head {
    let mut head = Head {
        line: String::new(),
        mark: None,
        lunar: None,
    };
    for (i, (t, piece)) in parts.iter().enumerate() {
        if i > 0 {
            head.line.push_str(sep);
        }
        let at = Some((text::width(&head.line) as u16, text::shown(t).into_owned()));
        match piece {
            Piece::Mark => head.mark = at,
            Piece::Lunar => head.lunar = at,
            Piece::Plain => {}
        }
        head.line.push_str(t);
    }
    head.line = text::shown(&head.line).into_owned();
    head
}
