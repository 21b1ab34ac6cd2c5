//! A save found a file changed on disk where the user changed the same
//! entries: each such entry is shown both ways and the user keeps one side.
//! When every one is decided, the save goes on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

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
}

impl Dialog for Merge {
    fn scope(&self) -> Option<crate::tui::action::Scope> {
        Some(crate::tui::action::Scope::Merge)
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
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
        app.resolve_merge(self.part, &self.take_mine);
        Flow::Close
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        // Clicking a side keeps it: the user's side is drawn above the file's.
        let Pointer::Click { y, .. } = pointer(event, area) else {
            return Flow::Keep;
        };
        let inner = super::inner(area);
        let mid = inner.y + inner.height / 2;
        let action = if y > inner.y && y < mid {
            Action::KeepMine
        } else if y >= mid {
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
        let (file, n, of) = (self.part.file_name(), i + 1, self.conflicts.len());
        let inner = frame(
            buf,
            area,
            &tr!(
                lang,
                "{file} 两边都改了 ({n}/{of})",
                "{file} changed on both sides ({n}/{of})"
            ),
        );
        let Some(c) = self.conflicts.get(i) else {
            return;
        };
        let show = |v: &Option<serde_json::Value>| match v {
            Some(v) => ron::to_string(v).unwrap_or_default(),
            None => tr!(lang, "（已删除）", "(deleted)"),
        };
        let (mine, theirs, cancel) = (
            app.keymap.label(Action::KeepMine),
            app.keymap.label(Action::KeepTheirs),
            app.keymap.label(Action::Cancel),
        );
        let lines = vec![
            Line::from(Span::styled(
                c.path.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            )),
            Line::from(Span::styled(
                tr!(lang, "{mine} 你的修改：", "{mine} yours:"),
                style::dim(),
            )),
            Line::from(show(&c.mine)),
            Line::from(Span::styled(
                tr!(
                    lang,
                    "{theirs} 文件中的（别处的修改）：",
                    "{theirs} on disk (changed elsewhere):"
                ),
                style::dim(),
            )),
            Line::from(show(&c.theirs)),
            Line::from(""),
            Line::from(Span::styled(
                tr!(
                    lang,
                    "{mine} 保留你的  {theirs} 用文件中的  {cancel} 暂不保存",
                    "{mine} keep yours  {theirs} take the file's  {cancel} don't save now"
                ),
                style::dim(),
            )),
        ];
        let lines: Vec<Line> = lines.into_iter().map(text::shown_line).collect();
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }

    crate::dialog_any!();
}
