//! The week as a plain-text message for the residents' chat group and the
//! terminal: a heading, then each day with its activities, one a line; and
//! a short form (time, title, place) for a phone screen.
//!
//! Columns line up by display width (a Chinese character takes two columns).
//! The layout itself uses no box drawing and no ambiguous-width symbols
//! (“ ” — … · ★), which many Chinese terminals and fonts draw at another
//! width; only the schedule's own text may contain them. No character of
//! that text reaches the output raw if it could act on a terminal or
//! start a line: such characters are shown as escapes (`\t`).

use chrono::NaiveDate;

use super::sheet::{SheetDay, SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::labels;
use crate::textwidth::{pad, width, wrap};
use crate::tr;

/// Left margin of an activity line.
const INDENT: usize = 2;
/// Between columns.
const GAP: usize = 2;
/// `14:00-16:00`.
const TIME_W: usize = 11;
/// Below this many columns for the text, it goes under the time instead.
const NARROW_TEXT_W: usize = 20;
/// Left margin of a continuation line: a little under its activity, not
/// under the title column, so a wrapped activity keeps the width for text.
const CONT_INDENT: usize = 4;

/// Renders the sheet. Without `width`, each activity is one line (time,
/// programme, title, then status, details and place), which reads best
/// once pasted into a chat. With `width`, an activity's title and details
/// go on as many lines as needed, continuation lines indented by four;
/// when the room beside the time would be narrower than 20 columns, the
/// text starts on the line under the time. Lines then fit `width` for any
/// width from 30 up.
pub fn render(sheet: &WeekSheet, width: Option<usize>) -> String {
    let lang = sheet.lang;
    let label_w = Programme::ALL
        .iter()
        .map(|p| self::width(labels::programme_label(*p, lang)))
        .max()
        .unwrap_or(0);
    let wide_col = INDENT + TIME_W + GAP + label_w + GAP;
    let narrow = width.is_some_and(|w| w < wide_col + NARROW_TEXT_W);
    let mut out = String::new();
    // Every line is shown as on a terminal: a TAB or line break of the
    // schedule's text as its escape, never raw (see `crate::sanitize`).
    let mut line = |s: &str| {
        out.push_str(crate::sanitize::line(s).trim_end());
        out.push('\n');
    };
    // Lines of their own (heading, contact), wrapped to the whole width.
    let whole = |s: &str| match width {
        Some(w) => wrap(s, w),
        None => vec![s.to_owned()],
    };

    for l in whole(&format!("{} {}", sheet.station, sheet.heading())) {
        line(&l);
    }
    line(&sheet.range_label(lang.pick("至", " to ")));
    if let Some(note) = sheet.unannounced_note() {
        for l in whole(&bracketed(&note, lang)) {
            line(&l);
        }
    }
    for day in &sheet.days {
        line("");
        // A holiday's name can be long in English: wrapped like a heading.
        for l in whole(&day_title(day, lang)) {
            line(&l);
        }
        if day.items.is_empty() {
            line(&format!(
                "{}{}",
                " ".repeat(INDENT),
                lang.pick("（无活动）", "(nothing scheduled)")
            ));
        }
        let mut last_site: Option<&str> = None;
        for item in &day.items {
            // A sheet of several sites: each site's activities under its name.
            if let Some(site) = item.site.as_deref().filter(|s| last_site != Some(*s)) {
                let indent = " ".repeat(INDENT);
                line(&tr!(lang, "{indent}【{site}】", "{indent}[{site}]"));
                last_site = Some(site);
            }
            let head = format!(
                "{}{}{}{}{}",
                " ".repeat(INDENT),
                pad(&item.time(), TIME_W),
                " ".repeat(GAP),
                pad(item.label(lang), label_w),
                " ".repeat(GAP),
            );
            let pieces = pieces(item, lang);
            match width {
                None => line(&format!("{head}{}", pieces.join("  "))),
                Some(w) => {
                    for l in flow(&head, &pieces, w, narrow) {
                        line(&l);
                    }
                }
            }
        }
    }
    if let Some(contact) = &sheet.contact {
        line("");
        for l in whole(contact) {
            line(&l);
        }
    }
    out
}

/// The short form for a phone screen: each day that has activities, then
/// one short line per activity: start time, title, place (or why it is
/// not held). No programme names, details or empty days.
pub fn render_short(sheet: &WeekSheet) -> String {
    let lang = sheet.lang;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(crate::sanitize::line(s).trim_end());
        out.push('\n');
    };
    line(&sheet.station);
    let range = sheet.range_label(lang.pick("至", " to "));
    line(&tr!(lang, "{range}活动", "{range} activities"));
    for day in sheet.days.iter().filter(|d| !d.items.is_empty()) {
        line("");
        line(&day_title(day, lang));
        for item in &day.items {
            let mut l = item.occurrence.start.format("%H:%M").to_string();
            l.push(' ');
            l.push_str(item.title.as_deref().unwrap_or(item.label(lang)));
            if let Some(site) = &item.site {
                l.push_str(&bracketed(site, lang));
            }
            if let Some(status) = &item.status {
                l.push(' ');
                l.push_str(status);
            } else if let Some(place) = &item.place {
                l.push(' ');
                l.push_str(place);
            }
            line(&l);
        }
    }
    out
}

