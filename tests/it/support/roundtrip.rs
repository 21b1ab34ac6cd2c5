//! What a session of the app left in a schedule folder, byte for byte:
//! the files staff did not change are identical, the ones they changed
//! differ only where they changed them, and nothing else is left but what
//! the app documents (the empty editing lock, backups of saved files).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::files::{Entry, tree};

/// Where the app keeps the previous version of a saved file (README,
/// "Saving"), beside the files.
pub const BACKUP_DIR: &str = ".stationcal-backup";
/// The editing lock's side file: left behind on purpose, but empty, when
/// the app quits (`store::lock`).
pub const LOCK_FILE: &str = ".stationcal.lock";

/// Every entry under a folder, by path relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder(BTreeMap<PathBuf, Entry>);

impl Folder {
    pub fn read(dir: &Path) -> Folder {
        Folder(
            tree(dir)
                .into_iter()
                .map(|(p, e)| {
                    let rel = p.strip_prefix(dir).expect("under the folder").to_path_buf();
                    (rel, e)
                })
                .collect(),
        )
    }

    /// The bytes of the file at `rel`.
    pub fn bytes(&self, rel: &str) -> &[u8] {
        match self.0.get(Path::new(rel)) {
            Some(Entry::File(Some(b))) => b,
            other => panic!("{rel} is not a readable file: {other:?}"),
        }
    }

    /// The text of the file at `rel`.
    pub fn text(&self, rel: &str) -> &str {
        std::str::from_utf8(self.bytes(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Checks `after` against `before` when staff saved exactly the files in
/// `saved` (paths relative to the folder): every other file is identical;
/// each saved file has one backup holding its old bytes, in the backup
/// folder beside it; the only other new entry is an empty lock file.
pub fn assert_only_saved(before: &Folder, after: &Folder, saved: &[&str]) {
    for (path, entry) in &before.0 {
        let name = path.to_string_lossy();
        if saved.iter().any(|s| Path::new(s) == path) {
            assert!(
                matches!(after.0.get(path), Some(Entry::File(Some(_)))),
                "{name} was saved, and must still be there"
            );
            continue;
        }
        assert!(
            after.0.get(path) == Some(entry),
            "{name} changed though staff did not change it"
        );
    }
    let mut backups: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for (path, entry) in &after.0 {
        if before.0.contains_key(path) {
            continue;
        }
        let name = path.to_string_lossy();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = path.parent().unwrap_or(Path::new(""));
        if file_name == LOCK_FILE {
            assert!(
                matches!(entry, Entry::File(Some(b)) if b.is_empty()),
                "{name} is left holding a name: {entry:?}"
            );
            continue;
        }
        if file_name == BACKUP_DIR && *entry == Entry::Folder {
            continue;
        }
        assert!(
            parent.file_name().is_some_and(|p| p == BACKUP_DIR),
            "{name} is new and neither the lock nor a backup"
        );
        // `lectures.ron.20261129-200424-746108`: the file it backs up.
        let folder = parent.parent().unwrap_or(Path::new(""));
        let of = saved
            .iter()
            .map(Path::new)
            .find(|s| {
                s.parent().unwrap_or(Path::new("")) == folder
                    && s.file_name().is_some_and(|f| {
                        file_name.starts_with(&format!("{}.", f.to_string_lossy()))
                    })
            })
            .unwrap_or_else(|| panic!("{name} backs up a file that was not saved"));
        let old = before.bytes(&of.to_string_lossy());
        assert!(
            matches!(entry, Entry::File(Some(b)) if b == old),
            "{name} is not the old {}",
            of.display()
        );
        *backups.entry(of.to_path_buf()).or_default() += 1;
    }
    for s in saved {
        assert_eq!(
            backups.get(Path::new(s)).copied(),
            Some(1),
            "one backup of {s}"
        );
    }
}

/// `after` is `before` with exactly one line inserted (line endings
/// included); returns its index and text.
pub fn one_line_added(before: &str, after: &str) -> (usize, String) {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(a.len(), b.len() + 1, "one line more:\n{after}");
    let at = b
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(b.len());
    assert_eq!(a[..at], b[..at]);
    assert_eq!(a[at + 1..], b[at..], "only line {} is new", at + 1);
    (at, a[at].to_owned())
}

/// `after` differs from `before` only inside `before[range]` (a byte
/// range): everything before it and after it is the same bytes. Returns
/// what took that range's place.
pub fn only_within<'a>(before: &str, after: &'a str, range: std::ops::Range<usize>) -> &'a str {
    let (head, tail) = (&before[..range.start], &before[range.end..]);
    assert!(
        after.starts_with(head),
        "changed before the entry:\n{after}"
    );
    assert!(after.ends_with(tail), "changed after the entry:\n{after}");
    assert!(after.len() >= head.len() + tail.len());
    &after[head.len()..after.len() - tail.len()]
}
