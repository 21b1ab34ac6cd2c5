//! What can go wrong with history and sync, typed, and in words for the
//! TUI and the command line; and the words of the commits the app makes.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::tr;

/// Which version of a file, in a sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The last version both had.
    Base,
    /// This computer's.
    Mine,
    /// The shared copy's.
    Theirs,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GitError {
    /// libgit2 refused (its own words).
    Engine(String),
    /// The shared copy cannot be reached (offline, wrong address, no
    /// permission): nothing was changed here.
    Offline { url: String, detail: String },
    /// The shared copy refused the push (someone pushed in between, and
    /// trying again did not help).
    Rejected { detail: String },
    /// No shared copy is set.
    NoRemote,
    /// No name for the history (config.ron `name:`).
    NoName,
    /// The folder is not kept in history.
    NotARepository(PathBuf),
    /// `.git` is a link or a file pointing elsewhere: not used.
    OddGitFolder(PathBuf),
    /// A file was refused (a link, a device, too large...).
    Refused(String, String),
    /// A schedule file in the folder was not read (a link out of it, a
    /// FIFO, too large...): the problem as `check` words it.
    Unread(Box<crate::store::Diagnostic>),
    /// A file could not be written into the folder (nothing was written
    /// over: see the save error).
    NotWritten(Box<crate::store::save::SaveError>),
    /// A version holds something other than a plain file at this path
    /// (a link, a sub-repository, a folder where a file should be).
    NotAFile(String),
    /// A path in a version that is not a plain place in the folder.
    BadPath(String),
    /// A version of the file is larger than any schedule file may be.
    TooLarge(String, u64),
    /// A file changed on both sides does not read on one of them: never
    /// merged blindly.
    Unreadable {
        path: String,
        side: Side,
        problem: Box<crate::store::Diagnostic>,
    },
    /// A schedule file here does not read: nothing was sent (it is kept
    /// in history here).
    NotSent {
        path: String,
        problem: Box<crate::store::Diagnostic>,
    },
    /// A file that cannot be merged entry by entry changed on both sides
    /// (or was deleted on one and changed on the other).
    BothChanged(String),
}

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> Self {
        GitError::Engine(e.message().to_owned())
    }
}

