//! The history window `H` on real repositories: opened on a screening it
//! lists exactly the versions that changed it, newest first, with who and
//! what before/after; `r` puts the entry back as an undoable edit that a
//! save writes byte-exact apart from that entry; `R` puts the whole file
//! back; Tab lists the whole folder; a folder without history says how to
//! start; hostile text in a version's author or message is shown escaped.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::{Exception, Programme, Showing};
use stationcal::sanitize::shown_escaped;
use stationcal::store::git::Repo;
use stationcal::store::sample::write_sample;
use stationcal::tui::app::App;
use stationcal::tui::dialogs::history::History;

use crate::support::{
    buffer, clean_workspace_app, ctrl, ctrl_s, date, hit, key, press, screen, status, text_of,
};

const SKIP_LABEL: &str = "跳过 12月30日 电影放映：元旦前夕设备检修";
const FILM_MESSAGE: &str = "12月30日改放《智取威虎山》";
const SHOWING_F23: &str = "Showing(date: \"2026-12-30\", film: \"F23\")";
const SHOWING_F20: &str = "Showing(date: \"2026-12-30\", film: \"F20\")";

fn day() -> NaiveDate {
    date(2026, 12, 30)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read a schedule file")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a schedule file");
}

/// An edit made outside the app (a text editor), then committed by `who`.
fn edit_and_commit(dir: &Path, name: &str, from: &str, to: &str, who: &str, message: &str) {
    let text = read(dir, name);
    assert!(text.contains(from), "{from} in {name}");
    write(dir, name, &text.replacen(from, to, 1));
    let repo = Repo::find(dir).expect("the folder keeps history");
    let id = repo
        .commit_files(&[name.to_owned()], who, message)
        .expect("commit");
    assert!(id.is_some(), "{message} made a version");
}

/// The film shown on 30 December in the app's schedule.
fn film_on_day(app: &App) -> String {
    let s = app.schedule.screenings.as_ref().expect("screenings");
    let found: Option<&Showing> = s.programme.iter().find(|p| *p.date == day());
    found.expect("a showing on 12-30").film.clone()
}

/// Saves as `who`: the version is worded by the app's own undo words.
fn save_as(app: &mut App, who: &str) {
    app.author = Some(who.into());
    ctrl_s(app);
    assert!(!app.is_dirty(), "saved: {}", status(app));
}

/// The sample in history, then: 王老师 skips the 30 December screening in
/// the app and saves; 李老师 changes its film in a text editor; and two
/// versions that do not touch it (an event, another date's film).
fn folder_with_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    write_sample(root).expect("sample");
    Repo::init(root, "王老师", "开始记录历史").expect("init");
    {
        let mut app = clean_workspace_app(root);
        let mut next = app.schedule.clone();
        next.screenings
            .as_mut()
            .expect("screenings")
            .set_exception(Exception::Skip {
                date: day().into(),
                reason: "元旦前夕设备检修".into(),
            });
        app.commit(next, SKIP_LABEL);
        save_as(&mut app, "王老师");
    }
    edit_and_commit(
        root,
        "screenings.ron",
        SHOWING_F23,
        SHOWING_F20,
        "李老师",
        FILM_MESSAGE,
    );
    edit_and_commit(
        root,
        "events.ron",
        "title: \"读书沙龙\"",
        "title: \"读书分享会\"",
        "李老师",
        "读书沙龙改名读书分享会",
    );
    edit_and_commit(
        root,
        "screenings.ron",
        "Showing(date: \"2026-12-23\", film: \"F01\")",
        "Showing(date: \"2026-12-23\", film: \"F02\")",
        "王老师",
        "12月23日改放《建国大业》",
    );
    dir
}

/// Goes to `day` in the week view and selects its screening.
fn select_screening(app: &mut App, on: NaiveDate) {
    press(app, "1g");
    press(app, &on.format("%Y-%m-%d").to_string());
    app.handle_event(&key(KeyCode::Enter));
    let at = app
        .day(on)
        .iter()
        .position(|o| o.programme == Programme::Screening)
        .expect("a screening that day");
    hit(app, KeyCode::Down, at);
    let o = app.selected_occurrence().expect("selected");
    assert_eq!((o.date, o.programme), (on, Programme::Screening));
}

