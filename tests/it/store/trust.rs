//! Nothing the user did not change ever changes, and nothing outside the
//! schedule folder is ever read as schedule or written: through the app
//! with a real folder behind it, as staff and as an attacker would try.
//!
//! - unsaved edits made while a file is broken on disk are saved (merged)
//!   once the file is fixed outside, and the problems list follows the file;
//! - a file that never read is never written over, and edits to it wait;
//! - a network site whose folder is `../x`, absolute or a link out of the
//!   network is never made active, so nothing is ever saved there;
//! - the lock file and the backup folder are never followed through links;
//! - a FIFO or a device in place of a schedule file is refused, not read.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::store::workspace::Workspace;
use stationcal::store::{Cause, load_dir};
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;

use crate::support::{ctrl_s, date, key, press, sample_copy, status, tree, workspace_app};

/// Rewrites a file the way an editor would (a new file renamed over).
fn edit_outside(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} is in {}", path.display());
    let tmp = path.with_extension("tmp-outside");
    fs::write(&tmp, text.replacen(from, to, 1)).expect("write");
    fs::rename(&tmp, path).expect("rename");
}

const BREAK_FROM: &str = "minutes: 163, note:";
const BREAK_TO: &str = "minutes: 163 note:";
const OUTSIDE_FROM: &str = "\"刘伟强导演；讲述南昌起义与人民军队的创建。\"";
const OUTSIDE_TO: &str = "\"刘伟强导演。\"";

#[test]
fn an_edit_made_while_a_file_is_broken_is_saved_and_merged_once_it_is_fixed_outside() {
    let dir = sample_copy();
    let path = dir.path().join("screenings.ron");
    let mut app = workspace_app(dir.path());

    // Someone breaks the file in an editor while the app runs.
    edit_outside(&path, BREAK_FROM, BREAK_TO);
    app.tick();
    let broken: Vec<_> = app
        .diagnostics
        .iter()
        .filter(|d| d.file == "screenings.ron" && d.cause.is_unreadable_text())
        .collect();
    assert_eq!(broken.len(), 1, "{:?}", app.diagnostics);
    assert_eq!(broken[0].line, 47);

    // The staffer skips Wednesday's screening (the last good value).
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.is_dirty());

    // Saving now cannot work, and says so in Chinese only, with the place.
    ctrl_s(&mut app);
    let said = status(&app);
    assert!(
        said.contains("screenings.ron") && said.contains("第 47 行"),
        "{said}"
    );
    assert!(said.contains("你的修改还在"), "{said}");
    assert!(
        !said.contains("Expected") && !said.contains("comma"),
        "no parser English in a Chinese message: {said}"
    );
    assert!(app.is_dirty(), "the edit is kept");
    assert!(fs::read_to_string(&path).expect("read").contains(BREAK_TO));

    // The file is fixed outside, with another change besides.
    let text = fs::read_to_string(&path).expect("read");
    let fixed = text
        .replacen(BREAK_TO, BREAK_FROM, 1)
        .replacen(OUTSIDE_FROM, OUTSIDE_TO, 1);
    fs::write(&path, &fixed).expect("fix outside");
    app.tick();
    assert!(
        !app.diagnostics.iter().any(|d| d.file == "screenings.ron"
            && d.severity == stationcal::model::validate::Severity::Error),
        "the problems list follows the file on disk: {:?}",
        app.diagnostics
    );

    // Now the save works and merges: both changes are in the file.
    ctrl_s(&mut app);
    let said = status(&app);
    assert!(said.contains("已保存") && said.contains("合并"), "{said}");
    assert!(!app.is_dirty());
    let loaded = load_dir(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let s = loaded.schedule.screenings.expect("screenings");
    assert!(
        s.exceptions
            .iter()
            .any(|e| e.date().to_string() == "2026-11-25"),
        "the skip was saved"
    );
    let saved = fs::read_to_string(&path).expect("read");
    assert!(saved.contains(OUTSIDE_TO), "the outside change was kept");
    // Everything else is byte for byte what the editor left.
    let untouched = fixed.split("exceptions").next().expect("head");
    assert!(saved.starts_with(untouched));
}

