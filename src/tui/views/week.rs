//! The week: seven columns, Monday first, each activity with its marker,
//! time and title.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{holiday, style};
use crate::tr;
use crate::tui::app::App;
use crate::tui::text;

/// Each activity takes two lines: marker and time, then the title.
const LINES_PER_ITEM: u16 = 2;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 7 || area.height < 2 {
        return;
    }
    let week = app.week();
    let lang = app.lang;
    let col_w = area.width / 7;
    // A row of 休 / 班 marks under the day headers, in weeks that have any,
    // or that reach into a year whose holidays are not announced yet.
    let holidays = &app.schedule.holidays;
    let unannounced = holidays.unannounced_years(week);
    let marks_row =
        area.height >= 3 && (holidays.marks_in(week).next().is_some() || !unannounced.is_empty());
    let mut notes: Vec<(i32, u16, u16)> = Vec::new();
    for (i, date) in week.days().enumerate() {
        let i = i as u16;
        let x = area.x + i * col_w;
        // The last column takes the remainder.
        let w = if i == 6 {
            area.width - 6 * col_w
        } else {
            col_w
        };
        let inner_w = usize::from(w.saturating_sub(1)).max(1);
        let header_style = if date == app.cursor {
            style::cursor_day()
        } else if date == app.today {
            style::today()
        } else if date.weekday().number_from_monday() >= 6 {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let mut header = format!(
            "{} {}/{}",
            style::weekday(date, lang),
            date.month(),
            date.day()
        );
        if date == app.today && text::width(&header) + 3 <= inner_w {
            header.push_str(lang.pick(" 今", " *"));
        }
        buf.set_string(x, area.y, text::pad(&header, inner_w), header_style);
        if marks_row {
            if let Some(m) = holidays.mark(date) {
                let t = holiday::mark_text(m, lang, inner_w);
                buf.set_string(x, area.y + 1, t, holiday::mark_style(m));
            } else if unannounced.contains(&date.year()) {
                match notes.last_mut() {
                    Some((year, _, nw)) if *year == date.year() => *nw += w,
                    _ => notes.push((date.year(), x, w)),
                }
            }
        }
        let mut y = area.y + 1 + u16::from(marks_row);
        let bottom = area.bottom();
        let items = app.day(date);
        for (n, o) in items.iter().enumerate() {
            if y + LINES_PER_ITEM > bottom {
                let more = items.len() - n;
                let label = tr!(lang, "还有{more}项", "+{more} more");
                if y < bottom {
                    buf.set_string(x, bottom - 1, text::pad(&label, inner_w), style::dim());
                }
                break;
            }
            let is_selected = date == app.cursor && n == app.selected;
            let base = if o.is_skipped() {
                style::skipped()
            } else {
                Style::new()
            };
            let base = if is_selected {
                base.patch(style::selected())
            } else {
                base
            };
            let time = o.start.format("%H:%M").to_string();
            // With several sites shown, the site's short label stands in for the programme's.
            let label = app
                .site_tag(o)
                .unwrap_or_else(|| style::programme_label(o.programme, lang));
            let mut first = vec![
                Span::styled(
                    o.programme.marker().to_string(),
                    style::marker_style(o.programme),
                ),
                // A clash is marked without colour too: `!` after the marker.
                if app.in_conflict(o) {
                    Span::styled("!", style::error())
                } else {
                    Span::raw(" ")
                },
                Span::styled(time.clone(), base),
            ];
            let used = 1 + 1 + text::width(&time);
            let label_fits = used + 1 + text::width(label) <= inner_w;
            if label_fits {
                first.push(Span::styled(format!(" {}", text::shown(label)), base));
            }
            // A narrow column: the site's label goes in front of the title instead.
            let tag = app.site_tag(o).filter(|_| !label_fits).unwrap_or("");
            let first_line = Line::from(first);
            buf.set_line(x, y, &first_line, w.saturating_sub(1));
            // A skipped date says why instead of the title; a moved one says from where.
            let second = match style::status_word(o, lang) {
                Some(s) => s,
                None => style::title(o, lang),
            };
            let second = format!("{tag}{second}");
            let title = text::ellipsize(&second, inner_w);
            buf.set_string(x, y + 1, text::pad(&title, inner_w), base);
            if o.holiday.is_some() && style::status_word(o, lang).is_none() {
                // Not decided yet: say so before the title.
                let flag = holiday::flag_word(lang);
                let mut spans = vec![Span::styled(flag, holiday::flag_style().patch(base))];
                let room = inner_w.saturating_sub(text::width(flag) + 1);
                let rest = if room >= 4 {
                    format!(
                        " {}",
                        text::ellipsize(&format!("{tag}{}", style::title(o, lang)), room)
                    )
                } else {
                    String::new()
                };
                let fill = inner_w.saturating_sub(text::width(flag));
                spans.push(Span::styled(text::pad(&rest, fill), base));
                buf.set_line(x, y + 1, &Line::from(spans), w.saturating_sub(1));
            }
            y += LINES_PER_ITEM;
        }
        if items.is_empty() && y < bottom && date == app.cursor {
            buf.set_string(
                x,
                y,
                text::pad(lang.pick("无活动", "free"), inner_w),
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
