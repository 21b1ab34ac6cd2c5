//! The week: seven columns, the configured first day first. Each activity
//! shows its marker, time (start and end where the column is wide enough)
//! and programme or site on its first row; its title on as many rows as it
//! needs (up to [`TITLE_ROWS`]) and its room or place below where there is
//! room for them all; a day with more than fits says how many are hidden
//! (`+N`) and scrolls with the selection.
//!
//! [`layout`] decides where everything goes; drawing and mouse clicks both
//! use it, so a click lands on what is drawn there.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{holiday, lunar, style};
use crate::model::Occurrence;
use crate::tr;
use crate::tui::app::App;
use crate::tui::text;

/// The most rows a title takes before it is cut, when the day has room for
/// that many for every activity (fewer are tried before it is compacted).
pub const TITLE_ROWS: usize = 4;

/// How much of each activity a day shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// First row, the title on up to this many rows, the room or place.
    Full(usize),
    /// First row and one row of title.
    Compact,
}

/// One activity's place in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Its index among the day's shown activities.
    pub index: usize,
    pub y: u16,
    pub height: u16,
}

/// One day's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub date: NaiveDate,
    pub x: u16,
    /// Columns for text (the column less its gap).
    pub inner_w: u16,
    pub slots: Vec<Slot>,
    detail: Detail,
    /// Activities hidden above and below the window shown.
    pub hidden_above: usize,
    pub hidden_below: usize,
    /// The rows between the headers and the bottom.
    pub top: u16,
    pub bottom: u16,
}

/// Where the week's parts go in `area`.
pub struct Layout {
    pub columns: Vec<Column>,
    /// A row of 休 / 班 marks under the day headers.
    pub marks_row: bool,
}

/// The rows one activity is drawn on, in a column `w` columns wide.
fn item_lines(app: &App, o: &Occurrence, w: usize, detail: Detail) -> Vec<Line<'static>> {
    let lang = app.lang;
    let times = format!("{}-{}", o.start.format("%H:%M"), o.end.format("%H:%M"));
    let time = if matches!(detail, Detail::Full(_)) && 2 + text::width(&times) <= w {
        times
    } else {
        o.start.format("%H:%M").to_string()
    };
    // With several sites shown, the site's short label stands in for the programme's.
    let label = app
        .site_tag(o)
        .unwrap_or_else(|| style::programme_label(o.programme, lang));
    let mut first = vec![
        Span::styled(
            o.programme.marker().to_string(),
            style::marker_style(o.programme),
        ),
        // A clash is marked without colour too: `!` after the marker; else
        // the record's mark (`#` recorded, `*` still to record).
        if app.in_conflict(o) {
            Span::styled("!", style::error())
        } else {
            Span::raw(app.record_mark(o).map_or(" ".into(), String::from))
        },
        Span::raw(time.clone()),
    ];
    let label_fits = 2 + text::width(&time) + 1 + text::width(label) <= w;
    if label_fits {
        first.push(Span::raw(format!(" {}", text::shown(label))));
    }
    // A narrow column: the site's label goes in front of the title instead.
    // A space keeps `四村 老年大学书法班` from reading as one name.
    let tag = app
        .site_tag(o)
        .filter(|_| !label_fits)
        .map(|t| format!("{} ", text::shown(t)))
        .unwrap_or_default();
    // Wrapped with no-break spaces standing in for the tag, so that the tag
    // is never split nor left alone on a row; put back once wrapped.
    let stand_in = "\u{a0}".repeat(text::width(&tag));
    let mut title = format!("{stand_in}{}", style::cell_title(o, lang));
    // Not decided yet whether it is held on the day off: said first.
    let flagged = o.holiday.is_some() && style::status_word(o, lang).is_none();
    if flagged {
        title = format!("{} {title}", holiday::flag_word(lang));
    }
    let mut lines = vec![Line::from(first)];
    match detail {
        Detail::Compact => lines.push(Line::from(text::ellipsize(&title, w))),
        Detail::Full(max_rows) => {
            // Filled as far as the line-breaking rules allow: between any
            // two Chinese characters, not before `”` or `，`.
            let mut rows: Vec<String> = text::wrap_line(&Line::from(title.clone()), w)
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            if rows.len() > max_rows {
                // The last row shown takes the rest of the title, cut.
                let shown = text::shown(&title).into_owned();
                let mut rest = shown.as_str();
                for r in &rows[..max_rows - 1] {
                    rest = rest.trim_start_matches(' ');
                    rest = rest.strip_prefix(r.as_str()).unwrap_or(rest);
                }
                let rest = text::ellipsize(rest.trim_start_matches(' '), w);
                rows.truncate(max_rows - 1);
                rows.push(rest);
            }
            lines.extend(rows.into_iter().map(Line::from));
            let place = o.room.as_deref().or(match &o.detail {
                crate::model::Detail::Event { place, .. } => place.as_deref(),
                _ => None,
            });
            if let Some(p) = place.filter(|_| w >= 8) {
                lines.push(Line::from(Span::styled(
                    text::ellipsize(&format!("@{p}"), w),
                    style::dim(),
                )));
            }
        }
    }
    if !tag.is_empty()
        && let Some(l) = lines.get_mut(1)
    {
        let row: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        *l = Line::from(row.replacen(&stand_in, &tag, 1));
    }
    if flagged && let Some(l) = lines.get_mut(1) {
        // The flag keeps its colour at the start of the title row.
        let flag = holiday::flag_word(lang);
        let rest: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        if let Some(after) = rest.strip_prefix(flag) {
            *l = Line::from(vec![
                Span::styled(flag, holiday::flag_style()),
                Span::raw(after.to_owned()),
            ]);
        }
    }
    lines
}

