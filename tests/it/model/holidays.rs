//! The holiday calendar: the bundled file against independent reference data
//! (holiday-cn, MIT, in `tests/fixtures/holiday-cn/`), clashes of rules with
//! days off, `on_holiday`, unannounced years and a folder's own holidays.ron.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{bin, date};
use chrono::NaiveDate;
use stationcal::i18n::Lang;
use stationcal::model::holidays::{
    DayKind, HolidaySkip, festival_parts, skip_edit_for, skip_exception_for,
};
use stationcal::model::recurrence::DateRange;
use stationcal::model::validate::{Part, Severity};
use stationcal::model::{OccurrenceKey, Programme, Status};
use stationcal::store::{Cause, holidays, load_texts, sample};

/// Festival names compared as a set of festivals, each without a trailing
/// 节: `国庆节、中秋节` = `国庆·中秋` = {国庆, 中秋}; `春节` stays `春节`.
fn normalised(name: &str) -> BTreeSet<String> {
    festival_parts(name)
        .map(|p| {
            let s = p.strip_suffix('节').unwrap_or(p);
            if s.chars().count() >= 2 { s } else { p }.to_owned()
        })
        .collect()
}

/// holiday-cn's days of a year: date → (is off, normalised name).
fn reference(year: i32) -> BTreeMap<NaiveDate, (bool, BTreeSet<String>)> {
    let path = format!(
        "{}/tests/fixtures/holiday-cn/{year}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["year"], year);
    json["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| {
            let date = NaiveDate::parse_from_str(d["date"].as_str().expect("date"), "%Y-%m-%d")
                .expect("date");
            let off = d["isOffDay"].as_bool().expect("isOffDay");
            (date, (off, normalised(d["name"].as_str().expect("name"))))
        })
        .collect()
}

#[test]
fn bundled_holidays_match_holiday_cn_day_by_day() {
    let h = holidays::with_folder(None);
    for year in [2024, 2025, 2026] {
        assert!(h.is_announced(year));
        let want = reference(year);
        // Every day of the year (and the days around it) in both directions.
        let range = DateRange::new(date(year - 1, 12, 1), date(year + 1, 1, 31));
        let mut have = BTreeMap::new();
        for d in range.days() {
            if let Some(m) = h.mark(d).filter(|m| m.year == year) {
                have.insert(d, (m.kind == DayKind::Off, normalised(&m.festival)));
            }
        }
        assert_eq!(have, want, "{year}");
    }
}

#[test]
fn the_normalisation_reads_the_issue_s_spelling_too() {
    assert_eq!(normalised("国庆·中秋"), normalised("国庆节、中秋节"));
    assert_eq!(normalised("清明"), normalised("清明节"));
    assert_ne!(normalised("春节"), normalised("中秋节"));
}

#[test]
fn the_2025_and_2026_notices_as_the_issue_lists_them() {
    let h = holidays::with_folder(None);
    let off = |y, m, d| h.off_day(date(y, m, d)).map(normalised);
    let work = |y, m, d| {
        h.mark(date(y, m, d))
            .filter(|x| x.kind == DayKind::Work)
            .map(|x| normalised(&x.festival))
    };
    let n = |s: &str| Some(normalised(s));
    // 2025
    assert_eq!(off(2025, 1, 28), n("春节"));
    assert_eq!(off(2025, 2, 4), n("春节"));
    assert_eq!(work(2025, 1, 26), n("春节"));
    assert_eq!(work(2025, 2, 8), n("春节"));
    assert_eq!(work(2025, 4, 27), n("劳动节"));
    assert_eq!(off(2025, 10, 8), n("国庆·中秋"));
    assert_eq!(work(2025, 9, 28), n("国庆·中秋"));
    assert_eq!(work(2025, 10, 11), n("国庆·中秋"));
    // 2026: the 调休 Saturdays are working days.
    assert_eq!(off(2026, 1, 3), n("元旦"));
    assert_eq!(work(2026, 1, 4), n("元旦"));
    assert_eq!(off(2026, 2, 23), n("春节"));
    assert_eq!(work(2026, 2, 14), n("春节"));
    assert_eq!(work(2026, 2, 28), n("春节"));
    assert_eq!(work(2026, 5, 9), n("劳动节"));
    assert_eq!(off(2026, 6, 21), n("端午"));
    assert_eq!(off(2026, 9, 25), n("中秋"));
    assert_eq!(off(2026, 10, 7), n("国庆"));
    assert_eq!(work(2026, 9, 20), n("国庆"));
    assert_eq!(work(2026, 10, 10), n("国庆"));
    // An ordinary day and an ordinary weekend.
    assert_eq!(h.mark(date(2026, 10, 8)), None);
    assert_eq!(h.mark(date(2026, 10, 11)), None);
}

