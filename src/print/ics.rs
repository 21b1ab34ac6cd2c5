//! The sheet's activities as an iCalendar file (RFC 5545) for phones.
//!
//! - Times are local Shanghai times with `TZID=Asia/Shanghai` and a
//!   VTIMEZONE for it (fixed +08:00: China has no daylight saving time).
//! - Each activity keeps its UID across exports (see [`super::sheet`]), so
//!   importing next week's file again updates rather than duplicates.
//! - Skipped activities are exported with `STATUS:CANCELLED` (and the reason
//!   in the summary and description) rather than left out: a phone that
//!   imported the activity earlier then learns it is off.
//! - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
//!   character; text values escape `\`, `;`, `,` and line breaks.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

use super::sheet::{SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::{Detail, Programme};
use crate::tr;

const TZID: &str = "Asia/Shanghai";

/// The last year an iCalendar date can hold: `DATE` is exactly four digits.
pub const LAST_YEAR: i32 = 9999;

/// The first activity of the sheet whose date iCalendar cannot write (after
/// year 9999). Callers refuse such a sheet with a message; [`render`] never
/// writes one.
pub fn out_of_range(sheet: &WeekSheet) -> Option<NaiveDate> {
    sheet
        .items()
        .map(|i| i.occurrence.date)
        .find(|d| d.year() > LAST_YEAR || d.year() < 1)
}

/// Renders every activity of the sheet as a VEVENT. `stamp` is when the
/// file is made (the required `DTSTAMP`). Activities past year 9999 are
/// left out (see [`out_of_range`]): `+10000…` is not an iCalendar date.
pub fn render(sheet: &WeekSheet, stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut put = |name: &str, value: &str| out.push_str(&fold(&format!("{name}:{value}")));
    put("BEGIN", "VCALENDAR");
    put("VERSION", "2.0");
    put("PRODID", "-//stationcal//stationcal//ZH");
    put("CALSCALE", "GREGORIAN");
    put("METHOD", "PUBLISH");
    put("X-WR-CALNAME", &escape(&sheet.station));
    put("X-WR-TIMEZONE", TZID);
    put("BEGIN", "VTIMEZONE");
    put("TZID", TZID);
    put("BEGIN", "STANDARD");
    put("DTSTART", "19700101T000000");
    put("TZOFFSETFROM", "+0800");
    put("TZOFFSETTO", "+0800");
    put("TZNAME", "CST");
    put("END", "STANDARD");
    put("END", "VTIMEZONE");
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for item in sheet.items() {
        let o = &item.occurrence;
        if !(1..=LAST_YEAR).contains(&o.date.year()) {
            continue;
        }
        put("BEGIN", "VEVENT");
        put("UID", &escape(&item.uid));
        put("DTSTAMP", &stamp);
        put(&format!("DTSTART;TZID={TZID}"), &local(o.date, o.start));
        if o.end > o.start {
            put(&format!("DTEND;TZID={TZID}"), &local(o.date, o.end));
        }
        put("SUMMARY", &escape(&summary(item, sheet.lang)));
        let station = sheet.site_name(o.site).unwrap_or(&sheet.station);
        if let Some(loc) = location(item, station) {
            put("LOCATION", &escape(&loc));
        }
        let desc = description(item, sheet.lang);
        if !desc.is_empty() {
            put("DESCRIPTION", &escape(&desc));
        }
        put("CATEGORIES", &escape(item.label(sheet.lang)));
        put(
            "STATUS",
            if item.is_skipped() {
                "CANCELLED"
            } else {
                "CONFIRMED"
            },
        );
        put("END", "VEVENT");
    }
    put("END", "VCALENDAR");
    out
}

fn local(date: NaiveDate, time: NaiveTime) -> String {
    format!("{}T{}", date.format("%Y%m%d"), time.format("%H%M%S"))
}

/// `电影放映：焦裕禄`; an event by its title alone; a skipped one marked.
fn summary(item: &SheetItem, lang: Lang) -> String {
    let label = item.label(lang);
    let what = match &item.title {
        Some(t) if item.programme() == Programme::Event => t.clone(),
        Some(t) => tr!(lang, "{label}：{t}", "{label}: {t}"),
        None => label.to_owned(),
    };
    if item.is_skipped() {
        tr!(lang, "【暂停】{what}", "[Skipped] {what}")
    } else {
        what
    }
}

/// A room is named with the station (a phone shows it without context); a
/// place elsewhere is named alone.
fn location(item: &SheetItem, station: &str) -> Option<String> {
    match &item.occurrence.room {
        Some(room) => Some(format!("{station} {room}")),
        None => item.place.clone(),
    }
}

/// Status, details and the schedule's notes, one per line.
fn description(item: &SheetItem, lang: Lang) -> String {
    let colon = lang.pick("：", ": ");
    let mut lines: Vec<String> = item.status.iter().cloned().collect();
    if let Some(film) = item
        .title_with_note(lang)
        .filter(|_| item.title_note.is_some())
    {
        lines.push(tr!(lang, "影片：{film}", "Film: {film}"));
    }
    lines.extend(
        item.facts
            .iter()
            .map(|f| format!("{}{colon}{}", f.label, f.value)),
    );
    match &item.occurrence.detail {
        Detail::Screening { note: Some(n), .. } | Detail::Event { note: Some(n), .. } => {
            lines.push(n.clone());
        }
        Detail::Lecture {
            summary: Some(s), ..
        } => lines.push(s.clone()),
        _ => {}
    }
    lines.join("\n")
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            // A TAB pasted into a title means a space.
            '\t' => out.push(' '),
            // Other controls are not allowed in TEXT; they and bidi or
            // invisible characters are shown as their escapes, as everywhere.
            c if crate::sanitize::shown_escaped(c) => {
                out.push_str(&crate::sanitize::escape(c).replace('\\', "\\\\"));
            }
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than 75 octets (a
/// continuation line's leading space included), never inside a UTF-8
/// character, each ending in CRLF.
pub fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / MAX * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_specials() {
        assert_eq!(escape(r"a,b;c\d"), r"a\,b\;c\\d");
        assert_eq!(escape("一行\n二行\r\n三行"), r"一行\n二行\n三行");
        assert_eq!(escape("“8+3”夜间志愿服务"), "“8+3”夜间志愿服务");
        assert_eq!(escape("tab\there"), "tab here");
        // Nothing can end the line early and start a property of its own.
        assert_eq!(
            escape("标题\rDTSTART:19700101\nX\u{1b}\u{202e}"),
            r"标题\nDTSTART:19700101\nX\\u{1b}\\u{202e}"
        );
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:焦裕禄"), "SUMMARY:焦裕禄\r\n");
        let exact = format!("X:{}", "a".repeat(73));
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!(
            "DESCRIPTION:{}",
            "我深爱的这座城，我与石化的这些年。".repeat(8)
        );
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 5);
        for (i, p) in parts.iter().enumerate() {
            assert!(p.len() <= 75, "line {i} has {} octets", p.len());
            if i > 0 {
                assert!(p.starts_with(' '));
            }
        }
        // Each line is filled: the next character would not have fitted.
        for w in parts.windows(2) {
            let next = w[1][1..].chars().next().expect("continuation has text");
            assert!(w[0].len() + next.len_utf8() > 75);
        }
        // Unfolding gives back the line.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }

    #[test]
    fn folding_handles_four_byte_characters() {
        let line = format!("SUMMARY:{}", "𠮷".repeat(40));
        let folded = fold(&line);
        for p in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(p.len() <= 75);
        }
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }
}
