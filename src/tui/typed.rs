//! Dates and times as people type them in forms and in "go to":
//! `2026-11-25`, `11-25`, `11/25`, `11月25日`; `14:00`, `1400`, `9:30`, `930`.

use chrono::{Datelike, NaiveDate, NaiveTime};

/// Reads a date as people type it: `2026-11-25`, `11-25`, `11/25`, `11月25日`
/// (the year taken from `around`).
pub fn parse_date_input(s: &str, around: NaiveDate) -> Option<NaiveDate> {
    if let Ok(d) = crate::model::values::parse_date(s.trim()) {
        return Some(d);
    }
    let (m, d) = parse_month_day(s)?;
    NaiveDate::from_ymd_opt(around.year(), m, d)
}

/// Reads a month and day without a year: `11-25`, `11/25`, `11月25日`.
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let cleaned = s
        .trim()
        .replace(['月', '/', '.'], "-")
        .replace(['日', '号'], "");
    let (m, d) = cleaned.split_once('-')?;
    let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// Reads a time as people type it: `14:00`, `1400`, `9:30`, `930`, `14`.
pub fn parse_time_input(s: &str) -> Option<NaiveTime> {
    let t = s.trim().replace('：', ":");
    if let Ok(time) = crate::model::values::parse_time(&t) {
        return Some(time);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.is_empty() || t.len() > 4 {
        return None;
    }
    let (h, m) = match t.len() {
        1 | 2 => (t.as_str(), "0"),
        3 => (&t[..1], &t[1..]),
        _ => (&t[..2], &t[2..]),
    };
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn dates_as_people_type_them() {
        let around = d(2026, 11, 27);
        for s in ["2026-11-25", "11-25", "11/25", "11月25日", " 11-25 "] {
            assert_eq!(parse_date_input(s, around), Some(d(2026, 11, 25)), "{s}");
        }
        assert_eq!(parse_date_input("2027-01-05", around), Some(d(2027, 1, 5)));
        assert_eq!(parse_date_input("2-30", around), None);
        assert_eq!(parse_date_input("下周三", around), None);
    }

    #[test]
    fn times_as_people_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time_input("14:00"), t(14, 0));
        assert_eq!(parse_time_input("1400"), t(14, 0));
        assert_eq!(parse_time_input("9:30"), t(9, 30));
        assert_eq!(parse_time_input("930"), t(9, 30));
        assert_eq!(parse_time_input("14"), t(14, 0));
        assert_eq!(parse_time_input("14：30"), t(14, 30));
        assert_eq!(parse_time_input("2500"), None);
        assert_eq!(parse_time_input("14:60"), None);
        assert_eq!(parse_time_input("下午两点"), None);
    }
}
