//! What saving does when the disk does not cooperate, the editing lock, and
//! noticing outside changes: the original file always survives a failed
//! write, nothing half-written is left behind, and errors name the file.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use stationcal::i18n::Lang;
use stationcal::model::validate::Part;
use stationcal::store::lock::{FolderLock, HeldCause, LOCK_FILE};
use stationcal::store::save::{IoProblem, SaveError};
use stationcal::store::watch::{Change, Watcher};
use stationcal::store::write::{
    BACKUP_DIR, BACKUPS_KEPT, Fault, backups, write_file, write_file_with,
};

use crate::support::{ReadOnly, table_tests, tree};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("folder lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).expect("file reads")
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

const OLD: &str = "Station(name: \"旧名称\")\n";
const NEW: &str = "Station(name: \"新名称\")\n";

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let path = dir.path().join("station.ron");
    fs::write(&path, OLD).expect("write the original");
    (dir, path)
}

// ---------------------------------------------------------------------------
// write_file

#[test]
fn an_atomic_replace_keeps_the_files_permissions_and_backs_up_the_old_text() {
    let (dir, path) = setup();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    write_file(&path, NEW, Some(OLD.as_bytes())).expect("saves");
    assert_eq!(read(&path), NEW);
    assert_eq!(mode(&path), 0o640);
    assert_eq!(names(dir.path()), [BACKUP_DIR, "station.ron"]);
    let kept = backups(dir.path(), "station.ron");
    assert_eq!(kept.len(), 1);
    assert_eq!(read(&kept[0]), OLD);
    assert_eq!(
        mode(&kept[0]),
        0o640,
        "the backup is no more readable than the file"
    );
}

#[test]
fn backups_rotate_at_twenty_per_file() {
    let (dir, path) = setup();
    let other = dir.path().join("events.ron");
    fs::write(&other, "Events()").expect("write");
    write_file(&other, "Events(events: [])", Some(b"Events()")).expect("saves");
    let mut previous = OLD.to_owned();
    for i in 1..=25 {
        let text = format!("Station(name: \"第{i}版\")\n");
        write_file(&path, &text, Some(previous.as_bytes())).expect("saves");
        previous = text;
    }
    let kept = backups(dir.path(), "station.ron");
    assert_eq!(kept.len(), BACKUPS_KEPT);
    // The newest twenty previous versions, oldest first: versions 5 to 24.
    assert_eq!(read(&kept[0]), "Station(name: \"第5版\")\n");
    assert_eq!(read(&kept[19]), "Station(name: \"第24版\")\n");
    // Other files' backups are not touched by the rotation.
    assert_eq!(backups(dir.path(), "events.ron").len(), 1);
    assert_eq!(
        fs::read_dir(dir.path().join(BACKUP_DIR))
            .expect("lists")
            .count(),
        21
    );
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten() {
    let (dir, path) = setup();
    fs::write(&path, "Station(name: \"别人改的\")\n").expect("someone edits");
    let err = write_file(&path, NEW, Some(OLD.as_bytes())).expect_err("refused");
    assert_eq!(err, SaveError::ChangedOnDisk { path: path.clone() });
    assert_eq!(read(&path), "Station(name: \"别人改的\")\n");
    assert_eq!(names(dir.path()), ["station.ron"]);
    assert!(err.message(Lang::Zh).contains("station.ron"));
    // Deleted in the meantime: the same.
    fs::remove_file(&path).expect("someone deletes");
    let err = write_file(&path, NEW, Some(OLD.as_bytes())).expect_err("refused");
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }));
    assert!(!path.exists());
}

