//! What the app needs from wherever the schedule is kept: save it, notice
//! outside changes, and say whether it may write at all. The folder
//! implementation is [`super::workspace::Workspace`]; tests drive the app
//! with none, or with a folder in a temporary directory.

use crate::model::Schedule;
use crate::model::merge::Conflict;
use crate::model::validate::Part;

use super::Diagnostic;
use super::lock::HeldBy;
use super::save::SaveError;

/// How a save went.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// Nothing differed from the files.
    NothingToSave,
    /// These files were written. `schedule` is the state now on disk: the
    /// user's edits, merged with any outside changes that were picked up.
    Saved {
        written: Vec<Part>,
        merged: Vec<Part>,
        schedule: Box<Schedule>,
        history: HistoryNote,
    },
    /// A file changed on disk and both sides changed the same entries: the
    /// user picks a side for each, then calls [`Storage::resolve`].
    Conflicts {
        part: Part,
        conflicts: Vec<Conflict>,
    },
    /// Nothing more was written: `failure` says why; `saved` lists the
    /// files written before it stopped.
    Failed {
        failure: SaveFailure,
        saved: Vec<Part>,
    },
}

/// What a save did to the folder's history.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum HistoryNote {
    /// The folder keeps no history.
    #[default]
    NoHistory,
    /// Committed; `outside` lists outside edits committed on their own first.
    Recorded { outside: Vec<String> },
    /// The files were saved but the commit failed.
    Failed(crate::store::git::GitError),
}

/// Why a save stopped. The caller words it in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// Another copy holds the folder (or no lock can be taken).
    ReadOnly(HeldBy),
    /// The file system refused, or the file changed in a way that cannot
    /// be merged (see the error).
    Write(SaveError),
    /// The file on disk does not read now; `problem` is its first mistake.
    /// The user's edits are kept; the save works once the file is fixed.
    Broken {
        part: Part,
        problem: Option<Box<Diagnostic>>,
    },
    /// The file is there but was never read (it did not read when the
    /// folder was opened): it is never written over.
    NeverRead { part: Part },
    /// The file was deleted (or cannot be read) since it was loaded.
    Gone { part: Part },
    /// The merged value did not read back (should not happen).
    MergeUnreadable { part: Part },
    /// `resolve` was called with no save waiting for a merge.
    NoPendingMerge,
}

/// A change found on disk while the app runs.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskChange {
    /// The file had no unsaved edits and was read again.
    Reloaded {
        part: Part,
        schedule: Box<Schedule>,
        diagnostics: Vec<Diagnostic>,
    },
    /// The file changed but has unsaved edits here: they are merged on
    /// save. `diagnostics` are the folder's problems with the file as it is
    /// on disk now.
    Pending {
        part: Part,
        diagnostics: Vec<Diagnostic>,
    },
    /// The schedule folder is gone (deleted, renamed, unmounted).
    FolderGone,
}

pub trait Storage {
    /// Writes every file whose part of `schedule` differs from what is on disk.
    fn save(&mut self, schedule: &Schedule) -> SaveOutcome;
    /// Finishes a save that stopped at conflicts: `take_mine[i]` says which
    /// side wins conflict `i`.
    fn resolve(&mut self, schedule: &Schedule, part: Part, take_mine: &[bool]) -> SaveOutcome;
    /// Outside changes since the last call; `schedule` is the app's current state.
    fn poll(&mut self, schedule: &Schedule) -> Vec<DiskChange>;
    /// Who holds the folder when this copy may not write, else `None`.
    fn read_only(&self) -> Option<HeldBy>;
    /// Files that are in the folder but did not read: edits to them are
    /// refused, as a save could only write over them.
    fn never_read(&self) -> Vec<Part> {
        Vec::new()
    }
    /// Where a part's file is, for the editor.
    fn path_of(&self, part: Part) -> std::path::PathBuf;
    /// Reads one file again after an outside editor closed.
    fn reload(&mut self, schedule: &Schedule, part: Part) -> DiskChange;
    /// The folder's history, when it is kept in a git repository.
    fn repo(&self) -> Option<&crate::store::git::Repo> {
        None
    }
    /// Who is saving and what the edits were, in words, for the history
    /// commit of the next save (nothing is kept when there is no history).
    fn describe_next_save(
        &mut self,
        _author: Option<String>,
        _labels: Vec<String>,
        _lang: crate::i18n::Lang,
    ) {
    }
    /// Starts keeping history here (a key in the app): `Ok(true)` when it
    /// was started, `Ok(false)` when it already was.
    fn start_history(
        &mut self,
        _author: &str,
        _lang: crate::i18n::Lang,
    ) -> Result<bool, crate::store::git::GitError> {
        Err(crate::store::git::GitError::NoRemote)
    }
}
