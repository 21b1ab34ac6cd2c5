//! Editing and saving through the app into a real folder: only changed
//! entries are written, outside changes are reloaded or merged, conflicts
//! are chosen, a second copy is read-only, and random keys never leave an
//! unreadable file.

use std::path::Path;

use crate::support::{self, clean_workspace_app, ctrl, ctrl_s, date, key, press};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::store::{Cause, load_dir};

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).expect("readable")
}

/// Lines of `after` not in `before`, and the reverse.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    let removed = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| (*l).to_owned())
        .collect();
    (added, removed)
}

#[test]
fn a_skip_is_saved_as_one_new_line_and_nothing_else_changes() {
    let dir = support::sample_copy();
    let before: Vec<String> = [
        "station.ron",
        "screenings.ron",
        "service-days.ron",
        "lectures.ron",
        "events.ron",
    ]
    .iter()
    .map(|f| read(dir.path(), f))
    .collect();
    let mut app = clean_workspace_app(dir.path());
    press(&mut app, "hhd");
    press(&mut app, "设备检修");
    app.handle_event(&key(KeyCode::Enter));
    ctrl_s(&mut app);
    assert!(!app.is_dirty(), "{:?}", app.status);
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("已保存 screenings.ron")),
        "{:?}",
        app.status
    );
    let after = read(dir.path(), "screenings.ron");
    let (added, removed) = changed_lines(&before[1], &after);
    assert_eq!(
        added,
        vec!["        Skip(date: \"2026-11-25\", reason: \"设备检修\"),".to_owned()]
    );
    assert!(removed.is_empty());
    // The other files were not touched at all.
    for (f, b) in [
        "station.ron",
        "service-days.ron",
        "lectures.ron",
        "events.ron",
    ]
    .iter()
    .zip([&before[0], &before[2], &before[3], &before[4]])
    {
        assert_eq!(&read(dir.path(), f), b, "{f}");
    }
    // The previous version is kept as a backup.
    assert_eq!(
        std::fs::read_dir(dir.path().join(".stationcal-backup"))
            .expect("backups")
            .count(),
        1
    );
    // And it reads back as the edited schedule.
    assert_eq!(load_dir(dir.path()).schedule, app.schedule);
}

#[test]
fn a_lecture_session_typed_in_chinese_is_saved_and_reloads() {
    let dir = support::sample_copy();
    let mut app = clean_workspace_app(dir.path());
    press(&mut app, "a4");
    press(&mut app, "我深爱的这座城");
    app.handle_event(&key(KeyCode::Enter));
    for (text, tabs) in [("12-03", 1), ("1900", 1), ("1940", 1)] {
        for _ in 0..tabs {
            app.handle_event(&key(KeyCode::Tab));
        }
        ctrl(&mut app, 'u');
        press(&mut app, text);
    }
    app.handle_event(&key(KeyCode::Enter));
    if app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .is_some()
    {
        app.handle_event(&key(KeyCode::Enter));
    }
    ctrl_s(&mut app);
    let text = read(dir.path(), "lectures.ron");
    assert!(
        text.contains("lecture: \"L03\", date: \"2026-12-03\", start: \"19:00\", end: \"19:40\""),
        "{text}"
    );
    assert_eq!(load_dir(dir.path()).schedule, app.schedule);
}

#[test]
fn outside_changes_reload_when_clean_and_merge_when_editing_other_entries() {
    let dir = support::sample_copy();
    let mut app = clean_workspace_app(dir.path());
    let path = dir.path().join("screenings.ron");
    // No unsaved edits: an outside change is simply reloaded.
    let text = read(dir.path(), "screenings.ron")
        .replace("title: \"焦裕禄\"", "title: \"焦裕禄（修复版）\"");
    std::fs::write(&path, &text).expect("write");
    app.tick();
    assert_eq!(
        app.schedule.film("F17").map(|f| f.title.as_str()),
        Some("焦裕禄（修复版）")
    );
    assert!(!app.is_dirty());
    // Edit one date here while another film's title changes on disk.
    press(&mut app, "]hhd"); // Wednesday 2026-12-02
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.is_dirty());
    let text = read(dir.path(), "screenings.ron")
        .replace("title: \"开国大典\"", "title: \"开国大典（4K）\"");
    std::fs::write(&path, &text).expect("write");
    ctrl_s(&mut app);
    assert!(
        app.status.as_deref().is_some_and(|s| s.contains("合并")),
        "{:?}",
        app.status
    );
    let saved = load_dir(dir.path()).schedule;
    assert_eq!(
        saved.film("F01").map(|f| f.title.as_str()),
        Some("开国大典（4K）"),
        "their change kept"
    );
    let sc = saved.screenings.as_ref().expect("screenings");
    assert!(
        sc.exceptions.iter().any(|e| *e.date() == date(2026, 12, 2)),
        "my change kept"
    );
    assert_eq!(saved, app.schedule);
}

