//! Putting a schedule file's new text on disk without ever leaving it half
//! written, and without ever writing outside the schedule folder.
//!
//! [`write_file`]:
//! 1. follows a symbolic link only to a file inside the same folder (the
//!    link stays a link); a link leading outside, or to nothing, is refused,
//!    as is anything that is not a regular file (see [`super::fsio`]);
//! 2. refuses when the file changed on disk since it was loaded (or, for a
//!    file the program never read, when one exists at all);
//! 3. copies the current file into `.stationcal-backup/` beside the schedule
//!    files (the newest [`BACKUPS_KEPT`] per file are kept), itself written
//!    to a temporary name and renamed, so a backup with a valid name is
//!    always whole; the backup folder is never followed through a link;
//! 4. writes the new text to a temporary file in the target's folder, syncs
//!    it, renames it over the target and syncs the folder
//!    (`atomic-write-file`, which also keeps the file's permissions).
//!
//! A failure at any step leaves the file as it was, removes the temporary
//! file and the backup just made, and names the file and the reason.
//! Temporary files left by a save that was killed half way are removed by
//! [`clean_leftovers`] the next time the folder is opened for editing.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::fsio::{self, ReadRefusal};
use super::load::MAX_FILE_BYTES;
use super::save::{IoProblem, SaveError};
use crate::model::validate::Part;

/// Folder for previous versions, beside the schedule files.
pub const BACKUP_DIR: &str = ".stationcal-backup";

/// How many previous versions of each file are kept.
pub const BACKUPS_KEPT: usize = 20;

/// The prefix of a backup being written, renamed away once whole.
const BACKUP_TEMP_PREFIX: &str = ".tmp-";

/// Replaces `path` with `text` atomically, keeping a backup.
///
/// `expected_on_disk`: the bytes the file had when it was loaded; if the
/// file now holds anything else (or is gone), nothing is written and
/// [`SaveError::ChangedOnDisk`] is returned. `None` means the file did not
/// exist then: if one exists now, it is not replaced. Writing the bytes the
/// file already has does nothing.
pub fn write_file(
    path: &Path,
    text: &str,
    expected_on_disk: Option<&[u8]>,
) -> Result<(), SaveError> {
    write_file_with(path, text, expected_on_disk, Fault::None)
}

/// A failure to simulate, for tests of what a failed write leaves behind.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Half the text is in the temporary file when writing fails.
    MidWrite,
    /// The disk fills up half way through.
    DiskFullMidWrite,
    /// Everything is written and synced, but the final rename is not done.
    BeforeRename,
}

fn io_err(p: &Path, e: &io::Error) -> SaveError {
    SaveError::Io {
        path: p.to_path_buf(),
        problem: IoProblem::of(e),
        detail: e.to_string(),
    }
}

fn refused(path: &Path, refusal: ReadRefusal) -> SaveError {
    let (problem, detail) = match refusal {
        ReadRefusal::NotAFile(fsio::FileKind::Folder) => {
            (IoProblem::IsDirectory, "is a directory".to_owned())
        }
        ReadRefusal::NotAFile(kind) => (IoProblem::NotAFile, format!("{kind:?}")),
        ReadRefusal::LinkOutside(to) => (IoProblem::LinkOutside, to.display().to_string()),
        ReadRefusal::TooLarge(n) => (IoProblem::Other, format!("{n} bytes")),
        ReadRefusal::Io(why) => (IoProblem::Other, why),
    };
    SaveError::Io {
        path: path.to_path_buf(),
        problem,
        detail,
    }
}

