//! Editing by keys, in memory: add, edit, delete-or-skip, undo and redo,
//! validation in forms, conflict warnings and quitting with unsaved edits.

use crate::support::{self, ctrl, date, key, press, sample_app, screen};
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::{Exception, Programme, Status};
use stationcal::tui::app::App;

fn enter(app: &mut App) {
    app.handle_event(&key(KeyCode::Enter));
}

fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        app.handle_event(&key(KeyCode::Tab));
    }
}

/// Clears the focused text field and types `text`.
fn retype(app: &mut App, text: &str) {
    ctrl(app, 'u');
    press(app, text);
}

fn form_field_error(app: &App, key: &str) -> Option<String> {
    let f = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)?;
    f.form.field(key).and_then(|f| f.error.clone())
}

#[test]
fn schedule_a_lecture_picked_by_speaker_then_undo_and_redo() {
    let mut app = sample_app(Lang::Zh);
    let before = app.schedule.clone();
    let sessions = before.lectures.as_ref().map_or(0, |l| l.sessions.len());
    press(&mut app, "a");
    assert!(
        app.dialog::<stationcal::tui::dialogs::add_menu::AddMenu>()
            .is_some()
    );
    press(&mut app, "4");
    assert!(
        app.dialog::<stationcal::tui::dialogs::form::FormDialog>()
            .is_some(),
        "{:?}",
        app.dialog_name()
    );
    // The lecture field is a searchable list: type the speaker's name in Chinese.
    let lecture = before
        .lectures
        .as_ref()
        .map(|l| l.catalogue[2].clone())
        .expect("sample lectures");
    press(&mut app, &lecture.speaker);
    enter(&mut app); // picks the match
    tab(&mut app, 1);
    retype(&mut app, "12-01");
    tab(&mut app, 1);
    retype(&mut app, "1900");
    tab(&mut app, 1);
    retype(&mut app, "19:45");
    enter(&mut app);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let l = app.schedule.lectures.as_ref().expect("lectures");
    assert_eq!(l.sessions.len(), sessions + 1);
    let added = l
        .sessions
        .iter()
        .find(|s| *s.date == date(2026, 12, 1) && s.start.format("%H:%M").to_string() == "19:00")
        .expect("the new session");
    assert_eq!(added.lecture, lecture.id);
    assert_eq!(added.end.format("%H:%M").to_string(), "19:45");
    assert!(app.is_dirty());
    assert!(screen(100, 30, &app).contains("[未保存]"));
    press(&mut app, "u");
    assert_eq!(
        app.schedule, before,
        "undo returns exactly to the earlier state"
    );
    assert!(!app.is_dirty());
    ctrl(&mut app, 'r');
    assert_eq!(
        app.schedule.lectures.as_ref().map(|l| l.sessions.len()),
        Some(sessions + 1)
    );
}

#[test]
fn forms_say_what_is_wrong_inline_and_change_nothing() {
    let mut app = sample_app(Lang::Zh);
    let before = app.schedule.clone();
    press(&mut app, "a6");
    tab(&mut app, 1);
    retype(&mut app, "邻里读书会");
    tab(&mut app, 2);
    retype(&mut app, "25:00");
    enter(&mut app);
    assert!(
        form_field_error(&app, "start").is_some_and(|e| e.contains("14:00")),
        "{:?}",
        app.dialog_name()
    );
    assert_eq!(app.schedule, before);
    // The caret of the focused field is where the terminal cursor goes.
    assert!(
        stationcal::tui::views::cursor_position(&app, ratatui::layout::Rect::new(0, 0, 100, 30))
            .is_some()
    );
    retype(&mut app, "1500");
    tab(&mut app, 1);
    retype(&mut app, "14:00");
    enter(&mut app);
    assert!(form_field_error(&app, "end").is_some_and(|e| e.contains("晚于")));
    retype(&mut app, "16:30");
    enter(&mut app);
    // No room chosen and no place written.
    assert!(form_field_error(&app, "place").is_some());
    // The focus went to the field that needs attention.
    press(&mut app, "社区广场");
    enter(&mut app);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let ev = app.schedule.events.as_ref().expect("events");
    let e = ev.events.last().expect("added");
    assert_eq!(
        (e.title.as_str(), e.place.as_deref()),
        ("邻里读书会", Some("社区广场"))
    );
    assert_eq!(e.start.format("%H:%M").to_string(), "15:00");
}

