//! The month as one HTML page for the notice board: A4 landscape, a grid
//! of weeks (Monday first), each date with its holiday mark (休 / 班 and the
//! festival), its lunar mark when the sheet has one, and every activity as
//! a line of start time, programme marker and title; above the grid, the
//! month's 乐淘淘 themed day.
//!
//! The sheet is a [`WeekSheet`] whose range is the month
//! ([`super::sheet::month_range`]). As on the week sheet, the type is the
//! largest that lets every date's activities fit their cell, the same for
//! the month, no larger than 13 pt; a crowded date below 8 pt shrinks alone
//! (to 6.5 pt). A date too crowded even then makes its week's row taller,
//! and the browser carries the rows that no longer fit to a second page
//! (rows are never cut, the weekday row is repeated).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::html::{self, escape};
use super::measure::ems;
use super::sheet::{SheetDay, SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::{Programme, labels};
use crate::tr;

const MONTH_CSS: &str = r"
.month header { display: flex; align-items: center; justify-content: space-between;
  gap: 4mm; height: 26mm; margin: 0 0 1.5mm; border-bottom: 0.8mm solid #000; padding-bottom: 1mm; }
.month h1 { font-size: 26pt; line-height: 1.15; letter-spacing: 1pt; }
.month .range { font-size: 19pt; line-height: 1.2; margin-top: 1mm; }
.month .range .what { margin-right: 3mm; }
.theme { font-size: 13pt; line-height: 1.3; height: 9mm; overflow: hidden; margin: 0 0 1.5mm;
  padding: 1mm 2mm; border: 0.4mm solid #1e6b2c; border-left: 2mm solid #1e6b2c; white-space: nowrap; }
.theme b { font-size: 14pt; }
table.month { width: 100%; table-layout: fixed; border-collapse: collapse; }
table.month th { font-size: 12pt; padding: 0.6mm 1.5mm; text-align: left; background: #f2f2f2;
  border: 0.3mm solid #444; height: 7mm; }
table.month th.weekend { background: #dcdcdc; }
table.month tr { break-inside: avoid; }
table.month td { border: 0.3mm solid #444; vertical-align: top; padding: 0.6mm 0.8mm;
  overflow-wrap: anywhere; }
table.month td.out { background: #f4f4f4; }
table.month td.weekend { background: #fafafa; }
table.month td.off { background: #eee; }
.dh { display: flex; align-items: baseline; gap: 1.2mm; line-height: 1.1; margin: 0 0 0.6mm; font-size: 10pt; }
.dh .num { font-size: 15pt; font-weight: 700; }
.dh .hol { font-weight: 700; border: 0.3mm solid #000; border-radius: 1mm; padding: 0 0.8mm; white-space: nowrap; overflow: hidden; }
.dh .lunar { margin-left: auto; white-space: nowrap; }
.mi { line-height: 1.2; margin: 0 0 0.4mm; border-left: 0.8mm solid #000; padding-left: 0.6mm; }
.mi.film { border-left-color: #b3261e; }
.mi.service { border-left-color: #1e6b2c; }
.mi.lecture { border-left-color: #1f4e99; }
.mi.event { border-left-color: #6b3d8f; }
.mi .time { font-weight: 700; }
.mi .mk { font-size: 0.85em; }
.mi .t { font-weight: 700; }
.mi .st { font-weight: 700; }
.mi.skipped { border-left-style: dashed; }
.mi.skipped .t { text-decoration: line-through; font-weight: 400; }
.month footer { font-size: 10pt; }
.month .legend .mk { font-size: 10pt; }
";

/// Height of the grid of five weeks (mm): the page's 190 less the heading
/// (28.5), the theme line (11.5), the weekday row (7) and the footer (13),
/// less 4 to spare.
const GRID_MM: f32 = 126.0;
/// A date's number line and the cell's padding (mm).
const CELL_HEAD_MM: f32 = 7.0;
/// Text width of an activity line in a cell (mm): a seventh of 277 mm less
/// the cell's padding and border and the line's rule, less a little.
const CELL_TEXT_MM: f32 = 35.0;
const LINE_HEIGHT: f32 = 1.2;
/// Below each activity line (mm).
const ITEM_GAP_MM: f32 = 0.4;
pub const CEILING_PT: f32 = 13.0;
pub const EVEN_FLOOR_PT: f32 = 8.0;
pub const MIN_PT: f32 = 6.5;

/// `2026年12月` / `December 2026`.
pub fn month_label(first: NaiveDate, lang: Lang) -> String {
    let (year, month, name) = (first.year(), first.month(), first.format("%B"));
    tr!(lang, "{year}年{month}月", "{name} {year}")
}

/// The weeks of the grid: Monday-first rows of seven, `None` outside the
/// sheet's range.
pub fn weeks(sheet: &WeekSheet) -> Vec<[Option<&SheetDay>; 7]> {
    let mut rows: Vec<[Option<&SheetDay>; 7]> = Vec::new();
    for day in &sheet.days {
        let col = day.date.weekday().num_days_from_monday() as usize;
        if rows.is_empty() || col == 0 {
            rows.push([None; 7]);
        }
        if let Some(row) = rows.last_mut() {
            row[col] = Some(day);
        }
    }
    rows
}

/// The text of an activity line as measured (the marker is about 1.5 em).
fn item_text(item: &SheetItem, lang: Lang) -> String {
    let mut s = format!("{} MM ", item.occurrence.start.format("%H:%M"));
    s.push_str(
        &item
            .title_with_note(lang)
            .unwrap_or_else(|| item.label(lang).to_owned()),
    );
    if let Some(st) = &item.status {
        s.push(' ');
        s.push_str(st);
    }
    s
}

fn cell_height_mm(items: &[SheetItem], lang: Lang, pt: f32) -> f32 {
    let em_mm = pt * html::MM_PER_PT;
    let per_line = (CELL_TEXT_MM / em_mm).floor().max(1.0);
    items
        .iter()
        .map(|i| {
            let lines = (ems(&item_text(i, lang)) / per_line).ceil().max(1.0);
            lines * LINE_HEIGHT * em_mm + ITEM_GAP_MM
        })
        .sum()
}

/// The type of each date of the sheet (pt), in the order of its days: the
/// largest size from [`CEILING_PT`] down at which every date fits its cell,
/// the same for the month, but no date pulls the month below
/// [`EVEN_FLOOR_PT`]; such a date gets its own size, at least [`MIN_PT`].
pub fn day_sizes(sheet: &WeekSheet) -> Vec<f32> {
    let budget = row_mm(weeks(sheet).len()) - CELL_HEAD_MM;
    let fit = |items: &[SheetItem]| {
        let mut pt = CEILING_PT;
        while pt > MIN_PT && cell_height_mm(items, sheet.lang, pt) > budget {
            pt -= 0.5;
        }
        pt
    };
    let fits: Vec<f32> = sheet.days.iter().map(|d| fit(&d.items)).collect();
    let even = fits
        .iter()
        .copied()
        .fold(CEILING_PT, f32::min)
        .max(EVEN_FLOOR_PT);
    fits.into_iter().map(|f| f.min(even)).collect()
}

/// The height of a week's row (mm) in a grid of `rows` weeks.
fn row_mm(rows: usize) -> f32 {
    GRID_MM / u8::try_from(rows.max(4)).map_or(f32::MAX, f32::from)
}

/// The line about the month's 乐淘淘 day(s): theme, date, time, place, and
/// the status when it is moved or not held.
pub fn service_day_lines(sheet: &WeekSheet) -> Vec<String> {
    let lang = sheet.lang;
    sheet
        .items_of(Programme::ServiceDay)
        .map(|i| {
            let o = &i.occurrence;
            let theme = i.title.clone().unwrap_or_else(|| labels::title(o, lang));
            let mut parts = vec![
                format!(
                    "{} {}",
                    labels::short_date(o.date, lang),
                    labels::weekday(o.date, lang)
                ),
                i.time(),
            ];
            parts.extend(i.place.clone());
            parts.extend(i.site.clone());
            parts.extend(i.status.clone());
            let (label, parts) = (i.label(lang), parts.join(lang.pick("　", " · ")));
            tr!(
                lang,
                "本月{label}：{theme}　{parts}",
                "{label} this month: {theme} · {parts}"
            )
        })
        .collect()
}

/// Renders the month sheet as a complete HTML document.
pub fn render(sheet: &WeekSheet) -> String {
    let lang = sheet.lang;
    let mut h = html::page_start(sheet, &format!("{}{MONTH_CSS}", html::CSS));
    h.push_str("<div class=\"month\">\n");
    let note = sheet
        .unannounced_note()
        .map(|n| format!("<span class=\"unannounced\">{}</span>", escape(&n)))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<header><div class=\"titles\"><h1>{}</h1><p class=\"range\"><span class=\"what\">{}</span>{}{note}</p></div>{}</header>",
        escape(&sheet.station),
        sheet.heading(),
        escape(&month_label(sheet.range.first, lang)),
        html::subscribe_box(sheet)
    );
    let themes = service_day_lines(sheet);
    if !themes.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"theme\">{}</div>",
            themes_html(sheet, &themes)
        );
    }
    h.push_str("<table class=\"month\">\n<thead><tr>");
    for (k, name) in weekday_names(lang).iter().enumerate() {
        let _ = write!(
            h,
            "<th{}>{name}</th>",
            if k >= 5 { " class=\"weekend\"" } else { "" }
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let sizes = day_sizes(sheet);
    let rows = weeks(sheet);
    let row_mm = row_mm(rows.len());
    for row in &rows {
        let _ = writeln!(h, "<tr style=\"height:{row_mm:.1}mm\">");
        for (k, cell) in row.iter().enumerate() {
            let Some(day) = cell else {
                h.push_str("<td class=\"out\"></td>\n");
                continue;
            };
            let i = sheet
                .days
                .iter()
                .position(|d| d.date == day.date)
                .unwrap_or(0);
            cell_html(
                &mut h,
                day,
                k >= 5,
                sizes.get(i).copied().unwrap_or(MIN_PT),
                lang,
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    html::footer(&mut h, sheet);
    h.push_str("</div>\n</main>\n</body>\n</html>\n");
    h
}

fn themes_html(sheet: &WeekSheet, lines: &[String]) -> String {
    // The theme itself in bold: it is what residents remember.
    let themes: Vec<String> = sheet
        .items_of(Programme::ServiceDay)
        .zip(lines)
        .map(|(i, line)| {
            let escaped = escape(line);
            match &i.title {
                Some(t) if !t.is_empty() => {
                    let t = escape(t);
                    escaped.replacen(&t, &format!("<b>{t}</b>"), 1)
                }
                _ => escaped,
            }
        })
        .collect();
    themes.join("<br>")
}

fn weekday_names(lang: Lang) -> [&'static str; 7] {
    let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    std::array::from_fn(|i| lang.pick(zh[i], en[i]))
}

fn cell_html(h: &mut String, day: &SheetDay, weekend: bool, pt: f32, lang: Lang) {
    let off = day
        .holiday
        .as_deref()
        .is_some_and(|m| m.starts_with('休') || m.starts_with("day off"));
    let class = if off {
        " class=\"off\""
    } else if weekend {
        " class=\"weekend\""
    } else {
        ""
    };
    let _ = write!(
        h,
        "<td{class} style=\"font-size:{pt}pt\"><div class=\"dh\"><span class=\"num\">{}</span>",
        day.date.day()
    );
    if let Some(m) = &day.holiday {
        let _ = write!(h, "<span class=\"hol\">{}</span>", escape(m));
    }
    if let Some(l) = &day.lunar {
        let _ = write!(h, "<span class=\"lunar\">{}</span>", escape(l));
    }
    h.push_str("</div>\n");
    for item in &day.items {
        let p = item.programme();
        let mut classes = vec!["mi", html::class(p)];
        if item.is_skipped() {
            classes.push("skipped");
        }
        let title = item
            .title_with_note(lang)
            .unwrap_or_else(|| item.label(lang).to_owned());
        let _ = write!(
            h,
            "<div class=\"{}\"><span class=\"time\">{}</span> <span class=\"mk\" title=\"{}\">{}</span><span class=\"t\">{}</span>",
            classes.join(" "),
            item.occurrence.start.format("%H:%M"),
            escape(item.label(lang)),
            escape(&html::marker(p, lang)),
            escape(&title)
        );
        if let Some(s) = &item.status {
            let _ = write!(h, " <span class=\"st\">{}</span>", escape(s));
        }
        h.push_str("</div>\n");
    }
    h.push_str("</td>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schedule;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_grid_starts_on_monday_and_holds_every_date() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let range = super::super::sheet::month_range(d(2026, 12, 15));
        let sheet = super::super::week_sheet(&Schedule::default(), range, d(2026, 12, 1), Lang::Zh);
        let rows = weeks(&sheet);
        assert_eq!(rows.len(), 5);
        assert!(rows[0][0].is_none());
        assert_eq!(rows[0][1].map(|x| x.date), Some(d(2026, 12, 1)));
        assert_eq!(rows[4][3].map(|x| x.date), Some(d(2026, 12, 31)));
        assert!(rows[4][4].is_none());
        let dates: usize = rows.iter().map(|r| r.iter().flatten().count()).sum();
        assert_eq!(dates, 31);
        assert_eq!(month_label(range.first, Lang::Zh), "2026年12月");
        assert_eq!(sheet.heading(), "月度活动安排");
    }
}
