//! Two staff on two computers (two clones of one shared copy), working in
//! the app as they do: edit, save (each save a version with their name and
//! the edit in words), press the sync key. Nothing is lost or silently
//! dropped; the same entry changed on both sides goes through the merge
//! dialog; outside edits become their own version; a shared copy that is
//! gone keeps everything here.

use std::path::{Path, PathBuf};

use stationcal::i18n::Lang;
use stationcal::store::git::sync::{self, SyncOptions, SyncOutcome};
use stationcal::store::git::{GitError, Repo};
use stationcal::store::sample;
use stationcal::tui::app::App;

use crate::support::{ctrl_s, press, ron_files, screen, status, workspace_app};

pub struct Office {
    _tmp: tempfile::TempDir,
    pub remote: PathBuf,
    pub a: PathBuf,
    pub b: PathBuf,
}

fn done(outcome: Result<SyncOutcome, GitError>) {
    match outcome {
        Ok(SyncOutcome::Done(_)) => {}
        other => panic!("sync did not finish: {other:?}"),
    }
}

/// A shared copy made from computer A's sample schedule, and computer B's
/// copy of it: the three-command set-up, through the library.
pub fn office() -> Office {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b, remote) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("共享.git"),
    );
    sample::write_sample(&a).expect("sample");
    let (repo, started) = Repo::init(&a, "王老师", "开始记录历史").expect("init");
    assert!(started);
    let mut opts = git2::RepositoryInitOptions::new();
    opts.bare(true).initial_head("main");
    git2::Repository::init_opts(&remote, &opts).expect("bare");
    repo.set_remote(remote.to_str().expect("utf-8 path"))
        .expect("remote");
    done(sync::sync(
        &repo,
        SyncOptions {
            author: "王老师",
            lang: Lang::Zh,
        },
    ));
    std::fs::create_dir(&b).expect("b");
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    git2::Repository::init_opts(&b, &opts).expect("init b");
    let rb = Repo::find(&b).expect("b is a repository");
    rb.set_remote(remote.to_str().expect("utf-8 path"))
        .expect("remote");
    done(sync::sync(
        &rb,
        SyncOptions {
            author: "李老师",
            lang: Lang::Zh,
        },
    ));
    assert_eq!(ron_files(&a), ron_files(&b), "the copy is exact");
    Office {
        _tmp: tmp,
        remote,
        a,
        b,
    }
}

/// The app on a computer's folder, with the staffer's name set.
pub fn staff(dir: &Path, name: &str) -> App {
    let mut app = workspace_app(dir);
    app.author = Some(name.to_owned());
    app
}

/// Changes an event's title in the app as an edit (undoable, labelled),
/// then saves.
pub fn retitle(app: &mut App, id: &str, title: &str) {
    let mut next = app.schedule.clone();
    let e = next
        .events
        .as_mut()
        .and_then(|e| e.events.iter_mut().find(|e| e.id == id))
        .expect("event in the sample");
    title.clone_into(&mut e.title);
    app.commit(next, &format!("修改 {id} 的名称为 {title}"));
    ctrl_s(app);
    assert!(!app.is_dirty(), "saved: {}", status(app));
}

fn title(dir: &Path, id: &str) -> String {
    let loaded = stationcal::store::load_dir(dir);
    loaded
        .schedule
        .events
        .and_then(|e| e.events.into_iter().find(|e| e.id == id))
        .map(|e| e.title)
        .expect("event")
}

fn authors_and_words(dir: &Path) -> Vec<(String, String)> {
    let repo = Repo::find(dir).expect("repository");
    repo.versions("", 100)
        .expect("versions")
        .into_iter()
        .map(|v| (v.author, v.summary))
        .collect()
}

