//! Changing the schedule from the app: every change goes through
//! [`App::commit`], which records it for undo; undo and redo; and opening
//! the form or the delete dialog of what is selected.

use super::action::Action;
use super::app::{App, CatalogueTab, View};
use super::forms::FormKind;
use crate::model::{OccurrenceKey, Schedule};
use crate::tr;

impl App {
    pub(crate) fn read_only_refusal(&mut self) -> bool {
        if let Some(held) = &self.read_only {
            let who = held.message(self.lang);
            self.status = Some(tr!(
                self.lang,
                "只读：{who}。请在那边保存后关闭，再重新打开",
                "read-only: {who}. Close it there, then open again"
            ));
            return true;
        }
        false
    }

    /// Whether there are edits not yet written to the files.
    pub fn is_dirty(&self) -> bool {
        self.schedule != self.saved
    }

    /// Records a change for undo and makes it the current schedule.
    pub fn commit(&mut self, next: Schedule, label: &str) {
        // A file in the folder that never read can only be written over:
        // edits to it wait until it is fixed and read.
        let never_read = self
            .storage
            .as_ref()
            .map(|s| s.never_read())
            .unwrap_or_default();
        if let Some(part) = never_read
            .into_iter()
            .find(|p| next.part_differs(&self.schedule, *p))
        {
            let key = self.keymap.label(Action::Problems);
            self.status = Some(tr!(
                self.lang,
                "{} 没有读进来（按 {key} 查看问题），为了不覆盖它，现在不能在这里修改它；请先改正文件",
                "{} did not read (press {key} for the problems): to keep it from being written over, it cannot be edited here until it is fixed",
                part.file_name()
            ));
            return;
        }
        self.history.record(&self.schedule, label);
        self.schedule = next;
        let save = self.keymap.label(Action::Save);
        self.status = Some(tr!(
            self.lang,
            "已修改：{label}（未保存，{save} 保存）",
            "changed: {label} (not saved: {save})"
        ));
        self.refresh_all();
    }

    pub fn undo(&mut self) {
        match self.history.undo(&self.schedule) {
            Some((prev, label)) => {
                self.schedule = prev;
                self.status = Some(tr!(self.lang, "已撤销：{label}", "undone: {label}"));
            }
            None => self.status = Some(tr!(self.lang, "没有可撤销的修改", "nothing to undo")),
        }
        self.refresh_all();
    }

    pub fn redo(&mut self) {
        match self.history.redo(&self.schedule) {
            Some((next, label)) => {
                self.schedule = next;
                self.status = Some(tr!(self.lang, "已重做：{label}", "redone: {label}"));
            }
            None => self.status = Some(tr!(self.lang, "没有可重做的修改", "nothing to redo")),
        }
        self.refresh_all();
    }

    /// The form for the selected activity or catalogue entry.
    pub fn edit_selected(&mut self) {
        if self.read_only_refusal() || self.refuse_other_site() {
            return;
        }
        let kind = if self.view == View::Catalogue {
            match self.catalogue_tab {
                CatalogueTab::Films => FormKind::Film {
                    index: Some(self.catalogue_index),
                },
                CatalogueTab::Lectures => FormKind::Lecture {
                    index: Some(self.catalogue_index),
                },
            }
        } else {
            let Some(o) = self.selected_occurrence() else {
                let add = self.keymap.label(Action::Add);
                self.status = Some(tr!(
                    self.lang,
                    "这一天没有活动：按 {add} 新增",
                    "nothing here: press {add} to add"
                ));
                return;
            };
            match o.key {
                OccurrenceKey::Screening { date } => FormKind::Screening { date },
                OccurrenceKey::ServiceDay { month } => FormKind::ServiceMonth { month },
                OccurrenceKey::Session { index } => FormKind::Session { index: Some(index) },
                OccurrenceKey::Event { index, .. } => FormKind::Event { index: Some(index) },
            }
        };
        super::dialogs::form::FormDialog::open(self, kind);
    }

    /// `d`: the delete-or-skip dialog for what is selected.
    pub fn open_delete(&mut self) {
        super::dialogs::delete::Delete::open(self);
    }
}
