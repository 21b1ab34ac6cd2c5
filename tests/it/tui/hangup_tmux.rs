//! Closing the terminal window with unsaved edits: the real hang-up (the
//! tty goes away), driven through tmux. The edits land in the recovery
//! journal and the process ends; the schedule folder is untouched.

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("run tmux")
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn closing_the_terminal_keeps_unsaved_edits_in_the_journal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is needed on CI (.ci/run installs it)"
        );
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("站点");
    stationcal::store::sample::write_sample(&folder).expect("sample");
    let before = std::fs::read_to_string(folder.join("screenings.ron")).expect("read");
    let state = dir.path().join("state");
    let home = dir.path().join("home");
    let socket = format!("stationcal-test-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_stationcal");
    let cmd = format!(
        "HOME='{}' STATIONCAL_STATE_DIR='{}' '{}' --dir '{}' --today 2026-11-27",
        home.display(),
        state.display(),
        bin,
        folder.display()
    );
    let started = tmux(
        &socket,
        &["new-session", "-d", "-x", "100", "-y", "30", &cmd],
    );
    assert!(started.status.success(), "{started:?}");
    let screen =
        || String::from_utf8_lossy(&tmux(&socket, &["capture-pane", "-p"]).stdout).into_owned();
    wait_until("the week view", || screen().contains("2026年11月23日"));
    tmux(&socket, &["send-keys", "h", "h", "d"]);
    wait_until("the delete dialog", || screen().contains("仅这一次"));
    tmux(&socket, &["send-keys", "Enter"]);
    wait_until("the unsaved edit", || screen().contains("[未保存]"));
    // Close the window: the tty goes away under the program.
    tmux(&socket, &["kill-server"]);
    let recovery = state.join("recovery");
    // The journal is written to a temporary name and renamed: only a file
    // under its final name (not starting with a dot) is whole.
    let journals = || {
        std::fs::read_dir(&recovery)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect::<Vec<_>>()
    };
    wait_until("the recovery journal", || !journals().is_empty());
    let journal = journals()
        .first()
        .map(|p| std::fs::read_to_string(p).expect("journal"))
        .expect("one journal");
    assert!(journal.contains("2026-11-25"), "{journal}");
    assert_eq!(
        std::fs::read_to_string(folder.join("screenings.ron")).expect("read"),
        before,
        "nothing saved"
    );
    // And the process is gone (the lock can be taken again).
    wait_until("the program to end", || {
        stationcal::store::lock::FolderLock::acquire(&folder).is_ok()
    });
}