#[test]
fn a_link_to_a_file_outside_the_folder_is_never_written_through() {
    let root = tempdir();
    let data = root.path().join("data");
    let real = root.path().join("shared");
    fs::create_dir_all(&data).expect("mkdir");
    fs::create_dir_all(&real).expect("mkdir");
    let target = real.join("station.ron");
    fs::write(&target, OLD).expect("write");
    let link = data.join("station.ron");
    std::os::unix::fs::symlink("../shared/station.ron", &link).expect("symlink");
    let err = write_file(&link, NEW, Some(OLD.as_bytes())).expect_err("refused");
    assert!(
        matches!(
            &err,
            SaveError::Io {
                problem: IoProblem::LinkOutside,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.message(Lang::Zh).contains("文件夹以外"),
        "{}",
        err.message(Lang::Zh)
    );
    assert_eq!(read(&target), OLD, "the file outside is untouched");
    assert_eq!(names(&real), ["station.ron"]);
    assert_eq!(
        names(&data),
        ["station.ron"],
        "no backup, no temporary file"
    );
    // A link to nothing would create a file wherever it points: refused too.
    fs::remove_file(&link).expect("rm");
    std::os::unix::fs::symlink("../shared/new.ron", &link).expect("symlink");
    assert!(write_file(&link, NEW, None).is_err());
    assert!(!real.join("new.ron").exists());
}

#[test]
fn a_link_to_a_file_inside_the_folder_is_written_through_and_stays_a_link() {
    let dir = tempdir();
    let target = dir.path().join("station-2026.ron");
    fs::write(&target, OLD).expect("write");
    let link = dir.path().join("station.ron");
    std::os::unix::fs::symlink("station-2026.ron", &link).expect("symlink");
    write_file(&link, NEW, Some(OLD.as_bytes())).expect("saves");
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(read(&target), NEW);
    let kept = backups(dir.path(), "station.ron");
    assert_eq!(kept.len(), 1, "the backup sits beside the schedule files");
    assert_eq!(read(&kept[0]), OLD);
}

/// What stands where station.ron is to be written.
#[derive(Clone, Copy)]
enum Trap {
    /// The file, in a folder made read-only.
    ReadOnlyFolder,
    /// The file, marked read-only.
    ReadOnlyFile,
    /// A folder of that name.
    Folder,
    /// A FIFO of that name (opening it to write would wait for a reader).
    Fifo,
}

/// A write the store must refuse, and the reason its message gives.
struct Refusal {
    trap: Trap,
    problem: IoProblem,
    zh: &'static str,
    en: &'static str,
}

/// Writes over the trap: the error is that I/O problem at that path, both
/// messages name the file, give the reason and say nothing was written,
/// and nothing in the folder changed (no temporary file, no backup).
fn check_refusal(r: &Refusal) {
    let (dir, path) = setup();
    let (last_read, _guard) = match r.trap {
        Trap::ReadOnlyFolder => {
            let Some(guard) = ReadOnly::make(dir.path()) else {
                eprintln!("skipped: this system lets us write into any folder");
                return;
            };
            (Some(OLD), Some(guard))
        }
        Trap::ReadOnlyFile => {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
            (Some(OLD), None)
        }
        Trap::Folder => {
            fs::remove_file(&path).expect("rm");
            fs::create_dir(&path).expect("mkdir");
            (None, None)
        }
        Trap::Fifo => {
            fs::remove_file(&path).expect("rm");
            let made = Command::new("mkfifo")
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success());
            assert!(made, "mkfifo is available");
            (None, None)
        }
    };
    let before = tree(dir.path());
    let err = write_file(&path, NEW, last_read.map(str::as_bytes)).expect_err("refused");
    let SaveError::Io {
        problem, path: p, ..
    } = &err
    else {
        panic!("expected an I/O error, got {err:?}");
    };
    assert_eq!(*problem, r.problem);
    assert_eq!(p, &path);
    let zh = err.message(Lang::Zh);
    for w in ["station.ron", r.zh, "什么都没有写入"] {
        assert!(zh.contains(w), "{w:?} is not in {zh}");
    }
    let en = err.message(Lang::En);
    for w in ["station.ron", r.en, "Nothing was written"] {
        assert!(en.contains(w), "{w:?} is not in {en}");
    }
    assert_eq!(tree(dir.path()), before, "nothing in the folder changed");
}

table_tests! {
    check_refusal;
    a_read_only_folder_gives_a_clear_error_and_the_original_stays: Refusal {
        trap: Trap::ReadOnlyFolder,
        problem: IoProblem::ReadOnlyFolder,
        zh: "只读",
        en: "read-only",
    },
    a_file_marked_read_only_is_not_replaced: Refusal {
        trap: Trap::ReadOnlyFile,
        problem: IoProblem::PermissionDenied,
        zh: "没有读写权限",
        en: "permission denied",
    },
    a_folder_where_the_file_should_be_gives_a_clear_error: Refusal {
        trap: Trap::Folder,
        problem: IoProblem::IsDirectory,
        zh: "文件夹，不是文件",
        en: "folder, not a file",
    },
    a_fifo_where_the_file_should_be_is_refused_not_waited_on: Refusal {
        trap: Trap::Fifo,
        problem: IoProblem::NotAFile,
        zh: "不是普通文件",
        en: "not a regular file",
    },
}

#[test]
fn a_failure_in_the_middle_of_writing_leaves_the_original_and_no_temporary_file() {
    for fault in [
        Fault::MidWrite,
        Fault::BeforeRename,
        Fault::DiskFullMidWrite,
    ] {
        let (dir, path) = setup();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        let err = write_file_with(&path, NEW, Some(OLD.as_bytes()), fault).expect_err("fails");
        assert!(matches!(err, SaveError::Io { .. }), "{fault:?}: {err:?}");
        assert_eq!(read(&path), OLD, "{fault:?}: the original is intact");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(
            names(dir.path()),
            ["station.ron"],
            "{fault:?}: no temporary file and no backup left"
        );
        if fault == Fault::DiskFullMidWrite {
            assert!(matches!(
                &err,
                SaveError::Io {
                    problem: IoProblem::NoSpace,
                    ..
                }
            ));
            assert!(err.message(Lang::Zh).contains("磁盘空间已满"));
            assert!(err.message(Lang::En).contains("disk is full"));
        }
        // The next save works as usual.
        write_file(&path, NEW, Some(OLD.as_bytes())).expect("saves");
        assert_eq!(read(&path), NEW);
    }
}

/// A tiny file system of its own, so the disk can really fill up; only
/// where mounting is allowed (as root), unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempdir();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_nothing_half_written() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: cannot mount a small file system here");
        return;
    };
    let dir = disk.dir.path();
    let path = dir.join("station.ron");
    fs::write(&path, OLD).expect("write the original");
    // Fill the disk, then free two pages: room for the backup, not for the new text.
    let filler = dir.join("filler");
    let mut f = fs::File::create(&filler).expect("filler");
    let page = [0u8; 4096];
    while std::io::Write::write_all(&mut f, &page).is_ok() {}
    let len = f.metadata().expect("meta").len();
    f.set_len(len.saturating_sub(8192)).expect("free two pages");
    drop(f);
    let big = format!("Station(name: \"{}\")\n", "长".repeat(30_000));
    let err = write_file(&path, &big, Some(OLD.as_bytes())).expect_err("the disk is full");
    assert!(
        matches!(
            &err,
            SaveError::Io {
                problem: IoProblem::NoSpace,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.message(Lang::Zh).contains("磁盘空间已满"));
    assert_eq!(read(&path), OLD);
    assert_eq!(
        names(dir),
        ["filler", "station.ron"],
        "nothing half-written left"
    );
    // With no room even for the backup: the same.
    fs::OpenOptions::new()
        .append(true)
        .open(&filler)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &[0u8; 8192]))
        .ok();
    let err = write_file(&path, NEW, Some(OLD.as_bytes())).expect_err("the disk is full");
    assert!(
        matches!(
            &err,
            SaveError::Io {
                problem: IoProblem::NoSpace,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(read(&path), OLD);
    assert_eq!(names(dir), ["filler", "station.ron"]);
}

#[test]
fn earlier_backups_survive_a_failed_write() {
    let (dir, path) = setup();
    write_file(&path, NEW, Some(OLD.as_bytes())).expect("saves");
    let err = write_file_with(&path, "x", Some(NEW.as_bytes()), Fault::MidWrite);
    assert!(err.is_err());
    let kept = backups(dir.path(), "station.ron");
    assert_eq!(kept.len(), 1);
    assert_eq!(read(&kept[0]), OLD);
    assert_eq!(read(&path), NEW);
}

#[test]
fn a_new_file_is_created_and_unchanged_text_is_not_written() {
    let dir = tempdir();
    let path = dir.path().join("events.ron");
    write_file(&path, "Events(events: [])\n", None).expect("creates");
    assert_eq!(read(&path), "Events(events: [])\n");
    assert_eq!(names(dir.path()), ["events.ron"], "nothing to back up");
    write_file(&path, "Events(events: [])\n", Some(b"Events(events: [])\n")).expect("no-op");
    assert_eq!(
        names(dir.path()),
        ["events.ron"],
        "the same bytes are not written again"
    );
}

// ---------------------------------------------------------------------------
// FolderLock

#[test]
fn a_second_copy_is_told_who_holds_the_folder() {
    let dir = tempdir();
    let first = FolderLock::acquire(dir.path()).expect("the first copy gets the folder");
    assert_eq!(first.path(), dir.path().join(LOCK_FILE));
    let held = FolderLock::acquire(dir.path()).expect_err("the second copy does not");
    assert_eq!(held.cause, HeldCause::OtherCopy);
    assert!(held.who.contains('@'), "{held:?}");
    assert!(
        held.who.contains(&std::process::id().to_string()),
        "{held:?}"
    );
    assert!(!held.since.is_empty());
    assert!(held.message(Lang::Zh).contains(&held.who));
    assert!(held.message(Lang::En).contains("read-only"));
    let err = SaveError::Locked(held);
    assert!(err.message(Lang::Zh).contains("什么都没有写入"));
    drop(first);
    let again = FolderLock::acquire(dir.path()).expect("free again after the first copy quits");
    drop(again);
    // The data files were never touched; only the lock file is there.
    assert_eq!(names(dir.path()), [LOCK_FILE]);
}

#[test]
fn a_lock_file_left_behind_by_a_crash_does_not_block() {
    let dir = tempdir();
    fs::write(
        dir.path().join(LOCK_FILE),
        "user=ghost\nhost=old-pc\npid=1\nsince=2020-01-01 00:00:00\n",
    )
    .expect("stale lock file");
    let lock = FolderLock::acquire(dir.path()).expect("a stale file is no lock");
    let held = FolderLock::acquire(dir.path()).expect_err("held now");
    assert!(
        !held.who.contains("ghost"),
        "the holder's own name is written: {held:?}"
    );
    drop(lock);
}

#[test]
fn a_read_only_folder_opens_read_only_with_a_reason() {
    let dir = tempdir();
    let Some(_guard) = ReadOnly::make(dir.path()) else {
        eprintln!("skipped: this system lets us write into any folder");
        return;
    };
    let held = FolderLock::acquire(dir.path()).expect_err("no lock possible");
    assert!(matches!(held.cause, HeldCause::CannotLock(_)), "{held:?}");
    assert!(held.message(Lang::Zh).contains("只能查看"));
}

// ---------------------------------------------------------------------------
// Watcher

fn watched() -> (tempfile::TempDir, PathBuf, Watcher) {
    let (dir, path) = setup();
    let w = Watcher::new(dir.path(), &[(Part::Station, OLD.as_bytes())]);
    (dir, path, w)
}

#[test]
fn nothing_changed_nothing_reported() {
    let (_dir, _path, mut w) = watched();
    for _ in 0..25 {
        assert_eq!(w.poll(), []);
    }
}

#[test]
fn a_file_modified_in_place_is_reported_once() {
    let (_dir, path, mut w) = watched();
    assert_eq!(w.poll(), []);
    fs::write(&path, NEW).expect("edit");
    assert_eq!(
        w.poll(),
        [Change::Modified {
            part: Part::Station,
            bytes: NEW.as_bytes().to_vec()
        }]
    );
    assert_eq!(w.poll(), []);
}

#[test]
fn a_file_replaced_by_rename_is_reported() {
    let (dir, path, mut w) = watched();
    assert_eq!(w.poll(), []);
    // As vim saves: write a new file, rename it over the old one.
    let tmp = dir.path().join(".station.ron.swp");
    fs::write(&tmp, "Station(name: \"改名\")\n").expect("write");
    fs::rename(&tmp, &path).expect("rename");
    let changes = w.poll();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].part(), Some(Part::Station));
    assert!(
        matches!(&changes[0], Change::Modified { bytes, .. } if bytes.starts_with(b"Station(name: \"\xe6\x94\xb9"))
    );
    // Replaced by rename with the same bytes: not a change.
    let tmp = dir.path().join("x.tmp");
    fs::write(&tmp, "Station(name: \"改名\")\n").expect("write");
    fs::rename(&tmp, &path).expect("rename");
    assert_eq!(w.poll(), []);
}

