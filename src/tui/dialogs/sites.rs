//! `s` in a network: which sites are shown (Space), which one is edited
//! (Enter), all shown (`a`). A site whose folder was not read is listed,
//! marked, and cannot be made the one edited.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, frame, hint, pointer, row_at};
use crate::tr;
use crate::tui::action::{Action, Scope};
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

#[derive(Debug)]
pub struct Sites {
    pub menu: Menu,
}

impl Sites {
    pub fn open(app: &mut App) {
        let start = app.site_to_pick();
        match &app.network {
            Some(n) => {
                let menu = Menu::new(n.sites.len(), start);
                app.open(Sites { menu });
            }
            None => {
                app.status = Some(tr!(
                    app.lang,
                    "这个日程文件夹只有一个站点（没有 network.ron）",
                    "this schedule folder is a single station (no network.ron)"
                ));
            }
        }
    }
}

/// The keys the picker answers to, for its hint line.
pub fn picker_hint(app: &App) -> String {
    let k = |a| app.keymap.label(a);
    tr!(
        app.lang,
        "{} 显示/隐藏  {} 设为当前站点  {} 全部显示  {} 关闭",
        "{} show/hide  {} make active  {} show all  {} close",
        k(Action::Toggle),
        k(Action::Confirm),
        k(Action::ShowAllSites),
        k(Action::Cancel)
    )
}

impl Dialog for Sites {
    fn scope(&self) -> Option<Scope> {
        Some(Scope::Sites)
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        let selected = self.menu.selected();
        let flow = match input.action {
            _ if input.closes() => Flow::Close,
            Some(Action::Sites) => Flow::Close,
            Some(Action::Toggle) => {
                app.toggle_site(selected);
                Flow::Keep
            }
            Some(Action::ShowAllSites) => {
                app.show_all_sites();
                Flow::Keep
            }
            Some(Action::Confirm) => {
                app.make_active(selected);
                Flow::Close
            }
            action => {
                self.menu.step(action);
                Flow::Keep
            }
        };
        app.after_sites_changed();
        flow
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let inner = super::inner(area);
        let count = app.network.as_ref().map_or(0, |n| n.sites.len());
        let rows = usize::from(inner.height.saturating_sub(2));
        let top = self.menu.selected().saturating_sub(rows.saturating_sub(1));
        match pointer(event, area) {
            // A click selects a site; a click on the selected one shows or
            // hides it (Enter makes it the one edited).
            Pointer::Click { x, y } => {
                if let Some(k) = row_at(inner, inner.y, rows.min(count.saturating_sub(top)), x, y) {
                    let i = top + k;
                    if i == self.menu.selected() {
                        app.toggle_site(i);
                        app.after_sites_changed();
                    } else {
                        self.menu.select(i);
                    }
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

    fn area(&self, app: &App, screen: Rect) -> Rect {
        let Some(n) = &app.network else {
            return Rect::default();
        };
        let longest = n
            .sites
            .iter()
            .map(|s| text::width(&s.name))
            .max()
            .unwrap_or(0);
        let want_w = (longest + 24).max(text::width(&picker_hint(app)) + 4);
        let w = u16::try_from(want_w)
            .unwrap_or(u16::MAX)
            .min(screen.width.saturating_sub(2));
        let h = u16::try_from(n.sites.len() + 4).unwrap_or(u16::MAX);
        centered(screen, w, h.min(screen.height.saturating_sub(2)))
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let Some(n) = &app.network else { return };
        let lang = app.lang;
        let name = &n.name;
        let inner = frame(buf, area, &tr!(lang, "{name} 站点", "{name} sites"));
        let rows = usize::from(inner.height.saturating_sub(2));
        let selected = self.menu.selected();
        let top = selected.saturating_sub(rows.saturating_sub(1));
        let iw = usize::from(inner.width);
        for (k, (i, s)) in n.sites.iter().enumerate().skip(top).take(rows).enumerate() {
            let y = inner.y + k as u16;
            let mark = if n.shown.get(i).copied().unwrap_or(true) {
                "[x]"
            } else {
                "[ ]"
            };
            let state = if i == n.active {
                tr!(lang, " 当前", " active")
            } else if !s.loaded {
                let key = app.keymap.label(Action::Problems);
                tr!(
                    lang,
                    " （未读入，按 {key} 查看问题）",
                    " (not read: {key} lists the problems)"
                )
            } else {
                String::new()
            };
            let line = format!(
                "{mark} {} {}{state}",
                text::pad(&s.short, 4),
                text::shown(&s.name)
            );
            let st = if i == selected {
                style::selected()
            } else if i == n.active {
                Style::new().add_modifier(Modifier::BOLD)
            } else if !s.loaded {
                style::dim()
            } else {
                Style::new()
            };
            buf.set_line(
                inner.x,
                y,
                &Line::from(Span::styled(text::pad(&text::ellipsize(&line, iw), iw), st)),
                inner.width,
            );
        }
        if inner.height >= 2 {
            hint(buf, inner, &picker_hint(app));
        }
    }

    crate::dialog_any!();
}
