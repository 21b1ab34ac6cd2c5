//! The week as one self-contained HTML page for the notice board: A4
//! landscape, seven day columns Monday first, readable in black and white.
//!
//! No scripts, no external fonts or images; every text from the schedule is
//! escaped. The type fills the page: the whole week gets the largest size
//! (up to 20 pt) at which every day's activities fit their column, so a
//! normal week reads from two metres; a crowded day that would pull the
//! rest below 11 pt shrinks alone, as far as it must (see [`day_sizes`]).

use std::fmt::Write as _;

use chrono::Datelike;

use super::sheet::{SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::labels;
use crate::tr;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A TAB or line break pasted into a title means a space on paper.
            '\t' | '\n' | '\r' => out.push(' '),
            // Anything else that would act unseen (a control, a bidi override
            // reversing the text) is printed visibly, as everywhere.
            c if crate::sanitize::shown_escaped(c) => {
                out.push_str(&crate::sanitize::escape(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The one-character marker of a programme on paper: a Chinese character
/// residents read at a glance, or the ASCII letter in English.
pub(super) fn marker(p: Programme, lang: Lang) -> String {
    let character = match p {
        Programme::Screening => "影",
        Programme::ServiceDay => "乐",
        Programme::Lecture => "课",
        Programme::Event => "活",
    };
    let letter = p.marker();
    tr!(lang, "{character}", "{letter}")
}

pub(super) fn class(p: Programme) -> &'static str {
    match p {
        Programme::Screening => "film",
        Programme::ServiceDay => "service",
        Programme::Lecture => "lecture",
        Programme::Event => "event",
    }
}

pub(super) const CSS: &str = r#"
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif;
  font-size: 10pt; line-height: 1.25;
}
.sheet { width: 277mm; }
@media screen {
  body { background: #d8d8d8; }
  .sheet { margin: 8mm auto; padding: 10mm; width: 297mm; background: #fff;
    box-shadow: 0 1mm 4mm rgba(0,0,0,.3); }
}
header { display: flex; align-items: baseline; gap: 6mm; margin: 0 0 2.5mm;
  border-bottom: 0.6mm solid #000; padding-bottom: 1.5mm; }
h1 { font-size: 17pt; margin: 0; font-weight: 700; letter-spacing: 0.5pt; }
.range { font-size: 13pt; margin: 0; font-weight: 700; }
.range .what { font-weight: 400; margin-right: 2mm; }
table.week { width: 100%; table-layout: fixed; border-collapse: collapse; }
table.week th, table.week td { border: 0.3mm solid #444; }
table.week th { padding: 1mm 1.2mm; text-align: left; font-weight: 400; background: #f2f2f2; }
table.week th.weekend { background: #dcdcdc; }
th .wd { font-size: 12pt; font-weight: 700; margin-right: 1.5mm; }
th .date { font-size: 10pt; }
th .hol { display: block; font-size: 8pt; font-weight: 700; border: 0.3mm solid #000; border-radius: 1mm; padding: 0 1mm; margin-top: 0.5mm; }
table.week td { vertical-align: top; padding: 1.2mm; height: 152mm;
  overflow-wrap: anywhere; word-break: normal; }
.act { border: 0.25mm solid #777; border-left: 1.2mm solid #000; border-radius: 0.8mm;
  padding: 0.8mm 1.2mm; margin: 0 0 1.2mm; break-inside: avoid; }
.act.film { border-left-color: #b3261e; }
.act.service { border-left-color: #1e6b2c; }
.act.lecture { border-left-color: #1f4e99; }
.act.event { border-left-color: #6b3d8f; }
.when { font-size: 0.92em; }
.time { font-weight: 700; }
.prog { white-space: nowrap; }
.mk { display: inline-block; min-width: 1.35em; padding: 0 0.15em; margin-right: 0.2em;
  text-align: center; font-weight: 700; color: #fff; background: #000;
  border: 0.2mm solid #000; border-radius: 0.5mm; line-height: 1.2; }
.film .mk, .mk.film { background: #b3261e; border-color: #b3261e; }
.service .mk, .mk.service { background: #1e6b2c; border-color: #1e6b2c; }
.lecture .mk, .mk.lecture { background: #1f4e99; border-color: #1f4e99; }
.event .mk, .mk.event { background: #6b3d8f; border-color: #6b3d8f; }
.title { font-size: 1.08em; font-weight: 700; margin-top: 0.3mm; }
.title .note { font-weight: 400; }
.fact, .place, .status { font-size: 0.92em; }
.fact .k, .place .k { font-weight: 700; }
.status { font-weight: 700; margin-top: 0.3mm; }
.act.skipped { border-style: dashed; border-left-style: dashed; }
.act.skipped .title { text-decoration: line-through; font-weight: 400; }
.act.skipped .status { border: 0.3mm solid #000; padding: 0 0.8mm; display: inline-block; }
.none { color: #444; font-size: 9pt; }
footer { margin-top: 2mm; font-size: 8.5pt; }
.legend { display: flex; flex-wrap: wrap; gap: 1mm 5mm; align-items: center; }
.legend .mk { font-size: 8.5pt; }
.legend .skip-sample { border: 0.3mm dashed #000; padding: 0 1mm; margin-right: 1mm; font-weight: 700; }
.foot { display: flex; justify-content: space-between; gap: 6mm;
  border-top: 0.3mm solid #000; margin-top: 1.2mm; padding-top: 1mm; }
.unannounced { font-size: 11pt; font-weight: 400; margin-left: 4mm;
  border: 0.3mm solid #000; padding: 0 1.5mm; white-space: nowrap; }
.subscribe { display: flex; align-items: center; gap: 2mm; font-size: 10pt;
  line-height: 1.3; text-align: right; }
.subscribe p { margin: 0; font-weight: 700; }
.subscribe svg { display: block; flex: none; }
.lunar { font-size: 10pt; margin-left: 1.5mm; }
"#;

/// One station's week: a large heading (the station, the week) with the
/// QR code at its right, and day columns filling the rest of the page.
/// The heights add up to the page's 190 mm: heading 29, day row 15,
/// columns 129, footer 13, leaving 4 to spare.
pub(super) const SOLO_CSS: &str = r"
.solo header { display: flex; align-items: center; justify-content: space-between;
  gap: 4mm; height: 26mm; margin: 0 0 2mm; border-bottom: 0.8mm solid #000; padding-bottom: 1mm; }
.solo h1 { font-size: 28pt; line-height: 1.15; letter-spacing: 1pt; }
.solo .range { font-size: 19pt; line-height: 1.2; margin-top: 1mm; }
.solo .range .what { margin-right: 3mm; }
.solo table.week th { height: 15mm; vertical-align: top; }
.solo th .wd { font-size: 16pt; }
.solo th .date { font-size: 12pt; }
.solo th .hol { font-size: 10.5pt; }
.solo table.week td { height: 129mm; padding: 1.2mm 0.8mm; }
.solo .act { padding: 0.8mm 0.8mm; }
.solo .none { font-size: 12pt; }
.solo footer { font-size: 10pt; }
.solo .legend .mk { font-size: 10pt; }
";

/// The document up to the opening of the sheet: doctype, title, style.
pub(crate) fn page_start(sheet: &WeekSheet, css: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(h, "<html lang=\"{}\">", sheet.lang.pick("zh-CN", "en"));
    h.push_str("<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        h,
        "<title>{} {} {}</title>",
        escape(&sheet.station),
        sheet.heading(),
        escape(&sheet.range_label("—"))
    );
    let _ = writeln!(
        h,
        "<style>{css}</style>\n</head>\n<body>\n<main class=\"sheet\">"
    );
    h
}

pub fn render(sheet: &WeekSheet) -> String {
    if sheet.sites.len() > 1 {
        return super::network::render_html(sheet);
    }
    let lang = sheet.lang;
    let range = sheet.range_label("—");
    let mut h = page_start(sheet, &format!("{CSS}{SOLO_CSS}"));
    h.push_str("<div class=\"solo\">\n");
    let note = sheet
        .unannounced_note()
        .map(|n| format!("<span class=\"unannounced\">{}</span>", escape(&n)))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<header><div class=\"titles\"><h1>{}</h1><p class=\"range\"><span class=\"what\">{}</span>{}{note}</p></div>{}</header>",
        escape(&sheet.station),
        sheet.heading(),
        escape(&range),
        subscribe_box(sheet)
    );
    h.push_str("<table class=\"week\">\n<thead><tr>");
    for day in &sheet.days {
        let weekend = day.date.weekday().num_days_from_monday() >= 5;
        let _ = write!(
            h,
            "<th{}><span class=\"wd\">{}</span><span class=\"date\">{}</span>{}{}</th>",
            if weekend { " class=\"weekend\"" } else { "" },
            labels::weekday(day.date, lang),
            labels::short_date(day.date, lang),
            day.lunar.as_ref().map_or_else(String::new, |l| format!(
                "<span class=\"lunar\">{}</span>",
                escape(l)
            )),
            day.holiday.as_ref().map_or_else(String::new, |h| format!(
                "<span class=\"hol\">{}</span>",
                escape(h)
            ))
        );
    }
    h.push_str("</tr></thead>\n<tbody><tr>\n");
    for (day, pt) in sheet.days.iter().zip(day_sizes(sheet)) {
        let _ = writeln!(h, "<td style=\"font-size:{pt}pt\">");
        if day.items.is_empty() {
            let _ = writeln!(
                h,
                "<div class=\"none\">{}</div>",
                lang.pick("无活动", "Nothing scheduled")
            );
        }
        for item in &day.items {
            activity(&mut h, item, lang);
        }
        h.push_str("</td>\n");
    }
    h.push_str("</tr></tbody>\n</table>\n");
    footer(&mut h, sheet);
    h.push_str("</div>\n</main>\n</body>\n</html>\n");
    h
}

/// The QR code of the station's calendar address with a line saying what
/// it is for; empty without an address (or one too long for a code).
pub(super) fn subscribe_box(sheet: &WeekSheet) -> String {
    let Some(url) = sheet.subscribe_url.as_deref() else {
        return String::new();
    };
    let Some(qr) = super::qr::Qr::new(url) else {
        return String::new();
    };
    format!(
        "<div class=\"subscribe\"><p>{}</p>{}</div>",
        sheet
            .lang
            .pick("扫码订阅<br>活动日历", "Scan to add<br>to your calendar"),
        qr.svg_element("22mm")
    )
}

fn activity(h: &mut String, item: &SheetItem, lang: Lang) {
    let p = item.programme();
    let mut classes = vec!["act", class(p)];
    if item.is_skipped() {
        classes.push("skipped");
    } else if item.status.is_some() {
        classes.push("moved");
    }
    let _ = writeln!(h, "<div class=\"{}\">", classes.join(" "));
    let _ = writeln!(
        h,
        "<div class=\"when\"><span class=\"time\">{}</span> <span class=\"prog\"><span class=\"mk\">{}</span>{}</span></div>",
        item.time(),
        escape(&marker(p, lang)),
        item.label(lang)
    );
    if let Some(title) = &item.title {
        let _ = write!(h, "<div class=\"title\">{}", escape(title));
        if let Some(n) = &item.title_note {
            let note = tr!(lang, "（{n}）", " ({n})");
            let _ = write!(h, "<span class=\"note\">{}</span>", escape(&note));
        }
        h.push_str("</div>\n");
    }
    if let Some(s) = &item.status {
        let _ = writeln!(h, "<div class=\"status\">{}</div>", escape(s));
    }
    if item.is_skipped() {
        // The reason is what matters; who and where would only confuse.
        h.push_str("</div>\n");
        return;
    }
    let colon = lang.pick("：", ": ");
    for f in &item.facts {
        let _ = writeln!(
            h,
            "<div class=\"fact\"><span class=\"k\">{}{colon}</span>{}</div>",
            escape(f.label),
            escape(&f.value)
        );
    }
    if let Some(place) = &item.place {
        let _ = writeln!(
            h,
            "<div class=\"place\"><span class=\"k\">{}{colon}</span>{}</div>",
            lang.pick("地点", "Place"),
            escape(place)
        );
    }
    h.push_str("</div>\n");
}

pub(super) fn footer(h: &mut String, sheet: &WeekSheet) {
    let lang = sheet.lang;
    h.push_str("<footer>\n<div class=\"legend\">");
    for p in Programme::ALL {
        let _ = write!(
            h,
            "<span><span class=\"mk {}\">{}</span>{}</span>",
            class(p),
            escape(&marker(p, lang)),
            labels::programme_label(p, lang)
        );
    }
    let _ = write!(
        h,
        "<span><span class=\"skip-sample\">{}</span>{}</span>",
        lang.pick("暂停：原因", "skipped: reason"),
        lang.pick(
            "虚线框：本次暂停，写明原因",
            "dashed box: not held this time, with the reason"
        )
    );
    h.push_str("</div>\n<div class=\"foot\">");
    let _ = write!(
        h,
        "<span>{}</span><span>{}</span>",
        sheet.contact.as_deref().map(escape).unwrap_or_default(),
        escape(&sheet.printed_label())
    );
    h.push_str("</div>\n</footer>\n");
}

/// Font sizes a day column of a network's sheet may use, largest first (points).
pub(super) const SIZES: [f32; 13] = [
    11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0,
];
/// Millimetres per point.
pub(super) const MM_PER_PT: f32 = 25.4 / 72.0;
/// Width of the text inside an activity box in a day column (mm): a
/// seventh of 277 mm, less the cell's and the box's borders and padding
/// (34.6 mm with [`SOLO_CSS`]), less a little for safety.
const TEXT_W_MM: f32 = 34.0;
/// Height a day column of a network's sheet may fill (mm): its cell's 152
/// mm less padding and a safety margin.
pub(super) const BUDGET_MM: f32 = 142.0;
/// Height a day column of one station's sheet may fill (mm): its cell's
/// 129 mm (the page's 190 less the large heading, the day row and the
/// footer, see [`SOLO_CSS`]) less padding and a safety margin.
const SOLO_BUDGET_MM: f32 = 122.0;
/// A box's borders, padding and the gap below it (mm).
const BOX_MM: f32 = 4.0;
pub(super) const LINE_HEIGHT: f32 = 1.25;
/// The largest type of one station's week (pt): more would break the
/// narrow columns after every few characters.
pub const CEILING_PT: f32 = 20.0;
/// The size a crowded day does not pull the rest of the week below (pt).
pub const EVEN_FLOOR_PT: f32 = 11.0;
/// The smallest type of a crowded day (pt).
pub const MIN_PT: f32 = 5.0;

/// The type of each day column of one station's week (pt): the largest
/// size from [`CEILING_PT`] down in half points at which every day fits,
/// the same for the whole week; but no day pulls the week below
/// [`EVEN_FLOOR_PT`]: a day that does not fit even then gets its own
/// largest fitting size (at least [`MIN_PT`]).
pub fn day_sizes(sheet: &WeekSheet) -> Vec<f32> {
    let lang = sheet.lang;
    let fit = |items: &[SheetItem]| {
        let mut pt = CEILING_PT;
        while pt > MIN_PT && day_height_mm(items, lang, pt) > SOLO_BUDGET_MM {
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

fn day_height_mm(items: &[SheetItem], lang: Lang, pt: f32) -> f32 {
    let colon = lang.pick("：", ": ");
    items
        .iter()
        .map(|item| {
            let mut lines = 0.0;
            let mut text = |s: &str, scale: f32| {
                lines += wrapped_lines(s, pt * scale) * scale;
            };
            // The marker box takes about two ems.
            let when = format!("{} MM{}", item.time(), item.label(lang));
            text(&when, 0.92);
            if let Some(t) = item.title_with_note(lang) {
                text(&t, 1.08);
            }
            if let Some(s) = &item.status {
                text(s, 0.92);
            }
            if item.is_skipped() {
                return lines * LINE_HEIGHT * pt * MM_PER_PT + BOX_MM;
            }
            for f in &item.facts {
                text(&format!("{}{colon}{}", f.label, f.value), 0.92);
            }
            if let Some(p) = &item.place {
                text(&tr!(lang, "地点：{p}", "Place: {p}"), 0.92);
            }
            lines * LINE_HEIGHT * pt * MM_PER_PT + BOX_MM
        })
        .sum()
}

/// Lines `s` takes at `pt` points in an activity box.
fn wrapped_lines(s: &str, pt: f32) -> f32 {
    let em_per_line = (TEXT_W_MM / (pt * MM_PER_PT)).floor().max(1.0);
    (ems(s) / em_per_line).ceil().max(1.0)
}

pub(super) use super::measure::ems;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b>"石化" & 'co'</b>"#),
            "&lt;b&gt;&quot;石化&quot; &amp; &#39;co&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn tabs_and_breaks_are_spaces_and_other_controls_are_shown() {
        assert_eq!(escape("读书\t沙龙\r\n"), "读书 沙龙  ");
        assert_eq!(
            escape("a\u{1b}]0;x\u{7}\u{202e}b"),
            "a\\u{1b}]0;x\\u{7}\\u{202e}b"
        );
        assert_eq!(escape("👨\u{200d}👩"), "👨\u{200d}👩");
    }

    #[test]
    fn an_empty_week_gets_the_ceiling() {
        let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let sheet = super::super::week_sheet(
            &crate::model::Schedule::default(),
            crate::model::recurrence::DateRange::week_of(first),
            first,
            Lang::Zh,
        );
        assert_eq!(day_sizes(&sheet), vec![CEILING_PT; 7]);
    }

    #[test]
    fn wrapping_estimate_counts_chinese_as_one_em() {
        // At 10 pt a line holds 9 ems in 32.5 mm.
        assert!((wrapped_lines("开国大典", 10.0) - 1.0).abs() < f32::EPSILON);
        assert!(
            (wrapped_lines("从四史看石化街道社区精神的传承与发展", 10.0) - 2.0).abs()
                < f32::EPSILON
        );
    }
}
