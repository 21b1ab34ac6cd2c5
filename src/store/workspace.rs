//! The schedule folder as the app edits it: what each file held when it was
//! read or last written, the folder lock, outside changes, and saving with
//! a three-way merge when a file changed on disk meanwhile.
//!
//! A file is written only when its part of the schedule changed, only
//! through [`save::render`] (which verifies by reading back), and never over
//! bytes it has not seen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::git::Repo;
use super::git::words::{outside_edit_message, save_message};
use super::load::{self, Loaded};
use super::lock::{FolderLock, HeldBy};
use super::parts::{apply_merge, merge_part, reading_problem, render_part, text_of};
use super::save::{IoProblem, SaveError};
use super::storage::HistoryNote;
use super::storage::{DiskChange, SaveFailure, SaveOutcome, Storage};
use super::watch::{Change, Watcher};
use super::write;
use super::{Cause, Diagnostic};
use crate::i18n::Lang;
use crate::model::Schedule;
use crate::model::merge::Merge;
use crate::model::validate::Part;

/// The files the app may write (holidays are edited by hand only).
const EDITABLE: [Part; 6] = Part::ALL;

/// A save stopped at conflicts, waiting for the user's choices.
struct Pending {
    part: Part,
    merge: Merge,
    /// What is on disk now: the save's new base.
    theirs_bytes: Vec<u8>,
    theirs: Schedule,
}

pub struct Workspace {
    dir: PathBuf,
    /// Each file's bytes as last read or written (`None`: no file).
    disk: BTreeMap<Part, Option<Vec<u8>>>,
    /// The schedule those bytes hold (for a file broken on disk since, its
    /// last good value): what the user's edits are measured against.
    base: Schedule,
    /// Files present in the folder that have never read: never written.
    never_read: BTreeSet<Part>,
    _lock: Option<FolderLock>,
    held_by: Option<HeldBy>,
    watcher: Watcher,
    pending: Option<Pending>,
    /// The folder's history, when it is kept in git.
    git: Option<Repo>,
    /// For the next save's commit: who, and the edits in words.
    author: Option<String>,
    labels: Vec<String>,
    lang: Lang,
}

enum PartSaved {
    Written,
    Merged(Box<Schedule>),
}

enum PartFailed {
    Conflicts(Vec<crate::model::merge::Conflict>),
    Failure(SaveFailure),
}

impl From<SaveFailure> for PartFailed {
    fn from(f: SaveFailure) -> Self {
        PartFailed::Failure(f)
    }
}

impl Workspace {
    /// Takes over a folder just read by [`load::load_dir`]: locks it for
    /// editing (or notes who holds it), clears what a killed save left
    /// behind, and starts watching it.
    pub fn open(dir: &Path, loaded: &Loaded) -> Workspace {
        let mut disk: BTreeMap<Part, Option<Vec<u8>>> = Part::ALL
            .into_iter()
            .chain([Part::Holidays])
            .map(|p| (p, None))
            .collect();
        for (part, bytes) in &loaded.raw {
            disk.insert(*part, Some(bytes.clone()));
        }
        let never_read = EDITABLE
            .into_iter()
            .filter(|p| {
                std::fs::symlink_metadata(dir.join(p.file_name())).is_ok()
                    && reading_problem(&loaded.diagnostics, *p).is_some()
            })
            .collect();
        let (lock, held_by) = match FolderLock::acquire(dir) {
            Ok(l) => {
                // Only with the lock held: no other copy is mid-save.
                write::clean_leftovers(dir);
                (Some(l), None)
            }
            Err(held) => (None, Some(held)),
        };
        Workspace {
            dir: dir.to_path_buf(),
            watcher: Watcher::new(dir, &loaded.raw),
            disk,
            base: loaded.schedule.clone(),
            never_read,
            _lock: lock,
            held_by,
            pending: None,
            git: Repo::find(dir),
            author: None,
            labels: Vec::new(),
            lang: Lang::default(),
        }
    }

    fn path(&self, part: Part) -> PathBuf {
        self.dir.join(part.file_name())
    }

    /// Reads the folder's files as they are now, with `part` taken from
    /// `bytes`, and builds the schedule they hold.
    fn reread(&self, part: Part, bytes: Option<&[u8]>) -> Loaded {
        let mut texts = Vec::new();
        for (p, b) in &self.disk {
            let b = if *p == part { bytes } else { b.as_deref() };
            if let Some(b) = b
                && let Ok(t) = load::decode(b.to_vec())
            {
                texts.push((*p, t));
            }
        }
        let mut loaded = load::load_texts(texts);
        if let Some(b) = bytes
            && load::decode(b.to_vec()).is_err()
        {
            loaded.diagnostics.push(super::Diagnostic::whole_file(
                part.file_name(),
                super::Cause::NotUtf8,
            ));
        }
        loaded
    }

