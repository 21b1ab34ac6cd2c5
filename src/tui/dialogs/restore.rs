//! At start, unsaved edits from a run that was stopped (the terminal
//! closed, the program killed or failing) are offered back: restore them
//! (unsaved, so Ctrl-s saves and `u` undoes), discard them, or decide later.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, draw_options, frame, hint, pointer, row_at};
use crate::store::journal::{self, Journal};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

/// The three ways out of the restore dialog.
pub const RESTORE_OPTIONS: usize = 3;

#[derive(Debug)]
pub struct Restore {
    pub journal: Journal,
    pub menu: Menu,
}

impl Restore {
    /// Opens the dialog when the folder has a journal.
    pub fn offer(app: &mut App) {
        if !app.has_storage() {
            return;
        }
        match journal::read(&app.dir) {
            Some(Ok(j)) if !j.parts.is_empty() => app.open(Restore {
                journal: j,
                menu: Menu::new(RESTORE_OPTIONS, 0),
            }),
            Some(Err(e)) => {
                let path = journal::path_for(&app.dir).unwrap_or_default();
                let path = path.display();
                app.status = Some(tr!(
                    app.lang,
                    "恢复文件 {path} 无法读取：{e}",
                    "the recovery file {path} does not read: {e}"
                ));
            }
            _ => {}
        }
    }

    fn choose(&self, app: &mut App, i: usize) {
        let lang = app.lang;
        match i {
            0 => restore(app, &self.journal),
            1 => {
                journal::remove(&app.dir);
                app.status = Some(tr!(
                    lang,
                    "已丢弃上次未保存的修改",
                    "discarded the unsaved edits"
                ));
            }
            _ => {
                app.keep_journal = true;
                app.status = Some(tr!(
                    lang,
                    "恢复文件已保留，下次打开时再问",
                    "the recovery file is kept: you will be asked again next time"
                ));
            }
        }
    }
}

fn names(parts: &[crate::model::validate::Part]) -> String {
    parts
        .iter()
        .map(|p| p.file_name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn restore(app: &mut App, j: &Journal) {
    let lang = app.lang;
    match j.restore(&app.schedule) {
        Ok(r) => {
            app.commit(
                r.schedule,
                &tr!(lang, "恢复上次未保存的修改", "restore unsaved edits"),
            );
            let (save, undo) = (
                app.keymap.label(Action::Save),
                app.keymap.label(Action::Undo),
            );
            let mut msg = tr!(
                lang,
                "已恢复上次未保存的修改（尚未保存：{save} 保存，{undo} 撤销）",
                "restored the unsaved edits (not saved yet: {save} saves, {undo} undoes)"
            );
            if !r.merged.is_empty() {
                let files = names(&r.merged);
                msg.push_str(&tr!(
                    lang,
                    "；{files} 在此期间被改过，已合并",
                    "; {files} changed meanwhile and was merged"
                ));
            }
            if !r.conflicted.is_empty() {
                let files = names(&r.conflicted);
                msg.push_str(&tr!(
                    lang,
                    "，{files} 中两边都改的条目取了恢复的版本，请检查",
                    ", where both changed an entry in {files} the restored one was kept: check it"
                ));
            }
            app.status = Some(msg);
        }
        Err(e) => {
            app.status = Some(tr!(
                lang,
                "恢复文件无法使用：{e}（已保留）",
                "the recovery file cannot be used: {e} (kept)"
            ));
        }
    }
}

impl Dialog for Restore {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        let choice = if input.closes() {
            Some(2)
        } else if input.action == Some(Action::Confirm) {
            Some(self.menu.selected())
        } else {
            input.digit().filter(|i| *i < RESTORE_OPTIONS)
        };
        if let Some(i) = choice {
            self.choose(app, i);
            return Flow::Close;
        }
        self.menu.step(input.action);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        // Two lines about the edits and a blank one come first.
        if let Pointer::Click { x, y } = pointer(event, area)
            && let Some(i) = row_at(inner, inner.y + 3, RESTORE_OPTIONS, x, y)
        {
            self.choose(app, i);
            return Flow::Close;
        }
        Flow::Keep
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 66, RESTORE_OPTIONS as u16 + 6)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let inner = frame(
            buf,
            area,
            &tr!(lang, "上次有未保存的修改", "Unsaved edits from last time"),
        );
        let w = usize::from(inner.width);
        let files = self.journal.files().join(", ");
        let why = match self.journal.reason.as_str() {
            "SIGHUP" => lang.pick("终端窗口被关闭", "the terminal window was closed"),
            "SIGTERM" => lang.pick("程序被结束", "the program was stopped"),
            "panic" => lang.pick("程序出错", "the program failed"),
            _ => lang.pick("终端连接中断", "the terminal went away"),
        };
        let when = &self.journal.written;
        let about = [
            format!("{when} {why}"),
            tr!(
                lang,
                "这些文件的修改没有保存：{files}",
                "with unsaved edits to {files}"
            ),
        ];
        let mut y = inner.y;
        for line in about {
            if y >= inner.bottom() {
                return;
            }
            buf.set_string(inner.x, y, text::ellipsize(&line, w), style::dim());
            y += 1;
        }
        let save = app.keymap.label(Action::Save);
        let options = [
            tr!(
                lang,
                "1 恢复这些修改（之后按 {save} 保存）",
                "1 restore them (then {save} saves)"
            ),
            tr!(lang, "2 丢弃这些修改", "2 discard them"),
            tr!(
                lang,
                "3 稍后再说（保留恢复文件）",
                "3 decide later (keep the recovery file)"
            ),
        ];
        draw_options(buf, inner, y + 1, &options, self.menu.selected());
        hint(
            buf,
            inner,
            &tr!(
                lang,
                "{} 选定  {} 稍后再说",
                "{} chooses  {} decides later",
                app.keymap.label(Action::Confirm),
                app.keymap.label(Action::Cancel)
            ),
        );
    }

    crate::dialog_any!();
}
