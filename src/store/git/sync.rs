//! `stationcal sync` and the TUI's sync key: keep outside edits as their
//! own version, fetch the shared copy, merge entry by entry, write what
//! came in, commit, and send.
//!
//! Only what differs is read and written: a sync of a ten-year network
//! where one entry changed reads the two or three versions of that one
//! file. A file changed on both sides is merged by [`FileMerge`]; the same
//! entry changed on both sides is left to the user ([`Pending`]), and a
//! file that does not read on one side stops the sync before anything is
//! written. When the shared copy cannot be reached, everything stays
//! committed here and goes at the next sync.

use std::cell::RefCell;
use std::collections::BTreeMap;

use git2::{Cred, CredentialType, FetchOptions, Oid, PushOptions, RemoteCallbacks, Repository};

use super::filemerge::FileMerge;
use super::words::{merge_message, outside_edit_message};
use super::{GitError, REMOTE, Repo, blob_of, entry, worktree};
use crate::i18n::Lang;
use crate::model::merge::Conflict;
use crate::model::validate::Part;

/// Who syncs, and in which language the commits are worded.
#[derive(Debug, Clone, Copy)]
pub struct SyncOptions<'a> {
    pub author: &'a str,
    pub lang: Lang,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// Outside edits committed before anything else.
    pub outside: Vec<String>,
    /// Files written here from the shared copy (or the merge).
    pub received: Vec<String>,
    /// Files changed on both sides and merged entry by entry.
    pub merged: Vec<String>,
    /// Whether this computer's versions were sent.
    pub sent: bool,
}

#[derive(Debug)]
pub enum SyncOutcome {
    Done(SyncReport),
    /// The same entries changed on both sides: decide each file's
    /// conflicts with [`Pending::decide`], then [`Pending::finish`].
    Conflicts(Box<Pending>),
}

/// A merge waiting for the user's choices. Nothing has been written.
#[derive(Debug)]
pub struct Pending {
    local: Oid,
    theirs: Oid,
    /// Files taken whole from one side or merged without conflicts (`None`: deleted).
    clean: Vec<(String, Option<Vec<u8>>)>,
    /// Files with conflicts, decided in order.
    files: Vec<FileMerge>,
    decisions: Vec<Vec<bool>>,
    report: SyncReport,
    attempt: usize,
}

impl Pending {
    /// The next file whose conflicts are undecided: its path, part and conflicts.
    pub fn next_conflict(&self) -> Option<(&str, Part, &[Conflict])> {
        self.files
            .get(self.decisions.len())
            .map(|f| (f.path.as_str(), f.part, f.conflicts()))
    }

    /// Decides the next file's conflicts (`true`: keep this computer's).
    pub fn decide(&mut self, take_mine: Vec<bool>) {
        self.decisions.push(take_mine);
    }

    /// Writes the merge, commits it and sends it.
    pub fn finish(self, repo: &Repo, opts: SyncOptions) -> Result<SyncOutcome, GitError> {
        let mut report = self.report.clone();
        let mut changed = self.clean.clone();
        for (i, f) in self.files.iter().enumerate() {
            let take = self.decisions.get(i).cloned().unwrap_or_default();
            changed.push((f.path.clone(), Some(f.text(&take)?)));
            report.merged.push(f.path.clone());
        }
        let g = repo.git();
        let local = g.find_commit(self.local)?;
        let local_tree = local.tree()?;
        let mut index = git2::Index::new()?;
        index.read_tree(&local_tree)?;
        for (path, bytes) in &changed {
            match bytes {
                Some(b) => {
                    // An index of its own (not the repository's): its
                    // entries point at blobs written first.
                    let mut e = entry(path, b.len());
                    e.id = g.blob(b)?;
                    index.add(&e)?;
                }
                None => index.remove_path(std::path::Path::new(path))?,
            }
        }
        let tree = g.find_tree(index.write_tree_to(g)?)?;
        let names: Vec<String> = changed.iter().map(|(p, _)| p.clone()).collect();
        let url = repo.remote_url().unwrap_or_default();
        let sig = super::signature(opts.author)?;
        let theirs = g.find_commit(self.theirs)?;
        let id = g.commit(
            None,
            &sig,
            &sig,
            &merge_message(opts.lang, &url, &names),
            &tree,
            &[&local, &theirs],
        )?;
        report
            .received
            .extend(worktree::apply(g, repo.root(), Some(&local_tree), &tree)?);
        move_branch(repo, id, &tree)?;
        push_or_retry(repo, opts, report, self.attempt)
    }
}

