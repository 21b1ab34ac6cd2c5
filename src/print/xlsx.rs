//! The report as a workbook for the subdistrict (Excel and WPS): a summary
//! sheet (by site, with a totals row of `SUM` formulas) and a ledger sheet
//! (one row per activity held, real dates, a totals row of formulas), and
//! the skipped activities with their reasons. Chinese headers, column
//! widths that fit Chinese text (a CJK character takes two), the header
//! row frozen. Written by `rust_xlsxwriter` (the maintained XLSX writer
//! for Rust) into memory: pure, the caller writes the bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};

use super::report::{LEDGER_HEADERS, SKIPPED_HEADERS, headers, ledger_cells, skipped_cells};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::report::{Figures, Period, Report};
use crate::model::values::SpeakerGroup;
use crate::tr;

/// The sheets' names.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    [
        lang.pick("汇总", "Summary"),
        lang.pick("台账", "Ledger"),
        lang.pick("暂停", "Skipped"),
    ]
}

/// The summary sheet's columns after the site's name.
pub fn summary_headers(lang: Lang) -> Vec<String> {
    const BEFORE: [(&str, &str); 4] = [
        ("站点", "Site"),
        ("电影放映（场）", "Screenings"),
        ("观影（人次）", "Viewers"),
        ("微党课（场）", "Lectures"),
    ];
    const AFTER: [(&str, &str); 7] = [
        ("听课（人次）", "Listeners"),
        ("乐淘淘（次）", "Service days"),
        ("服务（人次）", "Served"),
        ("其他活动（场）", "Other activities"),
        ("参加（人次）", "Participants"),
        ("未记录人数（场）", "Not recorded"),
        ("联建单位", "Partners"),
    ];
    let fixed = |cols: &[(&'static str, &'static str)]| -> Vec<String> {
        super::report::headers(cols, lang)
            .into_iter()
            .map(String::from)
            .collect()
    };
    let mut h = fixed(&BEFORE);
    h.extend(SpeakerGroup::ALL.iter().map(|g| {
        let name = lang.pick(g.zh(), g.en());
        tr!(lang, "微党课·{name}", "Lectures: {name}")
    }));
    h.extend(fixed(&AFTER));
    h
}

/// A site's figures in [`summary_headers`] order (after the name), the
/// partners last as text.
pub fn summary_numbers(f: &Figures) -> Vec<u32> {
    let mut v = vec![
        f.held_of(Programme::Screening),
        f.attended_of(Programme::Screening),
        f.held_of(Programme::Lecture),
    ];
    v.extend(f.lectures_by_group);
    v.extend([
        f.attended_of(Programme::Lecture),
        f.held_of(Programme::ServiceDay),
        f.served,
        f.held_of(Programme::Event),
        f.attended_of(Programme::Event),
        f.unrecorded,
    ]);
    v
}

/// Display width in spreadsheet characters: a CJK character counts two.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Column widths that fit the widest cell (within reason).
struct Widths(Vec<usize>);

impl Widths {
    fn fit(&mut self, col: usize, text: &str) {
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        let w = text.lines().map(width).max().unwrap_or(0);
        self.0[col] = self.0[col].max(w);
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (c, w) in self.0.iter().enumerate() {
            let w = u16::try_from((*w).clamp(6, 60) + 2).unwrap_or(62);
            ws.set_column_width(c as u16, f64::from(w))?;
        }
        Ok(())
    }
}

/// `A`, `B`, … `Z`, `AA`: a column's letters (zero-based).
fn col_name(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Years outside what a spreadsheet holds fail here, and so the workbook.
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?,
        d.month() as u8,
        d.day() as u8,
    )
}

