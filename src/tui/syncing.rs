//! Several computers, as seen from the app: the staffer's name for the
//! history, starting history in a folder, and the sync key (save, then
//! exchange edits with the shared copy; the same entry changed on both
//! sides goes through the merge dialog). The work is `store::git`'s.

use super::action::Action;
use super::app::App;
use super::dialogs::ask_name::{AskName, Then};
use crate::model::validate::Part;
use crate::store::git::GitError;
use crate::store::git::sync::{self, SyncOptions, SyncOutcome, SyncReport};
use crate::store::parts::part_of_path;
use crate::store::storage::DiskChange;
use crate::tr;

/// A sync the last key asked for, run by the event loop after the frame
/// that says it is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRequest {
    Start,
    /// The merge dialog's choices are in `App::sync_pending`.
    Finish,
}

impl App {
    /// Takes the staffer's name for the history and keeps it in config.ron.
    pub(crate) fn set_author(&mut self, name: &str) {
        self.author = Some(name.to_owned());
        if let Some(path) = &self.config_path
            && let Err(why) = crate::config::save_name(path, name)
        {
            // The name still works for this run.
            self.status = Some(tr!(
                self.lang,
                "名字没能写进 {}（{why}）：请手工加上 name: \"{name}\",",
                "could not write the name into {} ({why}): add name: \"{name}\", by hand",
                path.display()
            ));
        }
    }

    /// Whether the folder keeps history and the name for it is still
    /// unknown: then it is asked, and `then` follows.
    pub(crate) fn ask_name_first(&mut self, then: Then) -> bool {
        if self.author.is_some() {
            return false;
        }
        AskName::open(self, then);
        true
    }

    /// Starts keeping history in the folder (the history view's key).
    pub fn start_history(&mut self) {
        if self.read_only_refusal() {
            return;
        }
        if self.ask_name_first(Then::StartHistory) {
            return;
        }
        let (lang, author) = (self.lang, self.author.clone().unwrap_or_default());
        let Some(storage) = self.storage.as_mut() else {
            self.status = Some(tr!(lang, "没有关联的日程文件夹", "no schedule folder"));
            return;
        };
        self.status = Some(match storage.start_history(&author, lang) {
            Ok(true) => tr!(
                lang,
                "已开始记录历史：以后每次保存都是一个版本（git）",
                "history started: every save is now a version (git)"
            ),
            Ok(false) => tr!(
                lang,
                "这个文件夹已经在记录历史",
                "this folder already keeps history"
            ),
            Err(e) => e.message(lang),
        });
    }

    /// The sync key: saves, then exchanges edits with the shared copy.
    pub fn sync(&mut self) {
        let lang = self.lang;
        if self.read_only_refusal() {
            return;
        }
        if self.storage.as_ref().and_then(|s| s.repo()).is_none() {
            self.status = Some(tr!(
                lang,
                "这个文件夹没有历史记录，不能同步：先运行 stationcal init --git 或 stationcal clone 地址",
                "this folder keeps no history and cannot sync: run stationcal init --git or stationcal clone ADDRESS first"
            ));
            return;
        }
        if self.ask_name_first(Then::Sync) {
            return;
        }
        if self.is_dirty() {
            self.save();
            if self.is_dirty() {
                // The save said why it stopped (or opened the merge dialog).
                return;
            }
        }
        // The network may take a while: the loop draws this first, then
        // runs the sync (`run_sync_request`).
        self.status = Some(tr!(
            lang,
            "正在同步：连接共享副本…",
            "syncing: reaching the shared copy…"
        ));
        self.sync_request = Some(SyncRequest::Start);
    }

    /// Runs the sync asked for by the last key, once its "syncing" status
    /// has been drawn (the event loop calls it; so do tests after a key).
    pub fn run_sync_request(&mut self) {
        let Some(request) = self.sync_request.take() else {
            return;
        };
        let author = self.author.clone().unwrap_or_default();
        let opts = SyncOptions {
            author: &author,
            lang: self.lang,
        };
        let pending = self.sync_pending.take();
        let Some(repo) = self.storage.as_ref().and_then(|s| s.repo()) else {
            return;
        };
        let result = match (request, pending) {
            (SyncRequest::Start, _) => sync::sync(repo, opts),
            (SyncRequest::Finish, Some(p)) => p.finish(repo, opts),
            (SyncRequest::Finish, None) => return,
        };
        self.after_sync(result);
    }

    /// The merge dialog's choices for the sync waiting on them.
    pub(crate) fn resolve_sync(&mut self, take_mine: &[bool]) {
        let Some(mut pending) = self.sync_pending.take() else {
            return;
        };
        pending.decide(take_mine.to_vec());
        if pending.next_conflict().is_some() {
            self.sync_pending = Some(pending);
            self.open_sync_merge();
            return;
        }
        self.sync_pending = Some(pending);
        self.status = Some(tr!(
            self.lang,
            "正在同步：写入合并结果并发送…",
            "syncing: writing the merge and sending it…"
        ));
        self.sync_request = Some(SyncRequest::Finish);
    }