#[test]
fn both_staff_edit_different_entries_and_every_edit_reaches_both_computers() {
    let o = office();
    let mut a = staff(&o.a, "王老师");
    let mut b = staff(&o.b, "李老师");
    retitle(&mut a, "E03", "读书沙龙（十二月改在周六）");
    retitle(&mut b, "E04", "远教展播：新时代的共产党人");
    // The key says the sync is under way; the loop runs it after that frame.
    let remote_head = || {
        git2::Repository::open_bare(&o.remote)
            .and_then(|r| r.refname_to_id("refs/heads/main"))
            .expect("the shared copy's main")
    };
    let head = remote_head();
    a.handle_event(&crate::support::key(
        ratatui::crossterm::event::KeyCode::Char('S'),
    ));
    assert!(status(&a).contains("正在同步"), "{}", status(&a));
    assert_eq!(remote_head(), head, "nothing sent before the frame");
    a.run_sync_request();
    assert_ne!(remote_head(), head, "sent once run");
    assert!(status(&a).contains("已同步"), "{}", status(&a));
    press(&mut b, "S");
    assert!(status(&b).contains("逐条合并"), "{}", status(&b));
    press(&mut a, "S");
    // Both edits on both computers, the files byte for byte the same.
    assert_eq!(ron_files(&o.a), ron_files(&o.b));
    for dir in [&o.a, &o.b] {
        assert_eq!(title(dir, "E03"), "读书沙龙（十二月改在周六）");
        assert_eq!(title(dir, "E04"), "远教展播：新时代的共产党人");
    }
    // And in each app, not only on disk.
    let shown = |app: &App, id: &str| {
        app.schedule
            .events
            .as_ref()
            .and_then(|e| e.events.iter().find(|e| e.id == id))
            .map(|e| e.title.clone())
    };
    assert_eq!(
        shown(&a, "E04").as_deref(),
        Some("远教展播：新时代的共产党人")
    );
    assert_eq!(
        shown(&b, "E03").as_deref(),
        Some("读书沙龙（十二月改在周六）")
    );
    // History names both staff with their edits in words.
    let history = authors_and_words(&o.a);
    assert!(
        history.contains(&(
            "王老师".into(),
            "修改 E03 的名称为 读书沙龙（十二月改在周六）".into()
        )),
        "{history:?}"
    );
    assert!(
        history.contains(&(
            "李老师".into(),
            "修改 E04 的名称为 远教展播：新时代的共产党人".into()
        )),
        "{history:?}"
    );
    // Nothing left over: the folders are exactly their last version.
    for dir in [&o.a, &o.b] {
        let repo = Repo::find(dir).expect("repo");
        assert!(repo.changed_on_disk(&repo.schedule_files()).is_empty());
    }
}

#[test]
fn the_same_entry_changed_on_both_sides_goes_through_the_merge_dialog_and_ends_equal() {
    let o = office();
    let mut a = staff(&o.a, "王老师");
    let mut b = staff(&o.b, "李老师");
    retitle(&mut a, "E03", "读书沙龙（王）");
    retitle(&mut b, "E03", "读书沙龙（李）");
    press(&mut a, "S");
    let before = ron_files(&o.b);
    press(&mut b, "S");
    let shown = screen(100, 30, &b);
    assert!(
        shown.contains("本机的") && shown.contains("共享副本的"),
        "{shown}"
    );
    assert!(
        shown.contains("读书沙龙（王）") && shown.contains("读书沙龙（李）"),
        "{shown}"
    );
    // Nothing is written while the choice is open.
    assert_eq!(ron_files(&o.b), before);
    // Keep the shared copy's (王老师's) title.
    press(&mut b, "t");
    assert!(status(&b).contains("已同步"), "{}", status(&b));
    press(&mut a, "S");
    assert_eq!(ron_files(&o.a), ron_files(&o.b));
    assert_eq!(title(&o.b, "E03"), "读书沙龙（王）");
    // 李老师's title is not silently dropped: it is a version to go back to.
    let repo = Repo::find(&o.a).expect("repo");
    let kept = repo
        .versions("", 50)
        .expect("versions")
        .into_iter()
        .any(|v| {
            repo.file_at(v.id, "events.ron")
                .ok()
                .flatten()
                .is_some_and(|b| String::from_utf8_lossy(&b).contains("读书沙龙（李）"))
        });
    assert!(kept, "the other side's version is in history");
}

