//! Saving, outside changes and the external editor, as seen from the app:
//! the storage does the file work, the app shows what happened.

use super::action::Action;
use super::app::{App, EditorRequest, View};
use crate::i18n::Lang;
use crate::model::validate::{Part, Pointer, Step};
use crate::store::spans;
use crate::store::storage::{DiskChange, SaveFailure, SaveOutcome};
use crate::tr;

fn names(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.file_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a save stopped, in words: what happened, that the edits are kept,
/// and what to do.
fn failure_message(failure: &SaveFailure, lang: Lang, problems_key: &str) -> String {
    match failure {
        SaveFailure::ReadOnly(held) => tr!(
            lang,
            "只读，未保存：{}",
            "read-only, not saved: {}",
            held.message(lang)
        ),
        SaveFailure::Write(e) => e.message(lang),
        SaveFailure::Broken { part, problem } => {
            let at = problem.as_ref().map_or_else(String::new, |d| {
                let place = if d.line == 0 {
                    String::new()
                } else {
                    tr!(
                        lang,
                        "第 {} 行第 {} 列：",
                        "line {}, column {}: ",
                        d.line,
                        d.col
                    )
                };
                format!("{place}{}", d.message(lang))
            });
            tr!(
                lang,
                "{} 现在读不懂（{at}），没有保存；你的修改还在。请先改正这个文件（按 {problems_key} 查看问题），再保存",
                "{} does not read now ({at}): nothing saved, your edits are kept. Fix the file ({problems_key} lists the problems), then save",
                part.file_name()
            )
        }
        SaveFailure::NeverRead { part } => tr!(
            lang,
            "{} 打开时没有读进来，为了不覆盖它，没有保存。请先改正它（按 {problems_key} 查看问题）",
            "{} did not read when the folder was opened: it is not written over. Fix it first ({problems_key} lists the problems)",
            part.file_name()
        ),
        SaveFailure::Gone { part } => tr!(
            lang,
            "{} 在别处被删除或无法读取，未保存；你的修改还在。请确认文件后再保存",
            "{} was deleted or cannot be read: nothing saved, your edits are kept",
            part.file_name()
        ),
        SaveFailure::MergeUnreadable { part } => tr!(
            lang,
            "{} 的合并结果无法读回，未保存",
            "the merge of {} did not read back: nothing saved",
            part.file_name()
        ),
        SaveFailure::NoPendingMerge => {
            tr!(lang, "没有等待合并的保存", "no save is waiting for a merge")
        }
    }
}

impl App {
    /// `Ctrl-s`: writes the changed files.
    pub fn save(&mut self) {
        if let Some(held) = &self.read_only {
            let who = held.message(self.lang);
            self.status = Some(tr!(
                self.lang,
                "只读，未保存：{who}",
                "read-only, not saved: {who}"
            ));
            return;
        }
        if self.storage.as_ref().is_some_and(|s| s.repo().is_some())
            && self.is_dirty()
            && self.ask_name_first(super::dialogs::ask_name::Then::Save)
        {
            return;
        }
        let labels = self.history.labels_since(self.saved_depth);
        let (author, lang) = (self.author.clone(), self.lang);
        let Some(storage) = self.storage.as_mut() else {
            self.status = Some(tr!(
                self.lang,
                "没有关联的日程文件夹，无法保存",
                "no schedule folder to save to"
            ));
            return;
        };
        storage.describe_next_save(author, labels, lang);
        let outcome = storage.save(&self.schedule);
        self.apply_save_outcome(outcome);
    }

    fn apply_save_outcome(&mut self, outcome: SaveOutcome) {
        let lang = self.lang;
        match outcome {
            SaveOutcome::NothingToSave => {
                self.saved = self.schedule.clone();
                self.status = Some(tr!(lang, "没有需要保存的修改", "nothing to save"));
            }
            SaveOutcome::Saved {
                written,
                merged,
                schedule,
                history,
            } => {
                self.schedule = (*schedule).clone();
                self.saved = *schedule;
                self.saved_depth = self.history.depth();
                let mut msg = tr!(
                    lang,
                    "已保存 {}（旧版本在 .stationcal-backup）",
                    "saved {} (old versions in .stationcal-backup)",
                    names(&written)
                );
                if !merged.is_empty() {
                    msg.push_str(&tr!(
                        lang,
                        "；已合并 {} 在别处的修改",
                        "; merged outside changes to {}",
                        names(&merged)
                    ));
                }
                msg.push_str(&self.history_words(&history));
                self.status = Some(msg);
                self.refresh_all();
            }
            SaveOutcome::Conflicts { part, conflicts } => {
                self.status = Some(tr!(
                    lang,
                    "{} 在别处也被修改了：请逐条选择保留哪一边",
                    "{} was also changed elsewhere: choose a side for each entry",
                    part.file_name()
                ));
                self.open(super::dialogs::merge::Merge {
                    part,
                    conflicts,
                    take_mine: Vec::new(),
                    sync_path: None,
                });
            }
            SaveOutcome::Failed { failure, saved } => {
                let mut msg = failure_message(&failure, lang, &self.keymap.label(Action::Problems));
                if !saved.is_empty() {
                    msg.push_str(&tr!(lang, "（已保存 {}）", " (saved {})", names(&saved)));
                }
                self.status = Some(msg);
            }
        }
    }

    /// Finishes a save that stopped at conflicts, with the user's choice
    /// for each (`true`: keep mine).
    pub(crate) fn resolve_merge(&mut self, part: Part, take_mine: &[bool]) {
        let outcome = match self.storage.as_mut() {
            Some(st) => st.resolve(&self.schedule, part, take_mine),
            None => SaveOutcome::Failed {
                failure: SaveFailure::NoPendingMerge,
                saved: Vec::new(),
            },
        };
        self.apply_save_outcome(outcome);
    }

    /// Looks for outside changes; called by the event loop between keys.
    pub fn tick(&mut self) {
        let Some(storage) = self.storage.as_mut() else {
            return;
        };
        let changes = storage.poll(&self.schedule);
        for change in changes {
            match change {
                DiskChange::Reloaded {
                    part,
                    schedule,
                    diagnostics,
                } => {
                    self.schedule.replace_part(&schedule, part);
                    self.saved.replace_part(&schedule, part);
                    self.replace_file_diagnostics(diagnostics);
                    self.status = Some(tr!(
                        self.lang,
                        "{} 在别处被修改，已重新载入",
                        "{} changed on disk and was reloaded",
                        part.file_name()
                    ));
                    self.refresh_all();
                }
                DiskChange::Pending { part, diagnostics } => {
                    // The problems list follows the file as it is now.
                    self.replace_file_diagnostics(diagnostics);
                    self.status = Some(tr!(
                        self.lang,
                        "{} 在别处被修改；你的修改尚未保存，保存时会合并",
                        "{} changed on disk; your unsaved edits will be merged on save",
                        part.file_name()
                    ));
                }
                DiskChange::FolderGone => {
                    self.status = Some(tr!(
                        self.lang,
                        "日程文件夹不见了：{}（修改仍在内存中）",
                        "the schedule folder is gone: {} (edits are kept in memory)",
                        self.dir.display()
                    ));
                }
            }
        }
    }

    /// `E`: asks the event loop to open the selected entry's file in an editor.
    pub fn request_editor(&mut self) {
        // Another site's activity lives in that site's folder.
        if let Err(why) = self.selected_is_editable() {
            self.status = Some(why);
            return;
        }
        let Some(storage) = self.storage.as_ref() else {
            self.status = Some(tr!(self.lang, "没有关联的日程文件夹", "no schedule folder"));
            return;
        };
        let (part, pointer) = self.selected_entry();
        if self.schedule.part_differs(&self.saved, part) {
            let save = self.keymap.label(Action::Save);
            self.status = Some(tr!(
                self.lang,
                "{} 有未保存的修改：请先保存（{save}）再用编辑器打开",
                "{} has unsaved edits: save ({save}) before opening it in an editor",
                part.file_name()
            ));
            return;
        }
        let path = storage.path_of(part);
        let line = crate::store::fsio::read_file(&path, crate::store::load::MAX_FILE_BYTES)
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|text| {
                spans::parse(&text).map(|root| spans::line_col(&text, root.find(&pointer).start).0)
            })
            .unwrap_or(1);
        self.editor_request = Some(EditorRequest { part, path, line });
    }

    /// Called after the editor exits: reads the file again.
    pub fn after_editor(&mut self, part: Part, result: Result<(), String>) {
        if let Err(e) = result {
            self.status = Some(e);
            return;
        }
        let Some(storage) = self.storage.as_mut() else {
            return;
        };
        let change = storage.reload(&self.schedule, part);
        if let DiskChange::Reloaded {
            part,
            schedule,
            diagnostics,
        } = change
        {
            self.schedule.replace_part(&schedule, part);
            self.saved.replace_part(&schedule, part);
            let problems = diagnostics
                .iter()
                .filter(|d| d.file == part.file_name())
                .count();
            self.replace_file_diagnostics(diagnostics);
            let file = part.file_name();
            let key = self.keymap.label(Action::Problems);
            self.status = Some(match problems {
                0 => tr!(self.lang, "已重新载入 {file}", "reloaded {file}"),
                n => tr!(
                    self.lang,
                    "已重新载入 {file}，发现 {n} 个问题：按 {key} 查看",
                    "reloaded {file}: {n} problem(s), press {key}"
                ),
            });
            self.refresh_all();
        }
    }

    /// Takes the schedule files' problems as found now; problems of other
    /// files (the config) stay.
    pub(crate) fn replace_file_diagnostics(&mut self, diagnostics: Vec<crate::store::Diagnostic>) {
        let schedule_file = |f: &str| {
            Part::ALL
                .iter()
                .chain([&Part::Holidays])
                .any(|p| p.file_name() == f)
        };
        // In a network, the active site's files are named with its folder.
        let prefix = self
            .network
            .as_ref()
            .and_then(|n| n.sites.get(n.active))
            .map(|s| format!("{}/", s.folder))
            .unwrap_or_default();
        self.diagnostics.retain(|d| {
            let name = d.file.strip_prefix(prefix.as_str()).unwrap_or(&d.file);
            !(d.file.starts_with(prefix.as_str()) && schedule_file(name))
        });
        self.diagnostics
            .extend(diagnostics.into_iter().map(|mut d| {
                d.file = format!("{prefix}{}", d.file);
                d
            }));
    }

    /// The file and entry of the selection, for the editor jump.
    fn selected_entry(&self) -> (Part, Pointer) {
        let at = |list: &'static str, i: usize| Pointer(vec![Step::Field(list), Step::Index(i)]);
        if self.view == View::Catalogue {
            return match self.catalogue_tab {
                super::app::CatalogueTab::Films => {
                    (Part::Screenings, at("films", self.catalogue_index))
                }
                super::app::CatalogueTab::Lectures => {
                    (Part::Lectures, at("catalogue", self.catalogue_index))
                }
            };
        }
        let Some(o) = self.selected_occurrence() else {
            return (Part::Station, Pointer::default());
        };
        crate::model::validate::entry_of(&self.schedule, &o.key)
    }
}