/// Syncs the folder's repository with its shared copy.
pub fn sync(repo: &Repo, opts: SyncOptions) -> Result<SyncOutcome, GitError> {
    repo.ensure_setup()?;
    let files = repo.schedule_files();
    let outside =
        repo.commit_outside_edits(&files, opts.author, |f| outside_edit_message(opts.lang, f))?;
    let report = SyncReport {
        outside,
        ..SyncReport::default()
    };
    sync_from(repo, opts, report, 0)
}

const ATTEMPTS: usize = 3;

fn sync_from(
    repo: &Repo,
    opts: SyncOptions,
    mut report: SyncReport,
    attempt: usize,
) -> Result<SyncOutcome, GitError> {
    let url = repo.remote_url().ok_or(GitError::NoRemote)?;
    let theirs = fetch(repo, &url)?;
    let g = repo.git();
    let local = repo.head_commit().map(|c| c.id());
    match (local, theirs) {
        (None, None) => Ok(SyncOutcome::Done(report)),
        (Some(_), None) => push_or_retry(repo, opts, report, attempt),
        (None, Some(t)) => {
            let tree = g.find_commit(t)?.tree()?;
            report.received = worktree::apply(g, repo.root(), None, &tree)?;
            move_branch(repo, t, &tree)?;
            Ok(SyncOutcome::Done(report))
        }
        (Some(l), Some(t)) if l == t => Ok(SyncOutcome::Done(report)),
        (Some(l), Some(t)) if g.graph_descendant_of(l, t)? => {
            push_or_retry(repo, opts, report, attempt)
        }
        (Some(l), Some(t)) if g.graph_descendant_of(t, l)? => {
            let from = g.find_commit(l)?.tree()?;
            let tree = g.find_commit(t)?.tree()?;
            report.received = worktree::apply(g, repo.root(), Some(&from), &tree)?;
            move_branch(repo, t, &tree)?;
            Ok(SyncOutcome::Done(report))
        }
        (Some(l), Some(t)) => {
            let pending = plan(repo, l, t, report, attempt)?;
            if pending.next_conflict().is_some() {
                Ok(SyncOutcome::Conflicts(Box::new(pending)))
            } else {
                pending.finish(repo, opts)
            }
        }
    }
}

/// The merge of two lines of versions: what each changed since the last
/// version both had, file by file.
fn plan(
    repo: &Repo,
    local: Oid,
    theirs: Oid,
    mut report: SyncReport,
    attempt: usize,
) -> Result<Pending, GitError> {
    let g = repo.git();
    let base = g.merge_base(local, theirs)?;
    let trees = |id: Oid| g.find_commit(id).and_then(|c| c.tree());
    let (bt, lt, tt) = (trees(base)?, trees(local)?, trees(theirs)?);
    let changed = |to: &git2::Tree| -> Result<BTreeMap<String, (Oid, i32)>, GitError> {
        let diff = g.diff_tree_to_tree(Some(&bt), Some(to), None)?;
        let mut out = BTreeMap::new();
        for d in diff.deltas() {
            let f = d.new_file();
            let path = f
                .path()
                .or_else(|| d.old_file().path())
                .and_then(|p| p.to_str())
                .ok_or_else(|| GitError::BadPath("?".to_owned()))?;
            if !worktree::is_plain_path(path) {
                return Err(GitError::BadPath(path.to_owned()));
            }
            out.insert(path.to_owned(), (f.id(), i32::from(f.mode())));
        }
        Ok(out)
    };
    let (mine, theirs_changed) = (changed(&lt)?, changed(&tt)?);
    let read = |path: &str, (id, mode): (Oid, i32)| -> Result<Option<Vec<u8>>, GitError> {
        if id.is_zero() {
            Ok(None)
        } else {
            blob_of(g, path, id, mode).map(Some)
        }
    };
    let mut clean = Vec::new();
    let mut files = Vec::new();
    for (path, their) in &theirs_changed {
        match mine.get(path) {
            None => clean.push((path.clone(), read(path, *their)?)),
            Some(my) if my.0 == their.0 => {}
            Some(my) => {
                let (Some(m), Some(t)) = (read(path, *my)?, read(path, *their)?) else {
                    return Err(GitError::BothChanged(path.clone()));
                };
                let b = super::blob_in(g, &bt, path)?;
                let merged = FileMerge::new(path, b.as_deref(), &m, &t)?;
                if merged.conflicts().is_empty() {
                    clean.push((path.clone(), Some(merged.text(&[])?)));
                    report.merged.push(path.clone());
                } else {
                    files.push(merged);
                }
            }
        }
    }
    Ok(Pending {
        local,
        theirs,
        clean,
        files,
        decisions: Vec::new(),
        report,
        attempt,
    })
}

