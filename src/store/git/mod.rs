//! The schedule folder's history and sync, through git (the `git2` crate
//! with libgit2 built in: nothing to install on a station PC).
//!
//! A folder is in history when it is a git repository itself, or is a
//! site of a network folder that is one (one repository for the whole
//! network, each site editing its own folder). A folder that is neither
//! works exactly as before: nothing here is called.
//!
//! Every read is bounded and never follows a link: files are added to a
//! commit from bytes read by [`super::fsio`], and versions are written
//! back to the folder by [`worktree`] only as regular files inside it.

pub mod filemerge;
pub mod history;
pub mod sync;
pub mod worktree;

pub mod words;

use std::path::{Path, PathBuf};

use git2::{IndexEntry, IndexTime, Oid, Repository, RepositoryOpenFlags, Signature};

use super::fsio;
use super::load::MAX_FILE_BYTES;
use super::lock::LOCK_FILE;
use super::write::BACKUP_DIR;
use crate::model::network::NETWORK_FILE;

pub use words::GitError;

/// The name of the shared remote.
pub const REMOTE: &str = "origin";

/// What `git` on the command line runs to merge a `.ron` file (registered
/// in the repository's own config, see [`Repo::ensure_setup`]).
pub const MERGE_DRIVER: &str = "stationcal";

/// The e-mail address every commit carries (git needs one).
pub const AUTHOR_ADDRESS: &str = "stationcal@localhost";

/// Lines the app keeps out of history: its backups, lock and journal.
const IGNORED: &str = "# stationcal: not part of the schedule's history\n.stationcal-backup/\n.stationcal.lock\n.stationcal-journal*\n*.tmp\n";
const ATTRIBUTES: &str = "# stationcal merges schedule files entry by entry (stationcal merge-driver)\n*.ron merge=stationcal\n";

/// A schedule folder's repository.
pub struct Repo {
    git: Repository,
    /// The repository's working folder.
    root: PathBuf,
    /// The schedule folder inside it ("" or a network site's folder), with
    /// `/` separators as git writes paths.
    prefix: String,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("root", &self.root)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Whether `dir/.git` is a real folder (not a link, not a `gitdir:` file
/// sending git elsewhere).
fn has_own_git_folder(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(".git")).is_ok_and(|m| m.is_dir())
}

fn open_exactly(dir: &Path) -> Option<Repository> {
    if !has_own_git_folder(dir) {
        return None;
    }
    let repo = Repository::open_ext(
        dir,
        RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&str>(),
    )
    .ok()?;
    (!repo.is_bare()).then_some(repo)
}

impl Repo {
    /// The repository `dir` is kept in, if any: `dir` itself, or the
    /// network folder it is a site of. A repository further up (a home
    /// folder kept in git, say) is never used.
    pub fn find(dir: &Path) -> Option<Repo> {
        if let Some(repo) = open_exactly(dir) {
            return Some(Repo::wrap(repo, dir, String::new()));
        }
        let parent = dir.parent()?;
        let site = dir.file_name()?.to_str()?.to_owned();
        if !parent.join(NETWORK_FILE).is_file() {
            return None;
        }
        let repo = open_exactly(parent)?;
        Some(Repo::wrap(repo, parent, site))
    }

    fn wrap(git: Repository, root: &Path, prefix: String) -> Repo {
        Repo {
            git,
            root: root.to_path_buf(),
            prefix,
        }
    }

    /// Starts history in `dir` (a schedule or network folder): a repository
    /// with the files that keep the app's own files out and register the
    /// merge driver, and a first commit of the schedule as it is. A folder
    /// that already is one is only set up.
    pub fn init(dir: &Path, author: &str, message: &str) -> Result<(Repo, bool), GitError> {
        if let Some(repo) = Repo::find(dir) {
            repo.ensure_setup()?;
            // Started before but nothing committed (stopped half way).
            let started = repo.head_commit().is_none();
            if started {
                repo.commit_files(&repo.first_files(), author, message)?;
            }
            return Ok((repo, started));
        }
        if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
            return Err(GitError::OddGitFolder(dir.join(".git")));
        }
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main").no_reinit(true);
        let repo = Repository::init_opts(dir, &opts)?;
        let repo = Repo::wrap(repo, dir, String::new());
        write_if_missing(&dir.join(".gitignore"), IGNORED)?;
        write_if_missing(&dir.join(".gitattributes"), ATTRIBUTES)?;
        repo.ensure_setup()?;
        repo.commit_files(&repo.first_files(), author, message)?;
        Ok((repo, true))
    }

    fn first_files(&self) -> Vec<String> {
        let mut files = self.schedule_files();
        files.push(".gitignore".to_owned());
        files.push(".gitattributes".to_owned());
        files
    }

