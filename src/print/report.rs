//! The report of a period ([`crate::model::report`]) as text for the
//! terminal and the chat group, CSV for any spreadsheet, and an A4
//! portrait HTML page for paper. (The workbook is [`super::xlsx`].)
//! Pure: strings in, strings out.

use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::report::{Figures, LedgerRow, Period, Report, SkippedRow};
use crate::model::values::SpeakerGroup;
use crate::tr;

/// The ledger's columns: (Chinese, English).
pub const LEDGER_HEADERS: [(&str, &str); 14] = [
    ("日期", "Date"),
    ("开始", "Start"),
    ("结束", "End"),
    ("站点", "Site"),
    ("项目", "Programme"),
    ("题目", "Title"),
    ("地点", "Place"),
    ("主讲人", "Speaker"),
    ("主讲人类别", "Speaker group"),
    ("报名人数", "Signed up"),
    ("实到人数", "Attended"),
    ("服务人次", "Served"),
    ("记录人", "Recorded by"),
    ("活动小结", "Summary"),
];

/// The skipped list's columns.
pub const SKIPPED_HEADERS: [(&str, &str); 5] = [
    ("日期", "Date"),
    ("站点", "Site"),
    ("项目", "Programme"),
    ("题目", "Title"),
    ("暂停原因", "Reason"),
];

pub fn headers(cols: &[(&'static str, &'static str)], lang: Lang) -> Vec<&'static str> {
    cols.iter().map(|(zh, en)| lang.pick(zh, en)).collect()
}

fn group_name(g: SpeakerGroup, lang: Lang) -> &'static str {
    lang.pick(g.zh(), g.en())
}

fn programme_name(p: Programme, lang: Lang) -> String {
    crate::model::labels::programme_label(p, lang).to_owned()
}

fn num(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// A ledger row as texts, in [`LEDGER_HEADERS`] order.
pub fn ledger_cells(row: &LedgerRow, lang: Lang) -> Vec<String> {
    vec![
        row.date.format("%Y-%m-%d").to_string(),
        row.start.format("%H:%M").to_string(),
        row.end.format("%H:%M").to_string(),
        row.site.clone(),
        programme_name(row.programme, lang),
        row.title.clone(),
        row.place.clone(),
        row.speaker.clone().unwrap_or_default(),
        row.group
            .map(|g| group_name(g, lang).to_owned())
            .unwrap_or_default(),
        num(row.signed_up),
        num(row.attended),
        num(row.served),
        row.recorded_by.clone().unwrap_or_default(),
        row.summary.clone().unwrap_or_default(),
    ]
}

/// A skipped activity as texts, in [`SKIPPED_HEADERS`] order.
pub fn skipped_cells(row: &SkippedRow, lang: Lang) -> Vec<String> {
    vec![
        row.date.format("%Y-%m-%d").to_string(),
        row.site.clone(),
        programme_name(row.programme, lang),
        row.title.clone(),
        row.reason.clone(),
    ]
}

/// The summary as sentences: 电影放映 4 场，观影 164 人次 …
pub fn summary_lines(f: &Figures, lang: Lang) -> Vec<String> {
    let (films, viewers) = (
        f.held_of(Programme::Screening),
        f.attended_of(Programme::Screening),
    );
    let (lectures, listeners) = (
        f.held_of(Programme::Lecture),
        f.attended_of(Programme::Lecture),
    );
    let by_group: Vec<String> = SpeakerGroup::ALL
        .iter()
        .zip(f.lectures_by_group)
        .map(|(g, n)| {
            let g = group_name(*g, lang);
            tr!(lang, "{g} {n} 场", "{g} {n}")
        })
        .collect();
    let by_group = by_group.join(lang.pick("、", ", "));
    let (days, served) = (f.held_of(Programme::ServiceDay), f.served);
    let (events, people) = (f.held_of(Programme::Event), f.attended_of(Programme::Event));
    let partners: Vec<&str> = f.partners.iter().map(String::as_str).collect();
    let partners = partners.join(lang.pick("、", ", "));
    let mut out = vec![
        tr!(
            lang,
            "电影放映 {films} 场，观影 {viewers} 人次",
            "Film screenings: {films}, {viewers} viewers"
        ),
        tr!(
            lang,
            "微党课 {lectures} 场（{by_group}），听课 {listeners} 人次",
            "Lectures: {lectures} ({by_group}), {listeners} listeners"
        ),
        tr!(
            lang,
            "乐淘淘 {days} 次，服务 {served} 人次",
            "Service days: {days}, {served} people served"
        ),
        tr!(
            lang,
            "其他活动 {events} 场，参加 {people} 人次",
            "Other activities: {events}, {people} participants"
        ),
    ];
    if !partners.is_empty() {
        out.push(tr!(lang, "联建单位：{partners}", "Partners: {partners}"));
    }
    if f.unrecorded > 0 {
        let n = f.unrecorded;
        out.push(tr!(
            lang,
            "其中 {n} 场尚未记录实到人数",
            "{n} of them without attendance recorded"
        ));
    }
    out
}

/// A ledger row as one line, each figure named: `2026-11-04 14:00-16:00
/// 电影放映 金刚川 多功能厅 报名 95 实到 88 记录人 王晓红 …`.
fn text_row(row: &LedgerRow, lang: Lang) -> String {
    let c = ledger_cells(row, lang);
    let mut line = format!("  {} {}-{}", c[0], c[1], c[2]);
    for cell in &c[3..7] {
        if !cell.is_empty() {
            line.push(' ');
            line.push_str(cell);
        }
    }
    if let Some(s) = &row.speaker {
        line.push_str(&tr!(lang, " 主讲 {s}", " speaker {s}"));
        if let Some(g) = row.group {
            let g = group_name(g, lang);
            line.push_str(&tr!(lang, "（{g}）", " ({g})"));
        }
    }
    let figures = [
        (row.signed_up, lang.pick("报名", "signed up")),
        (row.attended, lang.pick("实到", "attended")),
        (row.served, lang.pick("服务", "served")),
    ];
    for (n, word) in figures {
        if let Some(n) = n {
            line.push_str(&format!(" {word} {n}"));
        }
    }
    if let Some(w) = &row.recorded_by {
        line.push_str(&tr!(lang, " 记录人 {w}", " by {w}"));
    }
    if let Some(s) = &row.summary {
        line.push_str(&format!(" | {s}"));
    }
    line
}

/// `石化街道社区党群服务中心 活动台账 2026年11月`.
pub fn title(report: &Report, period: Period, lang: Lang) -> String {
    let (name, p) = (&report.name, period.label(lang));
    tr!(lang, "{name} 活动台账 {p}", "{name}: activity ledger, {p}")
}

pub fn text(report: &Report, period: Period, lang: Lang) -> String {
    let mut out = format!("{}\n\n", title(report, period, lang));
    out.push_str(lang.pick("【统计】\n", "[Summary]\n"));
    for l in summary_lines(&report.total, lang) {
        out.push_str(&format!("  {l}\n"));
    }
    if report.sites.len() > 1 {
        for (name, f) in &report.sites {
            out.push_str(&format!("\n  {name}\n"));
            for l in summary_lines(f, lang) {
                out.push_str(&format!("    {l}\n"));
            }
        }
    }
    let n = report.held.len();
    out.push_str(&tr!(lang, "\n【台账】共 {n} 场\n", "\n[Ledger] {n} held\n"));
    for row in &report.held {
        out.push_str(&crate::sanitize::line(&text_row(row, lang)));
        out.push('\n');
    }
    let n = report.skipped.len();
    out.push_str(&tr!(lang, "\n【暂停】共 {n} 场\n", "\n[Skipped] {n}\n"));
    for row in &report.skipped {
        let line = format!("  {}", skipped_cells(row, lang).join(" "));
        out.push_str(&crate::sanitize::line(&line));
        out.push('\n');
    }
    out
}

/// One CSV field: quoted when it holds a separator, a quote or a line
/// break (RFC 4180); a text a spreadsheet would run as a formula (`=`,
/// `+`, `-`, `@` first) is kept as text by a leading `'`.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(cells: &[String]) -> String {
    let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    fields.join(",") + "\r\n"
}