/// The window of a day's activities to show when they do not all fit:
/// `slots` of them, starting so that `selected` is among them.
fn window(n: usize, selected: usize, avail: u16) -> (usize, usize, usize) {
    let fit = |reserved: u16| usize::from(avail.saturating_sub(reserved) / 2).max(1);
    // Only the bottom marker: the window starts at the first activity.
    let slots = fit(1);
    if selected < slots {
        return (0, slots.min(n), n.saturating_sub(slots));
    }
    // Only the top marker: the window ends at the last activity.
    let slots = fit(1);
    if selected + slots >= n {
        let start = n.saturating_sub(slots);
        return (start, n - start, 0);
    }
    // Both: the selected activity at the bottom of the window.
    let slots = fit(2);
    let start = selected + 1 - slots.min(selected + 1);
    (start, slots, n - start - slots)
}

/// Where each day's activities go in `area`.
pub fn layout(app: &App, area: Rect) -> Layout {
    let week = app.week();
    let col_w = area.width / 7;
    let holidays = &app.schedule.holidays;
    let marks_row = area.height >= 3
        && (holidays.marks_in(week).next().is_some()
            || !holidays.unannounced_years(week).is_empty()
            || (app.lunar && !lunar_in_header(app, col_w)));
    let top = area.y + 1 + u16::from(marks_row);
    let bottom = area.bottom();
    let avail = bottom.saturating_sub(top);
    let columns = week
        .days()
        .enumerate()
        .map(|(i, date)| {
            let i = i as u16;
            // The last column takes the remainder.
            let w = if i == 6 {
                area.width - 6 * col_w
            } else {
                col_w
            };
            let inner_w = w.saturating_sub(1).max(1);
            let items = app.day(date);
            let n = items.len();
            let heights = |d: Detail| -> Vec<u16> {
                items
                    .iter()
                    .map(|o| item_lines(app, o, usize::from(inner_w), d).len() as u16)
                    .collect()
            };
            let selected = if date == app.cursor { app.selected } else { 0 };
            // As many rows of title as every activity of the day can have.
            let full = (2..=TITLE_ROWS).rev().find_map(|rows| {
                let h = heights(Detail::Full(rows));
                (h.iter().sum::<u16>() <= avail).then_some((Detail::Full(rows), h))
            });
            let (detail, first, shown, above, below, heights) = if let Some((detail, h)) = full {
                (detail, 0, n, 0, 0, h)
            } else if 2 * n as u16 <= avail {
                (Detail::Compact, 0, n, 0, 0, vec![2; n])
            } else {
                let (first, shown, below) = window(n, selected.min(n - 1), avail);
                (Detail::Compact, first, shown, first, below, vec![2; n])
            };
            let mut y = top + u16::from(above > 0);
            let mut slots = Vec::new();
            for (index, &height) in heights.iter().enumerate().skip(first).take(shown) {
                if y + height > bottom - u16::from(below > 0) {
                    break;
                }
                slots.push(Slot { index, y, height });
                y += height;
            }
            let hidden_below = n - first - slots.len();
            Column {
                date,
                x: area.x + i * col_w,
                inner_w,
                slots,
                detail,
                hidden_above: above,
                hidden_below,
                top,
                bottom,
            }
        })
        .collect();
    Layout { columns, marks_row }
}