fn history(app: &App) -> &History {
    app.dialog::<History>().expect("the history window is open")
}

fn summaries(app: &App) -> Vec<(String, String)> {
    history(app)
        .rows()
        .iter()
        .map(|r| (r.version.author.clone(), r.version.summary.clone()))
        .collect()
}

#[test]
fn who_changed_this_screening_and_what_it_was_before() {
    let dir = folder_with_history();
    let root = dir.path();
    let mut app = clean_workspace_app(root);
    select_screening(&mut app, day());
    press(&mut app, "H");
    assert!(!history(&app).is_whole());
    // Exactly the versions that changed it, newest first: not the event's,
    // not 23 December's.
    assert_eq!(
        summaries(&app),
        [
            ("李老师".to_owned(), FILM_MESSAGE.to_owned()),
            ("王老师".to_owned(), SKIP_LABEL.to_owned()),
            ("王老师".to_owned(), "开始记录历史".to_owned()),
        ]
    );
    // 李老师's change, before and after, on the screen.
    let s = screen(100, 30, &app);
    for want in [
        FILM_MESSAGE,
        SKIP_LABEL,
        "programme[2026-12-30]",
        // The entry changed in place: its field that differs, before and after.
        r#"film: "F23"《我和我的祖国》 改为 "F20"《智取威虎山》"#,
    ] {
        assert!(s.contains(want), "{want:?} in\n{s}");
    }
    assert!(
        !s.contains("12月23日改放") && !s.contains("读书沙龙改名"),
        "{s}"
    );
    // 王老师's skip: it was not there before.
    hit(&mut app, KeyCode::Down, 1);
    let s = screen(100, 30, &app);
    for want in [
        "exceptions[2026-12-30]",
        "之前：（新增）",
        "元旦前夕设备检修",
    ] {
        assert!(s.contains(want), "{want:?} in\n{s}");
    }
}

#[test]
fn restoring_an_entry_is_an_undoable_edit_saved_byte_exact() {
    let dir = folder_with_history();
    let root = dir.path();
    let mut app = clean_workspace_app(root);
    let before_save = read(root, "screenings.ron");
    select_screening(&mut app, day());
    press(&mut app, "H");
    // 李老师's version is the newest: put its entry back as it was.
    press(&mut app, "r");
    assert!(!app.has_dialog(), "the window closes on a restore");
    assert_eq!(film_on_day(&app), "F23");
    assert!(app.is_dirty());
    let said = status(&app);
    assert!(
        said.contains("恢复 screenings.ron 的 programme[2026-12-30]") && said.contains("李老师"),
        "{said}"
    );
    // Undo and redo like any edit.
    press(&mut app, "u");
    assert_eq!(film_on_day(&app), "F20");
    ctrl(&mut app, 'r');
    assert_eq!(film_on_day(&app), "F23");
    // Saved: the file differs from before in that entry alone.
    let labels = app.history.labels_since(0);
    assert_eq!(labels.len(), 1, "{labels:?}");
    save_as(&mut app, "王老师");
    assert_eq!(
        read(root, "screenings.ron"),
        before_save.replacen(SHOWING_F20, SHOWING_F23, 1)
    );
    // And the restore is itself a version, the newest of the screening's.
    select_screening(&mut app, day());
    press(&mut app, "H");
    let rows = summaries(&app);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[0].1.starts_with("恢复 screenings.ron"), "{rows:?}");
}

#[test]
fn restoring_a_whole_file_takes_that_version() {
    let dir = folder_with_history();
    let root = dir.path();
    let mut app = clean_workspace_app(root);
    let now = app.schedule.screenings.clone();
    select_screening(&mut app, day());
    press(&mut app, "H");
    // 王老师's skip, the second newest: the file as it left it.
    hit(&mut app, KeyCode::Down, 1);
    let id = history(&app).rows()[1].version.id;
    press(&mut app, "R");
    let repo = Repo::find(root).expect("repo");
    let then = repo
        .part_at(id, "screenings.ron")
        .expect("reads")
        .expect("there");
    assert_eq!(app.schedule.screenings, then.screenings);
    assert_eq!(film_on_day(&app), "F23", "before 李老师's change");
    press(&mut app, "u");
    assert_eq!(app.schedule.screenings, now);
}