    /// Registers the merge driver in the repository's own config (a clone
    /// does not bring it), pointing at this program.
    pub fn ensure_setup(&self) -> Result<(), GitError> {
        let mut config = self.git.config()?;
        let exe = std::env::current_exe()
            .ok()
            .and_then(|p| p.to_str().map(|s| s.replace('\\', "/")))
            .unwrap_or_else(|| "stationcal".to_owned());
        let driver = format!("{} merge-driver %O %A %B %P", shell_words::quote(&exe));
        let key = format!("merge.{MERGE_DRIVER}.driver");
        if config.get_string(&key).ok().as_deref() != Some(driver.as_str()) {
            config.set_str(
                &format!("merge.{MERGE_DRIVER}.name"),
                "stationcal: per entry",
            )?;
            config.set_str(&key, &driver)?;
        }
        Ok(())
    }

    /// The schedule folder's path in the repository ("" or a site's folder).
    pub fn folder(&self) -> &str {
        &self.prefix
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn git(&self) -> &Repository {
        &self.git
    }

    /// The path git uses for `name` in the schedule folder.
    pub fn path_of(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.prefix)
        }
    }

    /// The `.ron` files of the schedule (every site's, in a network) that
    /// are on disk or in the last commit: what an outside edit can touch.
    pub fn schedule_files(&self) -> Vec<String> {
        let mut files = std::collections::BTreeSet::new();
        let mut folders = vec![String::new()];
        if self.root.join(NETWORK_FILE).is_file()
            && let Ok(list) = std::fs::read_dir(&self.root)
        {
            for e in list.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if e.file_type().is_ok_and(|t| t.is_dir()) && !name.starts_with('.') {
                    folders.push(name);
                }
            }
        }
        for folder in &folders {
            let Ok(list) = std::fs::read_dir(self.root.join(folder)) else {
                continue;
            };
            for e in list.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_ron(&name) && e.file_type().is_ok_and(|t| t.is_file()) {
                    files.insert(join(folder, &name));
                }
            }
        }
        if let Some(tree) = self.head_tree() {
            let _ = tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
                let name = entry.name().unwrap_or_default();
                if is_ron(name) && dir.matches('/').count() <= 1 {
                    files.insert(format!("{dir}{name}"));
                }
                git2::TreeWalkResult::Ok
            });
        }
        files.into_iter().collect()
    }

    /// The last version's id, when there is one.
    pub fn head_commit_id(&self) -> Option<Oid> {
        self.head_commit().map(|c| c.id())
    }

    pub(crate) fn head_commit(&self) -> Option<git2::Commit<'_>> {
        self.git.head().ok()?.peel_to_commit().ok()
    }

    fn head_tree(&self) -> Option<git2::Tree<'_>> {
        self.head_commit()?.tree().ok()
    }

    /// The bytes of `path` in the last commit (`None`: not there).
    pub fn committed(&self, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        match self.head_tree() {
            Some(tree) => blob_in(&self.git, &tree, path),
            None => Ok(None),
        }
    }

    /// The bytes of `path` in the folder now (`None`: not there). Bounded,
    /// regular files only; anything else is refused.
    pub fn on_disk(&self, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (self.root.join(d), n),
            None => (self.root.clone(), path),
        };
        fsio::read_in_folder(&dir, name, MAX_FILE_BYTES).map_err(|r| {
            GitError::Unread(Box::new(super::Diagnostic::whole_file(
                path,
                super::load::cause_of(r),
            )))
        })
    }

    /// Of `files`, those whose bytes on disk differ from the last commit.
    pub fn changed_on_disk(&self, files: &[String]) -> Vec<String> {
        files
            .iter()
            .filter(|f| {
                let disk = self.on_disk(f).ok().flatten();
                let head = self.committed(f).ok().flatten();
                disk != head
            })
            .cloned()
            .collect()
    }

    /// Commits `files` as they are on disk (a file gone is removed). No
    /// commit when nothing differs from the last one: `Ok(None)`.
    pub fn commit_files(
        &self,
        files: &[String],
        author: &str,
        message: &str,
    ) -> Result<Option<Oid>, GitError> {
        let mut index = self.git.index()?;
        for f in files {
            match self.on_disk(f)? {
                Some(bytes) => index.add_frombuffer(&entry(f, bytes.len()), &bytes)?,
                None => {
                    let _ = index.remove_path(Path::new(f));
                }
            }
        }
        self.commit_index(&mut index, author, message, &[])
    }

    /// Writes `index` as a commit on the current branch with extra parents
    /// (a merge). `Ok(None)` when the tree is the last commit's and no
    /// extra parent is given.
    pub(crate) fn commit_index(
        &self,
        index: &mut git2::Index,
        author: &str,
        message: &str,
        extra_parents: &[Oid],
    ) -> Result<Option<Oid>, GitError> {
        let tree_id = index.write_tree()?;
        let head = self.head_commit();
        if extra_parents.is_empty() && head.as_ref().is_some_and(|h| h.tree_id() == tree_id) {
            index.write()?;
            return Ok(None);
        }
        let tree = self.git.find_tree(tree_id)?;
        let sig = signature(author)?;
        let mut parents: Vec<git2::Commit> = head.into_iter().collect();
        for p in extra_parents {
            parents.push(self.git.find_commit(*p)?);
        }
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let id = self
            .git
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &refs)?;
        index.write()?;
        Ok(Some(id))
    }

    /// Commits outside edits to `files` (changed on disk since the last
    /// commit) on their own, before the app writes over them: so each
    /// outside edit stays a version to return to. Returns the files.
    pub fn commit_outside_edits(
        &self,
        files: &[String],
        author: &str,
        message: impl Fn(&[String]) -> String,
    ) -> Result<Vec<String>, GitError> {
        let changed = self.changed_on_disk(files);
        if !changed.is_empty() {
            self.commit_files(&changed, author, &message(&changed))?;
        }
        Ok(changed)
    }

    /// The current branch's name (`main` when nothing is committed yet).
    pub fn branch(&self) -> String {
        self.git
            .find_reference("HEAD")
            .ok()
            .and_then(|h| h.symbolic_target().map(str::to_owned))
            .and_then(|t| t.strip_prefix("refs/heads/").map(str::to_owned))
            .unwrap_or_else(|| "main".to_owned())
    }

    /// Sets (or changes) where the shared copy is.
    pub fn set_remote(&self, url: &str) -> Result<(), GitError> {
        if self.git.find_remote(REMOTE).is_ok() {
            self.git.remote_set_url(REMOTE, url)?;
        } else {
            self.git.remote(REMOTE, url)?;
        }
        Ok(())
    }

    /// The shared copy's address, when one is set.
    pub fn remote_url(&self) -> Option<String> {
        self.git
            .find_remote(REMOTE)
            .ok()
            .and_then(|r| r.url().map(str::to_owned))
    }
}

