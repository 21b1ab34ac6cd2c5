//! `?`: the keys in force (from the keymap, so remapped keys show as they
//! are), grouped by where they work, and what every mark on screen means.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, WHEEL_LINES, centered, frame, pointer, wide};
use crate::tr;
use crate::tui::action::{Action, Scope};
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;
use crate::tui::views::style;

#[derive(Debug, Default)]
pub struct Help {
    scroll: usize,
}

impl Help {
    pub fn open(app: &mut App) {
        app.open(Help::default());
    }
}

fn heading(s: String) -> Line<'static> {
    Line::from(Span::styled(
        s,
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    ))
}

/// The help's lines: the legend first (what is on screen), then the keys.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = vec![heading(tr!(lang, "屏幕上的标记", "Marks on screen"))];
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let legend: [(Span<'static>, String); 9] = [
        (
            Span::styled("F S L E", bold),
            tr!(
                lang,
                "电影放映、乐淘淘、微党课、其他活动（各有颜色）",
                "film screening, service day, lecture, other activity (each in its colour)"
            ),
        ),
        (
            Span::styled("!", style::error()),
            tr!(
                lang,
                "冲突：同一场地或同一主讲人同时有两项",
                "clash: one room or one speaker booked twice at once"
            ),
        ),
        (
            Span::styled("# *", bold),
            tr!(
                lang,
                "已记录 / 待补记录：近30天已举办、还没有记录（按 {} 记录）",
                "recorded / to record: held in the last 30 days, not recorded ({} records it)",
                app.keymap.label(Action::Record)
            ),
        ),
        (
            Span::styled("?", bold),
            tr!(
                lang,
                "日期落在法定假日，尚未决定是否暂停",
                "on a statutory day off, not yet decided"
            ),
        ),
        (
            Span::styled(tr!(lang, "休 班", "off/work"), bold),
            tr!(
                lang,
                "法定假日 / 调休上班日",
                "statutory day off / adjusted working day"
            ),
        ),
        (
            Span::styled(tr!(lang, "暂停", "skipped"), style::skipped()),
            tr!(
                lang,
                "划掉：这一次暂停（原因在详情里）",
                "struck through: skipped this time (reason in the details)"
            ),
        ),
        (
            Span::styled("<-", bold),
            tr!(
                lang,
                "改期：从别的日期移来（后面是原日期）",
                "moved here from the date after it"
            ),
        ),
        (
            Span::styled(tr!(lang, "紫卫", "Site"), bold),
            tr!(
                lang,
                "站点简称（显示多个站点时）：活动属于哪个站点",
                "site label (several sites shown): whose activity it is"
            ),
        ),
        (
            Span::styled("+N", bold),
            tr!(
                lang,
                "这一天还有 N 项没放下：选中它们时会滚动出来",
                "N more on this day: they scroll into view when selected"
            ),
        ),
    ];
    for (mark, meaning) in legend {
        let pad = 18usize.saturating_sub(text::width(&mark.content));
        lines.push(Line::from(vec![
            mark,
            Span::raw(" ".repeat(pad)),
            Span::raw(meaning),
        ]));
    }
    let sections = [
        (
            Scope::View,
            tr!(lang, "日历里的按键", "Keys in the calendar"),
        ),
        (
            Scope::Dialog,
            tr!(
                lang,
                "窗口里的按键（上下翻页同上）",
                "Keys in windows (moving as above)"
            ),
        ),
        (Scope::Merge, tr!(lang, "合并窗口", "The merge window")),
        (Scope::Print, tr!(lang, "打印预览", "The print preview")),
        (Scope::Sites, tr!(lang, "站点选择", "The site picker")),
        (
            Scope::History,
            tr!(lang, "历史记录窗口", "The history window"),
        ),
    ];
    for (scope, title) in sections {
        lines.push(Line::from(""));
        lines.push(heading(title));
        for a in Action::all().filter(|a| a.scope() == scope) {
            let (zh, en) = a.describe();
            lines.push(Line::from(vec![
                Span::styled(
                    text::pad(&app.keymap.labels(a), 18),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(lang.pick(zh, en)),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        tr!(
            lang,
            "按键可在 config.ron 的 keys 里修改；这里显示的总是当前有效的按键。",
            "Keys can be changed under keys: in config.ron; this screen always shows the keys in force."
        ),
        style::dim(),
    )));
    lines
}

impl Dialog for Help {
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        if input.closes() || matches!(input.action, Some(Action::Help | Action::Confirm)) {
            return Flow::Close;
        }
        let area = self.area(app, app.screen());
        // Stops at the end: the last line at the bottom of the window.
        let max = lines(app)
            .len()
            .saturating_sub(usize::from(area.height.saturating_sub(2)));
        self.scroll = scroll(self.scroll, input.action, max);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        match pointer(event, area) {
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                let max = lines(app)
                    .len()
                    .saturating_sub(usize::from(area.height.saturating_sub(2)));
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
        let inner = frame(
            buf,
            area,
            &tr!(
                app.lang,
                "帮助 ({} 关闭)",
                "Help ({} closes)",
                app.keymap.label(Action::Cancel)
            ),
        );
        let lines = lines(app);
        let max = lines.len().saturating_sub(usize::from(inner.height));
        let top = self.scroll.min(max);
        Paragraph::new(lines)
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
            .render(inner, buf);
    }

    crate::dialog_any!();
}

/// A scroll position moved by up/down (one line) and previous/next (a
/// page), kept within `0..=max`.
pub fn scroll(at: usize, action: Option<Action>, max: usize) -> usize {
    let page = 10;
    match action {
        Some(Action::Down) => (at + 1).min(max),
        Some(Action::Up) => at.saturating_sub(1),
        Some(Action::NextPage) => (at + page).min(max),
        Some(Action::PrevPage) => at.saturating_sub(page),
        _ => at.min(max),
    }
}