/// Makes `id` the branch's version, with the index matching `tree` (the
/// folder was written just before).
fn move_branch(repo: &Repo, id: Oid, tree: &git2::Tree) -> Result<(), GitError> {
    let g = repo.git();
    let name = format!("refs/heads/{}", repo.branch());
    g.reference(&name, id, true, "stationcal sync")?;
    if g.head().is_err() {
        g.set_head(&name)?;
    }
    let mut index = g.index()?;
    index.read_tree(tree)?;
    index.write()?;
    Ok(())
}

/// A schedule file that does not read is never sent: the other
/// computers would get a file their app cannot open. Only the files that
/// differ from the shared copy are read.
fn check_sendable(repo: &Repo) -> Result<(), GitError> {
    let g = repo.git();
    let Some(local) = repo.head_commit() else {
        return Ok(());
    };
    let local = local.tree()?;
    let name = format!("refs/remotes/{REMOTE}/{}", repo.branch());
    let theirs = match g.find_reference(&name).ok().and_then(|r| r.target()) {
        Some(id) => Some(g.find_commit(id)?.tree()?),
        None => None,
    };
    let diff = g.diff_tree_to_tree(theirs.as_ref(), Some(&local), None)?;
    for d in diff.deltas() {
        let f = d.new_file();
        let Some(path) = f.path().and_then(|p| p.to_str()) else {
            continue;
        };
        let Some(part) = crate::store::parts::part_of_path(path) else {
            continue;
        };
        if f.id().is_zero() {
            continue;
        }
        let bytes = blob_of(g, path, f.id(), i32::from(f.mode()))?;
        if let Err(problem) = crate::store::parts::read_part_text(part, &bytes) {
            return Err(GitError::NotSent {
                path: path.to_owned(),
                problem,
            });
        }
    }
    Ok(())
}

fn push_or_retry(
    repo: &Repo,
    opts: SyncOptions,
    mut report: SyncReport,
    attempt: usize,
) -> Result<SyncOutcome, GitError> {
    check_sendable(repo)?;
    match push(repo) {
        Ok(()) => {
            report.sent = true;
            Ok(SyncOutcome::Done(report))
        }
        // Someone sent in between: take theirs in and try again.
        Err(GitError::Rejected { .. }) if attempt + 1 < ATTEMPTS => {
            sync_from(repo, opts, report, attempt + 1)
        }
        Err(e) => Err(e),
    }
}