/// A schedule file's name (`.ron`, as the app writes and reads them).
fn is_ron(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

/// An index entry for a regular file added from bytes.
fn entry(path: &str, len: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100_644,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(len).unwrap_or(u32::MAX),
        id: Oid::zero(),
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// The blob at `path` in `tree`, refused when it is not a regular file or
/// larger than any schedule file may be (checked before it is read).
pub(crate) fn blob_in(
    repo: &Repository,
    tree: &git2::Tree,
    path: &str,
) -> Result<Option<Vec<u8>>, GitError> {
    let Ok(e) = tree.get_path(Path::new(path)) else {
        return Ok(None);
    };
    blob_of(repo, path, e.id(), e.filemode()).map(Some)
}

pub(crate) fn blob_of(
    repo: &Repository,
    path: &str,
    id: Oid,
    mode: i32,
) -> Result<Vec<u8>, GitError> {
    if mode != 0o100_644 && mode != 0o100_755 {
        return Err(GitError::NotAFile(path.to_owned()));
    }
    let odb = repo.odb()?;
    let (size, kind) = odb.read_header(id)?;
    if kind != git2::ObjectType::Blob {
        return Err(GitError::NotAFile(path.to_owned()));
    }
    if size as u64 > MAX_FILE_BYTES {
        return Err(GitError::TooLarge(path.to_owned(), size as u64));
    }
    Ok(repo.find_blob(id)?.content().to_vec())
}

/// The author of commits: the staffer's name from config.ron, without
/// what a signature cannot hold (angle brackets, line breaks).
pub fn signature(author: &str) -> Result<Signature<'static>, GitError> {
    let name: String = author
        .chars()
        .filter(|c| !c.is_control() && *c != '<' && *c != '>')
        .collect();
    let name = name.trim();
    if name.is_empty() {
        return Err(GitError::NoName);
    }
    // git needs an address; staff have none to give, and the name is what
    // the history shows.
    Ok(Signature::now(name, AUTHOR_ADDRESS)?)
}

fn write_if_missing(path: &Path, text: &str) -> Result<(), GitError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok(());
    }
    super::write::write_file(path, &super::newline::native(text), None)
        .map_err(|e| GitError::NotWritten(Box::new(e)))
}

/// The files and folders of the app itself, never committed or synced.
pub fn is_own_file(name: &str) -> bool {
    name == BACKUP_DIR || name == LOCK_FILE || name.starts_with(".stationcal-journal")
}