/// The day and the activity (its index in the day) at a cell of `area`.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<(NaiveDate, Option<usize>)> {
    // Where `render` draws nothing, nothing is clicked.
    if area.width < 7 || area.height < 2 {
        return None;
    }
    let l = layout(app, area);
    let col = l
        .columns
        .iter()
        .rev()
        .find(|c| x >= c.x && x < area.right() && y >= area.y && y < area.bottom())?;
    let item = col
        .slots
        .iter()
        .find(|s| y >= s.y && y < s.y + s.height)
        .map(|s| s.index);
    Some((col.date, item))
}

/// A day header: `周一 11/23`, with ` 今` on today when there is room.
fn header(app: &App, date: NaiveDate, w: usize) -> String {
    let lang = app.lang;
    let mut header = format!(
        "{} {}/{}",
        style::weekday(date, lang),
        date.month(),
        date.day()
    );
    if date == app.today && text::width(&header) + 3 <= w {
        header.push_str(lang.pick(" 今", " *"));
    }
    header
}

/// Whether the day headers have room for a lunar label after the date
/// (from about 133 columns in Chinese): decided by the width alone, the
/// widest header (`周三 12/22 今`) and a two-character label, so every week
/// at one size looks the same. Otherwise the labels go on the row of
/// 休 / 班 marks below.
fn lunar_in_header(app: &App, col_w: u16) -> bool {
    let w = usize::from(col_w.saturating_sub(1));
    let widest = text::width(&format!(
        "{} 12/22{}",
        app.lang.pick("周三", "Wed"),
        app.lang.pick(" 今", " *")
    ));
    let label = app.lang.pick("十九", "10/19");
    widest + 1 + text::width(label) <= w
}