#[test]
fn a_year_with_no_data_is_not_announced_rather_than_ordinary() {
    let h = holidays::with_folder(None);
    assert!(!h.is_announced(2027));
    assert!(!h.is_announced(2023));
    let newyear = DateRange::new(date(2026, 12, 28), date(2027, 1, 3));
    assert_eq!(h.unannounced_years(newyear), vec![2027]);
    assert_eq!(h.marks_in(newyear).count(), 0);
}

/// The sample with the 2026-10-07 screening's explicit Skip taken out, and
/// optionally an `on_holiday` in the slot.
fn sample_without_the_national_day_skip(on_holiday: Option<&str>) -> Vec<(Part, String)> {
    sample::texts()
        .into_iter()
        .map(|(part, text)| {
            if part != Part::Screenings {
                return (part, text);
            }
            let line = "        Skip(date: \"2026-10-07\", reason: \"国庆放假\"),\n";
            assert!(text.contains(line));
            let mut text = text.replace(line, "");
            if let Some(p) = on_holiday {
                text = text.replace(
                    "        until: \"2027-07-28\",\n    ),",
                    &format!("        until: \"2027-07-28\",\n        on_holiday: {p},\n    ),"),
                );
                assert!(text.contains("on_holiday"));
            }
            (part, text)
        })
        .collect()
}

#[test]
fn a_screening_on_2026_10_07_is_flagged_and_check_warns_at_the_slot() {
    let loaded = load_texts(sample_without_the_national_day_skip(None));
    let day = DateRange::new(date(2026, 10, 7), date(2026, 10, 7));
    let occ = loaded.schedule.occurrences(day);
    let screening = occ
        .iter()
        .find(|o| o.programme == Programme::Screening)
        .expect("a screening on 10-07");
    assert_eq!(screening.holiday.as_deref(), Some("国庆节"));
    assert_eq!(screening.status, Status::Scheduled);
    assert_eq!(
        skip_edit_for(screening),
        Some(HolidaySkip::Screening(skip_exception_for(
            date(2026, 10, 7),
            "国庆节"
        )))
    );

    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(
        loaded.diagnostics.len(),
        warnings.len(),
        "{:?}",
        loaded.diagnostics
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0];
    assert_eq!(w.file, "screenings.ron");
    assert!(w.source_line.contains("slot: WeeklySlot("), "{w:?}");
    let zh = w.message(Lang::Zh);
    assert!(
        zh.starts_with("2026-10-07（周三）是国庆节假期：这一场放映要暂停吗？"),
        "{zh}"
    );
    assert!(zh.contains("on_holiday: Skip / Keep"), "{zh}");
    let en = w.message(Lang::En);
    assert!(
        en.contains("2026-10-07 (Wed) is a day off for National Day"),
        "{en}"
    );
    assert!(w.render(Lang::Zh).contains(": 提醒: "));
}

#[test]
fn on_holiday_skip_and_keep_decide_for_the_whole_series() {
    let day = DateRange::new(date(2026, 10, 7), date(2026, 10, 7));
    let skip = load_texts(sample_without_the_national_day_skip(Some("Skip")));
    assert!(skip.diagnostics.is_empty(), "{:?}", skip.diagnostics);
    let o = skip.schedule.occurrences(day);
    let s = o
        .iter()
        .find(|o| o.programme == Programme::Screening)
        .expect("screening");
    assert_eq!(s.status, Status::Skipped("国庆节放假".into()));
    assert_eq!(s.holiday, None);

    let keep = load_texts(sample_without_the_national_day_skip(Some("Keep")));
    assert!(keep.diagnostics.is_empty(), "{:?}", keep.diagnostics);
    let o = keep.schedule.occurrences(day);
    let s = o
        .iter()
        .find(|o| o.programme == Programme::Screening)
        .expect("screening");
    assert_eq!(
        (s.status.clone(), s.holiday.clone()),
        (Status::Scheduled, None)
    );
}

#[test]
fn explicit_exceptions_win_over_on_holiday() {
    // The sample's own Skip for 10-07 says 国庆放假; with on_holiday: Skip the
    // explicit reason stays.
    let texts: Vec<_> = sample::texts()
        .into_iter()
        .map(|(p, t)| {
            if p == Part::Screenings {
                (
                    p,
                    t.replace(
                        "        until: \"2027-07-28\",\n    ),",
                        "        until: \"2027-07-28\",\n        on_holiday: Skip,\n    ),",
                    ),
                )
            } else {
                (p, t)
            }
        })
        .collect();
    let loaded = load_texts(texts);
    let o = loaded
        .schedule
        .occurrences(DateRange::new(date(2026, 10, 7), date(2026, 10, 7)));
    let s = o
        .iter()
        .find(|o| o.programme == Programme::Screening)
        .expect("screening");
    assert_eq!(s.status, Status::Skipped("国庆放假".into()));
    assert!(loaded.diagnostics.is_empty());
}