/// The ledger as CSV (one header row, one row per activity held), with
/// a byte-order mark so that Excel and WPS read it as UTF-8.
pub fn csv(report: &Report, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = headers(&LEDGER_HEADERS, lang)
        .into_iter()
        .map(str::to_owned)
        .collect();
    out.push_str(&csv_line(&head));
    for row in &report.held {
        out.push_str(&csv_line(&ledger_cells(row, lang)));
    }
    out
}

const CSS: &str = "@page { size: A4 portrait; margin: 12mm; }
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { border: 0.3mm solid #555; padding: 1mm; vertical-align: top; }
th { background: #eee; } thead { display: table-header-group; } tr { break-inside: avoid; }
.n { text-align: right; white-space: nowrap; } td.d, td.p { white-space: nowrap; }";

/// The report as an A4 portrait page: summary, ledger, skipped.
pub fn html(report: &Report, period: Period, lang: Lang) -> String {
    use super::html::escape;
    let title = escape(&title(report, period, lang));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}</style></head><body>\n<h1>{title}</h1>\n",
        lang.pick("zh-CN", "en")
    );
    out.push_str(&format!("<h2>{}</h2><ul>", lang.pick("统计", "Summary")));
    for l in summary_lines(&report.total, lang) {
        out.push_str(&format!("<li>{}</li>", escape(&l)));
    }
    out.push_str("</ul>\n");
    // The page's columns: the summary is in the text cells' own row.
    let keep = [0usize, 1, 4, 5, 6, 7, 9, 10, 12, 13];
    let site_col = report.sites.len() > 1;
    out.push_str(&format!(
        "<h2>{}</h2><table><thead><tr>",
        lang.pick("台账", "Ledger")
    ));
    let head = headers(&LEDGER_HEADERS, lang);
    for (i, h) in head.iter().enumerate() {
        if keep.contains(&i) || (i == 3 && site_col) {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &report.held {
        out.push_str("<tr>");
        for (i, c) in ledger_cells(row, lang).iter().enumerate() {
            if keep.contains(&i) || (i == 3 && site_col) {
                let class = match i {
                    9 | 10 => " class=\"n\"",
                    0 | 1 => " class=\"d\"",
                    // Names and programme words kept on one line: a narrow
                    // column otherwise stacks 王晓红 one character a row.
                    3 | 4 | 7 | 12 => " class=\"p\"",
                    _ => "",
                };
                out.push_str(&format!("<td{class}>{}</td>", escape(c)));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out.push_str(&format!(
        "<h2>{}</h2><table><thead><tr>",
        lang.pick("暂停的活动", "Skipped")
    ));
    for h in headers(&SKIPPED_HEADERS, lang) {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &report.skipped {
        out.push_str("<tr>");
        for c in skipped_cells(row, lang) {
            out.push_str(&format!("<td>{}</td>", escape(&c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n</body></html>\n");
    out
}
