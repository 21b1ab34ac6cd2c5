//! The week as a plain-text message for the residents' chat group and the
//! terminal: a heading, then each day with its activities.
//!
//! Columns line up by display width (a Chinese character takes two columns).
//! The layout itself uses no box drawing and no ambiguous-width symbols
//! (“ ” — … · ★), which many Chinese terminals and fonts draw at another
//! width; only the schedule's own text may contain them. No character of
//! that text reaches the output raw if it could act on a terminal or
//! start a line: such characters are shown as escapes (`\t`).

use chrono::NaiveDate;

use super::sheet::{SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::labels;
use crate::textwidth::{pad, width, wrap};

/// Left margin of an activity line.
const INDENT: usize = 2;
/// Between columns.
const GAP: usize = 2;
/// `14:00-16:00`.
const TIME_W: usize = 11;
/// Below this many columns for the text, it goes under the time instead.
const NARROW_TEXT_W: usize = 20;
/// Left margin of the text in the narrow layout.
const NARROW_INDENT: usize = 4;

/// Renders the sheet. Without `width`, every activity keeps its lines
/// whole, which reads best once pasted into a chat. With `width`, long
/// titles and details wrap inside their column; when that column would be
/// narrower than 20, the text goes on its own lines under the time and
/// programme. Lines then fit `width` for any width from 30 up.
pub fn render(sheet: &WeekSheet, width: Option<usize>) -> String {
    let lang = sheet.lang;
    let label_w = Programme::ALL
        .iter()
        .map(|p| self::width(labels::programme_label(*p, lang)))
        .max()
        .unwrap_or(0);
    let wide_col = INDENT + TIME_W + GAP + label_w + GAP;
    let narrow = width.is_some_and(|w| w < wide_col + NARROW_TEXT_W);
    let text_col = if narrow { NARROW_INDENT } else { wide_col };
    let text_w = width.map(|w| w.saturating_sub(text_col).max(1));
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
    for day in &sheet.days {
        line("");
        match &day.holiday {
            Some(h) => line(&format!("{}  {h}", day_heading(day.date, lang))),
            None => line(&day_heading(day.date, lang)),
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
                line(&format!("{}【{site}】", " ".repeat(INDENT)));
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
            let body = body_lines(item, lang, text_w);
            if narrow {
                line(&head);
            }
            for (i, text) in body.iter().enumerate() {
                if i == 0 && !narrow {
                    line(&format!("{head}{text}"));
                } else {
                    line(&format!("{}{text}", " ".repeat(text_col)));
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

/// The title, then status, details and place, two spaces apart. With a
/// width, each line fits it: details go on as many lines as needed, never
/// split unless one alone is too long.
///
/// These are one-line values: a line break in one is shown as `\n`, the
/// same with or without a width, never a line of its own.
fn body_lines(item: &SheetItem, lang: Lang, width: Option<usize>) -> Vec<String> {
    let one_line = |s: String| crate::sanitize::line(&s).into_owned();
    let mut details = Vec::new();
    details.extend(item.status.clone());
    if !item.is_skipped() {
        let colon = lang.pick("：", ": ");
        details.extend(
            item.facts
                .iter()
                .map(|f| format!("{}{colon}{}", f.label, f.value)),
        );
        if let Some(p) = &item.place {
            details.push(format!("{}{colon}{p}", lang.pick("地点", "Place")));
        }
    }
    let details: Vec<String> = details.into_iter().map(one_line).collect();
    let title = item.title_with_note(lang).map(one_line);
    let Some(w) = width else {
        let mut lines: Vec<String> = title.into_iter().collect();
        if !details.is_empty() {
            lines.push(details.join("  "));
        }
        return lines;
    };
    let mut lines = title.map(|t| wrap(&t, w)).unwrap_or_default();
    let mut current = String::new();
    for d in details {
        if self::width(&d) > w {
            // Too long for a line: on lines of its own.
            lines.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            lines.extend(wrap(&d, w));
        } else if current.is_empty() {
            current = d;
        } else if self::width(&current) + 2 + self::width(&d) <= w {
            current.push_str("  ");
            current.push_str(&d);
        } else {
            lines.push(std::mem::replace(&mut current, d));
        }
    }
    lines.extend((!current.is_empty()).then_some(current));
    lines
}

/// The day heading of the text form: `11月25日 周三` / `Wed 25 Nov`.
pub fn day_heading(date: NaiveDate, lang: Lang) -> String {
    let (d, w) = (labels::short_date(date, lang), labels::weekday(date, lang));
    match lang {
        Lang::Zh => format!("{d} {w}"),
        Lang::En => format!("{w} {d}"),
    }
}
