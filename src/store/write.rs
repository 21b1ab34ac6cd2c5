//! Putting a schedule file's new text on disk without ever leaving it half
//! written.
//!
//! [`write_file`]:
//! 1. follows symbolic links, so a linked schedule file is written through
//!    to its target and the link stays a link;
//! 2. refuses when the file changed on disk since it was loaded;
//! 3. copies the current file into `.stationcal-backup/` beside the schedule
//!    files (the newest [`BACKUPS_KEPT`] per file are kept);
//! 4. writes the new text to a temporary file in the target's folder, syncs
//!    it, renames it over the target and syncs the folder
//!    (`atomic-write-file`, which also keeps the file's permissions).
//!
//! A failure at any step leaves the file as it was, removes the temporary
//! file and the backup just made, and names the file and the reason.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::save::{IoProblem, SaveError};

/// Folder for previous versions, beside the schedule files.
pub const BACKUP_DIR: &str = ".stationcal-backup";

/// How many previous versions of each file are kept.
pub const BACKUPS_KEPT: usize = 20;

/// Replaces `path` with `text` atomically, keeping a backup.
///
/// `expected_on_disk`: the bytes the file had when it was loaded; if the
/// file now holds anything else (or is gone), nothing is written and
/// [`SaveError::ChangedOnDisk`] is returned. `None` skips the check (a new
/// file). Writing the bytes the file already has does nothing.
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

/// [`write_file`] with a simulated failure.
#[doc(hidden)]
pub fn write_file_with(
    path: &Path,
    text: &str,
    expected_on_disk: Option<&[u8]>,
    fault: Fault,
) -> Result<(), SaveError> {
    let io_err = |p: &Path, e: &io::Error| SaveError::Io {
        path: p.to_path_buf(),
        problem: IoProblem::of(e),
        detail: e.to_string(),
    };
    let target = resolve_links(path).map_err(|e| io_err(path, &e))?;
    let current = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                problem: IoProblem::IsDirectory,
                detail: "is a directory".into(),
            });
        }
        Ok(m) if m.permissions().readonly() => {
            // Marked read-only on purpose: the rename would get round that.
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                problem: IoProblem::PermissionDenied,
                detail: "the file is marked read-only".into(),
            });
        }
        Ok(m) => Some((
            fs::read(&target).map_err(|e| io_err(path, &e))?,
            m.permissions(),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(path, &e)),
    };
    if let Some(expected) = expected_on_disk
        && current.as_ref().map(|(b, _)| b.as_slice()) != Some(expected)
    {
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
    let data_dir = parent_dir(path);
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
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                let _ = rotate_backups(&data_dir.join(BACKUP_DIR), name, BACKUPS_KEPT);
            }
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

/// The file a path finally names, following symbolic links (relative links
/// are relative to the link's folder).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&p)?;
                p = if link.is_absolute() {
                    link
                } else {
                    parent_dir(&p).join(link)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
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

/// Copies the current bytes to `.stationcal-backup/<name>.<timestamp>`.
fn make_backup(
    data_dir: &Path,
    path: &Path,
    bytes: &[u8],
    perms: &fs::Permissions,
) -> Result<PathBuf, SaveError> {
    let dir = data_dir.join(BACKUP_DIR);
    let fail = |e: &io::Error| {
        let mut problem = IoProblem::of(e);
        if problem == IoProblem::PermissionDenied {
            problem = IoProblem::ReadOnlyFolder;
        }
        SaveError::Io {
            path: path.to_path_buf(),
            problem,
            detail: format!("{}: {e}", dir.display()),
        }
    };
    fs::create_dir_all(&dir).map_err(|e| fail(&e))?;
    let name = path
        .file_name()
        .map_or_else(|| "schedule".into(), |n| n.to_string_lossy().into_owned());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%6f").to_string();
    let mut n = 0u32;
    loop {
        let candidate = if n == 0 {
            dir.join(format!("{name}.{stamp}"))
        } else {
            dir.join(format!("{name}.{stamp}-{n:02}"))
        };
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut f) => {
                let written = f
                    .write_all(bytes)
                    .and_then(|()| f.sync_all())
                    .and_then(|()| fs::set_permissions(&candidate, perms.clone()));
                if let Err(e) = written {
                    drop(f);
                    let _ = fs::remove_file(&candidate);
                    let _ = fs::remove_dir(&dir); // only if now empty
                    return Err(fail(&e));
                }
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 99 => n += 1,
            Err(e) => return Err(fail(&e)),
        }
    }
}

/// The backups of one file, oldest first.
pub fn backups(data_dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.");
    let Ok(entries) = fs::read_dir(data_dir.join(BACKUP_DIR)) else {
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

/// Removes all but the newest `keep` backups of `name`.
fn rotate_backups(backup_dir: &Path, name: &str, keep: usize) -> io::Result<()> {
    let Some(data_dir) = backup_dir.parent() else {
        return Ok(());
    };
    let all = backups(data_dir, name);
    let excess = all.len().saturating_sub(keep);
    for old in &all[..excess] {
        fs::remove_file(old)?;
    }
    Ok(())
}