/// [`write_file`] with a simulated failure.
#[doc(hidden)]
pub fn write_file_with(
    path: &Path,
    text: &str,
    expected_on_disk: Option<&[u8]>,
    fault: Fault,
) -> Result<(), SaveError> {
    let data_dir = parent_dir(path);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    // Where the bytes really go: the file itself, or where its link leads
    // inside the folder (canonical, so no link is left to redirect it).
    let target = match fsio::resolve_inside(&data_dir, &name) {
        Ok(Some(t)) => t,
        Ok(None) => path.to_path_buf(),
        Err(r) => return Err(refused(path, r)),
    };
    let current = match fs::symlink_metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(refused(path, ReadRefusal::NotAFile(fsio::FileKind::Folder)));
        }
        Ok(m) if m.is_file() && m.permissions().readonly() => {
            // Marked read-only on purpose: the rename would get round that.
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                problem: IoProblem::PermissionDenied,
                detail: "the file is marked read-only".into(),
            });
        }
        Ok(m) => match fsio::read_file(&target, MAX_FILE_BYTES) {
            Ok(Some(bytes)) => Some((bytes, m.permissions())),
            // Grown past anything that could have been loaded: changed.
            Err(ReadRefusal::TooLarge(_)) if expected_on_disk.is_some() => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
            }
            Err(r) => return Err(refused(path, r)),
            Ok(None) => None,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(path, &e)),
    };
    if current.as_ref().map(|(b, _)| b.as_slice()) != expected_on_disk {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    if current
        .as_ref()
        .is_some_and(|(b, _)| b.as_slice() == text.as_bytes())
    {
        return Ok(());
    }
    let backup = match &current {
        Some((bytes, perms)) => Some(make_backup(&data_dir, path, bytes, perms)?),
        None => None,
    };
    let result = replace(&target, text, fault).map_err(|e| {
        // The folder refusing the temporary file means a read-only folder.
        let mut err = io_err(path, &e);
        if let SaveError::Io { problem, .. } = &mut err
            && *problem == IoProblem::PermissionDenied
            && !folder_writable(&parent_dir(&target))
        {
            *problem = IoProblem::ReadOnlyFolder;
        }
        err
    });
    match (&result, &backup) {
        (Ok(()), _) => {
            // Old backups going is housekeeping: a failure there is not a failed save.
            let _ = rotate_backups(&data_dir, &name, BACKUPS_KEPT);
        }
        (Err(_), Some(b)) => {
            let _ = fs::remove_file(b);
            let _ = fs::remove_dir(data_dir.join(BACKUP_DIR)); // only if now empty
        }
        (Err(_), None) => {}
    }
    result
}