/// The workbook's bytes. `made` is the day it is made (its creation date:
/// the writer would otherwise read the clock).
pub fn render(
    report: &Report,
    period: Period,
    made: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(super::report::title(report, period, lang))
            .set_creation_datetime(&excel_date(made)?),
    );
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color("#DDDDDD")
        .set_align(FormatAlign::Center);
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let [summary_name, ledger_name, skipped_name] = sheet_names(lang);

    // The summary: one row per site, then the totals as formulas.
    let mut ws = Worksheet::new();
    ws.set_name(summary_name)?;
    ws.write_string_with_format(0, 0, super::report::title(report, period, lang), &bold)?;
    let mut widths = Widths(Vec::new());
    let hs = summary_headers(lang);
    for (c, h) in hs.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &head)?;
        widths.fit(c, h);
    }
    let first = 3u32;
    for (i, (name, f)) in report.sites.iter().enumerate() {
        let r = first + i as u32;
        let name = if name.is_empty() { &report.name } else { name };
        ws.write_string(r, 0, name)?;
        widths.fit(0, name);
        for (c, n) in summary_numbers(f).iter().enumerate() {
            ws.write_number(r, (c + 1) as u16, f64::from(*n))?;
        }
        let partners: Vec<&str> = f.partners.iter().map(String::as_str).collect();
        let partners = partners.join(lang.pick("、", ", "));
        widths.fit(hs.len() - 1, &partners);
        ws.write_string(r, (hs.len() - 1) as u16, partners)?;
    }
    let total_row = first + report.sites.len() as u32;
    ws.write_string_with_format(total_row, 0, lang.pick("合计", "Total"), &bold)?;
    let totals = summary_numbers(&report.total);
    for (c, n) in totals.iter().enumerate() {
        let col = col_name(c + 1);
        let f = Formula::new(format!("=SUM({col}{}:{col}{})", first + 1, total_row))
            .set_result(n.to_string());
        ws.write_formula_with_format(total_row, (c + 1) as u16, f, &bold)?;
    }
    ws.set_freeze_panes(3, 1)?;
    widths.apply(&mut ws)?;
    wb.push_worksheet(ws);

    // The ledger: headers frozen, dates as dates, a totals row of formulas.
    let mut ws = Worksheet::new();
    ws.set_name(ledger_name)?;
    let mut widths = Widths(Vec::new());
    for (c, h) in headers(&LEDGER_HEADERS, lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        widths.fit(c, h);
    }
    widths.fit(0, "2026-11-25");
    for (i, row) in report.held.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_datetime_with_format(r, 0, excel_date(row.date)?, &date_fmt)?;
        for (c, cell) in ledger_cells(row, lang).iter().enumerate().skip(1) {
            let number = match c {
                9 => row.signed_up,
                10 => row.attended,
                11 => row.served,
                _ => None,
            };
            match number {
                Some(n) => {
                    ws.write_number(r, c as u16, f64::from(n))?;
                }
                None if (9..=11).contains(&c) => {}
                None => {
                    ws.write_string(r, c as u16, cell)?;
                    widths.fit(c, cell);
                }
            }
        }
    }
    let last = report.held.len() as u32;
    let total = last + 1;
    ws.write_string_with_format(total, 0, lang.pick("合计", "Total"), &bold)?;
    let sums = [
        report.held.iter().filter_map(|r| r.signed_up).sum::<u32>(),
        report.held.iter().filter_map(|r| r.attended).sum::<u32>(),
        report.held.iter().filter_map(|r| r.served).sum::<u32>(),
    ];
    for (k, c) in (9..=11).enumerate() {
        let col = col_name(c);
        let f = Formula::new(format!("=SUM({col}2:{col}{})", total.max(2)))
            .set_result(sums[k].to_string());
        ws.write_formula_with_format(total, c as u16, f, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    widths.apply(&mut ws)?;
    wb.push_worksheet(ws);

    // The skipped ones, with their reasons.
    let mut ws = Worksheet::new();
    ws.set_name(skipped_name)?;
    let mut widths = Widths(Vec::new());
    for (c, h) in headers(&SKIPPED_HEADERS, lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        widths.fit(c, h);
    }
    widths.fit(0, "2026-11-25");
    for (i, row) in report.skipped.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_datetime_with_format(r, 0, excel_date(row.date)?, &date_fmt)?;
        for (c, cell) in skipped_cells(row, lang).iter().enumerate().skip(1) {
            ws.write_string(r, c as u16, cell)?;
            widths.fit(c, cell);
        }
    }
    ws.set_freeze_panes(1, 0)?;
    widths.apply(&mut ws)?;
    wb.push_worksheet(ws);
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::col_name;

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(9), "J");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
    }
}
