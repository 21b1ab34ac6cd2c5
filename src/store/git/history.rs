//! Reading history: the versions that changed a file or a folder, who made
//! them and when, and what each changed entry by entry.

use chrono::{DateTime, FixedOffset};
use git2::{Oid, Sort};

use std::collections::HashMap;

use super::{GitError, Repo, blob_in, blob_of};
use crate::model::Schedule;
use crate::model::changes::Change;
use crate::model::validate::Part;
use crate::store::parts::{part_changes, part_of_path, read_part_text};

/// How many commits a history view looks through at most: years of daily
/// saves, read in well under a second; older versions stay in git.
pub const MAX_SCANNED: usize = 20_000;

/// Versions of files already read, by blob id: a version of a file stands
/// between two of its changes and is read once, not twice.
#[derive(Debug, Default)]
pub struct ReadCache(HashMap<Oid, Option<Schedule>>);

/// One version that changed what was asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub id: Oid,
    pub author: String,
    pub when: DateTime<FixedOffset>,
    /// The commit message's first line (the change in words).
    pub summary: String,
    /// The whole message (a save of several edits lists each).
    pub message: String,
}

/// The changes one version made to one file, entry by entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FileChanges {
    pub path: String,
    pub part: Part,
    pub changes: Vec<Change>,
    /// The file did not read in the version before or after: shown whole.
    pub unreadable: bool,
}

fn entry_id(tree: &git2::Tree, path: &str) -> Option<Oid> {
    if path.is_empty() {
        return Some(tree.id());
    }
    tree.get_path(std::path::Path::new(path))
        .ok()
        .map(|e| e.id())
}

impl Repo {
    /// The versions, newest first, that changed `path` (a file, a site's
    /// folder, or "" for everything), at most `limit`.
    pub fn versions(&self, path: &str, limit: usize) -> Result<Vec<Version>, GitError> {
        let Some(head) = self.head_commit() else {
            return Ok(Vec::new());
        };
        let repo = self.git();
        let mut walk = repo.revwalk()?;
        // Children before parents whatever the clocks say: two saves in
        // one second, or a computer whose clock is wrong, keep their order.
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        walk.push(head.id())?;
        let mut out = Vec::new();
        for id in walk.take(MAX_SCANNED) {
            let commit = repo.find_commit(id?)?;
            let now = entry_id(&commit.tree()?, path);
            let before = match commit.parent(0) {
                Ok(p) => entry_id(&p.tree()?, path),
                Err(_) => None,
            };
            if now == before {
                continue;
            }
            let sig = commit.author();
            let offset = FixedOffset::east_opt(sig.when().offset_minutes() * 60)
                .unwrap_or_else(|| chrono::Offset::fix(&chrono::Utc));
            let when = DateTime::from_timestamp(sig.when().seconds(), 0)
                .unwrap_or_default()
                .with_timezone(&offset);
            let message = commit.message().unwrap_or_default().to_owned();
            out.push(Version {
                id: commit.id(),
                author: sig.name().unwrap_or_default().to_owned(),
                when,
                summary: message.lines().next().unwrap_or_default().to_owned(),
                message,
            });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// The bytes of `path` in version `id` (`None`: not there).
    pub fn file_at(&self, id: Oid, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let tree = self.git().find_commit(id)?.tree()?;
        blob_in(self.git(), &tree, path)
    }

    /// The bytes of `path` just before version `id` (its first parent).
    pub fn file_before(&self, id: Oid, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        match self.git().find_commit(id)?.parent(0) {
            Ok(p) => blob_in(self.git(), &p.tree()?, path),
            Err(_) => Ok(None),
        }
    }

    /// `path`'s part of the schedule in version `id` (`Ok(None)`: no such
    /// file then; an error when it did not read).
    pub fn part_at(&self, id: Oid, path: &str) -> Result<Option<Schedule>, GitError> {
        let Some(part) = part_of_path(path) else {
            return Ok(None);
        };
        match self.file_at(id, path)? {
            Some(bytes) => {
                read_part_text(part, &bytes)
                    .map(Some)
                    .map_err(|d| GitError::Unreadable {
                        path: path.to_owned(),
                        side: super::words::Side::Base,
                        problem: d,
                    })
            }
            None => Ok(None),
        }
    }

    /// What version `id` changed in the schedule files under `folder` ("" or
    /// a site's folder), entry by entry.
    pub fn changes_in(
        &self,
        id: Oid,
        folder: &str,
        cache: &mut ReadCache,
    ) -> Result<Vec<FileChanges>, GitError> {
        let repo = self.git();
        let commit = repo.find_commit(id)?;
        let tree = commit.tree()?;
        let parent_tree = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
        let diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), None)?;
        let mut out = Vec::new();
        for d in diff.deltas() {
            let Some(path) = d
                .new_file()
                .path()
                .or_else(|| d.old_file().path())
                .and_then(|p| p.to_str())
            else {
                continue;
            };
            let inside = folder.is_empty() || path.starts_with(&format!("{folder}/"));
            if !inside {
                continue;
            }
            let side =
                |f: git2::DiffFile| (!f.id().is_zero()).then(|| (f.id(), i32::from(f.mode())));
            if let Some(c) = self.file_changes(path, side(d.old_file()), side(d.new_file()), cache)
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// What version `id` changed in the one file `path`, entry by entry
    /// (`None`: the version did not change it, or it is no schedule file).
    pub fn changes_of(
        &self,
        id: Oid,
        path: &str,
        cache: &mut ReadCache,
    ) -> Result<Option<FileChanges>, GitError> {
        let repo = self.git();
        let commit = repo.find_commit(id)?;
        let at = |t: &git2::Tree| {
            t.get_path(std::path::Path::new(path))
                .ok()
                .map(|e| (e.id(), e.filemode()))
        };
        let after = at(&commit.tree()?);
        let before = match commit.parent(0) {
            Ok(p) => at(&p.tree()?),
            Err(_) => None,
        };
        if before.map(|b| b.0) == after.map(|a| a.0) {
            return Ok(None);
        }
        Ok(self.file_changes(path, before, after, cache))
    }

    /// The entry-level changes between two versions (blob id and mode) of
    /// a schedule file.
    fn file_changes(
        &self,
        path: &str,
        before: Option<(Oid, i32)>,
        after: Option<(Oid, i32)>,
        cache: &mut ReadCache,
    ) -> Option<FileChanges> {
        let part = part_of_path(path)?;
        let mut read = |side: Option<(Oid, i32)>| -> Option<Result<Schedule, ()>> {
            let (id, mode) = side?;
            let parsed = cache.0.entry(id).or_insert_with(|| {
                blob_of(self.git(), path, id, mode)
                    .ok()
                    .and_then(|bytes| read_part_text(part, &bytes).ok())
            });
            Some(parsed.clone().ok_or(()))
        };
        let (before, after) = (read(before), read(after));
        let unreadable = matches!(before, Some(Err(()))) || matches!(after, Some(Err(())));
        let before = before.and_then(Result::ok).unwrap_or_default();
        let after = after.and_then(Result::ok).unwrap_or_default();
        Some(FileChanges {
            path: path.to_owned(),
            part,
            changes: if unreadable {
                Vec::new()
            } else {
                part_changes(part, &before, &after)
            },
            unreadable,
        })
    }
}
