//! Noticing that schedule files were changed on disk while the program runs.
//!
//! The TUI calls [`Watcher::poll`] from its event loop (every second or so)
//! and reloads a file that changed when it has no unsaved edits to it.
//!
//! This polls by path instead of using file-system notifications, on purpose:
//! - it sees every way a file can change — written in place, replaced by
//!   rename as vim and most editors save, deleted, created — with one
//!   mechanism, and it works on network shares (SMB) where notifications
//!   for changes made from another computer never arrive;
//! - it is cheap: five `stat` calls per poll; a file is read only when its
//!   size, modification time or identity (inode, change time) moved, and
//!   every [`DEFAULT_FULL_CHECK_EVERY`] polls all files are read anyway,
//!   because a modification time can be as coarse as 2 s on FAT and SMB;
//! - it needs no thread and no channel, and tests are deterministic.
//!
//! What counts is content: a change is reported only when the bytes differ
//! from the last bytes known (loaded, reloaded, or written by the program
//! itself and passed to [`Watcher::acknowledge`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::validate::Part;

/// By default every this many polls all files are read and compared.
pub const DEFAULT_FULL_CHECK_EVERY: u32 = 10;

/// A schedule file that changed on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The file appeared (it was not there, or not known, before).
    Created { part: Part, bytes: Vec<u8> },
    /// The file's content changed (written in place or replaced by rename).
    Modified { part: Part, bytes: Vec<u8> },
    /// The file is gone.
    Deleted { part: Part },
    /// Something is there that is not read: not a regular file, a link out
    /// of the folder, too large. Reported once until it changes again.
    Refused { part: Part, cause: super::Cause },
    /// The whole folder is gone (or is no longer a folder). Reported once;
    /// if it comes back, its files are compared again.
    FolderGone,
}

impl Change {
    /// The file this change is about; `None` for [`Change::FolderGone`].
    pub fn part(&self) -> Option<Part> {
        match self {
            Change::Created { part, .. }
            | Change::Modified { part, .. }
            | Change::Deleted { part }
            | Change::Refused { part, .. } => Some(*part),
            Change::FolderGone => None,
        }
    }
}

/// Watches the schedule files of one folder.
#[derive(Debug)]
pub struct Watcher {
    dir: PathBuf,
    files: Vec<Tracked>,
    polls: u64,
    full_every: u64,
    folder_gone: bool,
}

#[derive(Debug)]
struct Tracked {
    part: Part,
    /// The content last known; `None` when the file is known to be absent.
    known: Option<Vec<u8>>,
    /// Metadata when `known` was last compared; `None` forces a read.
    stamp: Option<Stamp>,
    /// Whether what is there now was refused (and reported).
    refused: bool,
}

/// What changes whenever a file's content may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    identity: (u64, u64, i64, i64),
}

impl Stamp {
    fn of(m: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino(), m.ctime(), m.ctime_nsec())
        };
        Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(unix)]
            identity,
        }
    }
}

impl Watcher {
    /// Starts watching `dir`, knowing the bytes each file had when loaded.
    /// Files not listed are taken to be absent. The first poll reads every
    /// file once and reports any that differ.
    pub fn new<B: AsRef<[u8]>>(dir: &Path, loaded: &[(Part, B)]) -> Watcher {
        let files = Part::ALL
            .iter()
            .map(|&part| Tracked {
                part,
                known: loaded
                    .iter()
                    .find(|(p, _)| *p == part)
                    .map(|(_, b)| b.as_ref().to_vec()),
                stamp: None,
                refused: false,
            })
            .collect();
        Watcher {
            dir: dir.to_path_buf(),
            files,
            polls: 0,
            full_every: u64::from(DEFAULT_FULL_CHECK_EVERY),
            folder_gone: false,
        }
    }

    /// Reads every file every `n` polls even when its metadata did not move
    /// (`1`: on every poll).
    #[must_use]
    pub fn with_full_check_every(mut self, n: u32) -> Watcher {
        self.full_every = u64::from(n.max(1));
        self
    }

    /// The folder being watched.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The files whose content changed since last known. Never panics: a
    /// file that cannot be read right now is looked at again next time.
    pub fn poll(&mut self) -> Vec<Change> {
        self.polls += 1;
        let full = self.polls.is_multiple_of(self.full_every);
        match fs::metadata(&self.dir) {
            Ok(m) if m.is_dir() => {
                if self.folder_gone {
                    self.folder_gone = false;
                    for t in &mut self.files {
                        t.stamp = None;
                    }
                }
            }
            _ => {
                if self.folder_gone {
                    return Vec::new();
                }
                self.folder_gone = true;
                return vec![Change::FolderGone];
            }
        }
        let mut changes = Vec::new();
        for t in &mut self.files {
            let path = self.dir.join(t.part.file_name());
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    t.gone(&mut changes);
                    continue;
                }
                Err(_) => continue,
            };
            let stamp = Stamp::of(&meta);
            if !full && t.stamp == Some(stamp) {
                continue;
            }
            match super::load::read_part(&self.dir, t.part) {
                Ok(Some(bytes)) => {
                    t.stamp = Some(stamp);
                    t.refused = false;
                    if t.known.as_deref() != Some(bytes.as_slice()) {
                        let part = t.part;
                        changes.push(if t.known.is_some() {
                            Change::Modified {
                                part,
                                bytes: bytes.clone(),
                            }
                        } else {
                            Change::Created {
                                part,
                                bytes: bytes.clone(),
                            }
                        });
                        t.known = Some(bytes);
                    }
                }
                Ok(None) => t.gone(&mut changes),
                Err(cause) => {
                    t.stamp = Some(stamp);
                    if !t.refused {
                        t.refused = true;
                        t.known = None;
                        changes.push(Change::Refused {
                            part: t.part,
                            cause,
                        });
                    }
                }
            }
        }
        changes
    }

    /// The program itself wrote (or reloaded) `part` with these bytes: they
    /// are the content known from now on, and not reported as a change.
    pub fn acknowledge(&mut self, part: Part, bytes: &[u8]) {
        if let Some(t) = self.files.iter_mut().find(|t| t.part == part) {
            t.known = Some(bytes.to_vec());
            // Compared once more on the next poll, in case someone else
            // wrote in between.
            t.stamp = None;
        }
    }
}

impl Tracked {
    fn gone(&mut self, changes: &mut Vec<Change>) {
        if self.known.take().is_some() || self.refused {
            changes.push(Change::Deleted { part: self.part });
        }
        self.stamp = None;
        self.refused = false;
    }
}