#[test]
fn a_file_that_never_read_is_never_written_over_and_edits_to_it_wait() {
    let dir = sample_copy();
    let path = dir.path().join("screenings.ron");
    // GBK bytes from an old editor: the file does not read at all.
    let mut gbk = fs::read(&path).expect("read");
    gbk.extend_from_slice(&[0xD6, 0xD0, 0xCE, 0xC4]);
    fs::write(&path, &gbk).expect("write");
    let before = tree(dir.path());
    let mut app = workspace_app(dir.path());
    assert!(
        app.diagnostics
            .iter()
            .any(|d| d.file == "screenings.ron" && d.cause == Cause::NotUtf8)
    );
    // Adding a film would create the programme from nothing, to be written
    // over the unread file: refused up front, with the reason.
    let mut next = app.schedule.clone();
    assert!(next.screenings.is_none());
    next.screenings = stationcal::store::load_texts(stationcal::store::sample::texts())
        .schedule
        .screenings;
    app.commit(next, "新增影片");
    assert!(status(&app).contains("没有读进来"), "{}", status(&app));
    assert!(!app.is_dirty());
    ctrl_s(&mut app);
    let after: Vec<_> = tree(dir.path())
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".stationcal.lock"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".stationcal.lock"))
        .collect();
    assert_eq!(after, before, "nothing in the folder changed");
    assert_eq!(fs::read(&path).expect("read"), gbk);
}

#[test]
fn the_store_itself_refuses_to_write_a_file_that_never_read() {
    use stationcal::store::storage::{SaveFailure, SaveOutcome, Storage};
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    fs::write(&path, "Events(events: [ 这不是 RON ])").expect("write");
    let loaded = load_dir(dir.path());
    let mut ws = Workspace::open(dir.path(), &loaded);
    assert_eq!(
        ws.never_read(),
        vec![stationcal::model::validate::Part::Events]
    );
    let mut edited = loaded.schedule.clone();
    edited.events = Some(stationcal::model::Events::default());
    match ws.save(&edited) {
        SaveOutcome::Failed {
            failure: SaveFailure::NeverRead { .. },
            ..
        } => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "Events(events: [ 这不是 RON ])"
    );
}

/// A network whose second site's folder is `../outside`, holding a real
/// schedule next to the network folder.
fn hostile_network(folder: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    let net = root.path().join("net");
    let outside = root.path().join("outside");
    fs::create_dir_all(&net).expect("mkdir");
    stationcal::store::sample::write_sample(&net.join("good")).expect("sample");
    stationcal::store::sample::write_sample(&outside).expect("sample");
    fs::write(
        net.join("network.ron"),
        format!(
            "Network(name: \"石化街道\", sites: [\n    Site(name: \"好站点\", folder: \"good\"),\n    Site(name: \"坏站点\", folder: \"{folder}\"),\n])\n"
        ),
    )
    .expect("network.ron");
    (root, net, outside)
}

fn network_app(net: &Path) -> App {
    let start = stationcal::tui::sites::load(net);
    let dir = start.dir.clone().expect("the good site was read");
    let loaded = load_dir(&dir);
    let mut app = crate::support::new_app(AppInit {
        schedule: loaded.schedule.clone(),
        diagnostics: start.diagnostics,
        dir: dir.clone(),
        today: date(2026, 11, 27),
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: Some(Box::new(Workspace::open(&dir, &loaded))),
    });
    app.set_network(start.view);
    app.open_storage = Some(|dir| {
        let loaded = load_dir(dir);
        let ws: Box<dyn stationcal::store::storage::Storage> =
            Box::new(Workspace::open(dir, &loaded));
        Some((ws, loaded))
    });
    app
}

