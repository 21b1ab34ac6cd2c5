//! Every form of every entry, confirmed untouched, changes no byte.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::OccurrenceKey;
use stationcal::store::generate::{self, GenOptions};
use stationcal::tui::forms::FormKind;

use crate::support::forms::{
    AWKWARD, Target, app_form_focus, confirm_untouched, kind_name, open, open_form, targets,
};
use crate::support::{self, asset, copy_of, ctrl, date, hit, press, ron_files};

/// The first pass on one folder: every entry (or every `step`-th activity,
/// for big generated schedules) opened, confirmed untouched, saved; the
/// files must not change by one byte. Returns the form kinds opened.
fn untouched_pass(src: &Path, step: usize) -> Vec<FormKind> {
    let dir = copy_of(src);
    let before = ron_files(dir.path());
    let mut app = open(dir.path());
    let mut kinds = Vec::new();
    let all = targets(&app.schedule);
    assert!(!all.is_empty(), "{}: nothing to edit", src.display());
    for (n, t) in all.iter().enumerate() {
        let catalogue = matches!(t, Target::Film(_) | Target::Lecture(_));
        if !catalogue && n % step != 0 {
            continue;
        }
        kinds.push(open_form(&mut app, t));
        confirm_untouched(&mut app, t);
    }
    ctrl(&mut app, 's');
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    assert!(
        ron_files(dir.path()) == before,
        "{}: saving after untouched forms changed the files",
        src.display()
    );
    kinds
}

#[test]
fn every_form_of_the_sample_confirmed_untouched_changes_no_byte() {
    let kinds = untouched_pass(&asset("assets/sample"), 1);
    let mut names: Vec<&str> = kinds.iter().map(|k| kind_name(*k)).collect();
    names.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names,
        [
            "event",
            "film",
            "lecture",
            "screening",
            "service month",
            "session"
        ]
    );
    // Moved and skipped screening dates were among them.
    let s = support::sample_app(Lang::Zh).schedule;
    let sc = s.screenings.as_ref().expect("screenings");
    for e in &sc.exceptions {
        assert!(
            kinds.contains(&FormKind::Screening { date: *e.date() }),
            "{e:?}"
        );
    }
}

#[test]
fn every_form_of_every_network_site_confirmed_untouched_changes_no_byte() {
    let root = asset("assets/network");
    let mut sites = 0;
    for entry in std::fs::read_dir(&root).expect("network folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            untouched_pass(&path, 1);
            sites += 1;
        }
    }
    assert_eq!(sites, 6);
}

#[test]
fn forms_of_generated_schedules_confirmed_untouched_change_no_byte() {
    // A generated network of three sites (the centre, a station, a station
    // with 乐淘淘) and a station written out date by date.
    let mut names: Vec<&str> = Vec::new();
    for (sites, explicit) in [(3, false), (1, true)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let opts = GenOptions {
            sites,
            years: 1,
            first_year: 2026,
            network: false,
            explicit,
            seed: 11,
        };
        generate::write(dir.path(), &opts).expect("generate");
        let folders: Vec<std::path::PathBuf> = if sites == 1 {
            vec![dir.path().to_path_buf()]
        } else {
            (0..sites)
                .map(|i| dir.path().join(generate::site_name(i).1))
                .collect()
        };
        for folder in folders {
            // Every film and lecture; every 7th activity.
            let kinds = untouched_pass(&folder, 7);
            assert!(kinds.len() > 10, "{}: {}", folder.display(), kinds.len());
            names.extend(kinds.iter().map(|k| kind_name(*k)));
        }
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names,
        [
            "event",
            "film",
            "lecture",
            "screening",
            "service month",
            "session"
        ]
    );
}

#[test]
fn forms_of_hand_written_oddities_confirmed_untouched_change_no_byte() {
    for folder in [AWKWARD, "tests/fixtures/commented"] {
        let kinds = untouched_pass(&asset(folder), 1);
        assert!(kinds.len() > 10, "{folder}: {}", kinds.len());
    }
}

#[test]
fn a_date_on_a_day_off_confirmed_untouched_is_not_skipped() {
    // Without its skip, the screening of 2026-10-07 falls on 国庆节 and its
    // form asks about the holiday; untouched, the form still changes nothing.
    let dir = copy_of(&asset("assets/sample"));
    let path = dir.path().join("screenings.ron");
    let text = std::fs::read_to_string(&path).expect("screenings.ron");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("Skip(date: \"2026-10-07\""))
        .collect();
    std::fs::write(&path, kept.join("\n") + "\n").expect("write");
    let before = ron_files(dir.path());
    let mut app = open(dir.path());
    let t = Target::Activity(
        OccurrenceKey::Screening {
            date: date(2026, 10, 7),
        },
        date(2026, 10, 7),
    );
    open_form(&mut app, &t);
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("form")
    };
    assert_eq!(f.form.fields[0].key, "holiday");
    confirm_untouched(&mut app, &t);
    ctrl(&mut app, 's');
    assert!(ron_files(dir.path()) == before);
}

#[test]
fn a_service_that_contains_a_separator_stays_one_item() {
    let mut app = open(copy_of(&asset("assets/sample")).path());
    let month = date(2027, 3, 1);
    let t = Target::Activity(OccurrenceKey::ServiceDay { month }, date(2027, 3, 20));
    open_form(&mut app, &t);
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("form")
    };
    assert_eq!(
        f.form.list("services"),
        [
            "测血压、血糖",
            "家庭医生签约咨询",
            "中医推拿体验",
            "爱心理发"
        ]
    );
    // Only the start time is edited: the services stay as they were.
    while app_form_focus(&app) != Some("start") {
        hit(&mut app, KeyCode::Tab, 1);
    }
    ctrl(&mut app, 'u');
    press(&mut app, "0830");
    hit(&mut app, KeyCode::Enter, 1);
    let sd = app.schedule.service_days.as_ref().expect("service days");
    let m = sd.months.iter().find(|m| *m.month == month).expect("month");
    assert_eq!(m.services[0], "测血压、血糖");
    assert_eq!(m.services.len(), 4);
    assert_eq!(
        m.start.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("08:30")
    );
}

/// The pass above reaches the sample's lunar repeats (重阳 by month and
/// day, 中秋 by festival), at their first and a later year's date.
#[test]
fn the_untouched_pass_covers_the_lunar_repeats() {
    let app = open(&asset("assets/sample"));
    let events = app.schedule.events.as_ref().expect("events");
    let lunar: Vec<usize> = events
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.repeat.as_ref().is_some_and(|r| r.lunar().is_some()))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(lunar.len(), 2, "重阳 and 中秋");
    let all = targets(&app.schedule);
    for i in lunar {
        let dates: Vec<_> = all
            .iter()
            .filter_map(|t| match t {
                Target::Activity(OccurrenceKey::Event { index, date }, _) if *index == i => {
                    Some(*date)
                }
                _ => None,
            })
            .collect();
        assert_eq!(dates.len(), 2, "event {i}: {dates:?}");
        assert!(dates[1] > date(2027, 1, 1), "a later year: {dates:?}");
    }
}
