//! The recovery journal: unsaved edits written down when the program is
//! stopped before they were saved (the terminal closed, SIGHUP/SIGTERM, a
//! panic), and offered back at the next start for the same folder.
//!
//! It lives in the platform's local data folder (`recovery/` under
//! `~/.local/share/stationcal` on Linux; `$STATIONCAL_STATE_DIR` instead when
//! set), never in the schedule folder: the schedule files are only ever
//! changed by a save. One file per schedule folder, named by a hash of the
//! folder's path, holding each changed file's part of the schedule as RON.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::load::ron_options;
use crate::i18n::Lang;
use crate::model::Schedule;
use crate::model::validate::Part;
use crate::tr;

/// Names another folder for recovery journals (tests, trying things out).
pub const STATE_DIR_ENV_VAR: &str = "STATIONCAL_STATE_DIR";

/// What a journal holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    /// The schedule folder the edits belong to.
    pub folder: String,
    /// When they were written down, local time.
    pub written: String,
    /// Why: `SIGTERM`, `SIGHUP`, `panic`, `terminal closed`.
    pub reason: String,
    /// Each changed file's part of the schedule, as RON.
    pub parts: Vec<JournalPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalPart {
    pub file: String,
    /// The part with the unsaved edits.
    pub text: String,
    /// The part as the file held it then: to merge with changes made to the
    /// file since.
    #[serde(default)]
    pub base: Option<String>,
}

/// What restoring a journal gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub schedule: Schedule,
    /// Files changed on disk since the journal was written: the edits were
    /// merged into them.
    pub merged: Vec<Part>,
    /// Of those, files where both sides changed the same entries: the
    /// journal's side was taken.
    pub conflicted: Vec<Part>,
}

/// The unsaved edits of a running app, kept up to date so a panic hook or a
/// signal can write them without asking the app.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub folder: PathBuf,
    /// The schedule as the files hold it.
    pub saved: Schedule,
    /// The schedule with the edits.
    pub current: Schedule,
}

/// The folder journals are kept in.
pub fn recovery_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(STATE_DIR_ENV_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("recovery"));
    }
    crate::paths::project_dirs().map(|p| p.data_local_dir().join("recovery"))
}

/// FNV-1a: stable across Rust versions, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The folder as an absolute path, the same however it was named.
fn folder_key(folder: &Path) -> PathBuf {
    std::fs::canonicalize(folder)
        .unwrap_or_else(|_| std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf()))
}

/// The journal file for a schedule folder, inside `dir`.
pub fn path_in(dir: &Path, folder: &Path) -> PathBuf {
    let key = folder_key(folder);
    let hash = fnv1a(key.as_os_str().as_encoded_bytes());
    dir.join(format!("{hash:016x}.ron"))
}

/// The journal file for a schedule folder.
pub fn path_for(folder: &Path) -> Option<PathBuf> {
    recovery_dir().map(|d| path_in(&d, folder))
}

fn to_ron<T: Serialize>(value: &T) -> Option<String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .new_line("\n")
        .indentor("    ")
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron_options().to_string_pretty(value, config).ok()?;
    // The loader enables implicit `Some` itself: drop the header.
    let mut rest = text.as_str();
    while rest.starts_with("#![") {
        rest = rest.find('\n').map_or("", |i| &rest[i + 1..]);
    }
    Some(rest.to_owned())
}

/// One part of the schedule as RON (`None` for an absent programme).
fn part_text(s: &Schedule, part: Part) -> Option<String> {
    match part {
        Part::Station => to_ron(&s.station),
        Part::Screenings => to_ron(&s.screenings),
        Part::ServiceDays => to_ron(&s.service_days),
        Part::Lectures => to_ron(&s.lectures),
        Part::Events => to_ron(&s.events),
        Part::Records => to_ron(&s.records),
        Part::Holidays => None,
    }
}

/// Reads one part back into `into`.
fn apply_part(into: &mut Schedule, part: Part, text: &str) -> Result<(), String> {
    let o = ron_options();
    let err = |e: ron::error::SpannedError| format!("{}: {e}", part.file_name());
    match part {
        Part::Station => into.station = o.from_str(text).map_err(err)?,
        Part::Screenings => into.screenings = o.from_str(text).map_err(err)?,
        Part::ServiceDays => into.service_days = o.from_str(text).map_err(err)?,
        Part::Lectures => into.lectures = o.from_str(text).map_err(err)?,
        Part::Events => into.events = o.from_str(text).map_err(err)?,
        Part::Records => into.records = o.from_str(text).map_err(err)?,
        Part::Holidays => {}
    }
    Ok(())
}