#[test]
fn tab_lists_every_version_of_the_folder() {
    let dir = folder_with_history();
    let mut app = clean_workspace_app(dir.path());
    select_screening(&mut app, day());
    press(&mut app, "H");
    app.handle_event(&key(KeyCode::Tab));
    assert!(history(&app).is_whole());
    let rows = summaries(&app);
    let all = Repo::find(dir.path())
        .expect("repo")
        .versions("", 100)
        .expect("versions");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows.len(), all.len());
    assert_eq!(rows[0].1, "12月23日改放《建国大业》");
    assert_eq!(rows[1].1, "读书沙龙改名读书分享会");
    // The event's change, entry by entry, once it is selected.
    hit(&mut app, KeyCode::Down, 1);
    let s = screen(120, 40, &app);
    assert!(s.contains("events[E03]") && s.contains("读书分享会"), "{s}");
    // Tab again: the screening's own versions.
    app.handle_event(&key(KeyCode::Tab));
    assert_eq!(summaries(&app).len(), 3);
    // With nothing selected (the catalogue), the whole folder.
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, "4H");
    assert!(history(&app).is_whole());
}

#[test]
fn a_read_only_folder_refuses_a_restore_as_every_edit() {
    let dir = folder_with_history();
    let _holder = clean_workspace_app(dir.path());
    let mut app = crate::support::workspace_app(dir.path());
    assert!(app.read_only.is_some(), "the first copy holds the folder");
    select_screening(&mut app, day());
    press(&mut app, "H");
    press(&mut app, "r");
    assert_eq!(film_on_day(&app), "F20");
    assert!(!app.is_dirty());
    assert!(status(&app).starts_with("只读"), "{}", status(&app));
}

#[test]
fn a_folder_without_history_says_how_to_start() {
    let dir = tempfile::tempdir().expect("temp");
    write_sample(dir.path()).expect("sample");
    let mut app = clean_workspace_app(dir.path());
    assert!(app.storage.as_ref().and_then(|s| s.repo()).is_none());
    select_screening(&mut app, day());
    press(&mut app, "H");
    let s = screen(80, 24, &app);
    assert!(s.contains("这个文件夹还没有历史记录"), "{s}");
    assert!(s.contains("stationcal init --git"), "{s}");
    // Enter starts it: the name is asked once, then the first version.
    app.handle_event(&key(KeyCode::Enter));
    assert!(screen(80, 24, &app).contains("您的名字"));
    press(&mut app, "王老师");
    app.handle_event(&key(KeyCode::Enter));
    assert!(status(&app).contains("已开始记录历史"), "{}", status(&app));
    let repo = Repo::find(dir.path()).expect("kept in history now");
    let v = repo.versions("", 5).expect("versions");
    assert_eq!((v.len(), v[0].author.as_str()), (1, "王老师"));
    assert!(app.storage.as_ref().and_then(|s| s.repo()).is_some());
}

#[test]
fn hostile_text_in_a_version_is_shown_escaped() {
    let dir = folder_with_history();
    let root = dir.path();
    let author = "李\u{202e}老师\u{200b}";
    let message = "改\u{1b}]0;pwned\u{7}片\t名\u{202e}abc\u{9b}31m";
    edit_and_commit(
        root,
        "screenings.ron",
        SHOWING_F20,
        SHOWING_F23,
        author,
        &format!("{message}\n\n- 第二行\u{1b}[2J\t清屏"),
    );
    let mut app = clean_workspace_app(root);
    select_screening(&mut app, day());
    press(&mut app, "H");
    assert_eq!(summaries(&app)[0].1, message);
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let buf = buffer(w, h, &app);
        let text = text_of(&buf);
        let raw: Vec<char> = text
            .chars()
            .filter(|c| *c != '\n' && shown_escaped(*c))
            .collect();
        assert!(raw.is_empty(), "{w}x{h}: raw {raw:?} in\n{text}");
        if w >= 120 {
            for want in [
                "\\u{1b}]0;pwned\\u{7}片\\t名\\u{202e}abc",
                "李\\u{202e}老师",
            ] {
                assert!(text.contains(want), "{want:?} in\n{text}");
            }
        }
    }
}

