//! Asked once, in a folder kept in history (git) when config.ron has no
//! `name:`: who is saving. The name goes into config.ron and the save,
//! sync or start of history that asked goes on.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::{Position, Rect};

use super::{Pointer, centered, frame, pointer};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text::{self, LineInput};
use crate::tui::views::style;

/// What to do once the name is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Save,
    Sync,
    StartHistory,
}

#[derive(Debug)]
pub struct AskName {
    pub input: LineInput,
    pub then: Then,
    pub error: Option<String>,
}

impl AskName {
    pub fn open(app: &mut App, then: Then) {
        app.open(AskName {
            input: LineInput::default(),
            then,
            error: None,
        });
    }
}

fn prompt(app: &App) -> String {
    tr!(app.lang, "您的名字：", "Your name: ")
}

impl Dialog for AskName {
    fn typing(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::Cancel) => {
                app.status = Some(tr!(
                    app.lang,
                    "没有名字，未保存到历史记录；修改仍在",
                    "no name: nothing recorded, your edits are kept"
                ));
                return Flow::Close;
            }
            Some(Action::Confirm) => {
                let name: String = self
                    .input
                    .text()
                    .chars()
                    .filter(|c| !c.is_control() && *c != '<' && *c != '>')
                    .collect();
                let name = name.trim().to_owned();
                if name.is_empty() {
                    self.error = Some(tr!(
                        app.lang,
                        "请写上名字，如 王老师",
                        "please write a name"
                    ));
                    return Flow::Keep;
                }
                app.set_author(&name);
                let then = self.then;
                // The dialog is off the stack while it handles keys: what
                // follows may open the merge dialog on top.
                match then {
                    Then::Save => app.save(),
                    Then::Sync => app.sync(),
                    Then::StartHistory => app.start_history(),
                }
                return Flow::Close;
            }
            _ => {}
        }
        if self.input.edit(input) {
            self.error = None;
        }
        Flow::Keep
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Flow {
        self.input.paste(text);
        self.error = None;
        Flow::Keep
    }

    fn mouse(&mut self, _app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        if pointer(event, area) == Pointer::ClickOutside {
            return Flow::Close;
        }
        Flow::Keep
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 56, 6)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let inner = frame(
            buf,
            area,
            &tr!(lang, "历史记录：是谁在修改", "History: who is editing"),
        );
        super::prompt_field(buf, inner, &prompt(app), &self.input);
        let (help, st) = match &self.error {
            Some(e) => (e.clone(), style::error()),
            None => (
                tr!(
                    lang,
                    "每次保存都记下，存进 config.ron，只问一次  {} 确定",
                    "recorded with each save, kept in config.ron, asked once  {} OK",
                    app.keymap.label(Action::Confirm)
                ),
                style::dim(),
            ),
        };
        let help = [ratatui::text::Line::styled(help, st)];
        for (i, line) in text::wrap_lines(&help, usize::from(inner.width))
            .iter()
            .enumerate()
            .take(2)
        {
            let y = inner.y + 2 + i as u16;
            if y < inner.bottom() {
                buf.set_line(inner.x, y, line, inner.width);
            }
        }
    }

    fn cursor(&self, app: &App, area: Rect) -> Option<Position> {
        Some(super::prompt_caret(
            super::inner(area),
            &prompt(app),
            &self.input,
        ))
    }

    crate::dialog_any!();
}