    /// The merge dialog closed without choosing: nothing was written.
    pub(crate) fn cancel_sync(&mut self) {
        self.sync_pending = None;
        self.sync_request = None;
        self.status = Some(tr!(
            self.lang,
            "未同步：什么也没有改，下次同步时再选",
            "not synced: nothing changed; choose at the next sync"
        ));
    }

    fn open_sync_merge(&mut self) {
        let Some((path, part, conflicts)) = self
            .sync_pending
            .as_ref()
            .and_then(|p| p.next_conflict())
            .map(|(path, part, c)| (path.to_owned(), part, c.to_vec()))
        else {
            return;
        };
        self.status = Some(tr!(
            self.lang,
            "{path} 在本机和共享副本上都改了同一条：请逐条选择保留哪一边",
            "{path} changed the same entries here and in the shared copy: choose a side for each"
        ));
        self.open(super::dialogs::merge::Merge {
            part,
            conflicts,
            take_mine: Vec::new(),
            sync_path: Some(path),
        });
    }

    fn after_sync(&mut self, result: Result<SyncOutcome, GitError>) {
        let lang = self.lang;
        match result {
            Err(e) => self.status = Some(e.message(lang)),
            Ok(SyncOutcome::Conflicts(pending)) => {
                self.sync_pending = Some(pending);
                self.open_sync_merge();
            }
            Ok(SyncOutcome::Done(report)) => {
                self.take_in_received(&report);
                self.status = Some(sync_words(&report, lang));
            }
        }
    }

    /// Reads again what the sync wrote: the active folder's files through
    /// its storage, other sites of a network from their folders.
    fn take_in_received(&mut self, report: &SyncReport) {
        let Some(prefix) = self
            .storage
            .as_ref()
            .and_then(|s| s.repo())
            .map(|r| r.path_of(""))
        else {
            return;
        };
        let mine: Vec<Part> = report
            .received
            .iter()
            .filter(|p| {
                p.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| !rest.contains('/'))
            })
            .filter_map(|p| part_of_path(p))
            .collect();
        for part in mine {
            let Some(storage) = self.storage.as_mut() else {
                break;
            };
            if let DiskChange::Reloaded {
                part,
                schedule,
                diagnostics,
            } = storage.reload(&self.schedule, part)
            {
                self.schedule.replace_part(&schedule, part);
                self.saved.replace_part(&schedule, part);
                self.replace_file_diagnostics(diagnostics);
            }
        }
        if let Some(n) = &mut self.network {
            for (i, site) in n.sites.iter_mut().enumerate() {
                let touched = report
                    .received
                    .iter()
                    .any(|p| p.starts_with(&format!("{}/", site.folder)));
                if touched && i != n.active {
                    site.schedule = crate::store::load_dir(&n.root.join(&site.folder)).schedule;
                }
            }
        }
        self.refresh_all();
    }

    /// The status line's words for the history side of a save.
    pub(crate) fn history_words(&self, note: &crate::store::storage::HistoryNote) -> String {
        use crate::store::storage::HistoryNote;
        let lang = self.lang;
        match note {
            HistoryNote::NoHistory => String::new(),
            HistoryNote::Recorded { outside } if outside.is_empty() => {
                tr!(lang, "，已记入历史", ", recorded in history")
            }
            HistoryNote::Recorded { outside } => tr!(
                lang,
                "，已记入历史（外部编辑器的修改 {} 先单独记了一个版本）",
                ", recorded in history (outside edits to {} kept as their own version first)",
                outside.join("、")
            ),
            HistoryNote::Failed(e) => tr!(
                lang,
                "，但没有记入历史：{}",
                ", but not recorded in history: {}",
                e.message(lang)
            ),
        }
    }

    /// The sync key's name, for hints.
    pub fn sync_key(&self) -> String {
        self.keymap.label(Action::Sync)
    }
}

/// A sync's result in words.
fn sync_words(r: &SyncReport, lang: crate::i18n::Lang) -> String {
    let mut parts = Vec::new();
    if !r.outside.is_empty() {
        parts.push(tr!(
            lang,
            "外部编辑器的修改已记入历史（{}）",
            "outside edits recorded ({})",
            r.outside.join("、")
        ));
    }
    if r.received.is_empty() {
        parts.push(tr!(lang, "没有收到新的修改", "nothing new came in"));
    } else {
        parts.push(tr!(
            lang,
            "收到 {} 的修改",
            "received changes to {}",
            r.received.join("、")
        ));
    }
    if !r.merged.is_empty() {
        parts.push(tr!(
            lang,
            "{} 两边的修改已逐条合并",
            "both sides' edits to {} merged entry by entry",
            r.merged.join("、")
        ));
    }
    parts.push(if r.sent {
        tr!(lang, "本机的修改已发送", "this computer's edits were sent")
    } else {
        tr!(lang, "没有要发送的修改", "nothing to send")
    });
    tr!(
        lang,
        "已同步：{}",
        "synced: {}",
        parts.join(tr!(lang, "；", "; ").as_str())
    )
}