/// Three-way merge of one part, the journal's side winning conflicts:
/// the merged schedule (`None` when it did not read back) and whether there
/// were conflicts.
fn merge_part(
    part: Part,
    base: &Schedule,
    mine: &Schedule,
    disk: &Schedule,
) -> (Option<Schedule>, bool) {
    use crate::model::merge::merge3;
    let mut out = disk.clone();
    let (ok, conflicts) = match part {
        Part::Station => {
            let m = merge3(&base.station, &mine.station, &disk.station);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.station = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::Screenings => {
            let m = merge3(&base.screenings, &mine.screenings, &disk.screenings);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.screenings = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::ServiceDays => {
            let m = merge3(&base.service_days, &mine.service_days, &disk.service_days);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.service_days = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::Lectures => {
            let m = merge3(&base.lectures, &mine.lectures, &disk.lectures);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.lectures = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::Events => {
            let m = merge3(&base.events, &mine.events, &disk.events);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.events = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::Records => {
            let m = merge3(&base.records, &mine.records, &disk.records);
            let all = vec![true; m.conflicts.len()];
            (
                m.resolve(&all).map(|v| out.records = v).is_some(),
                !m.conflicts.is_empty(),
            )
        }
        Part::Holidays => (false, false),
    };
    (ok.then_some(out), conflicts)
}

impl Journal {
    /// The journal of a snapshot: each part that differs from the files.
    pub fn of(snapshot: &Snapshot, reason: &str) -> Journal {
        let parts = Part::ALL
            .into_iter()
            .filter(|p| snapshot.current.part_differs(&snapshot.saved, *p))
            .filter_map(|p| {
                part_text(&snapshot.current, p).map(|text| JournalPart {
                    file: p.file_name().to_owned(),
                    text,
                    base: part_text(&snapshot.saved, p),
                })
            })
            .collect();
        Journal {
            folder: folder_key(&snapshot.folder).display().to_string(),
            written: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            reason: reason.to_owned(),
            parts,
        }
    }

    /// The files the journal has edits for, for the restore dialog.
    pub fn files(&self) -> Vec<&str> {
        self.parts.iter().map(|p| p.file.as_str()).collect()
    }

    /// `base` with the journal's parts put in.
    pub fn apply(&self, base: &Schedule) -> Result<Schedule, String> {
        self.restore(base).map(|r| r.schedule)
    }

    /// The schedule on disk now with the journal's edits put in. A file
    /// changed since the journal was written gets the edits merged in
    /// (three-way, against the journal's base); where both changed the
    /// same entry, the journal's side is taken.
    pub fn restore(&self, disk: &Schedule) -> Result<Restored, String> {
        let mut out = Restored {
            schedule: disk.clone(),
            merged: Vec::new(),
            conflicted: Vec::new(),
        };
        for jp in &self.parts {
            let part = Part::ALL
                .into_iter()
                .find(|p| p.file_name() == jp.file)
                .ok_or_else(|| format!("unknown file {}", jp.file))?;
            let mut mine = disk.clone();
            apply_part(&mut mine, part, &jp.text)?;
            let mut base = disk.clone();
            if let Some(b) = &jp.base {
                apply_part(&mut base, part, b)?;
            }
            if jp.base.is_none() || !base.part_differs(disk, part) {
                out.schedule.replace_part(&mine, part);
                continue;
            }
            out.merged.push(part);
            let (value, conflicts) = merge_part(part, &base, &mine, disk);
            if conflicts {
                out.conflicted.push(part);
            }
            out.schedule
                .replace_part(value.as_ref().unwrap_or(&mine), part);
        }
        Ok(out)
    }
}

/// Writes the journal for `snapshot` into `dir`, atomically; returns its path.
/// Nothing is written (and `Ok(None)` returned) when nothing is unsaved.
pub fn write_in(dir: &Path, snapshot: &Snapshot, reason: &str) -> std::io::Result<Option<PathBuf>> {
    use std::io::Write as _;
    let journal = Journal::of(snapshot, reason);
    if journal.parts.is_empty() {
        return Ok(None);
    }
    let text = to_ron(&journal).ok_or_else(|| std::io::Error::other("cannot write RON"))?;
    std::fs::create_dir_all(dir)?;
    let path = path_in(dir, &snapshot.folder);
    let mut file = atomic_write_file::AtomicWriteFile::options().open(&path)?;
    file.write_all(text.as_bytes())?;
    file.commit()?;
    Ok(Some(path))
}

/// [`write_in`] the recovery folder.
pub fn write(snapshot: &Snapshot, reason: &str) -> std::io::Result<Option<PathBuf>> {
    let dir = recovery_dir().ok_or_else(|| std::io::Error::other("no home folder"))?;
    write_in(&dir, snapshot, reason)
}

/// The journal for `folder` in `dir`, if there is one; `Err` when it does not read.
pub fn read_in(dir: &Path, folder: &Path) -> Option<Result<Journal, String>> {
    let path = path_in(dir, folder);
    let bytes = super::fsio::read_file(&path, super::load::MAX_FILE_BYTES * 6)
        .ok()
        .flatten()?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(Err("the journal is not UTF-8".into()));
    };
    Some(ron_options().from_str(&text).map_err(|e| e.to_string()))
}

/// [`read_in`] the recovery folder.
pub fn read(folder: &Path) -> Option<Result<Journal, String>> {
    read_in(&recovery_dir()?, folder)
}

/// Removes the journal for `folder`, if any.
pub fn remove(folder: &Path) {
    if let Some(p) = path_for(folder) {
        let _ = std::fs::remove_file(p);
    }
}

/// What to print after the terminal is restored, when edits were saved in a journal.
pub fn saved_message(path: &Path, lang: Lang) -> String {
    tr!(
        lang,
        "stationcal: 未保存的修改已写入恢复文件 {}；下次打开同一个日程文件夹时可以选择恢复",
        "stationcal: unsaved edits were written to the recovery file {}; open the same schedule folder again to restore them",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{load_texts, sample};

    fn edited() -> Snapshot {
        let saved = load_texts(sample::texts()).schedule;
        let mut current = saved.clone();
        current.station.name = "改过的名字".into();
        if let Some(s) = current.screenings.as_mut() {
            s.films.truncate(1);
        }
        Snapshot {
            folder: PathBuf::from("/nonexistent/schedule"),
            saved,
            current,
        }
    }

    #[test]
    fn a_journal_holds_the_changed_parts_and_restores_them_exactly() {
        let dir = tempfile::tempdir().expect("temp");
        let snap = edited();
        let path = write_in(dir.path(), &snap, "SIGTERM")
            .expect("written")
            .expect("something unsaved");
        assert!(path.starts_with(dir.path()));
        let j = read_in(dir.path(), &snap.folder)
            .expect("a journal")
            .expect("reads");
        assert_eq!(j.files(), vec!["station.ron", "screenings.ron"]);
        assert_eq!(j.reason, "SIGTERM");
        assert_eq!(j.apply(&snap.saved).expect("applies"), snap.current);
    }

    #[test]
    fn edits_are_merged_into_a_file_changed_since() {
        let dir = tempfile::tempdir().expect("temp");
        let snap = edited();
        write_in(dir.path(), &snap, "SIGHUP").expect("written");
        let j = read_in(dir.path(), &snap.folder)
            .expect("a journal")
            .expect("reads");
        // Meanwhile someone added a room in station.ron.
        let mut disk = snap.saved.clone();
        let mut room = disk.station.rooms[0].clone();
        room.name = "新场地".into();
        disk.station.rooms.push(room);
        let r = j.restore(&disk).expect("restores");
        assert_eq!(r.merged, vec![Part::Station]);
        assert!(r.conflicted.is_empty());
        assert_eq!(r.schedule.station.name, "改过的名字");
        assert!(r.schedule.station.rooms.iter().any(|x| x.name == "新场地"));
        assert_eq!(r.schedule.screenings, snap.current.screenings);
    }

    #[test]
    fn nothing_unsaved_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let mut snap = edited();
        snap.current = snap.saved.clone();
        assert_eq!(write_in(dir.path(), &snap, "x").expect("ok"), None);
        assert!(read_in(dir.path(), &snap.folder).is_none());
    }

    #[test]
    fn each_folder_has_its_own_journal() {
        let d = Path::new("/tmp");
        assert_ne!(
            path_in(d, Path::new("/a/schedule")),
            path_in(d, Path::new("/b/schedule"))
        );
        assert_eq!(
            path_in(d, Path::new("/a/schedule")),
            path_in(d, Path::new("/a/schedule"))
        );
    }
}