/// Writes `text` to a temporary file beside `target` and renames it over.
fn replace(target: &Path, text: &str, fault: Fault) -> io::Result<()> {
    let mut file = AtomicWriteFile::options().open(target)?;
    let bytes = text.as_bytes();
    match fault {
        Fault::MidWrite | Fault::DiskFullMidWrite => {
            file.write_all(&bytes[..bytes.len() / 2])?;
            let kind = if fault == Fault::MidWrite {
                io::ErrorKind::Other
            } else {
                io::ErrorKind::StorageFull
            };
            // Dropping `file` without commit removes the temporary file.
            return Err(io::Error::new(kind, "simulated failure while writing"));
        }
        Fault::BeforeRename => {
            file.write_all(bytes)?;
            file.flush()?;
            return Err(io::Error::other("simulated failure before the rename"));
        }
        Fault::None => {}
    }
    file.write_all(bytes)?;
    file.commit()
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a file can be created in `dir` (tried, then removed).
fn folder_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".stationcal-probe-{}", std::process::id()));
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The backup folder of `data_dir`, created if needed; refused when
/// something other than a real folder (a link above all) has its name.
fn backup_folder(data_dir: &Path) -> io::Result<PathBuf> {
    let dir = data_dir.join(BACKUP_DIR);
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => Ok(dir),
        Ok(_) => Err(io::Error::other(
            "it is not a real folder (perhaps a link); remove it and save again",
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // create_dir, not create_dir_all: the data folder exists, and
            // nothing above it is ours to create.
            match fs::create_dir(&dir) {
                Ok(()) => Ok(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => backup_folder(data_dir),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// Copies the current bytes to `.stationcal-backup/<name>.<timestamp>`,
/// through a temporary name, so that a backup under a valid name is whole.
fn make_backup(
    data_dir: &Path,
    path: &Path,
    bytes: &[u8],
    perms: &fs::Permissions,
) -> Result<PathBuf, SaveError> {
    let shown = data_dir.join(BACKUP_DIR);
    let fail = |e: &io::Error| {
        let mut problem = IoProblem::of(e);
        if problem == IoProblem::PermissionDenied {
            problem = IoProblem::ReadOnlyFolder;
        }
        SaveError::Io {
            path: path.to_path_buf(),
            problem,
            detail: format!("{}: {e}", shown.display()),
        }
    };
    let dir = backup_folder(data_dir).map_err(|e| fail(&e))?;
    let name = path
        .file_name()
        .map_or_else(|| "schedule".into(), |n| n.to_string_lossy().into_owned());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%6f").to_string();
    let temp = dir.join(format!(
        "{BACKUP_TEMP_PREFIX}{name}.{stamp}.{}",
        std::process::id()
    ));
    // create_new never follows a link and never reuses a file.
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()?;
            fs::set_permissions(&temp, perms.clone())
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        let _ = fs::remove_dir(&dir); // only if now empty
        return Err(fail(&e));
    }
    for n in 0..100u32 {
        let candidate = if n == 0 {
            dir.join(format!("{name}.{stamp}"))
        } else {
            dir.join(format!("{name}.{stamp}-{n:02}"))
        };
        if fs::symlink_metadata(&candidate).is_ok() {
            continue;
        }
        return match fs::rename(&temp, &candidate) {
            Ok(()) => Ok(candidate),
            Err(e) => {
                let _ = fs::remove_file(&temp);
                Err(fail(&e))
            }
        };
    }
    let _ = fs::remove_file(&temp);
    Err(fail(&io::Error::from(io::ErrorKind::AlreadyExists)))
}

/// The backups of one file, oldest first.
pub fn backups(data_dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.");
    let dir = data_dir.join(BACKUP_DIR);
    if !fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file_name = e.file_name().to_str()?.to_owned();
            let stamp = file_name.strip_prefix(&prefix)?;
            let is_stamp =
                !stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            is_stamp.then(|| (file_name, e.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// Removes all but the newest `keep` backups of `name`. Only ever inside a
/// real backup folder: [`backups`] lists nothing from a link.
fn rotate_backups(data_dir: &Path, name: &str, keep: usize) -> io::Result<()> {
    let all = backups(data_dir, name);
    let excess = all.len().saturating_sub(keep);
    for old in &all[..excess] {
        fs::remove_file(old)?;
    }
    Ok(())
}

/// Removes what a save killed half way left behind in `dir`: temporary
/// copies of schedule files (`.events.ron.Ab12Cd`, named by
/// `atomic-write-file`) and backups never renamed to their final name.
/// Only regular files with exactly those names are touched; call it only
/// while holding the folder's lock, so no other copy is mid-save.
pub fn clean_leftovers(dir: &Path) -> usize {
    let mut removed = 0;
    let mut remove_if = |path: &Path, wanted: bool| {
        if wanted
            && fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
            && fs::remove_file(path).is_ok()
        {
            removed += 1;
        }
    };
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            let name = name.to_string_lossy();
            remove_if(&e.path(), is_save_temporary(&name));
        }
    }
    let backup_dir = dir.join(BACKUP_DIR);
    if fs::symlink_metadata(&backup_dir).is_ok_and(|m| m.is_dir())
        && let Ok(entries) = fs::read_dir(&backup_dir)
    {
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            let name = name.to_string_lossy();
            remove_if(&e.path(), name.starts_with(BACKUP_TEMP_PREFIX));
        }
    }
    removed
}

/// `.<schedule file>.<6 letters or digits>`: a temporary file of a save.
fn is_save_temporary(name: &str) -> bool {
    Part::ALL.iter().any(|p| {
        name.strip_prefix('.')
            .and_then(|r| r.strip_prefix(p.file_name()))
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|suffix| {
                suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    })
}