/// `（…）` / `(…)`.
fn bracketed(s: &str, lang: Lang) -> String {
    tr!(lang, "（{s}）", "({s})")
}

/// A day's heading with its holiday mark, if any.
fn day_title(day: &SheetDay, lang: Lang) -> String {
    match &day.holiday {
        Some(h) => format!("{}  {h}", day_heading(day.date, lang)),
        None => day_heading(day.date, lang),
    }
}

/// The title, then status, details and place, each in its shown form.
/// These are one-line values: a line break in one is shown as `\n`, the
/// same with or without a width, never a line of its own.
fn pieces(item: &SheetItem, lang: Lang) -> Vec<String> {
    let one_line = |s: String| crate::sanitize::line(&s).into_owned();
    let mut pieces: Vec<String> = item.title_with_note(lang).into_iter().collect();
    pieces.extend(item.status.clone());
    if !item.is_skipped() {
        let colon = lang.pick("：", ": ");
        pieces.extend(
            item.facts
                .iter()
                .map(|f| format!("{}{colon}{}", f.label, f.value)),
        );
        if let Some(p) = &item.place {
            pieces.push(tr!(lang, "地点：{p}", "Place: {p}"));
        }
    }
    pieces.into_iter().map(one_line).collect()
}

/// An activity's lines at width `w`: `head` (time and programme), then the
/// pieces, two spaces apart, on as many lines as needed. A piece is split
/// only when it is longer than a line; continuation lines are indented by
/// [`CONT_INDENT`]. When `narrow`, the head stands alone.
fn flow(head: &str, pieces: &[String], w: usize, narrow: bool) -> Vec<String> {
    let indent = " ".repeat(CONT_INDENT);
    let mut lines = Vec::new();
    let mut cur = head.to_owned();
    if narrow {
        lines.push(std::mem::replace(&mut cur, indent.clone()));
    }
    let mut has_piece = false;
    for piece in pieces {
        let sep = if has_piece { "  " } else { "" };
        if width(&cur) + sep.len() + width(piece) <= w {
            cur.push_str(sep);
            cur.push_str(piece);
            has_piece = true;
            continue;
        }
        if has_piece {
            lines.push(std::mem::replace(&mut cur, indent.clone()));
            if width(&cur) + width(piece) <= w {
                cur.push_str(piece);
                continue;
            }
        }
        // Longer than the room left: its first part here, the rest on
        // continuation lines.
        let room = w.saturating_sub(width(&cur)).max(1);
        let first = wrap(piece, room).into_iter().next().unwrap_or_default();
        // The first line of a wrapped piece is its start (pieces are in
        // their shown form already): the rest follows it.
        let rest = match piece.strip_prefix(first.as_str()) {
            Some(rest) if !first.is_empty() => {
                cur.push_str(&first);
                rest.trim_start()
            }
            _ => {
                if width(&cur) > CONT_INDENT {
                    lines.push(std::mem::replace(&mut cur, indent.clone()));
                }
                piece.as_str()
            }
        };
        if !rest.is_empty() {
            let mut parts = wrap(rest, w - CONT_INDENT).into_iter();
            if cur.trim().is_empty()
                && let Some(p) = parts.next()
            {
                cur.push_str(&p);
            }
            for part in parts {
                lines.push(std::mem::replace(&mut cur, format!("{indent}{part}")));
            }
        }
        has_piece = true;
    }
    lines.push(cur);
    lines
}

/// The day heading of the text form: `11月25日 周三` / `Wed 25 Nov`.
pub fn day_heading(date: NaiveDate, lang: Lang) -> String {
    let (d, w) = (labels::short_date(date, lang), labels::weekday(date, lang));
    tr!(lang, "{d} {w}", "{w} {d}")
}
