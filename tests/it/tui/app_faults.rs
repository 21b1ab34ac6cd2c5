//! Faults while working, through the app with a real folder behind it: a
//! save into a read-only folder, onto a file replaced by a folder, or after
//! the folder disappeared says so clearly, keeps the edits in memory and
//! leaves nothing half-written; random keys on randomly broken files never
//! panic; the panic hook writes the recovery journal.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::store::journal::{self, Snapshot};
use stationcal::store::{load_texts, sample};
use stationcal::tui::app::App;
use stationcal::tui::recovery;

use crate::support::{
    self, ReadOnly, clean_workspace_app, ctrl_s, date, press, sample_copy, status, tree,
};

/// Skips Wednesday 2026-11-25's screening: an unsaved edit to screenings.ron.
fn edit(app: &mut App) {
    press(app, "hhd");
    app.handle_event(&support::key(KeyCode::Enter));
    assert!(app.is_dirty(), "the skip is an unsaved edit");
}

#[test]
fn saving_into_a_read_only_folder_says_so_and_keeps_the_edits() {
    let dir = sample_copy();
    let mut app = clean_workspace_app(dir.path());
    edit(&mut app);
    let before = tree(dir.path());
    let Some(guard) = ReadOnly::make(dir.path()) else {
        eprintln!("skipped: cannot make a read-only folder here");
        return;
    };
    ctrl_s(&mut app);
    let after = tree(dir.path());
    drop(guard);
    let s = status(&app);
    assert!(s.contains("只读") && s.contains("什么都没有写入"), "{s}");
    assert!(app.is_dirty(), "the edits stay in memory");
    assert_eq!(after, before, "nothing written, no temporary file");
    // Writable again: the same edits save.
    ctrl_s(&mut app);
    assert!(status(&app).contains("已保存"), "{}", status(&app));
    assert!(!app.is_dirty());
    let text = fs::read_to_string(dir.path().join("screenings.ron")).expect("reads");
    assert!(text.contains("Skip(date: \"2026-11-25\""));
}

#[test]
fn saving_onto_a_file_replaced_by_a_folder_says_so_and_keeps_the_edits() {
    let dir = sample_copy();
    let mut app = clean_workspace_app(dir.path());
    edit(&mut app);
    let file = dir.path().join("screenings.ron");
    fs::remove_file(&file).expect("remove");
    fs::create_dir(&file).expect("a folder in its place");
    let before = tree(dir.path());
    ctrl_s(&mut app);
    let s = status(&app);
    assert!(s.contains("screenings.ron") && s.contains("文件夹"), "{s}");
    assert!(app.is_dirty());
    assert_eq!(tree(dir.path()), before, "nothing written");
}

#[test]
fn the_folder_disappearing_is_said_and_saving_then_fails_clearly() {
    let root = tempfile::tempdir().expect("temp");
    let dir = root.path().join("schedule");
    fs::create_dir(&dir).expect("mkdir");
    for (part, text) in sample::texts() {
        fs::write(dir.join(part.file_name()), text).expect("write");
    }
    let mut app = clean_workspace_app(&dir);
    edit(&mut app);
    fs::rename(&dir, root.path().join("renamed")).expect("rename the folder");
    app.tick();
    let s = status(&app);
    assert!(s.contains("日程文件夹不见了"), "{s}");
    ctrl_s(&mut app);
    let s = status(&app);
    assert!(s.contains("未保存") || s.contains("无法保存"), "{s}");
    assert!(app.is_dirty(), "the edits stay in memory");
    assert!(!dir.exists(), "nothing was recreated in the old place");
    // Keys still work.
    press(&mut app, "jkl2134?");
}

/// The panic hook is the process's, and this test shares the process with
/// every other test of the crate. That is safe: no other test sets a hook;
/// ours calls the one it replaced (libtest's default, so another test's
/// panic in that moment is still reported as usual) and writes only into
/// this test's temporary folder; and `take_hook` puts the default back.
#[test]
fn the_panic_hook_writes_the_journal_of_the_unsaved_edits() {
    let state = tempfile::tempdir().expect("state");
    let loaded = load_texts(sample::texts());
    let mut current = loaded.schedule.clone();
    current.station.name = "未保存的名字".into();
    let shared: recovery::Shared = Arc::new(Mutex::new(Some(Snapshot {
        folder: PathBuf::from("/schedule/for/the/test"),
        saved: loaded.schedule.clone(),
        current: current.clone(),
    })));
    recovery::install_panic_hook_in(
        Arc::clone(&shared),
        Some(state.path().to_path_buf()),
        Lang::En,
    );
    let result = std::panic::catch_unwind(|| panic!("a bug"));
    let _ = std::panic::take_hook();
    assert!(result.is_err());
    let dir = state.path().to_path_buf();
    let j = journal::read_in(&dir, Path::new("/schedule/for/the/test"))
        .expect("a journal was written")
        .expect("it reads");
    assert_eq!(j.reason, "panic");
    assert_eq!(j.apply(&loaded.schedule).expect("applies"), current);
    // A poisoned snapshot still gets written; an empty one writes nothing.
    let poisoned = Arc::clone(&shared);
    let _ = std::thread::spawn(move || {
        let _g = poisoned.lock().expect("lock");
        panic!("poison it");
    })
    .join();
    let other = tempfile::tempdir().expect("other");
    assert!(recovery::write_for_panic(&shared, other.path()).is_some());
    let empty = Mutex::new(None);
    assert!(recovery::write_for_panic(&empty, other.path()).is_none());
}

