//! The agenda: the coming activities in full, one line each, under their dates.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::style;
use crate::model::Detail;
use crate::tr;
use crate::tui::app::App;
use crate::tui::text;

/// One drawn row: a date heading or an activity.
enum Row<'a> {
    Date(chrono::NaiveDate),
    Item(&'a crate::model::Occurrence, usize),
}

/// The agenda's rows and the first one shown in `height` rows (the
/// selection kept in view, with its date heading when possible).
fn rows_from(app: &App, height: usize) -> (Vec<Row<'_>>, usize) {
    let mut rows = Vec::new();
    let mut last = None;
    let mut index = 0;
    for o in app.occurrences_in(app.agenda_range()) {
        if last == Some(o.date) {
            index += 1;
        } else {
            rows.push(Row::Date(o.date));
            last = Some(o.date);
            index = 0;
        }
        rows.push(Row::Item(o, index));
    }
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Item(o, i) if o.date == app.cursor && *i == app.selected))
        .unwrap_or(0);
    let top = selected_row.saturating_sub(height.saturating_sub(2).min(height / 2));
    (rows, top)
}

/// The activity on row `y` of `area`: its date and index in the day.
pub fn hit(app: &App, area: Rect, y: u16) -> Option<(chrono::NaiveDate, usize)> {
    // Where `render` draws nothing, nothing is clicked.
    if area.height == 0 || area.width < 4 {
        return None;
    }
    let (rows, top) = rows_from(app, usize::from(area.height));
    match rows.get(top + usize::from(y.checked_sub(area.y)?))? {
        Row::Item(o, i) => Some((o.date, *i)),
        Row::Date(_) => None,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width < 4 {
        return;
    }
    let lang = app.lang;
    let height = usize::from(area.height);
    let (rows, top) = rows_from(app, height);
    if rows.is_empty() {
        let msg = lang.pick("接下来60天没有活动", "nothing in the next 60 days");
        buf.set_string(area.x, area.y, msg, style::dim());
        return;
    }
    let w = usize::from(area.width);
    for (k, row) in rows.iter().skip(top).take(height).enumerate() {
        let y = area.y + k as u16;
        match row {
            Row::Date(d) => {
                let mut s = style::long_date(*d, lang);
                if *d == app.today {
                    s.push_str(lang.pick("（今天）", " (today)"));
                }
                if let Some(m) = super::holiday::day_suffix(app.schedule.holidays.mark(*d), lang) {
                    s.push_str("  ");
                    s.push_str(&m);
                }
                if let Some(l) = super::lunar::describe(app, *d) {
                    s.push_str("  ");
                    s.push_str(&l);
                }
                let st = if *d == app.today {
                    style::today()
                } else {
                    Style::new().add_modifier(Modifier::BOLD)
                };
                buf.set_string(area.x, y, text::ellipsize(&s, w), st);
            }
            Row::Item(o, i) => {
                let is_sel = o.date == app.cursor && *i == app.selected;
                let base = if o.is_skipped() {
                    style::skipped()
                } else {
                    Style::new()
                };
                let base = if is_sel {
                    base.patch(style::selected())
                } else {
                    base
                };
                let mut rest = format!(" {} ", style::time_range(o));
                if let Some(site) = app.site_name(o.site).filter(|_| app.several_sites()) {
                    rest.push_str(site);
                    rest.push(' ');
                }
                rest.push_str(&format!(
                    "{} {}",
                    style::programme_label(o.programme, lang),
                    style::cell_title(o, lang)
                ));
                match &o.detail {
                    Detail::Screening { year: Some(y), .. } => rest.push_str(&format!(" ({y})")),
                    Detail::Lecture {
                        speaker: Some(s), ..
                    } => {
                        rest.push_str(&tr!(lang, " 主讲：{s}", " by {s}"));
                    }
                    _ => {}
                }
                if let Some(r) = &o.room {
                    rest.push_str("  ");
                    rest.push_str(r);
                }
                if let Some(s) = style::status_word(o, lang) {
                    rest.push_str("  ");
                    rest.push_str(&s);
                } else if o.holiday.is_some() {
                    rest.push_str("  ");
                    rest.push_str(super::holiday::flag_word(lang));
                }
                if app.in_conflict(o) {
                    rest.push_str(lang.pick("  !冲突", "  !conflict"));
                }
                if let Some(m) = app.record_mark(o) {
                    let word = if m == crate::tui::records::RECORDED {
                        lang.pick("已记录", "recorded")
                    } else {
                        lang.pick("待补记录", "to record")
                    };
                    rest.push_str(&format!("  {m}{word}"));
                }
                let line = Line::from(vec![
                    Span::raw("  "),
                    Span::styled(
                        o.programme.marker().to_string(),
                        style::marker_style(o.programme),
                    ),
                    Span::styled(
                        text::pad(
                            &text::ellipsize(&rest, w.saturating_sub(3)),
                            w.saturating_sub(3),
                        ),
                        base,
                    ),
                ]);
                buf.set_line(area.x, y, &line, area.width);
            }
        }
    }
}
