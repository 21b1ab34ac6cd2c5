//! For the form tests (`tui::forms`): opening a folder through the real
//! workspace, finding every entry and opening its edit form by keys.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use ratatui::crossterm::event::KeyCode;
use stationcal::model::recurrence::DateRange;
use stationcal::model::{OccurrenceKey, Schedule};
use stationcal::tui::app::{App, CatalogueTab, View};
use stationcal::tui::dialogs::form::FormDialog;
use stationcal::tui::forms::FormKind;

use super::{date, hit, press, workspace_app};

pub const SAMPLE: &str = "assets/sample";
/// Values a form cannot show as they are written: `note: ""`, untrimmed
/// text, a month's date, start and room spelt out though equal to the
/// rule's, a move naming the slot's own start, entries out of order,
/// separators inside list items and texts.
pub const AWKWARD: &str = "tests/fixtures/awkward";

/// The app on `dir` through the real workspace; the folder must load
/// without errors (warnings are allowed: the oddities have some).
pub fn open(dir: &Path) -> App {
    let app = workspace_app(dir);
    let errors: Vec<_> = app
        .diagnostics
        .iter()
        .filter(|d| d.severity == stationcal::model::validate::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
    app
}

/// What an edit form is opened on.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An activity, shown on `date`.
    Activity(OccurrenceKey, NaiveDate),
    Film(usize),
    Lecture(usize),
}

/// Every entry of the schedule: each screening date and 乐淘淘 month, each
/// session, each event at its first and last date, each film and lecture.
pub fn targets(s: &Schedule) -> Vec<Target> {
    let range = DateRange::new(date(2025, 1, 1), date(2029, 12, 31));
    let mut out: Vec<Target> = Vec::new();
    let mut last_of_event: BTreeMap<usize, Target> = BTreeMap::new();
    for o in s.occurrences(range) {
        let t = Target::Activity(o.key.clone(), o.date);
        match o.key {
            OccurrenceKey::Event { index, .. } => {
                if !last_of_event.contains_key(&index) {
                    out.push(t.clone());
                }
                last_of_event.insert(index, t);
            }
            _ => {
                if !out
                    .iter()
                    .any(|x| matches!(x, Target::Activity(k, _) if *k == o.key))
                {
                    out.push(t);
                }
            }
        }
    }
    for t in last_of_event.into_values() {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    let films = s.screenings.as_ref().map_or(0, |sc| sc.films.len());
    let lectures = s.lectures.as_ref().map_or(0, |l| l.catalogue.len());
    out.extend((0..films).map(Target::Film));
    out.extend((0..lectures).map(Target::Lecture));
    out
}

/// Opens the edit form of `t` by keys, as a user would: go to the date
/// (`g`), select the activity (`j`), details and edit (Enter, Enter); or
/// the catalogue (`4`), the tab and the entry.
pub fn open_form(app: &mut App, t: &Target) -> FormKind {
    match t {
        Target::Activity(k, day) => {
            press(app, "1g");
            press(app, &day.format("%Y-%m-%d").to_string());
            hit(app, KeyCode::Enter, 1);
            assert_eq!(app.cursor, *day);
            let at = app
                .day(*day)
                .iter()
                .position(|o| o.key == *k)
                .unwrap_or_else(|| panic!("{k:?} is listed on {day}"));
            hit(app, KeyCode::Char('j'), at);
            assert_eq!(app.selected_occurrence().map(|o| &o.key), Some(k));
        }
        Target::Film(i) | Target::Lecture(i) => {
            press(app, "4");
            let tab = if matches!(t, Target::Film(_)) {
                CatalogueTab::Films
            } else {
                CatalogueTab::Lectures
            };
            if app.catalogue_tab != tab {
                press(app, "l");
            }
            assert_eq!((app.view, app.catalogue_tab), (View::Catalogue, tab));
            while app.catalogue_index > *i {
                press(app, "k");
            }
            while app.catalogue_index < *i {
                press(app, "j");
            }
        }
    }
    hit(app, KeyCode::Enter, 2);
    match app.dialog::<FormDialog>().map(|d| &d.ef) {
        Some(f) => f.kind,
        None => panic!(
            "{t:?}: no form but {:?} ({:?})",
            app.dialog_name(),
            app.status
        ),
    }
}

/// Goes through every field and every list item of the open form, then
/// confirms it: nothing may change, nothing may be recorded.
pub fn confirm_untouched(app: &mut App, t: &Target) {
    let before = app.schedule.clone();
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("no form for {t:?}");
    };
    let fields = f.form.fields.len();
    let rows: usize = f
        .form
        .fields
        .iter()
        .map(|f| if f.is_list() { f.list.rows() } else { 1 })
        .sum();
    hit(app, KeyCode::Tab, fields);
    hit(app, KeyCode::Down, rows);
    hit(app, KeyCode::Up, rows);
    hit(app, KeyCode::BackTab, fields);
    hit(app, KeyCode::Enter, 1);
    assert!(
        !app.has_dialog(),
        "{t:?}: the untouched form did not close: {:?}",
        app.dialog_name()
    );
    assert!(
        app.schedule == before,
        "{t:?}: an untouched form changed the schedule"
    );
    assert!(!app.history.can_undo(), "{t:?}: an edit was recorded");
    assert!(!app.is_dirty(), "{t:?}");
}

pub fn kind_name(k: FormKind) -> &'static str {
    match k {
        FormKind::Screening { .. } => "screening",
        FormKind::Film { .. } => "film",
        FormKind::ServiceMonth { .. } => "service month",
        FormKind::Session { .. } => "session",
        FormKind::Lecture { .. } => "lecture",
        FormKind::Event { .. } => "event",
        FormKind::Record { .. } => "record",
    }
}

pub fn app_form_focus(app: &App) -> Option<&'static str> {
    match app.dialog::<FormDialog>().map(|d| &d.ef) {
        Some(f) => f.form.fields.get(f.form.focus).map(|f| f.key),
        _ => None,
    }
}
