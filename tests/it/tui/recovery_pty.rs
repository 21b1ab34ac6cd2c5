//! Unsaved edits survive the program being stopped: the real binary in a
//! pseudo-terminal gets an edit, then SIGTERM or SIGHUP (what closing the
//! terminal window sends). It must exit, leave the schedule folder exactly
//! as it was, and write a recovery journal in the state folder; the next
//! start offers the edits back, and restoring then saving writes them.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::pty::{Launch, Pty};
use crate::support::sample_copy;

const SKIP_1125: &str = "Skip(date: \"2026-11-25\"";

/// Every file in a folder (not below it) with its bytes; the editing lock's
/// side file (empty, and left behind on purpose) aside.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("folder lists")
        .map(|e| e.expect("entry"))
        .filter(|e| e.path().is_file() && e.file_name() != ".stationcal.lock")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("reads"),
            )
        })
        .collect()
}

fn journals(state: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(state.join("recovery"))
        .map(|rd| rd.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default()
}

/// The app on `dir` at 100×30, with the home and state folders the test keeps.
fn start(dir: &Path, home: &Path, state: &Path) -> Pty {
    Launch::new(dir)
        .home(home)
        .env("STATIONCAL_STATE_DIR", state)
        .start()
}

fn stopped_with_unsaved_edits_then_restored(signal: &str) {
    let dir = sample_copy();
    let home = tempfile::tempdir().expect("home");
    let state = tempfile::tempdir().expect("state");
    let before = contents(dir.path());

    let mut app = start(dir.path(), home.path(), state.path());
    app.wait_for_text("2026年11月23日");
    // Wednesday's screening: skip this date, with the default (empty) reason.
    app.send(b"hhd");
    app.wait_for_text("仅这一次");
    app.send(b"\r");
    app.wait_for_text("未保存");
    app.signal(signal);
    let status = app.wait_exit();
    assert!(!status.success(), "{signal}: exit {status:?}");
    drop(app);

    let after = contents(dir.path());
    assert!(
        after == before,
        "the schedule folder must not change: {:?} -> {:?}",
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let found = journals(state.path());
    assert_eq!(found.len(), 1, "one journal: {found:?}");
    let journal = std::fs::read_to_string(&found[0]).expect("journal reads");
    assert!(journal.contains(signal), "{journal}");
    assert!(journal.contains("screenings.ron"), "{journal}");
    assert!(
        !journal.contains("station.ron\""),
        "only the changed file: {journal}"
    );

    // Next start: the dialog, restore, save.
    let mut app = start(dir.path(), home.path(), state.path());
    app.wait_for_text("上次有未保存的修改");
    app.wait_for_text("screenings.ron");
    app.wait_for_text(if signal == "HUP" {
        "终端窗口被关闭"
    } else {
        "程序被结束"
    });
    app.send(b"\r");
    app.wait_for_text("已恢复");
    assert!(
        !std::fs::read_to_string(dir.path().join("screenings.ron"))
            .expect("reads")
            .contains(SKIP_1125)
    );
    app.send(b"\x13"); // Ctrl-s
    app.wait_for_text("已保存");
    let saved = std::fs::read_to_string(dir.path().join("screenings.ron")).expect("reads");
    assert!(saved.contains(SKIP_1125), "{saved}");
    app.send(b"q");
    assert!(app.wait_exit().success());
    assert!(
        journals(state.path()).is_empty(),
        "a save removes the journal"
    );
}

#[test]
fn sigterm_with_unsaved_edits_writes_a_journal_that_restores() {
    stopped_with_unsaved_edits_then_restored("TERM");
}

#[test]
fn sighup_with_unsaved_edits_writes_a_journal_that_restores() {
    stopped_with_unsaved_edits_then_restored("HUP");
}

#[test]
fn discarding_removes_the_journal_and_a_clean_signal_writes_none() {
    let dir = sample_copy();
    let home = tempfile::tempdir().expect("home");
    let state = tempfile::tempdir().expect("state");
    // Nothing edited: SIGTERM just ends it, no journal.
    let mut app = start(dir.path(), home.path(), state.path());
    app.wait_for_text("2026年11月23日");
    app.signal("TERM");
    app.wait_exit();
    drop(app);
    assert!(journals(state.path()).is_empty());
    // An edit, SIGTERM, then discard at the next start.
    let mut app = start(dir.path(), home.path(), state.path());
    app.wait_for_text("2026年11月23日");
    app.send(b"hhd");
    app.wait_for_text("仅这一次");
    app.send(b"\r");
    app.wait_for_text("未保存");
    app.signal("TERM");
    app.wait_exit();
    drop(app);
    assert_eq!(journals(state.path()).len(), 1);
    let mut app = start(dir.path(), home.path(), state.path());
    app.wait_for_text("上次有未保存的修改");
    app.send(b"2"); // the second option: discard
    app.wait_for_text("已丢弃");
    assert!(journals(state.path()).is_empty());
    app.send(b"q");
    assert!(app.wait_exit().success());
}
