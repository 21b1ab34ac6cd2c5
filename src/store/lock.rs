//! One editor per schedule folder.
//!
//! The first copy of the program that opens a folder for editing takes an
//! exclusive lock on a side file, `.stationcal.lock`, and writes into it who
//! it is. A second copy finds the lock taken, reads who holds it, and opens
//! the folder read-only. The lock is the operating system's
//! ([`File::try_lock`]): it goes with the open file, so it is released when
//! the [`FolderLock`] is dropped and also when the process dies — a file left
//! behind by a crash never blocks anyone. The data files themselves are never
//! locked: a save replaces them by rename (which would move the lock to the
//! old copy), and on Windows a locked file would block staff's editors.

use std::fs::{File, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::tr;

/// Name of the lock file beside the schedule files.
pub const LOCK_FILE: &str = ".stationcal.lock";

/// Editing rights to a schedule folder, held until dropped.
#[derive(Debug)]
pub struct FolderLock {
    file: File,
    path: PathBuf,
}

/// Why the folder opens read-only, and who has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBy {
    /// Who holds it, e.g. `zhang@station-pc (进程 4120)`; empty when the
    /// holder has not written its name yet or the folder cannot be locked.
    pub who: String,
    /// When the holder opened the folder, `2026-11-27 14:03`; empty if unknown.
    pub since: String,
    pub cause: HeldCause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeldCause {
    /// Another running copy of the program is editing the folder.
    OtherCopy,
    /// No lock can be taken here (read-only folder, no permission, a file
    /// system without locks); the detail says what the system answered.
    CannotLock(String),
}

impl FolderLock {
    /// Takes the folder for editing, or says who has it.
    pub fn acquire(dir: &Path) -> Result<FolderLock, HeldBy> {
        let path = dir.join(LOCK_FILE);
        // Never through a link: the holder's name is written into the file.
        let file = match super::fsio::open_own_file(&path) {
            Ok(f) => f,
            Err(e) => {
                // A read-only folder may still hold a lock file someone holds.
                if !super::fsio::is_link(&path)
                    && let Ok(f) = File::open(&path)
                    && matches!(try_lock(&f), Err(TryLockError::WouldBlock))
                {
                    return Err(read_holder(&path));
                }
                return Err(HeldBy::cannot_lock(&e.to_string()));
            }
        };
        match try_lock(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(read_holder(&path)),
            Err(TryLockError::Error(e)) => return Err(HeldBy::cannot_lock(&e.to_string())),
        }
        let mut lock = FolderLock { file, path };
        // Best effort: the lock holds even if the name cannot be written.
        let _ = lock.write_holder();
        Ok(lock)
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write_holder(&mut self) -> std::io::Result<()> {
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let text = format!(
            "# stationcal 正在编辑这个文件夹 / stationcal is editing this folder\n\
             user={}\nhost={}\npid={}\nsince={since}\n",
            user_name(),
            host_name(),
            std::process::id(),
        );
        self.file.set_len(0)?;
        self.file.seek(SeekFrom::Start(0))?;
        self.file.write_all(text.as_bytes())?;
        self.file.flush()
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Leave the file (deleting it would race with a copy just opening
        // it) but empty, so it names nobody; closing releases the lock.
        let _ = self.file.set_len(0);
    }
}

impl HeldBy {
    fn cannot_lock(detail: &str) -> HeldBy {
        HeldBy {
            who: String::new(),
            since: String::new(),
            cause: HeldCause::CannotLock(detail.to_owned()),
        }
    }

    /// Why the folder is read-only, for the status line or a dialog.
    pub fn message(&self, lang: Lang) -> String {
        match &self.cause {
            HeldCause::OtherCopy => {
                let who = if self.who.is_empty() {
                    tr!(
                        lang,
                        "另一个正在运行的 stationcal",
                        "another running copy of stationcal"
                    )
                } else {
                    self.who.clone()
                };
                let since = &self.since;
                let since = if since.is_empty() {
                    String::new()
                } else {
                    tr!(lang, "（{since} 起）", " since {since}")
                };
                tr!(
                    lang,
                    "这个日程文件夹正由 {who}{since}编辑，这里只能查看，不能修改。",
                    "This schedule folder is being edited by {who}{since}: it opens read-only here."
                )
            }
            HeldCause::CannotLock(detail) => tr!(
                lang,
                "无法在这个文件夹里建立编辑锁（{detail}），可能是只读文件夹；这里只能查看，不能修改。",
                "Cannot take the editing lock in this folder ({detail}); it may be read-only. \
                 It opens read-only here."
            ),
        }
    }
}

impl std::fmt::Display for HeldBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// `File::try_lock`, stable since Rust 1.89.
fn try_lock(f: &File) -> Result<(), TryLockError> {
    f.try_lock()
}

/// Reads who holds the lock from the lock file.
fn read_holder(path: &Path) -> HeldBy {
    // On Windows the holder's lock also blocks reading: then "unknown".
    // A few lines at most: anything longer is not ours.
    let text = super::fsio::read_file(path, 4096)
        .ok()
        .flatten()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map_or("", str::trim)
            .to_owned()
    };
    let (user, host, pid) = (field("user"), field("host"), field("pid"));
    let who = if user.is_empty() && host.is_empty() {
        String::new()
    } else if pid.is_empty() {
        format!("{user}@{host}")
    } else {
        format!("{user}@{host} (pid {pid})")
    };
    HeldBy {
        who,
        since: field("since"),
        cause: HeldCause::OtherCopy,
    }
}

fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "?".to_owned())
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            ["HOSTNAME", "COMPUTERNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        })
        .unwrap_or_else(|| "?".to_owned())
}