#[test]
fn change_the_film_of_a_screening_from_its_details() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh"); // Wednesday 2026-11-25, the screening
    enter(&mut app); // details
    enter(&mut app); // edit
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("form open: {:?}", app.dialog_name())
    };
    assert_eq!(f.form.choice("film").as_deref(), Some("F17"));
    press(&mut app, "开国大典");
    enter(&mut app);
    enter(&mut app);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let o = app.selected_occurrence().expect("still selected");
    assert_eq!(o.title.as_deref(), Some("开国大典"));
    assert_eq!(o.date, date(2026, 11, 25));
}

#[test]
fn move_one_screening_to_another_room_this_date_only() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh");
    enter(&mut app);
    enter(&mut app);
    tab(&mut app, 1);
    retype(&mut app, "11-26");
    tab(&mut app, 3); // room
    press(&mut app, "会议室");
    enter(&mut app);
    enter(&mut app);
    if app.has_dialog() {
        // A conflict warning: confirm anyway.
        enter(&mut app);
    }
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let sc = app.schedule.screenings.as_ref().expect("screenings");
    assert!(sc.exceptions.iter().any(
        |e| matches!(e, Exception::Move { date: d, to: Some(to), room: Some(r), .. }
        if **d == date(2026, 11, 25) && **to == date(2026, 11, 26) && r == "会议室")
    ));
    let thursday = app.day(date(2026, 11, 26));
    assert!(
        thursday.iter().any(
            |o| o.programme == Programme::Screening && matches!(o.status, Status::Moved { .. })
        )
    );
    // The following week is untouched.
    assert!(
        app.day(date(2026, 12, 2))
            .iter()
            .any(|o| o.programme == Programme::Screening && o.room.as_deref() == Some("多功能厅"))
    );
}

#[test]
fn change_the_weekly_slot_from_a_date_on() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh");
    enter(&mut app);
    enter(&mut app);
    tab(&mut app, 1);
    retype(&mut app, "11-26"); // Thursday
    tab(&mut app, 1);
    retype(&mut app, "15:00");
    tab(&mut app, 1);
    retype(&mut app, "17:00");
    tab(&mut app, 2);
    app.handle_event(&key(KeyCode::Right)); // this and following weeks
    enter(&mut app);
    if app.has_dialog() {
        enter(&mut app);
    }
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let sc = app.schedule.screenings.clone().expect("screenings");
    assert_eq!(sc.changes.len(), 1);
    // Earlier weeks keep Wednesday; from this week on it is Thursday 15:00.
    let seg = sc
        .segment_on(date(2026, 12, 3))
        .expect("a Thursday screening");
    assert_eq!(seg.start.format("%H:%M").to_string(), "15:00");
    assert!(sc.segment_on(date(2026, 11, 18)).is_some());
    assert!(sc.segment_on(date(2026, 12, 2)).is_none());
    // The film planned for 12-02 moved with the weekday to 12-03.
    let before = sample_app(Lang::Zh)
        .schedule
        .screenings
        .expect("screenings");
    let film_0202 = before
        .programme
        .iter()
        .find(|p| *p.date == date(2026, 12, 2))
        .map(|p| p.film.clone());
    let film_now = sc
        .programme
        .iter()
        .find(|p| *p.date == date(2026, 12, 3))
        .map(|p| p.film.clone());
    assert_eq!(film_now, film_0202);
    assert!(
        stationcal::model::validate::validate(&app.schedule).is_empty(),
        "{:?}",
        stationcal::model::validate::validate(&app.schedule)
    );
}

