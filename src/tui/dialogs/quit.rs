//! `q` with unsaved edits: save and quit, discard and quit, or stay.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, draw_options, frame, hint, pointer, row_at};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::widgets::menu::Menu;

/// How many ways out the dialog offers.
pub const QUIT_OPTIONS: usize = 3;

#[derive(Debug)]
pub struct Quit {
    pub menu: Menu,
}

impl Quit {
    /// Quits at once when everything is saved, otherwise asks.
    pub fn request(app: &mut App) {
        if app.is_dirty() {
            app.open(Quit {
                menu: Menu::new(QUIT_OPTIONS, 0),
            });
        } else {
            app.quit = true;
        }
    }
}

fn choose(app: &mut App, i: usize) {
    match i {
        0 => {
            app.save();
            // A save that failed or stopped at a merge keeps the app open.
            if !app.is_dirty() && !app.has_dialog() {
                app.quit = true;
            }
        }
        1 => app.quit = true,
        _ => {}
    }
}

impl Dialog for Quit {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if input.action == Some(Action::Cancel) {
            return Flow::Close;
        }
        if let Some(i) = input.digit().filter(|i| *i < QUIT_OPTIONS) {
            choose(app, i);
            return Flow::Close;
        }
        if input.action == Some(Action::Confirm) {
            choose(app, self.menu.selected());
            return Flow::Close;
        }
        self.menu.step(input.action);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        if let Pointer::Click { x, y } = pointer(event, area)
            && let Some(i) = row_at(inner, inner.y, QUIT_OPTIONS, x, y)
        {
            choose(app, i);
            return Flow::Close;
        }
        Flow::Keep
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 50, QUIT_OPTIONS as u16 + 4)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let inner = frame(buf, area, &tr!(lang, "有未保存的修改", "Unsaved changes"));
        let options = [
            tr!(lang, "1 保存并退出", "1 save and quit"),
            tr!(
                lang,
                "2 不保存，放弃修改并退出",
                "2 discard the changes and quit"
            ),
            tr!(lang, "3 返回继续编辑", "3 stay"),
        ];
        draw_options(buf, inner, inner.y, &options, self.menu.selected());
        hint(
            buf,
            inner,
            &tr!(
                lang,
                "{} 选定  {} 返回",
                "{} chooses  {} stays",
                app.keymap.label(Action::Confirm),
                app.keymap.label(Action::Cancel)
            ),
        );
    }

    crate::dialog_any!();
}
