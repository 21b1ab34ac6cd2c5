//! A shared copy is another computer's word, not to be trusted: a version
//! holding links, paths out of the folder, folders too deep, or a folder
//! whose own files were turned into links, never makes the sync write
//! outside the schedule folder or through a link. Nothing is written when
//! one file is refused.

use std::path::Path;

use git2::{Oid, Repository};
use stationcal::i18n::Lang;
use stationcal::store::git::sync::{self, SyncOptions};
use stationcal::store::git::{GitError, Repo};

use super::git_sync::office;
use crate::support::ron_files;

const WANG: SyncOptions = SyncOptions {
    author: "王老师",
    lang: Lang::Zh,
};

/// Puts a commit on the shared copy's `main` whose tree is `main`'s with
/// `path` (one or two levels) set to a blob of `bytes` with `mode`.
fn push_entry(remote: &Path, path: &str, bytes: &[u8], mode: i32) -> Result<Oid, git2::Error> {
    let r = Repository::open_bare(remote)?;
    let head = r.find_commit(r.refname_to_id("refs/heads/main")?)?;
    let blob = r.blob(bytes)?;
    let root = head.tree()?;
    let tree_id = match path.split_once('/') {
        None => {
            let mut b = r.treebuilder(Some(&root))?;
            b.insert(path, blob, mode)?;
            b.write()?
        }
        Some((dir, rest)) => {
            let inner = root
                .get_name(dir)
                .and_then(|e| e.to_object(&r).ok())
                .and_then(|o| o.into_tree().ok());
            let mut sub = r.treebuilder(inner.as_ref())?;
            let rest_id = match rest.split_once('/') {
                None => {
                    sub.insert(rest, blob, mode)?;
                    sub.write()?
                }
                Some((dir2, name)) => {
                    let mut deeper = r.treebuilder(None)?;
                    deeper.insert(name, blob, mode)?;
                    let d = deeper.write()?;
                    sub.insert(dir2, d, 0o040_000)?;
                    sub.write()?
                }
            };
            let mut b = r.treebuilder(Some(&root))?;
            b.insert(dir, rest_id, 0o040_000)?;
            b.write()?
        }
    };
    let tree = r.find_tree(tree_id)?;
    let sig = git2::Signature::now("mallory", "m@example.org")?;
    r.commit(
        Some("refs/heads/main"),
        &sig,
        &sig,
        "hostile",
        &tree,
        &[&head],
    )
}

fn refused_without_a_trace(path: &str, bytes: &[u8], mode: i32, outside: &Path) -> GitError {
    let o = office();
    if let Err(e) = push_entry(&o.remote, path, bytes, mode) {
        // libgit2 itself refuses to build such a tree: nothing to sync.
        return GitError::Engine(e.message().to_owned());
    }
    let repo = Repo::find(&o.b).expect("b");
    let head = repo.head_commit_id();
    let before = ron_files(&o.b);
    let err = sync::sync(&repo, WANG).expect_err("refused");
    assert_eq!(ron_files(&o.b), before, "{path}: nothing written");
    assert_eq!(repo.head_commit_id(), head, "{path}: history not moved");
    assert!(!outside.exists(), "{path}: wrote outside the folder");
    let words = err.message(Lang::Zh);
    assert!(!words.is_empty() && !words.contains('\u{1b}'));
    err
}

#[test]
fn links_and_odd_paths_in_a_version_are_refused_before_anything_is_written() {
    let outside = tempfile::tempdir().expect("outside");
    let target = outside.path().join("pwned.ron");
    let link = target.to_str().expect("utf-8").as_bytes().to_vec();
    let cases: Vec<(&str, Vec<u8>, i32)> = vec![
        // A link in place of a schedule file.
        ("events.ron", link.clone(), 0o120_000),
        ("new.ron", link, 0o120_000),
        // Deeper than a site's folder.
        ("a/b/deep.ron", b"()".to_vec(), 0o100_644),
        // Into the repository's own folder, or the app's backups.
        (".git/hooks/post-merge", b"#!/bin/sh\n".to_vec(), 0o100_755),
        (".stationcal-backup/events.ron", b"()".to_vec(), 0o100_644),
        // Windows device names.
        ("con.ron", b"()".to_vec(), 0o100_644),
        // A sub-repository.
        ("sub", b"".to_vec(), 0o160_000),
    ];
    for (path, bytes, mode) in cases {
        let err = refused_without_a_trace(path, &bytes, mode, &target);
        assert!(
            matches!(
                err,
                GitError::NotAFile(_) | GitError::BadPath(_) | GitError::Engine(_)
            ),
            "{path}: {err:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_schedule_file_turned_into_a_link_out_of_the_folder_is_never_written_through() {
    let o = office();
    // A changes events.ron and sends it.
    let ra = Repo::find(&o.a).expect("a");
    let p = o.a.join("events.ron");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replace("读书沙龙\"", "读书沙龙（新）\"")).expect("edit");
    sync::sync(&ra, WANG).expect("sent");
    // On B, someone replaced events.ron by a link to a file elsewhere.
    let outside = tempfile::tempdir().expect("outside");
    let victim = outside.path().join("victim.ron");
    std::fs::write(&victim, "keep me").expect("victim");
    let link = o.b.join("events.ron");
    std::fs::remove_file(&link).expect("rm");
    std::os::unix::fs::symlink(&victim, &link).expect("link");
    let rb = Repo::find(&o.b).expect("b");
    let result = sync::sync(&rb, WANG);
    assert!(result.is_err(), "{result:?}");
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_git_folder_that_is_a_link_or_a_pointer_elsewhere_is_not_used() {
    let tmp = tempfile::tempdir().expect("tmp");
    let elsewhere = tmp.path().join("elsewhere");
    stationcal::store::sample::write_sample(&elsewhere).expect("sample");
    Repo::init(&elsewhere, "王老师", "开始").expect("init");
    let dir = tmp.path().join("station");
    stationcal::store::sample::write_sample(&dir).expect("sample");
    std::fs::write(
        dir.join(".git"),
        format!("gitdir: {}\n", elsewhere.join(".git").display()),
    )
    .expect("gitdir file");
    assert!(Repo::find(&dir).is_none());
    let err = Repo::init(&dir, "王老师", "开始").expect_err("refused");
    assert!(matches!(err, GitError::OddGitFolder(_)), "{err:?}");
    // A repository further up (a home folder kept in git) is not used.
    let nested = elsewhere.join("inner");
    stationcal::store::sample::write_sample(&nested).expect("sample");
    assert!(Repo::find(&nested).is_none());
}