    /// Takes in a file as it now is on disk; the part keeps its last good
    /// value when the new text does not read.
    fn take_in(&mut self, part: Part, bytes: Result<Option<Vec<u8>>, Cause>) -> DiskChange {
        let (bytes, refusal) = match bytes {
            Ok(b) => (b, None),
            Err(cause) => (None, Some(cause)),
        };
        let mut loaded = self.reread(part, bytes.as_deref());
        if let Some(cause) = refusal {
            loaded
                .diagnostics
                .push(Diagnostic::whole_file(part.file_name(), cause));
        }
        let broken = reading_problem(&loaded.diagnostics, part).is_some();
        let mut next = self.base.clone();
        if !broken {
            next.replace_part(&loaded.schedule, part);
            self.never_read.remove(&part);
        }
        if let Some(b) = &bytes {
            self.watcher.acknowledge(part, b);
        }
        self.disk.insert(part, bytes);
        self.base.replace_part(&next, part);
        DiskChange::Reloaded {
            part,
            schedule: Box::new(next),
            diagnostics: loaded.diagnostics,
        }
    }

    /// The file of `part` as it is on disk now.
    fn read_now(&self, part: Part) -> Result<Option<Vec<u8>>, SaveFailure> {
        load::read_part(&self.dir, part).map_err(|cause| match cause {
            Cause::NotAFile(kind) => SaveFailure::Write(SaveError::Io {
                path: self.path(part),
                problem: if kind == super::fsio::FileKind::Folder {
                    IoProblem::IsDirectory
                } else {
                    IoProblem::NotAFile
                },
                detail: format!("{kind:?}"),
            }),
            Cause::LinkOutside(to) => SaveFailure::Write(SaveError::Io {
                path: self.path(part),
                problem: IoProblem::LinkOutside,
                detail: to,
            }),
            _ => SaveFailure::Gone { part },
        })
    }