fn header_style(app: &App, date: NaiveDate) -> Style {
    if date == app.cursor {
        style::cursor_day()
    } else if date == app.today {
        style::today()
    } else if date.weekday().number_from_monday() >= 6 {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 7 || area.height < 2 {
        return;
    }
    let lang = app.lang;
    let l = layout(app, area);
    let holidays = &app.schedule.holidays;
    let unannounced = holidays.unannounced_years(app.week());
    let mut notes: Vec<(i32, u16, u16)> = Vec::new();
    let in_header = lunar_in_header(app, area.width / 7);
    for col in &l.columns {
        let (date, x, w) = (col.date, col.x, usize::from(col.inner_w));
        let header = header(app, date, w);
        buf.set_string(x, area.y, text::pad(&header, w), header_style(app, date));
        let label = lunar::label(app, date);
        // The lunar label after the date, or after the 休 / 班 mark below.
        let (lx, ly, used) = if in_header {
            (x, area.y, text::width(&header))
        } else {
            (x, area.y + 1, 0)
        };
        if l.marks_row {
            if let Some(m) = holidays.mark(date) {
                let t = match label.as_ref().filter(|_| !in_header) {
                    // The lunar label keeps its place: the mark's festival
                    // name goes first, its 休 / 班 always stays.
                    Some(l) => {
                        let room = w.saturating_sub(text::width(&l.text) + 1);
                        let t = holiday::mark_text(m, lang, room);
                        if text::width(&t) <= room && !t.ends_with("..") {
                            t
                        } else {
                            m.label(lang).to_owned()
                        }
                    }
                    None => holiday::mark_text(m, lang, w),
                };
                buf.set_string(x, area.y + 1, &t, holiday::mark_style(m));
                if !in_header {
                    draw_label(buf, label.as_ref(), (x, ly), text::width(&t), w);
                }
            } else if unannounced.contains(&date.year()) {
                let cw = col.inner_w + 1;
                match notes.last_mut() {
                    Some((year, _, nw)) if *year == date.year() => *nw += cw,
                    _ => notes.push((date.year(), x, cw)),
                }
            } else if !in_header {
                // A year not announced keeps its note on this row instead.
                draw_label(buf, label.as_ref(), (lx, ly), used, w);
            }
        }
        if in_header {
            draw_label(buf, label.as_ref(), (lx, ly), used, w);
            // The cursor's and today's headers keep their look whole.
            if date == app.cursor || date == app.today {
                buf.set_style(
                    Rect::new(x, area.y, col.inner_w, 1),
                    header_style(app, date),
                );
            }
        }
        let items = app.day(date);
        if col.hidden_above > 0 {
            let n = col.hidden_above;
            let label = tr!(lang, "上面还有{n}项", "+{n} above");
            buf.set_string(
                x,
                col.top,
                text::pad(&text::ellipsize(&label, w), w),
                style::dim(),
            );
        }
        for slot in &col.slots {
            let Some(o) = items.get(slot.index) else {
                continue;
            };
            let selected = date == app.cursor && slot.index == app.selected;
            let mut base = if o.is_skipped() {
                style::skipped()
            } else {
                Style::new()
            };
            if selected {
                base = base.patch(style::selected());
            }
            for (k, line) in item_lines(app, o, w, col.detail).iter().enumerate() {
                let y = slot.y + k as u16;
                // The whole row takes the item's look (selection, strike-
                // through), each piece its own colour on top; the marker
                // keeps its colours whatever the row's look.
                buf.set_style(Rect::new(x, y, col.inner_w, 1), base);
                buf.set_line(x, y, line, col.inner_w);
                if k == 0 {
                    let plain =
                        Style::new().remove_modifier(Modifier::REVERSED | Modifier::CROSSED_OUT);
                    buf.set_style(Rect::new(x, y, 1, 1), plain);
                }
            }
        }
        if col.hidden_below > 0 {
            let n = col.hidden_below;
            let label = tr!(lang, "还有{n}项", "+{n} more");
            buf.set_string(
                x,
                col.bottom - 1,
                text::pad(&text::ellipsize(&label, w), w),
                style::dim(),
            );
        }
        if items.is_empty() && col.top < col.bottom && date == app.cursor {
            buf.set_string(
                x,
                col.top,
                text::pad(lang.pick("无活动", "free"), w),
                style::dim(),
            );
        }
    }
    for (year, x, w) in notes {
        let note = holiday::unannounced_note(year, lang);
        let w = usize::from(w.saturating_sub(1)).max(1);
        buf.set_string(x, area.y + 1, text::ellipsize(&note, w), style::dim());
    }
}

/// Draws a lunar label at `at` after `used` columns and a space, within `w`.
fn draw_label(
    buf: &mut Buffer,
    label: Option<&lunar::Label>,
    at: (u16, u16),
    used: usize,
    w: usize,
) {
    let Some(l) = label else { return };
    let col = if used == 0 { 0 } else { used + 1 };
    let room = w.saturating_sub(col);
    // A Chinese label (at most 闰六月) fits whole; a long English festival
    // name is shortened with `..` rather than left out.
    if room >= text::width(&l.text).min(4) {
        let t = text::ellipsize(&l.text, room);
        buf.set_string(at.0 + col as u16, at.1, t, lunar::style(l));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_selected_activity_in_view() {
        // 10 activities, 9 rows: markers take a row each where something is hidden.
        for selected in 0..10 {
            let (start, shown, below) = window(10, selected, 9);
            assert!(start <= selected && selected < start + shown, "{selected}");
            assert_eq!(start + shown + below, 10);
            let rows = 2 * shown as u16 + u16::from(start > 0) + u16::from(below > 0);
            assert!(rows <= 9, "{selected}: {rows} rows");
        }
    }
}
