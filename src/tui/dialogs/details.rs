//! Enter: everything about the selected activity (or catalogue entry),
//! wrapped by display width and scrolled, with what is below said. Enter
//! again edits it, `d` deletes or skips it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::help::scroll;
use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, WHEEL_LINES, centered, frame, pointer, wide};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::{App, View};
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::{catalogue, style};

#[derive(Debug, Default)]
pub struct Details {
    scroll: usize,
}

impl Details {
    /// Opens the details of what is selected, or says there is nothing.
    pub fn open(app: &mut App) {
        let has_item = match app.view {
            View::Catalogue => app.catalogue_len() > 0,
            _ => app.selected_occurrence().is_some(),
        };
        if has_item {
            app.open(Details::default());
        } else {
            app.status = Some(tr!(app.lang, "这一天没有活动", "nothing on this day"));
        }
    }
}

/// The selected thing's lines, unwrapped (the detail pane uses them too).
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    if app.view == View::Catalogue {
        let list = catalogue::entries(app);
        let Some(e) = list.get(app.catalogue_index) else {
            return Vec::new();
        };
        let mut lines = vec![
            Line::from(Span::styled(
                format!("{}  {}", e.id, e.title),
                Style::new().add_modifier(Modifier::BOLD),
            )),
            Line::from(e.facts.clone()),
        ];
        if let Some(a) = &e.about {
            lines.push(Line::from(a.clone()));
        }
        let dates: Vec<String> = e
            .dates
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect();
        let dates = dates.join(", ");
        lines.push(Line::from(tr!(lang, "日期：{dates}", "Dates: {dates}")));
        return lines;
    }
    app.selected_occurrence()
        .map(|o| {
            let mut lines = crate::tui::views::sites::detail_lines(app, o);
            if let Some(note) = app.conflict_note(o) {
                lines.insert(1, Line::from(Span::styled(note, style::error())));
            }
            lines
        })
        .unwrap_or_default()
}

impl Dialog for Details {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::Details | Action::Confirm) => {
                app.edit_selected();
                Flow::Close
            }
            Some(Action::Delete) => {
                app.open_delete();
                Flow::Close
            }
            _ if input.closes() => Flow::Close,
            action => {
                let inner = super::inner(self.area(app, app.screen()));
                let total = text::wrap_lines(&lines(app), usize::from(inner.width)).len();
                self.scroll = scroll(
                    self.scroll,
                    action,
                    total.saturating_sub(usize::from(inner.height)),
                );
                Flow::Keep
            }
        }
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        match pointer(event, area) {
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                let inner = super::inner(area);
                let total = text::wrap_lines(&lines(app), usize::from(inner.width)).len();
                let max = total.saturating_sub(usize::from(inner.height));
                for _ in 0..WHEEL_LINES {
                    self.scroll = scroll(self.scroll, Some(a), max);
                }
                Flow::Keep
            }
            _ => Flow::Keep,
        }
    }

    fn area(&self, app: &App, screen: Rect) -> Rect {
        let w = wide(screen);
        // Room for the wrapped lines plus the border, within the screen.
        let rows = text::wrap_lines(&lines(app), usize::from(w.saturating_sub(2))).len();
        let h = u16::try_from(rows + 2).unwrap_or(u16::MAX).max(5);
        centered(screen, w, h.min(screen.height.saturating_sub(2)))
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let title = tr!(
            lang,
            "详情 ({} 修改  {} 关闭)",
            "Details ({} edits, {} closes)",
            app.keymap.label(Action::Details),
            app.keymap.label(Action::Cancel)
        );
        let inner = frame(buf, area, &title);
        let lines = text::wrap_lines(&lines(app), usize::from(inner.width));
        let h = usize::from(inner.height);
        let top = self.scroll.min(lines.len().saturating_sub(h));
        let below = lines.len().saturating_sub(top + h);
        Paragraph::new(lines)
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
            .render(inner, buf);
        if below > 0 {
            more_below(
                buf,
                area,
                &tr!(
                    lang,
                    " 下面还有 {below} 行 ({}) ",
                    " {below} more lines ({}) ",
                    app.keymap.label(Action::Down)
                ),
            );
        }
    }

    crate::dialog_any!();
}

/// Writes "more below" into the bottom border of a window, at its right.
pub fn more_below(buf: &mut Buffer, area: Rect, note: &str) {
    let w = text::width(note);
    if area.height < 2 || w + 4 > usize::from(area.width) {
        return;
    }
    let x = area.right() - 2 - u16::try_from(w).unwrap_or(0);
    buf.set_string(x, area.bottom() - 1, note, style::dim());
}