#[test]
fn leaving_the_merge_dialog_changes_nothing_and_the_next_sync_asks_again() {
    let o = office();
    let mut a = staff(&o.a, "王老师");
    let mut b = staff(&o.b, "李老师");
    retitle(&mut a, "E03", "读书沙龙（王）");
    retitle(&mut b, "E03", "读书沙龙（李）");
    press(&mut a, "S");
    let files_before = ron_files(&o.b);
    let head_before = Repo::find(&o.b).and_then(|r| r.head_commit_id());
    press(&mut b, "S");
    b.handle_event(&crate::support::key(
        ratatui::crossterm::event::KeyCode::Esc,
    ));
    assert!(status(&b).contains("未同步"), "{}", status(&b));
    assert_eq!(ron_files(&o.b), files_before);
    assert_eq!(
        Repo::find(&o.b).and_then(|r| r.head_commit_id()),
        head_before
    );
    press(&mut b, "S");
    press(&mut b, "m");
    assert_eq!(title(&o.b, "E03"), "读书沙龙（李）");
    press(&mut a, "S");
    assert_eq!(title(&o.a, "E03"), "读书沙龙（李）");
}

#[test]
fn an_outside_edit_before_a_save_becomes_its_own_version_first() {
    let o = office();
    let mut a = staff(&o.a, "王老师");
    // Someone edits events.ron in Notepad while the app is open…
    let path = o.a.join("events.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    let outside = text.replace("title: \"远教展播\",", "title: \"远教展播（手改）\",");
    assert_ne!(outside, text);
    std::fs::write(&path, &outside).expect("write");
    // …and the app saves another edit to the same file.
    retitle(&mut a, "E03", "读书沙龙（程序里改）");
    assert!(status(&a).contains("外部编辑器的修改"), "{}", status(&a));
    let repo = Repo::find(&o.a).expect("repo");
    let v = repo.versions("events.ron", 10).expect("versions");
    assert_eq!(v[0].summary, "修改 E03 的名称为 读书沙龙（程序里改）");
    assert_eq!(v[1].summary, "在外部编辑器中修改 events.ron");
    assert_eq!(v[1].author, "王老师");
    // The outside version is kept byte for byte, and the save merged it.
    assert_eq!(
        repo.file_at(v[1].id, "events.ron").expect("read"),
        Some(outside.into_bytes())
    );
    assert_eq!(title(&o.a, "E04"), "远教展播（手改）");
    assert_eq!(title(&o.a, "E03"), "读书沙龙（程序里改）");
}

#[test]
fn a_shared_copy_that_is_gone_keeps_everything_here_and_the_next_sync_sends_it() {
    let o = office();
    let mut a = staff(&o.a, "王老师");
    let away = o.remote.with_extension("away");
    std::fs::rename(&o.remote, &away).expect("unplug the shared drive");
    retitle(&mut a, "E03", "读书沙龙（离线时改）");
    let files_before = ron_files(&o.a);
    press(&mut a, "S");
    assert!(status(&a).contains("连不上共享副本"), "{}", status(&a));
    assert!(status(&a).contains("下次同步"), "{}", status(&a));
    assert_eq!(ron_files(&o.a), files_before, "nothing here changed");
    let words = authors_and_words(&o.a);
    assert_eq!(words[0].1, "修改 E03 的名称为 读书沙龙（离线时改）");
    std::fs::rename(&away, &o.remote).expect("plug it back");
    press(&mut a, "S");
    assert!(status(&a).contains("已发送"), "{}", status(&a));
    let mut b = staff(&o.b, "李老师");
    press(&mut b, "S");
    assert_eq!(title(&o.b, "E03"), "读书沙龙（离线时改）");
}

