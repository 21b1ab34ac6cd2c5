//! The full description of one activity, as lines: used by the detail pane
//! and the details window.

use ratatui::text::{Line, Span};

use super::style;
use crate::i18n::Lang;
use crate::model::{Detail, Occurrence, Programme, Schedule};
use crate::tr;
use crate::tui::text;

pub fn lines(o: &Occurrence, schedule: &Schedule, lang: Lang) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut head = vec![
        Span::styled(
            format!(" {} ", o.programme.marker()),
            style::marker_style(o.programme),
        ),
        Span::raw(" "),
        Span::styled(
            style::programme_label(o.programme, lang).to_owned(),
            style::marker_style(o.programme).remove_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::raw(" "),
        Span::styled(
            style::title(o, lang),
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        ),
    ];
    if let Some(s) = style::status_word(o, lang) {
        head.push(Span::raw("  "));
        head.push(Span::styled(s, style::error()));
    }
    out.push(Line::from(head));
    let mut when = format!(
        "{}  {}",
        style::long_date(o.date, lang),
        style::time_range(o)
    );
    if let Some(room) = &o.room {
        when.push_str("  ");
        when.push_str(room);
        // A lecture's own seat count is shown with the lecture below.
        let room_seats = schedule.room(room).map(|r| r.seats);
        if let (Some(n), false) = (room_seats, matches!(o.detail, Detail::Lecture { .. })) {
            when.push_str(&tr!(lang, "（{n}座）", " ({n} seats)"));
        }
    }
    if let Some(m) = super::holiday::day_suffix(schedule.holidays.mark(o.date), lang) {
        when.push_str("  ");
        when.push_str(&m);
    }
    out.push(Line::from(when));
    if let Some(s) = super::holiday::flag_sentence(o, lang) {
        out.push(Line::from(Span::styled(s, super::holiday::flag_style())));
    }
    let field = |label_zh: &str, label_en: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", lang.pick(label_zh, label_en)), style::dim()),
            Span::raw(value),
        ])
    };
    match &o.detail {
        Detail::Screening {
            film_id,
            year,
            minutes,
            note,
        } => {
            if let (Some(y), Some(m)) = (year, minutes) {
                out.push(field(
                    "影片",
                    "Film",
                    tr!(lang, "{y}年出品，片长{m}分钟", "{y}, {m} minutes"),
                ));
            } else if let Some(id) = film_id {
                out.push(field(
                    "影片",
                    "Film",
                    tr!(lang, "片单中没有编号 {id}", "no film {id} in the list"),
                ));
            }
            if let Some(n) = note {
                prose(&mut out, field("简介", "Note", String::new()), n);
            }
        }
        Detail::ServiceDay {
            host,
            services,
            partners,
        } => {
            out.push(field("主办", "Host", host.clone()));
            // One item a line: an item may itself hold a 、 (测血压、血糖).
            list(&mut out, field("服务", "Services", String::new()), services);
            list(
                &mut out,
                field("联建单位", "Partners", String::new()),
                partners,
            );
        }
        Detail::Lecture {
            lecture_id,
            speaker,
            group,
            minutes,
            summary,
            seats,
            series,
        } => {
            let who = match (speaker, group) {
                (Some(s), Some(g)) => {
                    let g = lang.pick(g.zh(), g.en());
                    tr!(lang, "{s}（{g}）", "{s} ({g})")
                }
                (Some(s), None) => s.clone(),
                _ => lecture_id.clone(),
            };
            out.push(field("主讲人", "Speaker", who));
            let mut facts = series.clone();
            if let Some(m) = minutes {
                facts.push_str(&tr!(lang, "，{m}分钟", ", {m} min"));
            }
            if let Some(s) = seats {
                facts.push_str(&tr!(lang, "，{s}个座位", ", {s} seats"));
            }
            out.push(field("系列", "Series", facts));
            if let Some(s) = summary {
                prose(&mut out, field("内容", "About", String::new()), s);
            }
        }
        Detail::Event {
            place,
            organiser,
            note,
            repeats,
        } => {
            if let Some(p) = place {
                out.push(field("地点", "Place", p.clone()));
            }
            if let Some(o) = organiser {
                out.push(field("组织", "Organiser", o.clone()));
            }
            if *repeats {
                out.push(field("频次", "Repeats", tr!(lang, "定期活动", "recurring")));
            }
            if let Some(n) = note {
                prose(&mut out, field("说明", "Note", String::new()), n);
            }
        }
    }
    debug_assert!(Programme::ALL.contains(&o.programme));
    // The schedule's text as shown everywhere: a control character as its
    // escape, never raw (see `crate::sanitize`).
    out.into_iter().map(text::shown_line).collect()
}

/// A list after its label, one item a line (`- 免费法律咨询`).
fn list(out: &mut Vec<Line<'static>>, label: Line<'static>, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push(label);
    out.extend(items.iter().map(|i| Line::from(format!("  - {i}"))));
}

/// A note or summary after its label: its own line breaks kept (several
/// lines are what staff meant there), each further line indented.
fn prose(out: &mut Vec<Line<'static>>, mut label: Line<'static>, value: &str) {
    let mut lines = value.lines();
    label
        .spans
        .push(Span::raw(lines.next().unwrap_or("").to_owned()));
    out.push(label);
    out.extend(lines.map(|l| Line::from(format!("  {l}"))));
}