/// Keys staff press, and some they press by mistake.
fn any_key() -> impl Strategy<Value = Event> {
    let chars: Vec<char> = "hjkl[]tgq1234/fe?adudEpyn 周一，\u{1b}".chars().collect();
    prop_oneof![
        4 => prop::sample::select(chars).prop_map(|c| support::key(KeyCode::Char(c))),
        1 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageDown,
        ])
        .prop_map(support::key),
        1 => prop::sample::select(vec!['s', 'r', 'u'])
            .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
    ]
}

/// A byte-level change to a file's text.
fn mutate(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let len = bytes.len().max(1);
    let at = at % len;
    let end = (at + cut).min(bytes.len());
    bytes.splice(at..end, insert.bytes());
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_keys_on_randomly_broken_files_never_panic(
        which in 0usize..5,
        at in any::<usize>(),
        cut in 0usize..40,
        insert in prop::sample::select(vec!["", "，", "(", ")", "\"", "]", "2026-02-30", "：", "seets"]),
        keys in prop::collection::vec(any_key(), 0..60),
    ) {
        let mut texts = sample::texts();
        let (part, text) = texts[which].clone();
        texts[which] = (part, mutate(&text, at, cut, insert));
        let mut app = support::app_on_texts(texts, date(2026, 11, 27), Lang::Zh);
        // `p` prints: into a temporary folder, not the working one.
        let out = tempfile::tempdir().expect("temp");
        app.print_dir = out.path().to_path_buf();
        for k in &keys {
            app.handle_event(k);
            if app.quit {
                break;
            }
        }
        let _ = support::screen(80, 24, &app);
    }
}

/// A file broken outside while the app runs keeps its last good schedule,
/// whatever the kind of mistake, and the problems are listed.
#[test]
fn a_file_broken_outside_keeps_its_last_good_part() {
    for (from, to) in [
        (
            "Room(name: \"多功能厅\", seats: 120),",
            "Room(name: \"多功能厅\", seats: 120,",
        ),
        (
            "name: \"石化街道社区党群服务中心\",",
            "name: \"石化街道, name: \"x\",",
        ),
        ("seats: 40", "seats：40"),
    ] {
        let dir = sample_copy();
        let mut app = clean_workspace_app(dir.path());
        let good = app.schedule.clone();
        let path = dir.path().join("station.ron");
        let text = fs::read_to_string(&path).expect("reads");
        assert_eq!(text.matches(from).count(), 1, "{from}");
        fs::write(&path, text.replace(from, to)).expect("write");
        for _ in 0..20 {
            app.tick();
            if app.diagnostics.iter().any(|d| d.file == "station.ron") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(
            app.diagnostics
                .iter()
                .any(|d| d.file == "station.ron" && d.line > 0),
            "{to}: {:?}",
            app.diagnostics
        );
        assert_eq!(app.schedule.station, good.station, "{to}");
        assert!(!app.is_dirty(), "{to}");
    }
}

/// The restore dialog as staff see it at the smallest size: what happened,
/// which files, and the three choices.
#[test]
fn the_restore_dialog_shows_the_files_and_the_choices() {
    let mut app = support::sample_app(Lang::Zh);
    let saved = app.schedule.clone();
    let mut current = saved.clone();
    current.station.name = "改过".into();
    let j = journal::Journal::of(
        &Snapshot {
            folder: PathBuf::from("/x"),
            saved,
            current,
        },
        "SIGHUP",
    );
    app.open(stationcal::tui::dialogs::restore::Restore {
        journal: j,
        menu: stationcal::tui::widgets::menu::Menu::new(3, 0),
    });
    let s = support::screen(80, 24, &app);
    for want in [
        "上次有未保存的修改",
        "终端窗口被关闭",
        "station.ron",
        "恢复这些修改",
        "丢弃",
        "稍后",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
    // Enter restores: the edit is back, unsaved, and undo returns to the files.
    app.handle_event(&support::key(KeyCode::Enter));
    assert_eq!(app.schedule.station.name, "改过");
    assert!(app.is_dirty());
    press(&mut app, "u");
    assert!(!app.is_dirty());
}
