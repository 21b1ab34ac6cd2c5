//! Writing a version of the schedule into the folder: only the files that
//! differ between two versions, each as a regular file inside the folder,
//! through the same atomic write (with a backup) as a save.
//!
//! A version comes from another computer and is not trusted: every path
//! is checked before anything is written (plain names, at most a site
//! folder deep, nothing under `.git` or the app's own folders, no Windows
//! device names), every entry must be a plain file of a sane size, and
//! nothing is written when one is not.

use std::path::Path;

use git2::{Delta, Repository, Tree};

use super::{GitError, blob_of, is_own_file};
use crate::store::write;

/// One file to write (`Some`) or remove (`None`).
struct Step {
    path: String,
    old: Option<Vec<u8>>,
    new: Option<Vec<u8>>,
}

/// Whether `path` may be written in the folder.
pub fn is_plain_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.is_empty() || parts.len() > 2 {
        return false;
    }
    parts.iter().enumerate().all(|(i, p)| {
        let last = i + 1 == parts.len();
        let lower = p.to_ascii_lowercase();
        let stem = lower.split('.').next().unwrap_or_default();
        let device = matches!(stem, "con" | "prn" | "aux" | "nul")
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        !p.is_empty()
            && *p != "."
            && *p != ".."
            && !p.contains(['\\', ':', '\0'])
            && !p.chars().any(|c| crate::sanitize::hidden(c).is_some())
            && !p.ends_with(['.', ' '])
            && !device
            && !is_own_file(p)
            && (!lower.starts_with(".git")
                || (last && i == 0 && matches!(lower.as_str(), ".gitignore" | ".gitattributes")))
    })
}

/// The files that differ from `from` to `to`, read and checked.
fn steps(repo: &Repository, from: Option<&Tree>, to: &Tree) -> Result<Vec<Step>, GitError> {
    let diff = repo.diff_tree_to_tree(from, Some(to), None)?;
    let mut out = Vec::new();
    for d in diff.deltas() {
        let new = d.new_file();
        let old = d.old_file();
        let path = new
            .path()
            .or_else(|| old.path())
            .and_then(Path::to_str)
            .ok_or_else(|| {
                GitError::BadPath(
                    String::from_utf8_lossy(new.path_bytes().unwrap_or_default()).into_owned(),
                )
            })?
            .to_owned();
        if !is_plain_path(&path) {
            return Err(GitError::BadPath(path));
        }
        let read = |f: &git2::DiffFile| -> Result<Option<Vec<u8>>, GitError> {
            if f.id().is_zero() || !f.exists() {
                return Ok(None);
            }
            blob_of(repo, &path, f.id(), i32::from(f.mode())).map(Some)
        };
        let (old_bytes, new_bytes) = match d.status() {
            Delta::Added => (None, read(&new)?),
            Delta::Deleted => (read(&old)?, None),
            _ => (read(&old)?, read(&new)?),
        };
        out.push(Step {
            path,
            old: old_bytes,
            new: new_bytes,
        });
    }
    Ok(out)
}

/// Makes the folder at `root` hold `to` where it held `from`; returns the
/// paths written or removed. Nothing is written when any file of `to` is
/// refused. A file that is not as `from` had it (edited meanwhile) stops
/// the writing there, with what was written so far kept.
pub fn apply(
    repo: &Repository,
    root: &Path,
    from: Option<&Tree>,
    to: &Tree,
) -> Result<Vec<String>, GitError> {
    let steps = steps(repo, from, to)?;
    for s in &steps {
        if let Some(bytes) = &s.new
            && std::str::from_utf8(bytes).is_err()
        {
            return Err(GitError::Refused(s.path.clone(), "not UTF-8".to_owned()));
        }
    }
    let mut done = Vec::new();
    for s in steps {
        let path = root.join(&s.path);
        if let Some((folder, _)) = s.path.split_once('/') {
            let dir = root.join(folder);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(GitError::NotAFile(folder.to_owned())),
                Err(_) => std::fs::create_dir(&dir)
                    .map_err(|e| GitError::Refused(folder.to_owned(), e.to_string()))?,
            }
        }
        match s.new {
            Some(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                write::write_file(&path, &text, s.old.as_deref())
                    .map_err(|e| GitError::NotWritten(Box::new(e)))?;
            }
            None => match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => std::fs::remove_file(&path)
                    .map_err(|e| GitError::Refused(s.path.clone(), e.to_string()))?,
                _ => {}
            },
        }
        done.push(s.path);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::is_plain_path;

    #[test]
    fn only_plain_places_in_the_folder_are_written() {
        for ok in [
            "events.ron",
            "紫卫居民区/events.ron",
            ".gitattributes",
            "network.ron",
        ] {
            assert!(is_plain_path(ok), "{ok}");
        }
        for bad in [
            "../events.ron",
            "a/../../x",
            "/etc/passwd",
            ".git/config",
            "site/.git/hooks/post-merge",
            ".GIT/config",
            "a/b/c.ron",
            "C:/x.ron",
            "con.ron",
            "site/NUL",
            "events.ron.",
            ".stationcal-backup/events.ron",
            "site/.gitattributes",
            "a\\b",
            "ev\u{1b}[2Jents.ron",
            "events\u{202e}nor.txt",
            "",
        ] {
            assert!(!is_plain_path(bad), "{bad}");
        }
    }
}