/// Credentials the machine already has: the SSH agent and keys, the git
/// credential helper, a user and password in the address, or the system's
/// (Windows) login. Each kind is tried a bounded number of times.
fn callbacks<'a>() -> RemoteCallbacks<'a> {
    let mut cb = RemoteCallbacks::new();
    let mut tries = 0usize;
    cb.credentials(move |url, user, allowed| {
        tries += 1;
        if tries > 6 {
            return Err(git2::Error::from_str("no credentials were accepted"));
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            let user = user.unwrap_or("git");
            if tries == 1 {
                return Cred::ssh_key_from_agent(user);
            }
            let ssh = directories::BaseDirs::new().map(|b| b.home_dir().join(".ssh"));
            let keys: Vec<_> = ["id_ed25519", "id_ecdsa", "id_rsa"]
                .iter()
                .filter_map(|k| ssh.as_ref().map(|d| d.join(k)))
                .filter(|p| p.is_file())
                .collect();
            if let Some(key) = keys.get(tries - 2) {
                return Cred::ssh_key(user, None, key, None);
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            if let Ok(u) = url::Url::parse(url)
                && let Some(pass) = u.password()
                && tries <= 2
            {
                return Cred::userpass_plaintext(u.username(), pass);
            }
            if let Ok(cfg) = git2::Config::open_default()
                && let Ok(c) = Cred::credential_helper(&cfg, url, user)
            {
                return Ok(c);
            }
        }
        if allowed.contains(CredentialType::DEFAULT) {
            return Cred::default();
        }
        Err(git2::Error::from_str(
            "no credentials for this address on this computer",
        ))
    });
    cb
}

/// Fetches every branch; the shared copy's version of ours, if it has one.
fn fetch(repo: &Repo, url: &str) -> Result<Option<Oid>, GitError> {
    let g: &Repository = repo.git();
    let mut remote = g.find_remote(REMOTE).map_err(|_| GitError::NoRemote)?;
    let mut fo = FetchOptions::new();
    fo.remote_callbacks(callbacks());
    remote
        .fetch(
            &["+refs/heads/*:refs/remotes/origin/*"],
            Some(&mut fo),
            None,
        )
        .map_err(|e| GitError::Offline {
            url: url.to_owned(),
            detail: e.message().to_owned(),
        })?;
    let name = format!("refs/remotes/{REMOTE}/{}", repo.branch());
    if let Ok(r) = g.find_reference(&name) {
        return Ok(r.target());
    }
    if repo.head_commit().is_some() {
        return Ok(None);
    }
    // Nothing here yet (a new clone): follow the branch the shared copy
    // has, `main`, `master` or its only one.
    let mut names: Vec<String> = g
        .references_glob(&format!("refs/remotes/{REMOTE}/*"))?
        .flatten()
        .filter_map(|r| r.name().map(str::to_owned))
        .filter(|n| !n.ends_with("/HEAD"))
        .collect();
    names.sort_by_key(|n| !(n.ends_with("/main") || n.ends_with("/master")));
    let Some(found) = names.first() else {
        return Ok(None);
    };
    let branch = found.rsplit('/').next().unwrap_or("main");
    g.set_head(&format!("refs/heads/{branch}"))?;
    Ok(g.find_reference(found).ok().and_then(|r| r.target()))
}

fn push(repo: &Repo) -> Result<(), GitError> {
    let g = repo.git();
    let url = repo.remote_url().unwrap_or_default();
    let mut remote = g.find_remote(REMOTE).map_err(|_| GitError::NoRemote)?;
    let refused: RefCell<Option<String>> = RefCell::new(None);
    let mut cb = callbacks();
    cb.push_update_reference(|_, status| {
        if let Some(s) = status {
            *refused.borrow_mut() = Some(s.to_owned());
        }
        Ok(())
    });
    let mut po = PushOptions::new();
    po.remote_callbacks(cb);
    let b = repo.branch();
    let result = remote.push(&[format!("refs/heads/{b}:refs/heads/{b}")], Some(&mut po));
    drop(po);
    if let Some(why) = refused.into_inner() {
        return Err(GitError::Rejected { detail: why });
    }
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.code() == git2::ErrorCode::NotFastForward => Err(GitError::Rejected {
            detail: e.message().to_owned(),
        }),
        Err(e) => Err(GitError::Offline {
            url,
            detail: e.message().to_owned(),
        }),
    }
}
