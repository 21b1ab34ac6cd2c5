//! The sample schedule in `assets/sample/` reads, validates cleanly and holds
//! what the brief promised: a year of screenings, the monthly 乐淘淘 themes,
//! the micro-lecture catalogue with the article's titles, and no two
//! activities in one room at once.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::de::DeserializeOwned;

use stationcal::model::records::Records;
use stationcal::model::recurrence::DateRange;
use stationcal::model::validate::validate;
use stationcal::model::{
    Events, Lectures, Programme, Schedule, Screenings, ServiceDays, SpeakerGroup, Station, Status,
};

use crate::support::{date as day, sample_text};

fn read<T: DeserializeOwned>(file: &str) -> T {
    let text = sample_text(file);
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{file} does not read: {e}"))
}

fn sample() -> Schedule {
    Schedule {
        station: read::<Station>("station.ron"),
        screenings: Some(read::<Screenings>("screenings.ron")),
        service_days: Some(read::<ServiceDays>("service-days.ron")),
        lectures: Some(read::<Lectures>("lectures.ron")),
        events: Some(read::<Events>("events.ron")),
        records: Some(read::<Records>("records.ron")),
        holidays: stationcal::store::holidays::with_folder(None),
    }
}

/// Titles compared with ASCII and Chinese double quotes treated alike.
fn plain(title: &str) -> String {
    title.replace(['“', '”'], "\"")
}

#[test]
fn sample_validates_without_findings() {
    let schedule = sample();
    let findings = validate(&schedule);
    for f in &findings {
        eprintln!(
            "{} {}: {:?} {:?}",
            f.part.file_name(),
            f.at,
            f.severity,
            f.issue
        );
    }
    assert!(
        findings.is_empty(),
        "{} validation findings, listed above",
        findings.len()
    );
}

#[test]
fn sample_has_a_full_year_of_content() {
    let schedule = sample();
    let screenings = schedule.screenings.as_ref().expect("screenings");
    assert!(
        screenings.films.len() >= 30,
        "only {} films",
        screenings.films.len()
    );

    let lectures = schedule.lectures.as_ref().expect("lectures");
    assert!(
        (38..=42).contains(&lectures.catalogue.len()),
        "{} lectures in the catalogue",
        lectures.catalogue.len()
    );
    assert!(
        lectures.sessions.len() >= 60,
        "only {} sessions",
        lectures.sessions.len()
    );

    let groups: BTreeSet<SpeakerGroup> = lectures.catalogue.iter().map(|l| *l.group).collect();
    assert_eq!(
        groups,
        SpeakerGroup::ALL.into_iter().collect(),
        "speaker groups used"
    );

    for title in [
        "从\"四史\"看石化街道社区精神的传承与发展",
        "石化街道的\"创业\"故事",
        "我深爱的这座城，我与石化的这些年",
    ] {
        assert!(
            lectures.catalogue.iter().any(|l| plain(&l.title) == title),
            "the catalogue lacks 《{title}》"
        );
    }

    let service = schedule.service_days.as_ref().expect("service days");
    let mut month = day(2026, 9, 1);
    while month <= day(2027, 7, 1) {
        let entry = service.months.iter().find(|m| *m.month == month);
        assert!(
            entry.is_some_and(|e| !e.theme.trim().is_empty()),
            "no theme for {}",
            month.format("%Y-%m")
        );
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("next month");
    }
    let themes: Vec<&str> = service.months.iter().map(|m| m.theme.as_str()).collect();
    for theme in ["心灵之窗乐", "便民水务乐", "房产咨询乐"] {
        assert!(themes.contains(&theme), "no month has the theme {theme}");
    }
}

#[test]
fn week_of_25_november_2026_has_its_screening() {
    let schedule = sample();
    let week = schedule.occurrences(DateRange::new(day(2026, 11, 23), day(2026, 11, 29)));
    let screening = week
        .iter()
        .find(|o| o.programme == Programme::Screening && o.date == day(2026, 11, 25))
        .expect("a screening on Wednesday 2026-11-25");
    assert_eq!(screening.status, Status::Scheduled);
    assert!(
        screening.title.as_deref().is_some_and(|t| !t.is_empty()),
        "the screening has no film title: {screening:?}"
    );
    assert_eq!(screening.room.as_deref(), Some("多功能厅"));
}

#[test]
fn november_2026_service_day_is_the_third_saturday() {
    let schedule = sample();
    let november = schedule.occurrences(DateRange::month_of(day(2026, 11, 1)));
    let days: Vec<_> = november
        .iter()
        .filter(|o| o.programme == Programme::ServiceDay)
        .collect();
    assert_eq!(days.len(), 1, "{days:?}");
    let sd = days[0];
    assert_eq!(sd.date, day(2026, 11, 21));
    assert_eq!(sd.date.weekday(), chrono::Weekday::Sat);
    assert_eq!(sd.status, Status::Scheduled);
    assert_eq!(sd.title.as_deref(), Some("房产咨询乐"));
}

#[test]
fn skips_and_moves_show_as_such() {
    let schedule = sample();
    let year = schedule.occurrences(DateRange::new(day(2026, 9, 1), day(2027, 7, 31)));
    let screening_on = |d: NaiveDate| {
        year.iter()
            .find(|o| o.programme == Programme::Screening && o.date == d)
            .unwrap_or_else(|| panic!("no screening shown on {d}"))
    };
    assert!(screening_on(day(2026, 9, 30)).is_skipped());
    assert!(screening_on(day(2027, 2, 10)).is_skipped());
    let moved = screening_on(day(2026, 10, 23));
    assert_eq!(
        moved.status,
        Status::Moved {
            from: day(2026, 10, 21),
            reason: Some("多功能厅召开社区代表会议".to_owned()),
        }
    );
    assert_eq!(moved.room.as_deref(), Some("会议室"));
    assert!(moved.title.is_some());

    let february: Vec<_> = year
        .iter()
        .filter(|o| o.programme == Programme::ServiceDay && o.date.month() == 2)
        .collect();
    assert!(february.iter().all(|o| o.is_skipped()), "{february:?}");
    let october = year
        .iter()
        .find(|o| o.programme == Programme::ServiceDay && o.date.month() == 10)
        .expect("an October service day");
    assert_eq!(
        october.status,
        Status::Moved {
            from: day(2026, 10, 17),
            reason: None,
        }
    );
}

#[test]
fn no_two_activities_share_a_room_at_once() {
    let schedule = sample();
    let year = schedule.occurrences(DateRange::new(day(2026, 9, 1), day(2027, 7, 31)));
    let held: Vec<_> = year
        .iter()
        .filter(|o| !o.is_skipped() && o.room.is_some())
        .collect();
    let mut clashes = Vec::new();
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            if a.date == b.date && a.room == b.room && a.start < b.end && b.start < a.end {
                clashes.push(format!(
                    "{} {}: {:?} {}-{} and {:?} {}-{}",
                    a.date,
                    a.room.as_deref().unwrap_or_default(),
                    a.title,
                    a.start.format("%H:%M"),
                    a.end.format("%H:%M"),
                    b.title,
                    b.start.format("%H:%M"),
                    b.end.format("%H:%M"),
                ));
            }
        }
    }
    assert!(clashes.is_empty(), "room clashes:\n{}", clashes.join("\n"));
}