#[test]
fn deleted_and_created_files_are_reported() {
    let (dir, path, mut w) = watched();
    fs::remove_file(&path).expect("delete");
    assert_eq!(
        w.poll(),
        [Change::Deleted {
            part: Part::Station
        }]
    );
    assert_eq!(w.poll(), []);
    fs::write(&path, OLD).expect("create");
    let events = dir.path().join("events.ron");
    fs::write(&events, "Events()").expect("create");
    assert_eq!(
        w.poll(),
        [
            Change::Created {
                part: Part::Station,
                bytes: OLD.as_bytes().to_vec()
            },
            Change::Created {
                part: Part::Events,
                bytes: b"Events()".to_vec()
            },
        ]
    );
}

#[test]
fn the_folder_disappearing_is_reported_once_and_does_not_panic() {
    let (dir, _path, mut w) = watched();
    let gone = dir.path().to_path_buf();
    let moved = gone.with_extension("moved");
    fs::rename(&gone, &moved).expect("move the folder away");
    assert_eq!(w.poll(), [Change::FolderGone]);
    assert_eq!(w.poll(), []);
    // Back, unchanged: nothing to report.
    fs::rename(&moved, &gone).expect("move it back");
    assert_eq!(w.poll(), []);
    // Removed for good.
    fs::remove_dir_all(&gone).expect("remove");
    assert_eq!(w.poll(), [Change::FolderGone]);
    assert_eq!(w.poll(), []);
}