#[test]
fn delete_on_a_screening_skips_this_date_only_by_default() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhd");
    let Some(d) = app.dialog::<stationcal::tui::dialogs::delete::Delete>() else {
        panic!("dialog: {:?}", app.dialog_name())
    };
    assert!(
        d.options[0].contains("仅这一次") && d.options[1].contains("整个系列"),
        "{:?}",
        d.options
    );
    let s = screen(100, 30, &app);
    assert!(s.contains("仅这一次") && s.contains("整个系列"), "{s}");
    // Type a reason, Enter takes the safe default.
    // The reason starts empty; an empty reason is written as 暂停.
    let Some(d) = app.dialog::<stationcal::tui::dialogs::delete::Delete>() else {
        panic!("dialog")
    };
    assert_eq!(d.reason.text(), "");
    press(&mut app, "设备检修");
    enter(&mut app);
    let o = app.selected_occurrence().expect("still there");
    assert_eq!(o.status, Status::Skipped("设备检修".into()));
    // The following week still has its screening.
    assert!(
        app.day(date(2026, 12, 2))
            .iter()
            .any(|o| o.programme == Programme::Screening && !o.is_skipped())
    );
}

#[test]
fn ending_the_whole_series_takes_two_deliberate_steps() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Down));
    enter(&mut app);
    let Some(d) = app.dialog::<stationcal::tui::dialogs::delete::Delete>() else {
        panic!("still asking")
    };
    assert!(d.confirming);
    assert!(screen(100, 30, &app).contains("按 y 确认"));
    press(&mut app, "n");
    let Some(d) = app.dialog::<stationcal::tui::dialogs::delete::Delete>() else {
        panic!("back in the dialog")
    };
    assert!(!d.confirming);
    enter(&mut app);
    press(&mut app, "y");
    assert!(!app.has_dialog());
    let sc = app.schedule.screenings.as_ref().expect("screenings");
    assert_eq!(sc.slot.until.map(|u| *u), Some(date(2026, 11, 24)));
    assert!(
        app.day(date(2026, 12, 2))
            .iter()
            .all(|o| o.programme != Programme::Screening)
    );
    assert!(
        app.day(date(2026, 11, 18))
            .iter()
            .any(|o| o.programme == Programme::Screening),
        "earlier dates stay"
    );
}

#[test]
fn deleting_a_lecture_session_and_a_repeating_event_date() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhhd"); // Tuesday 11-24: a lecture session
    let n = app
        .schedule
        .lectures
        .as_ref()
        .map_or(0, |l| l.sessions.len());
    let Some(d) = app.dialog::<stationcal::tui::dialogs::delete::Delete>() else {
        panic!("dialog")
    };
    assert_eq!(d.options.len(), 1, "a single session has no series");
    enter(&mut app);
    assert_eq!(
        app.schedule.lectures.as_ref().map(|l| l.sessions.len()),
        Some(n - 1)
    );
    // Friday's 8+3 service repeats: this date only adds a skip date.
    press(&mut app, "llld");
    enter(&mut app);
    assert!(
        app.day(date(2026, 11, 27))
            .iter()
            .all(|o| o.programme != Programme::Event)
    );
    assert!(
        app.day(date(2026, 11, 30))
            .iter()
            .any(|o| o.programme == Programme::Event)
    );
    press(&mut app, "uu");
    assert_eq!(app.schedule, sample_app(Lang::Zh).schedule);
}

