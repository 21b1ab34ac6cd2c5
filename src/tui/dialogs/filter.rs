//! `f`: which programmes the views show; Space (or `1`-`4`) ticks one.
//! The fifth row (`5`), 待补记录, shows only activities held in the last
//! 30 days and still to record.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, frame, pointer, row_at};
use crate::model::Programme;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

/// The programmes, then 待补记录.
const ROWS: usize = Programme::ALL.len() + 1;

/// Ticks row `i`: a programme, or the 待补记录 filter.
fn toggle(app: &mut App, i: usize) {
    if i < Programme::ALL.len() {
        app.toggle_programme(i);
    } else {
        app.awaiting_only = !app.awaiting_only;
        app.selected = 0;
    }
}

#[derive(Debug)]
pub struct Filter {
    pub menu: Menu,
}

impl Filter {
    pub fn open(app: &mut App) {
        app.open(Filter {
            menu: Menu::new(ROWS, 0),
        });
    }
}

impl Dialog for Filter {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if input.closes() || input.action == Some(Action::Filter) {
            return Flow::Close;
        }
        let toggle = match (input.action, input.digit()) {
            (Some(Action::Toggle | Action::Confirm), _) => Some(self.menu.selected()),
            (_, Some(i)) if i < ROWS => Some(i),
            _ => None,
        };
        match toggle {
            Some(i) => self::toggle(app, i),
            None => {
                self.menu.step(input.action);
            }
        }
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        match pointer(event, area) {
            Pointer::Click { x, y } => {
                if let Some(i) = row_at(inner, inner.y, ROWS, x, y) {
                    self.menu.select(i);
                    toggle(app, i);
                }
                Flow::Keep
            }
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                self.menu.step(Some(a));
                Flow::Keep
            }
            Pointer::Other => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 34, 9)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let title = tr!(
            lang,
            "筛选 ({} 切换)",
            "Filter ({} toggles)",
            app.keymap.label(Action::Toggle)
        );
        let inner = frame(buf, area, &title);
        for (i, p) in Programme::ALL.iter().enumerate() {
            if i as u16 >= inner.height {
                break;
            }
            let mark = if app.is_shown(*p) { "[x]" } else { "[ ]" };
            let line = Line::from(vec![
                Span::raw(format!("{mark} {} ", i + 1)),
                Span::styled(p.marker().to_string(), style::marker_style(*p)),
                Span::raw(format!(" {}", style::programme_label(*p, lang))),
            ]);
            let y = inner.y + i as u16;
            buf.set_line(inner.x, y, &line, inner.width);
            if i == self.menu.selected() {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style::selected());
            }
        }
        let i = Programme::ALL.len();
        if (i as u16) < inner.height {
            let mark = if app.awaiting_only { "[x]" } else { "[ ]" };
            let line = Line::from(format!(
                "{mark} {} {} {}",
                i + 1,
                crate::tui::records::TO_RECORD,
                tr!(lang, "待补记录（近30天）", "to record (last 30 days)")
            ));
            let y = inner.y + i as u16;
            buf.set_line(inner.x, y, &line, inner.width);
            if i == self.menu.selected() {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style::selected());
            }
        }
    }

    crate::dialog_any!();
}