impl GitError {
    pub fn message(&self, lang: Lang) -> String {
        let text = match self {
            GitError::Engine(why) => tr!(lang, "历史记录出错：{why}", "history: {why}"),
            GitError::Offline { url, detail } => {
                let url = shown_url(url);
                tr!(
                    lang,
                    "连不上共享副本 {url}（{detail}）：本机的修改都已记入历史，下次同步时再发送",
                    "cannot reach the shared copy {url} ({detail}): everything here is kept in history and is sent at the next sync"
                )
            }
            GitError::Rejected { detail } => tr!(
                lang,
                "共享副本拒绝了本次发送（{detail}）：本机的修改都已记入历史，请稍后再同步",
                "the shared copy refused the changes ({detail}): everything here is kept in history; sync again later"
            ),
            GitError::NoRemote => tr!(
                lang,
                "还没有设置共享副本：请运行 stationcal sync --remote 地址（共享文件夹里的 .git 文件夹，或 https:// / ssh:// 地址）",
                "no shared copy is set: run stationcal sync --remote ADDRESS (a .git folder on a shared drive, or an https:// or ssh:// address)"
            ),
            GitError::NoName => tr!(
                lang,
                "历史记录需要您的名字：请在 config.ron 里写上 name: \"王老师\",",
                "history needs your name: add name: \"Wang\", to config.ron"
            ),
            GitError::NotARepository(dir) => tr!(
                lang,
                "{} 还没有历史记录：运行 stationcal init --git 开始记录",
                "{} keeps no history yet: run stationcal init --git to start",
                dir.display()
            ),
            GitError::OddGitFolder(p) => tr!(
                lang,
                "{} 不是普通文件夹（是链接或指向别处的文件），不会使用它",
                "{} is not a plain folder (a link or a file pointing elsewhere): not used",
                p.display()
            ),
            GitError::Refused(path, why) => tr!(
                lang,
                "{path} 没有读取（{why}）：只读取文件夹里的普通文件",
                "{path} was not read ({why}): only plain files inside the folder are read"
            ),
            GitError::Unread(d) => tr!(
                lang,
                "{}：{}（没有记入历史，也没有同步）",
                "{}: {} (not recorded in history, not synced)",
                d.file,
                d.message(lang)
            ),
            GitError::NotWritten(e) => e.message(lang),
            GitError::NotAFile(path) => tr!(
                lang,
                "共享副本里的 {path} 不是普通文件（链接或子仓库），没有写入；请在那台电脑上改正",
                "{path} in the shared copy is not a plain file (a link or a sub-repository): not written; fix it where it was made"
            ),
            GitError::BadPath(path) => tr!(
                lang,
                "共享副本里有不在日程文件夹中的路径 {path}，没有写入任何文件",
                "the shared copy holds a path outside the schedule folder, {path}: nothing was written"
            ),
            GitError::TooLarge(path, n) => tr!(
                lang,
                "{path} 的一个版本有 {n} 字节，太大，不是日程文件：没有读取",
                "a version of {path} is {n} bytes, too large for a schedule file: not read"
            ),
            GitError::Unreadable {
                path,
                side,
                problem: d,
            } => {
                let side = side.words(lang);
                let (line, col, problem) = (d.line, d.col, d.message(lang));
                tr!(
                    lang,
                    "{path} 两边都改了，但{side}的版本读不懂（第 {line} 行第 {col} 列：{problem}），没有合并，什么也没改：请先在那边改正这个文件，再同步",
                    "{path} changed on both sides but {side} version does not read (line {line}, column {col}: {problem}): nothing merged, nothing changed; fix the file there, then sync"
                )
            }
            GitError::NotSent { path, problem: d } => {
                let (line, col, problem) = (d.line, d.col, d.message(lang));
                tr!(
                    lang,
                    "本机的 {path} 读不懂（第 {line} 行第 {col} 列：{problem}），没有发送，以免别的电脑打不开：请改正后再同步（已记入本机历史）",
                    "{path} here does not read (line {line}, column {col}: {problem}): not sent, so other computers can open theirs; fix it, then sync (it is kept in history here)"
                )
            }
            GitError::BothChanged(path) => tr!(
                lang,
                "{path} 两边都改了，无法逐条合并（或一边删除了它）：没有合并，什么也没改；请在一台电脑上把它改成一样再同步",
                "{path} changed on both sides and cannot be merged entry by entry (or one side deleted it): nothing merged, nothing changed; make it the same on one computer, then sync"
            ),
        };
        crate::sanitize::line(&text).into_owned()
    }
}

impl Side {
    pub fn words(self, lang: Lang) -> String {
        match self {
            Side::Base => tr!(lang, "共同的旧", "the common earlier"),
            Side::Mine => tr!(lang, "本机", "this computer's"),
            Side::Theirs => tr!(lang, "共享副本", "the shared copy's"),
        }
    }
}

/// The message of the commit that keeps outside edits of `files`.
pub fn outside_edit_message(lang: Lang, files: &[String]) -> String {
    let names = files.join("、");
    tr!(
        lang,
        "在外部编辑器中修改 {names}",
        "edited outside stationcal: {names}"
    )
}

/// The message of a save's commit: the edits in the words of the undo
/// history, or the files when no words were given.
pub fn save_message(lang: Lang, labels: &[String], files: &[String]) -> String {
    if labels.is_empty() {
        let names = files.join("、");
        return tr!(lang, "修改 {names}", "edit {names}");
    }
    let mut first: Vec<&str> = labels.iter().map(String::as_str).take(5).collect();
    first.dedup();
    let mut text = first.join("；");
    if labels.len() > 5 {
        let n = labels.len();
        text.push_str(&tr!(lang, " 等 {n} 项修改", " and more ({n} edits)"));
    }
    if labels.len() > 1 {
        text.push('\n');
        for l in labels {
            text.push_str(&format!("\n- {l}"));
        }
    }
    text
}

/// An address as messages and commits show it: never its password.
pub fn shown_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The message of a sync's merge commit.
pub fn merge_message(lang: Lang, url: &str, files: &[String]) -> String {
    let names = files.join("、");
    let url = shown_url(url);
    tr!(
        lang,
        "同步：合并共享副本 {url} 的修改（{names}）",
        "sync: merge the shared copy {url} ({names})"
    )
}

/// The message of the first commit.
pub fn init_message(lang: Lang) -> String {
    tr!(lang, "开始记录历史", "start keeping history")
}