#[test]
fn a_room_conflict_is_listed_before_confirming_and_saving_is_still_allowed() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh"); // Wednesday, screening 14:00-16:00 in 多功能厅
    press(&mut app, "a4");
    press(&mut app, " ");
    enter(&mut app); // first lecture
    tab(&mut app, 1);
    retype(&mut app, "11-25");
    tab(&mut app, 1);
    retype(&mut app, "1430");
    tab(&mut app, 1);
    retype(&mut app, "1510");
    tab(&mut app, 1);
    press(&mut app, "多功能厅");
    enter(&mut app);
    enter(&mut app);
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("warned: {:?}", app.dialog_name())
    };
    assert!(
        f.form.warnings.iter().any(|w| w.contains("多功能厅")),
        "{:?}",
        f.form.warnings
    );
    assert!(screen(100, 30, &app).contains("有冲突"));
    enter(&mut app);
    assert!(!app.has_dialog());
    assert!(
        !app.conflicts.is_empty(),
        "the conflict is marked in the views"
    );
    // In the week view: `!` after the marker, and the detail pane says with what.
    let s = screen(120, 40, &app);
    assert!(s.contains("F!14:00") || s.contains("L!14:30"), "{s}");
    assert!(s.contains("冲突：与"), "{s}");
    press(&mut app, "3");
    assert!(screen(120, 40, &app).contains("!冲突"));
}

#[test]
fn quitting_with_unsaved_edits_asks_and_can_discard() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhd");
    enter(&mut app);
    press(&mut app, "q");
    assert!(
        app.dialog::<stationcal::tui::dialogs::quit::Quit>()
            .is_some()
    );
    assert!(!app.quit);
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.quit, "Esc stays");
    press(&mut app, "q");
    app.handle_event(&key(KeyCode::Down));
    enter(&mut app);
    assert!(app.quit, "discard and quit");
}

#[test]
fn catalogue_edit_renames_an_id_everywhere() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "4");
    enter(&mut app);
    enter(&mut app);
    retype(&mut app, "F99");
    enter(&mut app);
    let sc = app.schedule.screenings.as_ref().expect("screenings");
    assert_eq!(sc.films[0].id, "F99");
    assert!(sc.programme.iter().any(|p| p.film == "F99"));
    assert!(sc.programme.iter().all(|p| p.film != "F01"));
    assert!(stationcal::model::validate::validate(&app.schedule).is_empty());
}

#[test]
fn a_screening_on_a_day_off_is_skipped_for_the_holiday_from_its_form() {
    use stationcal::model::validate::Part;
    let texts = support::sample_texts_without(Part::Screenings, "Skip(date: \"2026-10-07\"");
    let mut app = support::app_on_texts(texts, date(2026, 10, 7), Lang::Zh);
    let o = app
        .day(date(2026, 10, 7))
        .into_iter()
        .find(|o| o.programme == Programme::Screening)
        .cloned()
        .expect("screening");
    assert_eq!(o.holiday.as_deref(), Some("国庆节"));
    app.selected = app
        .day(date(2026, 10, 7))
        .iter()
        .position(|x| x.key == o.key)
        .expect("selectable");
    enter(&mut app);
    enter(&mut app);
    let Some(f) = app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .map(|d| &d.ef)
    else {
        panic!("form: {:?}", app.dialog_name())
    };
    assert_eq!(f.form.fields[0].key, "holiday");
    // It opens on "decide later": confirming the untouched form changes nothing.
    assert!(screen(100, 30, &app).contains("暂不决定"));
    let before = app.schedule.clone();
    enter(&mut app);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    assert_eq!(app.schedule, before);
    assert!(!app.is_dirty());
    // One Right arrow chooses to skip this date for the holiday.
    enter(&mut app);
    enter(&mut app);
    app.handle_event(&key(KeyCode::Right));
    assert!(screen(100, 30, &app).contains("国庆节放假，这一次暂停"));
    enter(&mut app);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    let now = app
        .day(date(2026, 10, 7))
        .into_iter()
        .find(|x| x.key == o.key)
        .cloned()
        .expect("still listed");
    assert_eq!(now.status, Status::Skipped("国庆节放假".into()));
    assert_eq!(now.holiday, None, "decided: no longer flagged");
}