#[test]
fn the_same_entry_changed_on_both_sides_asks_and_either_side_can_win() {
    for take_mine in [true, false] {
        let dir = support::sample_copy();
        let mut app = clean_workspace_app(dir.path());
        press(&mut app, "4");
        app.handle_event(&key(KeyCode::Enter));
        app.handle_event(&key(KeyCode::Enter));
        app.handle_event(&key(KeyCode::Tab));
        ctrl(&mut app, 'u');
        press(&mut app, "开国大典（我的）");
        app.handle_event(&key(KeyCode::Enter));
        let path = dir.path().join("screenings.ron");
        let text = read(dir.path(), "screenings.ron")
            .replace("title: \"开国大典\"", "title: \"开国大典（别处的）\"");
        std::fs::write(&path, &text).expect("write");
        ctrl_s(&mut app);
        let Some(m) = app.dialog::<stationcal::tui::dialogs::merge::Merge>() else {
            panic!("asks: {:?} {:?}", app.dialog_name(), app.status)
        };
        assert_eq!(m.conflicts.len(), 1);
        press(&mut app, if take_mine { "m" } else { "t" });
        assert!(!app.has_dialog());
        let want = if take_mine {
            "开国大典（我的）"
        } else {
            "开国大典（别处的）"
        };
        assert_eq!(
            load_dir(dir.path())
                .schedule
                .film("F01")
                .map(|f| f.title.clone())
                .as_deref(),
            Some(want)
        );
        assert_eq!(
            app.schedule.film("F01").map(|f| f.title.clone()).as_deref(),
            Some(want)
        );
        assert!(!app.is_dirty());
    }
}

#[test]
fn a_second_copy_opens_read_only_and_says_who_holds_the_folder() {
    let dir = support::sample_copy();
    let first = clean_workspace_app(dir.path());
    let mut second = clean_workspace_app(dir.path());
    assert!(first.read_only.is_none());
    let who = second.read_only.clone().expect("read-only");
    assert!(who.who.contains("pid"), "{who}");
    press(&mut second, "hhd");
    assert!(!second.has_dialog());
    assert!(second.status.as_deref().is_some_and(|s| s.contains("只读")));
    drop(first);
}

#[test]
fn undo_after_save_makes_the_edit_unsaved_again() {
    let dir = support::sample_copy();
    let mut app = clean_workspace_app(dir.path());
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Enter));
    ctrl_s(&mut app);
    assert!(!app.is_dirty());
    press(&mut app, "u");
    assert!(app.is_dirty());
    ctrl_s(&mut app);
    assert_eq!(load_dir(dir.path()).schedule, app.schedule);
    let sample = stationcal::store::load_texts(stationcal::store::sample::texts()).schedule;
    assert_eq!(app.schedule.screenings, sample.screenings);
}

fn any_key() -> impl Strategy<Value = Event> {
    let chars = prop::sample::select(vec![
        'h', 'j', 'k', 'l', ']', 'a', 'd', 'u', ' ', '1', '4', '6', 'y', 'm', 't', '石', '0', '9',
        ':', '-',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
    ]);
    prop_oneof![
        4 => chars.prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        3 => codes.prop_map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        1 => prop::sample::select(vec!['s', 'r', 'u']).prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever keys are pressed, every file on disk still reads: saving
    /// never writes an unreadable or invalid file.
    #[test]
    fn random_keys_never_write_an_unreadable_file(events in prop::collection::vec(any_key(), 1..80)) {
        let dir = support::sample_copy();
        let mut app = clean_workspace_app(dir.path());
        for e in &events {
            app.handle_event(e);
        }
        ctrl_s(&mut app);
        let loaded = load_dir(dir.path());
        let unreadable: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| matches!(d.cause, Cause::Syntax(_) | Cause::Value(_) | Cause::NotUtf8 | Cause::Empty))
            .collect();
        prop_assert!(unreadable.is_empty(), "{unreadable:?}");
        if !app.is_dirty() {
            prop_assert_eq!(&loaded.schedule, &app.schedule);
        }
    }
}
