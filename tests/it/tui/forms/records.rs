//! The record form through the keys and the real workspace: every record
//! form of the sample confirmed untouched changes no byte; one typed
//! attendance adds exactly one entry to `records.ron` and nothing else;
//! the form opens only on an activity held.

use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::recurrence::DateRange;
use stationcal::tui::dialogs::form::FormDialog;
use stationcal::tui::forms::{FormKind, RecordKey};

use crate::support::forms::{Target, confirm_untouched, open};
use crate::support::{copy_of, ctrl, date, hit, press, ron_files, sample_app, today};

/// Selects activity `n` of `day` and presses `r`.
fn record_by_keys(app: &mut stationcal::tui::app::App, day: chrono::NaiveDate, n: usize) {
    press(app, "1g");
    press(app, &day.format("%Y-%m-%d").to_string());
    hit(app, KeyCode::Enter, 1);
    hit(app, KeyCode::Char('j'), n);
    press(app, "r");
}

#[test]
fn every_record_form_of_november_confirmed_untouched_changes_no_byte() {
    let dir = copy_of(&crate::support::asset("assets/sample"));
    let before = ron_files(dir.path());
    let mut app = open(dir.path());
    let range = DateRange::new(date(2026, 11, 1), today());
    let days: Vec<_> = app
        .schedule
        .occurrences(range)
        .iter()
        .map(|o| (o.date, o.key.clone(), o.is_skipped()))
        .collect();
    let mut opened = 0;
    for (day, key, skipped) in days {
        let n = app
            .day(day)
            .iter()
            .position(|o| o.key == key)
            .expect("listed");
        record_by_keys(&mut app, day, n);
        if skipped {
            assert!(!app.has_dialog());
            continue;
        }
        let kind = app.dialog::<FormDialog>().map(|d| d.ef.kind);
        assert_eq!(
            kind,
            Some(FormKind::Record {
                key: RecordKey::from(&key),
                date: day
            }),
            "{day} {key:?}"
        );
        confirm_untouched(&mut app, &Target::Activity(key, day));
        opened += 1;
    }
    assert!(opened > 20, "{opened}");
    ctrl(&mut app, 's');
    assert!(
        ron_files(dir.path()) == before,
        "untouched record forms changed the files"
    );
}

#[test]
fn recording_attendance_by_keys_adds_one_entry() {
    let dir = copy_of(&crate::support::asset("assets/sample"));
    let before = ron_files(dir.path());
    let mut app = open(dir.path());
    // 11-18: the screening of 横空出世, not yet recorded.
    let day = date(2026, 11, 18);
    let n = app
        .day(day)
        .iter()
        .position(|o| o.title.as_deref() == Some("横空出世"))
        .expect("the screening");
    record_by_keys(&mut app, day, n);
    assert!(app.dialog::<FormDialog>().is_some(), "{:?}", app.status);
    // Sign-ups, then attendance.
    press(&mut app, "90");
    hit(&mut app, KeyCode::Tab, 1);
    press(&mut app, "83");
    hit(&mut app, KeyCode::Enter, 1);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    ctrl(&mut app, 's');
    let after = ron_files(dir.path());
    for (name, bytes) in &before {
        if name != "records.ron" {
            assert!(after.get(name) == Some(bytes), "{name} changed");
        }
    }
    let old = String::from_utf8(before["records.ron"].clone()).expect("utf8");
    let new = String::from_utf8(after["records.ron"].clone()).expect("utf8");
    let entry = "        Record(\n            date: \"2026-11-18\",\n            activity: Screening,\n            signed_up: 90,\n            attended: 83,\n        ),\n";
    let anchor = "        Record(\n            date: \"2026-11-21\"";
    assert_eq!(new, old.replacen(anchor, &format!("{entry}{anchor}"), 1));
}

#[test]
fn the_form_opens_only_on_an_activity_held() {
    let mut app = sample_app(Lang::Zh);
    // 12-03: ahead of today.
    record_by_keys(&mut app, date(2026, 12, 3), 0);
    assert!(!app.has_dialog());
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("还没有举办")),
        "{:?}",
        app.status
    );
    // Today's may be recorded.
    record_by_keys(&mut app, today(), 0);
    assert!(app.dialog::<FormDialog>().is_some(), "{:?}", app.status);
}
