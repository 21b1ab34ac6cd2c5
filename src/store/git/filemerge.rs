//! Merging one schedule file's three versions entry by entry: for a sync,
//! and for `git` itself through `stationcal merge-driver`.
//!
//! Each version is read as its part of the schedule; a version that does
//! not read is never merged (the caller says which and where). Different
//! entries combine silently ([`crate::model::merge`]); the same entry
//! changed on both sides waits for the user's choice. The result is
//! spliced into this computer's text, so its comments and layout stay.

use super::GitError;
use super::words::Side;
use crate::model::Schedule;
use crate::model::merge::{Conflict, Merge};
use crate::model::validate::Part;
use crate::store::parts::{
    apply_merge, merge_part, part_of_path, read_part_text, render_part, text_of,
};

/// A file whose three versions were read and merged.
#[derive(Debug, Clone)]
pub struct FileMerge {
    pub path: String,
    pub part: Part,
    merge: Merge,
    mine_bytes: Vec<u8>,
    mine: Schedule,
}

impl FileMerge {
    /// Reads and merges. `base` is `None` when both sides added the file.
    pub fn new(
        path: &str,
        base: Option<&[u8]>,
        mine: &[u8],
        theirs: &[u8],
    ) -> Result<FileMerge, GitError> {
        let part = part_of_path(path).ok_or_else(|| GitError::BothChanged(path.to_owned()))?;
        let read = |bytes: &[u8], side: Side| {
            read_part_text(part, bytes).map_err(|d| GitError::Unreadable {
                path: path.to_owned(),
                side,
                problem: d,
            })
        };
        let base_s = match base {
            Some(b) => read(b, Side::Base)?,
            None => Schedule::default(),
        };
        let mine_s = read(mine, Side::Mine)?;
        let theirs_s = read(theirs, Side::Theirs)?;
        let merge = merge_part(part, &base_s, &mine_s, &theirs_s);
        Ok(FileMerge {
            path: path.to_owned(),
            part,
            merge,
            mine_bytes: mine.to_vec(),
            mine: mine_s,
        })
    }

    /// The entries changed differently on both sides.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.merge.conflicts
    }

    /// The merged text, each conflict decided by `take_mine` (`true`: this
    /// computer's side), in this computer's layout.
    pub fn text(&self, take_mine: &[bool]) -> Result<Vec<u8>, GitError> {
        let mut merged = self.mine.clone();
        if !apply_merge(self.part, &self.merge, take_mine, &mut merged) {
            return Err(GitError::BothChanged(self.path.clone()));
        }
        match render_part(self.part, &text_of(&self.mine_bytes), &merged) {
            Ok(Some(t)) => Ok(t.into_bytes()),
            Ok(None) | Err(_) => Err(GitError::BothChanged(self.path.clone())),
        }
    }
}
