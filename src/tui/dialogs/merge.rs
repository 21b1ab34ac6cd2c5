//! A save found a file changed on disk where the user changed the same
//! entries: each such entry is shown both ways and the user keeps one side.
//! When every one is decided, the save goes on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, frame, pointer, wide};
use crate::model::merge::Conflict;
use crate::model::validate::Part;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::style;

#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub part: Part,
    pub conflicts: Vec<Conflict>,
    /// Decided so far: `true` keeps the user's version.
    pub take_mine: Vec<bool>,
    /// In a sync (the file's path in the repository): the two sides are
    /// this computer's and the shared copy's, and the choices go to the
    /// sync, not to a save.
    pub sync_path: Option<String>,
}

impl Dialog for Merge {
    fn scope(&self) -> Option<crate::tui::action::Scope> {
        Some(crate::tui::action::Scope::Merge)
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::Cancel) if self.sync_path.is_some() => {
                app.cancel_sync();
                return Flow::Close;
            }
            Some(Action::Cancel) => {
                app.status = Some(tr!(
                    app.lang,
                    "未保存：修改仍在，可稍后再保存",
                    "not saved: your edits are kept"
                ));
                return Flow::Close;
            }
            Some(Action::KeepMine) => self.take_mine.push(true),
            Some(Action::KeepTheirs) => self.take_mine.push(false),
            _ => return Flow::Keep,
        }
        if self.take_mine.len() < self.conflicts.len() {
            return Flow::Keep;
        }
        if self.sync_path.is_some() {
            app.resolve_sync(&self.take_mine);
        } else {
            app.resolve_merge(self.part, &self.take_mine);
        }
        Flow::Close
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        // A click on a side (its label or its value, as drawn) keeps it;
        // anywhere else, nothing: a stray click never throws a side away.
        let Pointer::Click { x, y } = pointer(event, area) else {
            return Flow::Keep;
        };
        let inner = super::inner(area);
        if x < inner.x || x >= inner.right() || y < inner.y || y >= inner.bottom() {
            return Flow::Keep;
        }
        let Some(shown) = self.shown(app, usize::from(inner.width)) else {
            return Flow::Keep;
        };
        let row = usize::from(y - inner.y);
        let action = if shown.mine.contains(&row) {
            Action::KeepMine
        } else if shown.theirs.contains(&row) {
            Action::KeepTheirs
        } else {
            return Flow::Keep;
        };
        let key =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Null);
        self.handle(
            app,
            Input {
                key: &key,
                action: Some(action),
            },
        )
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(
            screen,
            wide(screen),
            screen.height.saturating_sub(2).min(18),
        )
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let i = self.take_mine.len();
        let (file, n, of) = (
            self.sync_path.as_deref().unwrap_or(self.part.file_name()),
            i + 1,
            self.conflicts.len(),
        );
        let inner = frame(
            buf,
            area,
            &tr!(
                lang,
                "{file} 两边都改了 ({n}/{of})",
                "{file} changed on both sides ({n}/{of})"
            ),
        );
        if let Some(shown) = self.shown(app, usize::from(inner.width)) {
            Paragraph::new(shown.lines).render(inner, buf);
        }
    }

    crate::dialog_any!();
}

/// The current conflict as drawn, wrapped to the window's width, and the
/// rows of each side (its label and its value): drawing and clicks both
/// use it.
struct Shown {
    lines: Vec<Line<'static>>,
    mine: std::ops::Range<usize>,
    theirs: std::ops::Range<usize>,
}

impl Merge {
    fn shown(&self, app: &App, w: usize) -> Option<Shown> {
        let lang = app.lang;
        let c = self.conflicts.get(self.take_mine.len())?;
        let show = |v: &Option<serde_json::Value>| match v {
            Some(v) => ron::to_string(v).unwrap_or_default(),
            None => tr!(lang, "（已删除）", "(deleted)"),
        };
        let (mine, theirs, cancel) = (
            app.keymap.label(Action::KeepMine),
            app.keymap.label(Action::KeepTheirs),
            app.keymap.label(Action::Cancel),
        );
        let wrap = |lines: Vec<Line<'static>>| {
            let lines: Vec<Line> = lines.into_iter().map(text::shown_line).collect();
            text::wrap_lines(&lines, w)
        };
        let mut lines = wrap(vec![Line::from(Span::styled(
            c.path.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        ))]);
        let start = lines.len();
        lines.extend(wrap(vec![
            Line::from(Span::styled(
                if self.sync_path.is_some() {
                    tr!(lang, "{mine} 本机的：", "{mine} this computer's:")
                } else {
                    tr!(lang, "{mine} 你的修改：", "{mine} yours:")
                },
                style::dim(),
            )),
            Line::from(show(&c.mine)),
        ]));
        let mine_rows = start..lines.len();
        lines.extend(wrap(vec![
            Line::from(Span::styled(
                if self.sync_path.is_some() {
                    tr!(
                        lang,
                        "{theirs} 共享副本的（别的电脑改的）：",
                        "{theirs} the shared copy's (changed on another computer):"
                    )
                } else {
                    tr!(
                        lang,
                        "{theirs} 文件中的（别处的修改）：",
                        "{theirs} on disk (changed elsewhere):"
                    )
                },
                style::dim(),
            )),
            Line::from(show(&c.theirs)),
        ]));
        let theirs_rows = mine_rows.end..lines.len();
        lines.extend(wrap(vec![
            Line::from(""),
            Line::from(Span::styled(
                if self.sync_path.is_some() {
                    tr!(
                        lang,
                        "{mine} 保留本机的  {theirs} 用共享副本的  {cancel} 暂不同步",
                        "{mine} keep this computer's  {theirs} take the shared copy's  {cancel} don't sync now"
                    )
                } else {
                    tr!(
                        lang,
                        "{mine} 保留你的  {theirs} 用文件中的  {cancel} 暂不保存",
                        "{mine} keep yours  {theirs} take the file's  {cancel} don't save now"
                    )
                },
                style::dim(),
            )),
        ]));
        Some(Shown {
            lines,
            mine: mine_rows,
            theirs: theirs_rows,
        })
    }
}