#[test]
fn a_file_that_does_not_read_here_is_never_sent() {
    let o = office();
    let path = o.a.join("events.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("title:", "title", 1)).expect("break it");
    let repo = Repo::find(&o.a).expect("repo");
    let remote_before = git2::Repository::open_bare(&o.remote)
        .and_then(|r| r.refname_to_id("refs/heads/main"))
        .expect("remote head");
    let err = sync::sync(
        &repo,
        SyncOptions {
            author: "王老师",
            lang: Lang::Zh,
        },
    )
    .expect_err("refused");
    let words = err.message(Lang::Zh);
    assert!(
        words.contains("events.ron") && words.contains("没有发送") && words.contains("行"),
        "{words}"
    );
    let remote_after = git2::Repository::open_bare(&o.remote)
        .and_then(|r| r.refname_to_id("refs/heads/main"))
        .expect("remote head");
    assert_eq!(remote_before, remote_after);
    // It is in history here, as an outside edit.
    assert_eq!(
        authors_and_words(&o.a)[0].1,
        "在外部编辑器中修改 events.ron"
    );
}

#[test]
fn a_file_that_does_not_read_on_the_other_side_is_never_merged() {
    let o = office();
    // Computer B's events.ron goes broken into the shared copy by plain
    // git (as a hand-made commit would), while A changes the same file.
    let rb = Repo::find(&o.b).expect("repo b");
    let path = o.b.join("events.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("title:", "title", 1)).expect("break it");
    rb.commit_files(&["events.ron".to_owned()], "李老师", "手工修改")
        .expect("commit");
    let g = git2::Repository::open(&o.b).expect("open b");
    let mut remote = g.find_remote("origin").expect("origin");
    remote
        .push(&["refs/heads/main:refs/heads/main"], None)
        .expect("push by hand");
    let mut a = staff(&o.a, "王老师");
    retitle(&mut a, "E03", "读书沙龙（王）");
    let before = ron_files(&o.a);
    press(&mut a, "S");
    let words = status(&a);
    assert!(
        words.contains("events.ron") && words.contains("共享副本") && words.contains("没有合并"),
        "{words}"
    );
    assert_eq!(ron_files(&o.a), before, "nothing written");
}

#[test]
fn a_send_refused_by_the_shared_copy_is_said_and_everything_stays_here() {
    let o = office();
    // B reads from a copy that never moves but sends to the real one: A's
    // change there is never seen, so each send is refused as not a
    // fast-forward, and the retries end with a message.
    let stale = o.remote.with_extension("stale");
    crate::support::copy_dir(&o.remote, &stale);
    let g = git2::Repository::open(&o.b).expect("b");
    g.remote_set_url("origin", stale.to_str().expect("utf-8"))
        .expect("url");
    g.remote_set_pushurl("origin", Some(o.remote.to_str().expect("utf-8")))
        .expect("push url");
    let mut a = staff(&o.a, "王老师");
    retitle(&mut a, "E03", "读书沙龙（王）");
    press(&mut a, "S");
    let mut b = staff(&o.b, "李老师");
    retitle(&mut b, "E04", "远教展播（李）");
    let kept = ron_files(&o.b);
    press(&mut b, "S");
    let said = status(&b);
    assert!(
        said.contains("拒绝") && said.contains("已记入历史"),
        "{said}"
    );
    assert_eq!(ron_files(&o.b), kept, "nothing here changed");
    assert_eq!(
        authors_and_words(&o.b)[0].1,
        "修改 E04 的名称为 远教展播（李）"
    );
    // With the right address again, the next sync merges and sends it.
    g.remote_set_url("origin", o.remote.to_str().expect("utf-8"))
        .expect("url");
    g.remote_set_pushurl("origin", None).expect("push url");
    press(&mut b, "S");
    assert!(status(&b).contains("已发送"), "{}", status(&b));
    press(&mut a, "S");
    assert_eq!(title(&o.a, "E04"), "远教展播（李）");
    assert_eq!(title(&o.b, "E03"), "读书沙龙（王）");
}
