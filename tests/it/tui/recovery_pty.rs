//! Unsaved edits survive the program being stopped: the real binary in a
//! pseudo-terminal gets an edit, then SIGTERM or SIGHUP (what closing the
//! terminal window sends). It must exit, leave the schedule folder exactly
//! as it was, and write a recovery journal in the state folder; the next
//! start offers the edits back, and restoring then saving writes them.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use crate::support::sample_copy;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const TIMEOUT: Duration = Duration::from_secs(20);
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

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Session {
    fn start(dir: &Path, home: &Path, state: &Path) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stationcal"));
        cmd.args(["--today", "2026-11-27", "--dir"]);
        cmd.arg(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("STATIONCAL_STATE_DIR", state);
        cmd.env_remove("STATIONCAL_DIR");
        cmd.env_remove("STATIONCAL_CONFIG");
        cmd.cwd(home);
        let child = pty.slave.spawn_command(cmd).expect("spawn stationcal");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).expect("rows"),
            NonZeroU16::new(COLS).expect("cols"),
            0,
        )));
        let shared = Arc::clone(&screen);
        let master = pty.master;
        thread::spawn(move || {
            let _master = master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shared.lock().expect("screen").process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    fn wait_for(&mut self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.text();
            if s.contains(what) {
                return s;
            }
            if let Ok(Some(st)) = self.child.try_wait() {
                panic!("stationcal exited ({st:?}) while waiting for {what}:\n{s}");
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{s}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("send");
        self.writer.flush().expect("flush");
    }

    fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(ok.success());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("poll child") {
                return st;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "stationcal did not exit:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn stopped_with_unsaved_edits_then_restored(signal: &str) {
    let dir = sample_copy();
    let home = tempfile::tempdir().expect("home");
    let state = tempfile::tempdir().expect("state");
    let before = contents(dir.path());

    let mut app = Session::start(dir.path(), home.path(), state.path());
    app.wait_for("2026年11月23日");
    // Wednesday's screening: skip this date, with the default (empty) reason.
    app.send(b"hhd");
    app.wait_for("仅这一次");
    app.send(b"\r");
    app.wait_for("未保存");
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
    let mut app = Session::start(dir.path(), home.path(), state.path());
    app.wait_for("上次有未保存的修改");
    app.wait_for("screenings.ron");
    app.wait_for(if signal == "HUP" {
        "终端窗口被关闭"
    } else {
        "程序被结束"
    });
    app.send(b"\r");
    app.wait_for("已恢复");
    assert!(
        !std::fs::read_to_string(dir.path().join("screenings.ron"))
            .expect("reads")
            .contains(SKIP_1125)
    );
    app.send(b"\x13"); // Ctrl-s
    app.wait_for("已保存");
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
    let mut app = Session::start(dir.path(), home.path(), state.path());
    app.wait_for("2026年11月23日");
    app.signal("TERM");
    app.wait_exit();
    drop(app);
    assert!(journals(state.path()).is_empty());
    // An edit, SIGTERM, then discard at the next start.
    let mut app = Session::start(dir.path(), home.path(), state.path());
    app.wait_for("2026年11月23日");
    app.send(b"hhd");
    app.wait_for("仅这一次");
    app.send(b"\r");
    app.wait_for("未保存");
    app.signal("TERM");
    app.wait_exit();
    drop(app);
    assert_eq!(journals(state.path()).len(), 1);
    let mut app = Session::start(dir.path(), home.path(), state.path());
    app.wait_for("上次有未保存的修改");
    app.send(b"2"); // the second option: discard
    app.wait_for("已丢弃");
    assert!(journals(state.path()).is_empty());
    app.send(b"q");
    assert!(app.wait_exit().success());
}
