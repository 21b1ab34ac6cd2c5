//! `/`: search titles, films, speakers, themes, services and partners
//! around the cursor; Enter jumps to the chosen activity.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, frame, pointer, row_at, wide};
use crate::model::Occurrence;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text::{self, LineInput};
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

#[derive(Debug, Default)]
pub struct Search {
    pub input: LineInput,
    pub results: Vec<Occurrence>,
    pub menu: Menu,
}

impl Search {
    pub fn open(app: &mut App) {
        app.open(Search::default());
    }

    fn refresh(&mut self, app: &App) {
        self.results = app.search(self.input.text());
        self.menu = Menu::new(self.results.len(), 0);
    }
}

impl Dialog for Search {
    fn typing(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::Cancel) => return Flow::Close,
            Some(Action::Confirm) => {
                if let Some(o) = self.results.get(self.menu.selected()) {
                    app.jump_to(o);
                }
                return Flow::Close;
            }
            _ => {}
        }
        if self.menu.step(input.action) {
            return Flow::Keep;
        }
        if self.input.edit(input) {
            self.refresh(app);
        }
        Flow::Keep
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Flow {
        self.input.paste(text);
        self.refresh(app);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        let h = usize::from(inner.height.saturating_sub(2));
        let top = self.menu.selected().saturating_sub(h.saturating_sub(1));
        match pointer(event, area) {
            // A click selects a result; a click on the selected one jumps.
            Pointer::Click { x, y } => {
                let shown = h.min(self.results.len().saturating_sub(top));
                if let Some(k) = row_at(inner, inner.y + 2, shown, x, y) {
                    let i = top + k;
                    if i == self.menu.selected() {
                        if let Some(o) = self.results.get(i) {
                            app.jump_to(o);
                        }
                        return Flow::Close;
                    }
                    self.menu.select(i);
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
        centered(
            screen,
            wide(screen),
            screen.height.saturating_sub(2).min(20),
        )
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let title = tr!(
            lang,
            "搜索 ({} 跳转  {} 关闭)",
            "Search ({} jumps, {} closes)",
            app.keymap.label(Action::Confirm),
            app.keymap.label(Action::Cancel)
        );
        let inner = frame(buf, area, &title);
        buf.set_string(inner.x, inner.y, "/ ", Style::new());
        let (shown, _) = self
            .input
            .visible(usize::from(inner.width).saturating_sub(2));
        buf.set_string(
            inner.x + 2,
            inner.y,
            shown,
            Style::new().add_modifier(Modifier::UNDERLINED),
        );
        if inner.height < 3 {
            return;
        }
        let count = if self.input.text().trim().is_empty() {
            tr!(
                lang,
                "输入片名、课程、主讲人、主题、服务项目",
                "type a title, film, speaker, theme or service"
            )
        } else {
            tr!(lang, "找到{}项", "{} found", self.results.len())
        };
        buf.set_string(
            inner.x,
            inner.y + 1,
            text::ellipsize(&count, usize::from(inner.width)),
            style::dim(),
        );
        let h = usize::from(inner.height - 2);
        let selected = self.menu.selected();
        let top = selected.saturating_sub(h.saturating_sub(1));
        let w = usize::from(inner.width);
        for (k, o) in self.results.iter().enumerate().skip(top).take(h) {
            let y = inner.y + 2 + (k - top) as u16;
            let mut s = format!(
                "{} {} {} {}",
                o.date.format("%Y-%m-%d"),
                style::weekday(o.date, lang),
                o.start.format("%H:%M"),
                style::title(o, lang)
            );
            if let Some(tag) = app.site_tag(o) {
                s = s.replacen(' ', &format!(" {tag} "), 1);
            }
            if let Some(sp) = o.speaker() {
                s.push_str(&format!("  {sp}"));
            }
            let st = if k == selected {
                style::selected()
            } else {
                Style::new()
            };
            buf.set_string(
                inner.x,
                y,
                o.programme.marker().to_string(),
                style::marker_style(o.programme),
            );
            buf.set_string(
                inner.x + 2,
                y,
                text::pad(
                    &text::ellipsize(&s, w.saturating_sub(2)),
                    w.saturating_sub(2),
                ),
                st,
            );
        }
    }

    fn cursor(&self, _app: &App, area: Rect) -> Option<Position> {
        let inner = super::inner(area);
        let (_, col) = self
            .input
            .visible(usize::from(inner.width).saturating_sub(2));
        let x = (usize::from(inner.x) + 2 + col).min(usize::from(inner.right().saturating_sub(1)));
        Some(Position::new(x as u16, inner.y))
    }

    crate::dialog_any!();
}
