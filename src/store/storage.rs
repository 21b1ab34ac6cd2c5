//! What the app needs from wherever the schedule is kept: save it, notice
//! outside changes, and say whether it may write at all. The folder
//! implementation is [`super::workspace::Workspace`]; tests drive the app
//! with none, or with a folder in a temporary directory.

use crate::model::Schedule;
use crate::model::merge::Conflict;
use crate::model::validate::Part;

use super::Diagnostic;

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
    },
    /// A file changed on disk and both sides changed the same entries: the
    /// user picks a side for each, then calls [`Storage::resolve`].
    Conflicts {
        part: Part,
        conflicts: Vec<Conflict>,
    },
    /// Nothing was written; the message says why and what to do.
    Failed(String),
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
    /// The file changed but has unsaved edits here: they are merged on save.
    Pending { part: Part },
    /// The schedule folder is gone (deleted, renamed, unmounted).
    FolderGone,
}

pub trait Storage {
    /// Writes every file whose part of `schedule` differs from what is on disk.
    fn save(&mut self, schedule: &Schedule, lang: crate::i18n::Lang) -> SaveOutcome;
    /// Finishes a save that stopped at conflicts: `take_mine[i]` says which
    /// side wins conflict `i`.
    fn resolve(
        &mut self,
        schedule: &Schedule,
        part: Part,
        take_mine: &[bool],
        lang: crate::i18n::Lang,
    ) -> SaveOutcome;
    /// Outside changes since the last call; `schedule` is the app's current state.
    fn poll(&mut self, schedule: &Schedule) -> Vec<DiskChange>;
    /// Who holds the folder when this copy may not write, else `None`.
    fn read_only(&self) -> Option<String>;
    /// Where a part's file is, for the editor.
    fn path_of(&self, part: Part) -> std::path::PathBuf;
    /// Reads one file again after an outside editor closed.
    fn reload(&mut self, schedule: &Schedule, part: Part) -> DiskChange;
}