/// A repository made at fixed times, for the snapshots.
fn fixed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    write_sample(root).expect("sample");
    let repo = git2::Repository::init(root).expect("git init");
    let commit = |who: &str, message: &str, at: &str| {
        let mut index = repo.index().expect("index");
        index
            .add_all(["*.ron"], git2::IndexAddOption::DEFAULT, None)
            .expect("add");
        index.write().expect("index written");
        let tree = repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let when = chrono::DateTime::parse_from_rfc3339(at).expect("time");
        let sig = git2::Signature::new(
            who,
            stationcal::store::git::AUTHOR_ADDRESS,
            &git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60),
        )
        .expect("signature");
        let parents: Vec<git2::Commit> = repo
            .head()
            .ok()
            .and_then(|h| h.peel_to_commit().ok())
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &refs)
            .expect("commit");
    };
    commit("王老师", "开始记录历史", "2026-11-20T09:00:00+08:00");
    let skip = "exceptions: [\n        Skip(date: \"2026-12-30\", reason: \"元旦前夕设备检修\"),";
    let text = read(root, "screenings.ron").replacen("exceptions: [", skip, 1);
    write(root, "screenings.ron", &text);
    commit("王老师", SKIP_LABEL, "2026-12-01T14:32:00+08:00");
    let text = read(root, "screenings.ron").replacen(SHOWING_F23, SHOWING_F20, 1);
    write(root, "screenings.ron", &text);
    commit("李老师", FILM_MESSAGE, "2026-12-03T10:05:00+08:00");
    dir
}

#[test]
fn snapshots_of_the_history_window() {
    let dir = fixed_repo();
    let mut app = clean_workspace_app(dir.path());
    // The status line names the folder: not the temporary one's name.
    app.dir = "schedule".into();
    select_screening(&mut app, day());
    press(&mut app, "H");
    assert_eq!(summaries(&app).len(), 3);
    insta::assert_snapshot!("history_screening_80x24", screen(80, 24, &app));
    insta::assert_snapshot!("history_screening_120x40", screen(120, 40, &app));
    hit(&mut app, KeyCode::Down, 1);
    insta::assert_snapshot!("history_screening_skip_80x24", screen(80, 24, &app));
}

#[test]
fn another_sites_history_is_shown_and_never_restored_here() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    crate::support::copy_dir(&crate::support::asset("assets/network"), root);
    Repo::init(root, "王老师", "开始记录历史").expect("init");
    let start = stationcal::tui::sites::load(root);
    let site = start.dir.clone().expect("a site was read");
    let loaded = stationcal::store::load_dir(&site);
    let storage = stationcal::store::workspace::Workspace::open(&site, &loaded);
    let mut app = crate::support::new_app(stationcal::tui::app::AppInit {
        schedule: start.schedule,
        diagnostics: start.diagnostics,
        dir: site,
        today: crate::support::today(),
        lang: Lang::Zh,
        keymap: stationcal::tui::keymap::Keymap::default_keys(),
        status: None,
        storage: Some(Box::new(storage)),
    });
    app.set_network(start.view);
    let active = app.network.as_ref().map(|n| n.active).expect("a network");
    let today = app.cursor;
    let (day, nth) = app
        .week()
        .first
        .iter_days()
        .take(7)
        .find_map(|d| {
            let i = app
                .day(d)
                .iter()
                .position(|o| usize::from(o.site) != active)?;
            Some((d, i))
        })
        .expect("another site's activity this week");
    let steps = (day - today).num_days();
    let k = if steps < 0 { "h" } else { "l" };
    for _ in 0..steps.unsigned_abs() {
        press(&mut app, k);
    }
    hit(&mut app, KeyCode::Down, nth);
    assert_ne!(
        app.selected_occurrence().map(|o| usize::from(o.site)),
        Some(active)
    );
    let before = app.schedule.clone();
    press(&mut app, "H");
    // Its own site's file, from the network's history: the first version.
    assert_eq!(
        summaries(&app),
        [("王老师".to_owned(), "开始记录历史".to_owned())]
    );
    let s = screen(120, 40, &app);
    assert!(s.contains("之前：（新增）"), "{s}");
    for k in ["r", "R"] {
        press(&mut app, k);
        assert_eq!(app.schedule, before, "{k}");
        assert!(status(&app).starts_with("这是"), "{k}: {}", status(&app));
    }
}

