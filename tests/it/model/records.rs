//! Records (`records.ron`): a record names its activity by programme, id
//! and date, so it survives a title edit; a record whose activity moved,
//! was skipped or deleted is reported with its position, never dropped.

use stationcal::i18n::Lang;
use stationcal::model::records::{self, ActivityRef, RecordIssue, awaits_record, seats_left};
use stationcal::model::recurrence::DateRange;
use stationcal::model::validate::{Issue, Part, Severity};
use stationcal::store::{Diagnostic, load_texts, sample};

use crate::support::{date, today};

/// The sample's texts with `find` replaced by `to` in file `part`.
fn edited(part: Part, find: &str, to: &str) -> Vec<(Part, String)> {
    let mut texts = sample::texts();
    for (p, t) in &mut texts {
        if *p == part {
            assert!(t.contains(find), "{find:?} is not in {part:?}");
            *t = t.replacen(find, to, 1);
        }
    }
    texts
}

fn record_warnings(texts: Vec<(Part, String)>) -> Vec<Diagnostic> {
    load_texts(texts)
        .diagnostics
        .into_iter()
        .filter(|d| d.file == "records.ron")
        .collect()
}

fn issue(d: &Diagnostic) -> &RecordIssue {
    match &d.cause {
        stationcal::store::Cause::Check(Issue::Record(r)) => r,
        other => panic!("not a record issue: {other:?}"),
    }
}

#[test]
fn every_sample_record_finds_its_activity() {
    let loaded = load_texts(sample::texts());
    let s = &loaded.schedule;
    let n = s.records.as_ref().map_or(0, |r| r.records.len());
    assert!(n >= 6, "the sample keeps a few records");
    let month = s.occurrences(DateRange::new(date(2026, 11, 1), date(2026, 12, 31)));
    let found = month.iter().filter(|o| s.record_of(o).is_some()).count();
    assert_eq!(found, n, "each record belongs to exactly one activity");
    assert!(records::findings(s).is_empty());
}

#[test]
fn a_title_edit_keeps_the_record() {
    // 读书沙龙 renamed, 金刚川 renamed: the records still belong to them.
    let mut texts = edited(Part::Events, "title: \"读书沙龙\"", "title: \"石化读书会\"");
    for (p, t) in &mut texts {
        if *p == Part::Screenings {
            *t = t.replacen("title: \"金刚川\"", "title: \"金刚川（修复版）\"", 1);
        }
    }
    let loaded = load_texts(texts);
    let s = &loaded.schedule;
    let day = |d| s.occurrences(DateRange::new(d, d));
    let salon = day(date(2026, 11, 12))
        .into_iter()
        .find(|o| o.title.as_deref() == Some("石化读书会"))
        .expect("the renamed salon");
    assert_eq!(s.record_of(&salon).and_then(|r| r.attended), Some(18));
    let film = day(date(2026, 11, 4))
        .into_iter()
        .find(|o| o.title.as_deref() == Some("金刚川（修复版）"))
        .expect("the renamed film");
    assert_eq!(s.record_of(&film).and_then(|r| r.attended), Some(88));
    assert!(record_warnings(sample::texts()).is_empty());
}

#[test]
fn a_moved_screening_is_reported_at_its_record() {
    // The 11-04 screening moved to the 5th after its record was written.
    let texts = edited(
        Part::Screenings,
        "    exceptions: [",
        "    exceptions: [\n        Move(date: \"2026-11-04\", to: \"2026-11-05\"),",
    );
    let w = record_warnings(texts);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        issue(&w[0]),
        &RecordIssue::Moved {
            date: "2026-11-04".into(),
            to: "2026-11-05".into()
        }
    );
    let text = crate::support::sample_text("records.ron");
    let line = text.lines().nth(w[0].line - 1).expect("the line");
    assert!(line.contains("date: \"2026-11-04\""), "{line}");
    assert!(
        w[0].render(Lang::En)
            .contains("moved from 2026-11-04 to 2026-11-05")
    );
    assert!(
        w[0].render(Lang::Zh)
            .contains("已从 2026-11-04 改到 2026-11-05")
    );
}