#[test]
fn a_site_folder_outside_the_network_is_never_made_active_or_written() {
    for folder in ["../outside", "OUTSIDE_ABS", "link-out"] {
        let (root, net, outside) = hostile_network("PLACEHOLDER");
        let folder = match folder {
            "OUTSIDE_ABS" => outside.display().to_string(),
            "link-out" => {
                std::os::unix::fs::symlink("../outside", net.join("link-out")).expect("link");
                "link-out".to_owned()
            }
            f => f.to_owned(),
        };
        let text = fs::read_to_string(net.join("network.ron")).expect("read");
        fs::write(
            net.join("network.ron"),
            text.replace("PLACEHOLDER", &folder),
        )
        .expect("write");
        let before = tree(&outside);
        let mut app = network_app(&net);
        // The picker: down to the bad site, Enter to make it active.
        app.handle_event(&key(KeyCode::Char('s')));
        app.handle_event(&key(KeyCode::Down));
        app.handle_event(&key(KeyCode::Enter));
        assert!(
            status(&app).contains("不能设为当前站点"),
            "{folder}: {}",
            status(&app)
        );
        assert_eq!(app.dir, net.join("good"), "{folder}: still the good site");
        // Edit and save: only the good site's folder may change.
        press(&mut app, "hhd");
        app.handle_event(&key(KeyCode::Enter));
        ctrl_s(&mut app);
        assert_eq!(tree(&outside), before, "{folder}: nothing outside changed");
        drop(root);
    }
}

#[test]
fn a_linked_lock_file_is_never_written_through() {
    let dir = sample_copy();
    let victim_dir = tempfile::tempdir().expect("temp dir");
    let victim = victim_dir.path().join("important.txt");
    fs::write(&victim, "do not truncate me").expect("write");
    std::os::unix::fs::symlink(&victim, dir.path().join(".stationcal.lock")).expect("link");
    let app = workspace_app(dir.path());
    drop(app);
    assert_eq!(
        fs::read_to_string(&victim).expect("read"),
        "do not truncate me"
    );
}

#[test]
fn a_linked_backup_folder_is_never_written_into_or_cleaned() {
    let dir = sample_copy();
    let victim_dir = tempfile::tempdir().expect("temp dir");
    // Files named like backups, which rotation would delete if it followed.
    for i in 0..30 {
        fs::write(
            victim_dir
                .path()
                .join(format!("screenings.ron.20260101-0000{i:02}")),
            "keep",
        )
        .expect("write");
    }
    std::os::unix::fs::symlink(victim_dir.path(), dir.path().join(".stationcal-backup"))
        .expect("link");
    let before = tree(victim_dir.path());
    let mut app = workspace_app(dir.path());
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Enter));
    ctrl_s(&mut app);
    assert!(
        status(&app).contains(".stationcal-backup"),
        "{}",
        status(&app)
    );
    assert!(
        app.is_dirty(),
        "not saved without a backup; the edit is kept"
    );
    assert_eq!(tree(victim_dir.path()), before);
}

#[test]
fn leftovers_of_a_killed_save_are_cleaned_when_the_folder_is_opened() {
    let dir = sample_copy();
    let leftover = dir.path().join(".events.ron.Ab12Cd");
    fs::write(&leftover, "half").expect("write");
    let backups = dir.path().join(".stationcal-backup");
    fs::create_dir(&backups).expect("mkdir");
    let half_backup = backups.join(".tmp-events.ron.20261127-100000-000000.42");
    fs::write(&half_backup, "half").expect("write");
    // Not ours: kept.
    let notes = dir.path().join(".events.ron.notes");
    fs::write(&notes, "mine").expect("write");
    let _app = workspace_app(dir.path());
    assert!(!leftover.exists());
    assert!(!half_backup.exists());
    assert!(notes.exists());
}

#[test]
fn a_fifo_in_place_of_a_schedule_file_is_refused_not_waited_on() {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    fs::remove_file(&path).expect("rm");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo is available");
    // Reading would block forever if the pipe were opened as a file.
    let (tx, rx) = std::sync::mpsc::channel();
    let d = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(load_dir(&d));
    });
    let loaded = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("loading does not hang on a FIFO");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.file == "events.ron")
        .expect("the FIFO is reported");
    assert!(
        d.message(Lang::Zh).contains("管道"),
        "{}",
        d.message(Lang::Zh)
    );
    assert!(loaded.schedule.screenings.is_some(), "the rest reads");
}

