//! `records.ron` through the store: read with the same guards as every
//! schedule file (positions, symlinks), saved by splicing only the entry
//! that changed.

use stationcal::i18n::Lang;
use stationcal::model::records::{ActivityRef, Record};
use stationcal::store::storage::{SaveOutcome, Storage};
use stationcal::store::workspace::Workspace;
use stationcal::store::{Cause, load_dir};

use crate::support::{date, sample_copy, sample_text};

#[test]
fn a_slip_in_records_is_reported_at_its_line_and_column() {
    let dir = sample_copy();
    let text = sample_text("records.ron").replacen("attended: 88,", "attended: 88，", 1);
    std::fs::write(dir.path().join("records.ron"), &text).expect("write");
    let loaded = load_dir(dir.path());
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.file == "records.ron")
        .expect("a problem in records.ron");
    let line = text.lines().nth(d.line - 1).expect("line");
    assert!(line.contains("attended: 88，"), "{line}");
    assert!(
        !d.render(Lang::Zh).contains("Expected"),
        "{}",
        d.render(Lang::Zh)
    );
    // The other files still read.
    assert!(loaded.schedule.screenings.is_some() && loaded.schedule.records.is_none());
}

#[cfg(unix)]
#[test]
fn a_records_link_outside_the_folder_is_not_followed() {
    let dir = sample_copy();
    let outside = tempfile::tempdir().expect("temp");
    let target = outside.path().join("records.ron");
    std::fs::write(&target, sample_text("records.ron")).expect("write");
    std::fs::remove_file(dir.path().join("records.ron")).expect("rm");
    std::os::unix::fs::symlink(&target, dir.path().join("records.ron")).expect("link");
    let loaded = load_dir(dir.path());
    assert!(loaded.schedule.records.is_none());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.file == "records.ron" && matches!(d.cause, Cause::LinkOutside(_))),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn saving_a_record_splices_only_that_entry() {
    let dir = sample_copy();
    let before = sample_text("records.ron");
    let loaded = load_dir(dir.path());
    let mut ws = Workspace::open(dir.path(), &loaded);
    let mut edited = loaded.schedule.clone();
    let records = edited.records.as_mut().expect("records");
    let mut r = records
        .find(date(2026, 11, 11), &ActivityRef::Screening)
        .map(|(_, r)| r.clone())
        .expect("the 11-11 record");
    r.attended = Some(77);
    records.set(r);
    let mut fresh = Record::new(date(2026, 11, 18), ActivityRef::Screening);
    fresh.attended = Some(70);
    records.set(fresh);
    assert!(matches!(ws.save(&edited), SaveOutcome::Saved { .. }));
    let after = std::fs::read_to_string(dir.path().join("records.ron")).expect("read");
    // Everything but the changed number and the new entry (in date order,
    // in its neighbours' layout) is byte for byte as it was.
    let anchor = "        Record(\n            date: \"2026-11-21\"";
    let expected = before
        .replacen("            attended: 76,", "            attended: 77,", 1)
        .replacen(
            anchor,
            &format!(
                "        Record(\n            date: \"2026-11-18\",\n            activity: Screening,\n            attended: 70,\n        ),\n{anchor}"
            ),
            1,
        );
    assert_eq!(after, expected);
    let back = load_dir(dir.path());
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.schedule.records, edited.records);
    // The other files were not touched.
    for f in [
        "station.ron",
        "screenings.ron",
        "lectures.ron",
        "events.ron",
    ] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(f)).expect("read"),
            sample_text(f),
            "{f}"
        );
    }
}

#[test]
fn the_first_record_creates_the_file() {
    let dir = sample_copy();
    std::fs::remove_file(dir.path().join("records.ron")).expect("rm");
    let loaded = load_dir(dir.path());
    assert!(loaded.schedule.records.is_none());
    let mut ws = Workspace::open(dir.path(), &loaded);
    let mut edited = loaded.schedule.clone();
    let mut r = Record::new(date(2026, 11, 25), ActivityRef::Screening);
    r.attended = Some(50);
    r.recorded_by = Some("王晓红".into());
    edited.records.get_or_insert_default().set(r);
    assert!(matches!(ws.save(&edited), SaveOutcome::Saved { .. }));
    let back = load_dir(dir.path());
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.schedule.records, edited.records);
}

/// In a network each site keeps its own `records.ron`: its records are
/// checked against that site's activities and named with its folder.
#[test]
fn each_site_of_a_network_keeps_its_own_records() {
    let net = tempfile::tempdir().expect("temp");
    crate::support::copy_dir(&crate::support::asset("assets/network"), net.path());
    let site = net.path().join("紫卫居民区");
    std::fs::write(
        site.join("records.ron"),
        "Records(records: [Record(date: \"2026-11-25\", activity: Event(\"NOPE\"), attended: 3)])\n",
    )
    .expect("write");
    let loaded = stationcal::store::network::load_network(net.path());
    let ours: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("records.ron"))
        .collect();
    assert_eq!(ours.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(ours[0].file, "紫卫居民区/records.ron");
    assert_eq!(ours[0].line, 1);
    let zw = loaded
        .network
        .sites
        .iter()
        .find(|s| s.folder == "紫卫居民区")
        .expect("site");
    assert_eq!(
        zw.schedule.records.as_ref().map(|r| r.records.len()),
        Some(1)
    );
    assert!(
        loaded
            .network
            .sites
            .iter()
            .filter(|s| s.folder != "紫卫居民区")
            .all(|s| s.schedule.records.is_none())
    );
}