#[test]
fn a_deleted_event_and_a_skipped_screening_are_reported_not_lost() {
    let texts = edited(Part::Events, "id: \"E03\"", "id: \"E33\"");
    let w = record_warnings(texts);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        issue(&w[0]),
        &RecordIssue::NoActivity {
            date: "2026-11-12".into(),
            activity: ActivityRef::Event("E03".into())
        }
    );
    let texts = edited(
        Part::Screenings,
        "    exceptions: [",
        "    exceptions: [\n        Skip(date: \"2026-11-11\", reason: \"停电\"),",
    );
    let w = record_warnings(texts);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(matches!(issue(&w[0]), RecordIssue::Skipped { reason, .. } if reason == "停电"));
    // The record itself is still there, whole.
    let loaded = load_texts(edited(Part::Events, "id: \"E03\"", "id: \"E33\""));
    let kept = loaded.schedule.records.expect("records");
    assert!(
        kept.find(date(2026, 11, 12), &ActivityRef::Event("E03".into()))
            .is_some()
    );
}

#[test]
fn photo_names_must_stay_in_the_photo_folder() {
    for bad in [
        "../secret.jpg",
        "/etc/passwd",
        "a/b.jpg",
        "a\\\\b.jpg",
        "C:x.jpg",
        "..",
        ".",
    ] {
        let texts = edited(
            Part::Records,
            "\"20261104-映后交流.jpg\"",
            &format!("\"{bad}\""),
        );
        let w = record_warnings(texts);
        assert_eq!(w.len(), 1, "{bad}: {w:?}");
        assert_eq!(w[0].severity, Severity::Error);
        assert!(matches!(issue(&w[0]), RecordIssue::PhotoName(_)), "{bad}");
        assert!(w[0].source_line.contains(bad), "{bad}");
    }
    for good in ["照片 1.jpg", "20261104.JPG", "a.b.png"] {
        assert!(records::is_plain_file_name(good), "{good}");
    }
}

#[test]
fn awaiting_and_seats_follow_the_records() {
    let loaded = load_texts(sample::texts());
    let s = &loaded.schedule;
    let all = s.occurrences(DateRange::new(date(2026, 11, 1), date(2026, 12, 31)));
    let on = |d, title: &str| {
        all.iter()
            .find(|o| o.date == d && o.title.as_deref().is_some_and(|t| t.contains(title)))
            .unwrap_or_else(|| panic!("{d} {title}"))
    };
    // Recorded, not yet recorded, in the future.
    assert!(!awaits_record(s, on(date(2026, 11, 4), "金刚川"), today()));
    assert!(awaits_record(
        s,
        on(date(2026, 11, 18), "横空出世"),
        today()
    ));
    assert!(!awaits_record(
        s,
        on(date(2026, 12, 3), "十月革命"),
        today()
    ));
    // 40 seats, 31 signed up.
    assert_eq!(seats_left(s, on(date(2026, 12, 3), "十月革命")), Some(9));
    assert_eq!(seats_left(s, on(date(2026, 11, 18), "横空出世")), None);
}

/// The report counts each site apart and all together: a site without
/// records adds activities held but no attendance.
#[test]
fn the_report_counts_by_site_and_in_total() {
    use stationcal::model::Programme;
    use stationcal::model::report::{self, SiteInput};
    let with = load_texts(sample::texts()).schedule;
    let mut without = with.clone();
    without.records = None;
    let sites = [
        SiteInput {
            name: "甲",
            schedule: &with,
        },
        SiteInput {
            name: "乙",
            schedule: &without,
        },
    ];
    let nov = DateRange::month_of(date(2026, 11, 1));
    let r = report::build("街道", &sites, nov, today(), Lang::Zh);
    let (a, b) = (&r.sites[0].1, &r.sites[1].1);
    assert_eq!((r.sites[0].0.as_str(), r.sites[1].0.as_str()), ("甲", "乙"));
    assert_eq!(a.held, b.held, "the same activities");
    assert_eq!(a.attended_of(Programme::Screening), 88 + 76);
    assert_eq!(b.attended_of(Programme::Screening), 0);
    assert_eq!(a.served, 27 + 15 + 22);
    assert_eq!(b.unrecorded, b.held.iter().sum::<u32>());
    for p in Programme::ALL {
        assert_eq!(r.total.held_of(p), a.held_of(p) + b.held_of(p));
        assert_eq!(r.total.attended_of(p), a.attended_of(p));
    }
    assert_eq!(r.held.len() as u32, r.total.held.iter().sum::<u32>());
    assert!(
        r.held
            .windows(2)
            .all(|w| (w[0].date, w[0].start) <= (w[1].date, w[1].start))
    );
    assert!(
        r.held.iter().all(|row| row.date <= today()),
        "nothing after today"
    );
    // Lectures by speaker group add up to the lectures held.
    assert_eq!(
        a.lectures_by_group.iter().sum::<u32>(),
        a.held_of(Programme::Lecture)
    );
}