#[test]
fn a_link_to_a_device_or_outside_file_is_refused_whatever_its_size() {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    fs::remove_file(&path).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &path).expect("link");
    let loaded = load_dir(dir.path());
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.file == "events.ron")
        .expect("reported");
    assert!(matches!(d.cause, Cause::LinkOutside(_)), "{:?}", d.cause);
    // Inside the folder, a device is still not a file.
    fs::remove_file(&path).expect("rm");
    let passwd = Path::new("/etc/hostname");
    if passwd.exists() {
        std::os::unix::fs::symlink(passwd, &path).expect("link");
        let loaded = load_dir(dir.path());
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.file == "events.ron" && matches!(d.cause, Cause::LinkOutside(_)))
        );
    }
}

#[test]
fn a_file_replaced_by_a_fifo_or_an_outside_link_while_running_keeps_its_last_good_value() {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    let mut app = workspace_app(dir.path());
    let events_before = app.schedule.events.clone();
    assert!(events_before.is_some());
    for replace in ["fifo", "link"] {
        fs::remove_file(&path).ok();
        if replace == "fifo" {
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success());
            assert!(made);
        } else {
            std::os::unix::fs::symlink("/etc/hostname", &path).expect("link");
        }
        // Polling must not block on the pipe; the watcher runs in the loop.
        app.tick();
        assert_eq!(
            app.schedule.events, events_before,
            "{replace}: last good value kept"
        );
        assert!(
            app.diagnostics
                .iter()
                .any(|d| d.file == "events.ron" && d.line == 0),
            "{replace}: the problem is listed: {:?}",
            app.diagnostics
        );
    }
    // An edit to it cannot be saved through the link.
    let mut next = app.schedule.clone();
    if let Some(e) = next.events.as_mut() {
        e.events.truncate(1);
    }
    app.commit(next, "删除活动");
    ctrl_s(&mut app);
    assert!(status(&app).contains("文件夹以外"), "{}", status(&app));
    assert!(
        fs::symlink_metadata(&path)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn an_entry_written_in_another_unicode_form_stays_as_written_when_others_change() {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    let text = fs::read_to_string(&path).expect("read");
    // A decomposed accent and a CJK compatibility ideograph: both change
    // under NFC, which the loader reads in.
    let odd = "“8+3”夜间志愿服务 cafe\u{301} \u{F900}";
    let written = text.replacen("“8+3”夜间志愿服务", odd, 1);
    assert_ne!(written, text);
    fs::write(&path, &written).expect("write");
    let mut app = workspace_app(dir.path());
    // Edit another event only (the last one), through the app.
    let mut next = app.schedule.clone();
    let events = next.events.as_mut().expect("events");
    let last = events.events.len() - 1;
    events.events[last].title.push('！');
    app.commit(next, "修改活动");
    ctrl_s(&mut app);
    assert!(status(&app).contains("已保存"), "{}", status(&app));
    let saved = fs::read_to_string(&path).expect("read");
    assert!(saved.contains(odd), "the untouched entry keeps its bytes");
    assert_ne!(saved, written, "the edit was saved");
}

#[test]
fn a_title_typed_in_another_unicode_form_saves_and_loads_as_the_loader_reads_it() {
    let dir = sample_copy();
    let mut app = workspace_app(dir.path());
    let mut next = app.schedule.clone();
    let events = next.events.as_mut().expect("events");
    // A compatibility ideograph, as some input methods give it.
    events.events[0].title = "\u{F900}茶话会".to_owned();
    app.commit(next, "修改活动");
    ctrl_s(&mut app);
    assert!(status(&app).contains("已保存"), "{}", status(&app));
    let saved = fs::read_to_string(dir.path().join("events.ron")).expect("read");
    assert!(saved.contains("\u{F900}茶话会"), "written as typed");
    let loaded = load_dir(dir.path());
    assert_eq!(
        loaded.schedule.events.expect("events").events[0].title,
        "\u{8C48}茶话会",
        "read in NFC, as every load is"
    );
}
