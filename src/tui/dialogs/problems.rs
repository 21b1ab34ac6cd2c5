//! `e`: every problem found in the schedule files, with its place, the
//! line and a caret under it, the message and a hint; scrolls to its end.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::help::scroll;
use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, WHEEL_LINES, centered, frame, pointer, wide};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::style;

#[derive(Debug, Default)]
pub struct Problems {
    scroll: usize,
}

impl Problems {
    pub fn open(app: &mut App) {
        app.open(Problems::default());
    }
}

/// The list's lines, wrapped to `w` columns.
fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    if app.diagnostics.is_empty() {
        return vec![Line::from(tr!(lang, "没有发现问题", "no problems found"))];
    }
    let mut lines = Vec::new();
    for d in &app.diagnostics {
        lines.push(Line::from(Span::styled(
            format!("{}  {}", d.location(), d.message(lang)),
            style::error(),
        )));
        if let Some((src, caret)) = d.caret_lines() {
            let gutter = format!("{} | ", d.line);
            lines.push(Line::from(format!("{gutter}{src}")));
            lines.push(Line::from(Span::styled(
                format!("{}{caret}", " ".repeat(text::width(&gutter))),
                style::error(),
            )));
        }
        if let Some(h) = d.hint(lang) {
            lines.push(Line::from(Span::styled(
                tr!(lang, "提示：{h}", "hint: {h}"),
                style::dim(),
            )));
        }
        lines.push(Line::from(""));
    }
    // Messages quote the files' text: shown, never raw; long ones wrap.
    text::wrap_lines(&lines, w)
}

impl Dialog for Problems {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if input.closes() || matches!(input.action, Some(Action::Problems | Action::Confirm)) {
            return Flow::Close;
        }
        let inner = super::inner(self.area(app, app.screen()));
        let total = lines(app, usize::from(inner.width)).len();
        let max = total.saturating_sub(usize::from(inner.height));
        self.scroll = scroll(self.scroll, input.action, max);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        match pointer(event, area) {
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                let inner = super::inner(area);
                let total = lines(app, usize::from(inner.width)).len();
                let max = total.saturating_sub(usize::from(inner.height));
                for _ in 0..WHEEL_LINES {
                    self.scroll = scroll(self.scroll, Some(a), max);
                }
                Flow::Keep
            }
            _ => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, wide(screen), screen.height.saturating_sub(2))
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let title = tr!(
            app.lang,
            "日程文件问题 ({} 关闭)",
            "Problems in the files ({} closes)",
            app.keymap.label(Action::Cancel)
        );
        let inner = frame(buf, area, &title);
        let lines = lines(app, usize::from(inner.width));
        let max = lines.len().saturating_sub(usize::from(inner.height));
        Paragraph::new(lines)
            .scroll((u16::try_from(self.scroll.min(max)).unwrap_or(u16::MAX), 0))
            .render(inner, buf);
    }

    crate::dialog_any!();
}
