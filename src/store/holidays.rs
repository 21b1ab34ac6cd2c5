//! The holiday calendar: the bundled `assets/holidays.ron`, embedded in the
//! binary, with the years of a schedule folder's own `holidays.ron` over it.

use crate::model::holidays::{HolidayFile, Holidays};

/// The bundled file, as shipped in `assets/holidays.ron`.
pub const BUNDLED: &str = include_str!("../../assets/holidays.ron");

/// The bundled years. The file is checked by the tests; were it ever
/// unreadable, no year would be announced (never "no holidays").
pub fn bundled_file() -> HolidayFile {
    let parsed = super::load::ron_options().from_str::<HolidayFile>(BUNDLED);
    debug_assert!(parsed.is_ok(), "bundled holidays.ron: {parsed:?}");
    parsed.unwrap_or_default()
}

/// The bundled holidays with the folder's years (if any) replacing whole years.
pub fn with_folder(folder: Option<&HolidayFile>) -> Holidays {
    let bundled = Holidays::from_file(&bundled_file());
    match folder {
        Some(f) => bundled.overridden_by(f),
        None => bundled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::holidays::{DayKind, check_file};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_bundled_file_reads_and_checks_clean() {
        let file = super::super::load::ron_options()
            .from_str::<HolidayFile>(BUNDLED)
            .expect("bundled holidays.ron reads");
        assert_eq!(
            file.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2024, 2025, 2026]
        );
        assert_eq!(check_file(&file), vec![]);
        for y in &file.years {
            assert!(y.notice.contains(&y.year.to_string()), "{}", y.notice);
            assert!(y.notice.starts_with("国务院办公厅"), "{}", y.notice);
            assert!(
                y.source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("https://www.gov.cn/")),
                "{:?}",
                y.source
            );
        }
    }

    #[test]
    fn a_folder_year_replaces_the_bundled_year_and_adds_new_ones() {
        let folder: HolidayFile = super::super::load::ron_options()
            .from_str(
                r#"Holidays(years: [
                    Year(year: 2026, notice: "改正", festivals: [Festival(name: "国庆节", from: "2026-10-01", to: "2026-10-08")]),
                    Year(year: 2027, notice: "国务院办公厅关于2027年部分节假日安排的通知", festivals: [Festival(name: "元旦", from: "2027-01-01")]),
                ])"#,
            )
            .expect("reads");
        let h = with_folder(Some(&folder));
        assert!(h.is_announced(2027) && h.is_announced(2025));
        assert_eq!(h.off_day(d(2026, 10, 8)), Some("国庆节"));
        // The 2026 year was replaced whole: 春节 is gone, so is the working day 10-10.
        assert_eq!(h.mark(d(2026, 2, 16)), None);
        assert_eq!(h.mark(d(2026, 10, 10)), None);
        assert_eq!(h.off_day(d(2027, 1, 1)), Some("元旦"));
        let b = with_folder(None);
        assert!(!b.is_announced(2027));
        assert_eq!(b.mark(d(2026, 10, 10)).map(|m| m.kind), Some(DayKind::Work));
    }
}