#[test]
fn only_rule_generated_dates_are_flagged() {
    // A one-off event on 10-01 and a lecture session on 10-02 were dated by
    // staff on purpose: not flagged. A repeating event on its later dates is.
    let mut texts = sample::texts();
    for (p, t) in &mut texts {
        if *p == Part::Events {
            // 重阳 made a one-off event (the sample repeats it by the
            // lunar calendar).
            *t = t
                .replace(
                    "            date: \"2026-10-18\",",
                    "            date: \"2026-10-01\",",
                )
                .replace("            repeat: Lunar(month: 9, day: 9),\n", "");
            // 读书沙龙 every 12th; make it the 2nd so 2026-10-02 is a rule date.
            *t = t.replace(
                "            date: \"2026-09-12\",",
                "            date: \"2026-09-02\",",
            );
            *t = t.replace("skip: [\"2027-02-12\"],", "");
        }
    }
    let loaded = load_texts(texts);
    let occ = loaded
        .schedule
        .occurrences(DateRange::new(date(2026, 10, 1), date(2026, 10, 2)));
    let flagged: Vec<_> = occ
        .iter()
        .filter(|o| o.holiday.is_some())
        .map(|o| (o.date, o.title.clone().unwrap_or_default()))
        .collect();
    assert_eq!(flagged, vec![(date(2026, 10, 2), "读书沙龙".to_owned())]);
    assert!(
        occ.iter()
            .any(|o| o.date == date(2026, 10, 1) && o.title.as_deref() == Some("重阳节敬老活动"))
    );
    // The sample's record of 读书沙龙 on 11-12 is reported as moved too
    // (the event now falls on the 2nd): that is the records' concern.
    let w: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.file != "records.ron")
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].file, "events.ron");
    assert!(matches!(
        occ.iter().find(|o| o.holiday.is_some()).map(|o| &o.key),
        Some(OccurrenceKey::Event { .. })
    ));
}

#[test]
fn a_folder_holidays_file_adds_2027_and_a_broken_one_falls_back() {
    let mut texts = sample::texts();
    texts.push((
        Part::Holidays,
        r#"Holidays(years: [
    Year(
        year: 2027,
        notice: "国务院办公厅关于2027年部分节假日安排的通知",
        festivals: [Festival(name: "国庆节", from: "2027-10-01", to: "2027-10-07")],
    ),
])
"#
        .to_owned(),
    ));
    let loaded = load_texts(texts);
    assert!(loaded.schedule.holidays.is_announced(2027));
    assert!(loaded.schedule.holidays.is_announced(2026));

    let mut texts = sample::texts();
    texts.push((
        Part::Holidays,
        "Holidays(years: [\n    Year(year: 2027, notice: \"x\", festivals: [Festival(name: \"元旦\", from: \"2027-13-01\")]),\n])\n".to_owned(),
    ));
    let loaded = load_texts(texts);
    assert!(!loaded.schedule.holidays.is_announced(2027));
    assert!(loaded.schedule.holidays.is_announced(2026));
    let d = loaded.diagnostics.first().expect("a diagnostic");
    assert_eq!((d.file.as_str(), d.line), ("holidays.ron", 2));
    assert!(matches!(d.cause, Cause::Value(_)), "{d:?}");
    assert!(d.message(Lang::Zh).contains("2027-13-01"));

    // Read but wrong: a break that ends before it starts, a date twice.
    let mut texts = sample::texts();
    texts.push((
        Part::Holidays,
        "Holidays(years: [\n    Year(year: 2027, notice: \"x\", festivals: [\n        Festival(name: \"春节\", from: \"2027-02-10\", to: \"2027-02-05\"),\n        Festival(name: \"元旦\", from: \"2027-01-01\", work: [\"2027-01-01\"]),\n    ]),\n])\n".to_owned(),
    ));
    let loaded = load_texts(texts);
    let places: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.file == "holidays.ron")
        .map(|d| (d.file.as_str(), d.line, d.severity))
        .collect();
    assert_eq!(
        places,
        vec![
            ("holidays.ron", 3, Severity::Error),
            ("holidays.ron", 4, Severity::Error)
        ]
    );
}

#[test]
fn check_prints_the_holiday_warning_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (part, text) in sample_without_the_national_day_skip(None) {
        std::fs::write(dir.path().join(part.file_name()), text).expect("write");
    }
    let config = dir.path().join("no-config.ron");
    let out = bin()
        .env("STATIONCAL_CONFIG", &config)
        .arg("--dir")
        .arg(dir.path())
        .arg("check")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("screenings.ron:28:11: 提醒: 2026-10-07（周三）是国庆节假期"),
        "{stdout}"
    );
    assert!(stdout.contains("1个提醒，没有错误"), "{stdout}");
    let json = bin()
        .env("STATIONCAL_CONFIG", &config)
        .args(["--lang", "en", "check", "--json", "--dir"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v[0]["severity"], "warning");
    assert_eq!(v[0]["line"], 28);
    assert_eq!(json.status.code(), Some(0));
}