#[test]
fn the_programs_own_writes_are_not_reported() {
    let (_dir, path, mut w) = watched();
    assert_eq!(w.poll(), []);
    write_file(&path, NEW, Some(OLD.as_bytes())).expect("saves");
    w.acknowledge(Part::Station, NEW.as_bytes());
    assert_eq!(w.poll(), []);
    // But someone else's write right after is.
    fs::write(&path, OLD).expect("edit");
    assert_eq!(
        w.poll(),
        [Change::Modified {
            part: Part::Station,
            bytes: OLD.as_bytes().to_vec()
        }]
    );
}

#[test]
fn a_same_size_edit_within_the_clock_tick_is_still_found() {
    let (_dir, path, w) = watched();
    let mut w = w.with_full_check_every(3);
    assert_eq!(w.poll(), []);
    let before = fs::metadata(&path)
        .expect("meta")
        .modified()
        .expect("mtime");
    // Same length, and the modification time put back: only a read sees it.
    let same_len = OLD.replace("旧名称", "老名称");
    assert_eq!(same_len.len(), OLD.len());
    fs::write(&path, &same_len).expect("edit");
    fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(before)
        .expect("set mtime");
    let mut found = Vec::new();
    for _ in 0..3 {
        found.extend(w.poll());
    }
    assert_eq!(
        found,
        [Change::Modified {
            part: Part::Station,
            bytes: same_len.into_bytes()
        }]
    );
}

#[test]
fn a_file_that_differs_from_what_was_loaded_is_reported_at_the_first_poll() {
    let (dir, _path) = setup();
    let mut w = Watcher::new(
        dir.path(),
        &[(Part::Station, "Station(name: \"加载时\")\n")],
    );
    assert_eq!(
        w.poll(),
        [Change::Modified {
            part: Part::Station,
            bytes: OLD.as_bytes().to_vec()
        }]
    );
    assert_eq!(w.dir(), dir.path());
}