#[test]
fn a_click_selects_a_version_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let dir = fixed_repo();
    let mut app = clean_workspace_app(dir.path());
    select_screening(&mut app, day());
    press(&mut app, "H");
    let buf = buffer(80, 24, &app);
    let at = crate::support::locate(&buf, "开始记录历史").expect("the oldest version drawn");
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event(&mouse(
        MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
        at.x,
        at.y,
    ));
    assert_eq!(history(&app).selected(), Some(2));
    app.handle_event(&mouse(MouseEventKind::ScrollUp, at.x, at.y));
    assert_eq!(history(&app).selected(), Some(1));
    assert!(app.has_dialog());
}

#[test]
fn a_change_of_the_series_concerns_every_date_but_not_other_files() {
    let dir = folder_with_history();
    let root = dir.path();
    edit_and_commit(
        root,
        "screenings.ron",
        "start: \"14:00\",",
        "start: \"14:30\",",
        "李老师",
        "放映改为 14:30 开始",
    );
    // A version where the file did not read, then mended.
    let good = read(root, "screenings.ron");
    write(
        root,
        "screenings.ron",
        &good.replacen("Screenings(", "Screenings((", 1),
    );
    let repo = Repo::find(root).expect("repo");
    repo.commit_files(&["screenings.ron".to_owned()], "李老师", "写错了")
        .expect("commit");
    write(root, "screenings.ron", &good);
    repo.commit_files(&["screenings.ron".to_owned()], "李老师", "改正")
        .expect("commit");
    let mut app = clean_workspace_app(root);
    select_screening(&mut app, day());
    press(&mut app, "H");
    let rows = summaries(&app);
    let messages: Vec<&str> = rows.iter().take(3).map(|r| r.1.as_str()).collect();
    assert_eq!(messages, ["改正", "写错了", "放映改为 14:30 开始"]);
    let s = screen(120, 40, &app);
    assert!(s.contains("这个版本的文件读不懂"), "{s}");
    // Nothing to put back from the version that did not read.
    hit(&mut app, KeyCode::Down, 1);
    let now = app.schedule.clone();
    press(&mut app, "R");
    assert!(
        status(&app).contains("screenings.ron 读不懂（第 26 行"),
        "{}",
        status(&app)
    );
    press(&mut app, "r");
    assert!(status(&app).contains("无法逐条恢复"), "{}", status(&app));
    assert_eq!(app.schedule, now);
    hit(&mut app, KeyCode::Down, 1);
    let s = screen(120, 40, &app);
    assert!(s.contains("slot.start") && s.contains("\"14:30\""), "{s}");
    // The book club (events.ron) was not changed by any of them.
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, "g");
    press(&mut app, "2026-12-12");
    app.handle_event(&key(KeyCode::Enter));
    let at = app
        .day(date(2026, 12, 12))
        .iter()
        .position(|o| o.title.as_deref() == Some("读书分享会"))
        .expect("the book club that day");
    hit(&mut app, KeyCode::Down, at);
    press(&mut app, "H");
    assert!(!history(&app).is_whole());
    let messages: Vec<String> = summaries(&app).into_iter().map(|r| r.1).collect();
    assert_eq!(messages, ["读书沙龙改名读书分享会", "开始记录历史"]);
}