    fn save_part(&mut self, part: Part, mine: &Schedule) -> Result<PartSaved, PartFailed> {
        if self.never_read.contains(&part) {
            return Err(SaveFailure::NeverRead { part }.into());
        }
        // What is on disk now decides: changed since it was read means a
        // merge with what is there (which may be a fix of a file that was
        // broken when the edits were made).
        let now = self.read_now(part)?;
        let expected = self.disk.get(&part).cloned().flatten();
        if now != expected {
            return self.merge_on_save(part, mine, now);
        }
        let original = expected.as_deref().map(text_of).unwrap_or_default();
        if let Some(problem) =
            reading_problem(&self.reread(part, expected.as_deref()).diagnostics, part)
        {
            return Err(SaveFailure::Broken {
                part,
                problem: Some(Box::new(problem.clone())),
            }
            .into());
        }
        let text = match render_part(part, &original, mine) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(PartSaved::Written),
            Err(e) => return Err(SaveFailure::Write(e).into()),
        };
        match write::write_file(&self.path(part), &text, expected.as_deref()) {
            Ok(()) => {
                self.wrote(part, &text, mine);
                Ok(PartSaved::Written)
            }
            // Changed in the instant between: merge with that.
            Err(SaveError::ChangedOnDisk { .. }) => {
                let now = self.read_now(part)?;
                self.merge_on_save(part, mine, now)
            }
            Err(e) => Err(SaveFailure::Write(e).into()),
        }
    }

    fn wrote(&mut self, part: Part, text: &str, value: &Schedule) {
        self.disk.insert(part, Some(text.as_bytes().to_vec()));
        self.watcher.acknowledge(part, text.as_bytes());
        self.base.replace_part(value, part);
    }

    /// The file changed on disk since it was read: merge the user's edits
    /// into what is there now.
    fn merge_on_save(
        &mut self,
        part: Part,
        mine: &Schedule,
        theirs_bytes: Option<Vec<u8>>,
    ) -> Result<PartSaved, PartFailed> {
        let Some(theirs_bytes) = theirs_bytes else {
            return Err(SaveFailure::Gone { part }.into());
        };
        let loaded = self.reread(part, Some(&theirs_bytes));
        if let Some(problem) = reading_problem(&loaded.diagnostics, part) {
            return Err(SaveFailure::Broken {
                part,
                problem: Some(Box::new(problem.clone())),
            }
            .into());
        }
        let mut theirs = self.base.clone();
        theirs.replace_part(&loaded.schedule, part);
        let merge = merge_part(part, &self.base, mine, &theirs);
        if !merge.conflicts.is_empty() {
            let conflicts = merge.conflicts.clone();
            self.pending = Some(Pending {
                part,
                merge,
                theirs_bytes,
                theirs,
            });
            return Err(PartFailed::Conflicts(conflicts));
        }
        self.write_merged(part, &merge, &[], &theirs_bytes, &theirs)
    }

    fn write_merged(
        &mut self,
        part: Part,
        merge: &Merge,
        take_mine: &[bool],
        theirs_bytes: &[u8],
        theirs: &Schedule,
    ) -> Result<PartSaved, PartFailed> {
        let mut merged = theirs.clone();
        if !apply_merge(part, merge, take_mine, &mut merged) {
            return Err(SaveFailure::MergeUnreadable { part }.into());
        }
        let original = text_of(theirs_bytes);
        let text = match render_part(part, &original, &merged) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(PartSaved::Written),
            Err(e) => return Err(SaveFailure::Write(e).into()),
        };
        match write::write_file(&self.path(part), &text, Some(theirs_bytes)) {
            Ok(()) => {
                self.wrote(part, &text, &merged);
                Ok(PartSaved::Merged(Box::new(merged)))
            }
            Err(e) => Err(SaveFailure::Write(e).into()),
        }
    }

    /// Saves every changed part of `schedule`, reporting what happened.
    fn save_all(
        &mut self,
        schedule: &Schedule,
        mut written: Vec<Part>,
        mut merged: Vec<Part>,
    ) -> SaveOutcome {
        let mut result = schedule.clone();
        for part in EDITABLE {
            if !result.part_differs(&self.base, part) {
                continue;
            }
            match self.save_part(part, &result) {
                Ok(PartSaved::Written) => written.push(part),
                Ok(PartSaved::Merged(m)) => {
                    result.replace_part(&m, part);
                    written.push(part);
                    merged.push(part);
                }
                Err(PartFailed::Conflicts(conflicts)) => {
                    return SaveOutcome::Conflicts { part, conflicts };
                }
                Err(PartFailed::Failure(failure)) => {
                    return SaveOutcome::Failed {
                        failure,
                        saved: written,
                    };
                }
            }
        }
        if written.is_empty() {
            SaveOutcome::NothingToSave
        } else {
            SaveOutcome::Saved {
                written,
                merged,
                schedule: Box::new(result),
                history: HistoryNote::NoHistory,
            }
        }
    }

    /// The folder's schedule files, as the repository names them.
    fn history_files(repo: &Repo) -> Vec<String> {
        Part::ALL
            .into_iter()
            .chain([Part::Holidays])
            .map(|p| repo.path_of(p.file_name()))
            .collect()
    }

    /// Before the app writes: outside edits to the folder's files become
    /// their own version, so nothing is written over without a version to
    /// return to. `Err` when that failed (the save goes on; the failure is
    /// reported with it).
    fn commit_outside_edits(&self) -> Result<Vec<String>, super::git::GitError> {
        let (Some(repo), Some(author)) = (&self.git, &self.author) else {
            return Ok(Vec::new());
        };
        let files = Self::history_files(repo);
        repo.commit_outside_edits(&files, author, |f| outside_edit_message(self.lang, f))
    }

    /// After a save: the files written become a version, in the words of
    /// the edits.
    fn record(
        &mut self,
        outcome: SaveOutcome,
        outside: Result<Vec<String>, super::git::GitError>,
    ) -> SaveOutcome {
        let SaveOutcome::Saved {
            written,
            merged,
            schedule,
            ..
        } = outcome
        else {
            return outcome;
        };
        let history = match (&self.git, &self.author, outside) {
            (None, _, _) => HistoryNote::NoHistory,
            (Some(_), None, _) => HistoryNote::Failed(super::git::GitError::NoName),
            (Some(_), Some(_), Err(e)) => HistoryNote::Failed(e),
            (Some(repo), Some(author), Ok(outside)) => {
                let files: Vec<String> = written
                    .iter()
                    .map(|p| repo.path_of(p.file_name()))
                    .collect();
                let labels = std::mem::take(&mut self.labels);
                let message = save_message(self.lang, &labels, &files);
                match repo.commit_files(&files, author, &message) {
                    Ok(_) => HistoryNote::Recorded { outside },
                    Err(e) => HistoryNote::Failed(e),
                }
            }
        };
        SaveOutcome::Saved {
            written,
            merged,
            schedule,
            history,
        }
    }

    /// The folder's problems with `part` taken as `bytes`, for a change the
    /// app cannot take in yet (it has unsaved edits to that file).
    fn diagnostics_with(&self, part: Part, bytes: Option<&[u8]>) -> Vec<Diagnostic> {
        self.reread(part, bytes).diagnostics
    }
}

impl Storage for Workspace {
    fn save(&mut self, schedule: &Schedule) -> SaveOutcome {
        if let Some(held) = &self.held_by {
            return SaveOutcome::Failed {
                failure: SaveFailure::ReadOnly(held.clone()),
                saved: Vec::new(),
            };
        }
        self.pending = None;
        let outside = self.commit_outside_edits();
        let outcome = self.save_all(schedule, Vec::new(), Vec::new());
        self.record(outcome, outside)
    }

    fn resolve(&mut self, schedule: &Schedule, part: Part, take_mine: &[bool]) -> SaveOutcome {
        let Some(p) = self.pending.take().filter(|p| p.part == part) else {
            return SaveOutcome::Failed {
                failure: SaveFailure::NoPendingMerge,
                saved: Vec::new(),
            };
        };
        let outside = self.commit_outside_edits();
        match self.write_merged(part, &p.merge, take_mine, &p.theirs_bytes, &p.theirs) {
            Ok(PartSaved::Merged(m)) => {
                let mut result = schedule.clone();
                result.replace_part(&m, part);
                let outcome = self.save_all(&result, vec![part], vec![part]);
                self.record(outcome, outside)
            }
            Ok(PartSaved::Written) => {
                let outcome = self.save_all(schedule, vec![part], Vec::new());
                self.record(outcome, outside)
            }
            Err(PartFailed::Failure(failure)) => SaveOutcome::Failed {
                failure,
                saved: Vec::new(),
            },
            Err(PartFailed::Conflicts(c)) => SaveOutcome::Conflicts { part, conflicts: c },
        }
    }

    fn poll(&mut self, schedule: &Schedule) -> Vec<DiskChange> {
        let mut out = Vec::new();
        for change in self.watcher.poll() {
            match change {
                Change::FolderGone => out.push(DiskChange::FolderGone),
                Change::Created { part, bytes } | Change::Modified { part, bytes } => {
                    if self.disk.get(&part).and_then(Option::as_deref) == Some(bytes.as_slice()) {
                        continue;
                    }
                    if schedule.part_differs(&self.base, part) {
                        // Unsaved edits here: merged when saving. The
                        // problems shown follow the file as it is now.
                        out.push(DiskChange::Pending {
                            part,
                            diagnostics: self.diagnostics_with(part, Some(&bytes)),
                        });
                    } else {
                        out.push(self.take_in(part, Ok(Some(bytes))));
                    }
                }
                Change::Refused { part, cause } => {
                    if schedule.part_differs(&self.base, part) {
                        let mut diagnostics = self.diagnostics_with(part, None);
                        diagnostics.push(Diagnostic::whole_file(part.file_name(), cause));
                        out.push(DiskChange::Pending { part, diagnostics });
                    } else {
                        out.push(self.take_in(part, Err(cause)));
                    }
                }
                Change::Deleted { part } => {
                    if schedule.part_differs(&self.base, part) {
                        out.push(DiskChange::Pending {
                            part,
                            diagnostics: self.diagnostics_with(part, None),
                        });
                    } else {
                        out.push(self.take_in(part, Ok(None)));
                    }
                }
            }
        }
        out
    }

    fn read_only(&self) -> Option<HeldBy> {
        self.held_by.clone()
    }

    fn never_read(&self) -> Vec<Part> {
        self.never_read.iter().copied().collect()
    }

    fn path_of(&self, part: Part) -> PathBuf {
        self.path(part)
    }

    fn reload(&mut self, _schedule: &Schedule, part: Part) -> DiskChange {
        let bytes = load::read_part(&self.dir, part);
        self.take_in(part, bytes)
    }

    fn repo(&self) -> Option<&Repo> {
        self.git.as_ref()
    }

    fn describe_next_save(&mut self, author: Option<String>, labels: Vec<String>, lang: Lang) {
        self.author = author;
        self.labels = labels;
        self.lang = lang;
    }

    fn start_history(&mut self, author: &str, lang: Lang) -> Result<bool, super::git::GitError> {
        if self.git.is_some() {
            return Ok(false);
        }
        let (repo, started) =
            Repo::init(&self.dir, author, &super::git::words::init_message(lang))?;
        self.git = Some(repo);
        Ok(started)
    }
}
