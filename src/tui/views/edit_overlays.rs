//! The editing windows: add menu, the delete-or-skip dialog, quitting with
//! unsaved changes, and merge choices (forms are in [`super::form`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::style;
use crate::i18n::Lang;
use crate::tui::app::{App, MergeDialog};
use crate::tui::editing::{AddChoice, DeleteDialog, QUIT_OPTIONS};
use crate::tui::text;

use super::overlays::centered;

/// Draws a bordered window, keeping its border whole over Chinese text.
pub(super) fn window(buf: &mut Buffer, rect: Rect, title: &str) -> Rect {
    text::blank_wide_cells_at_edges(buf, rect);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {} ", text::shown(title)))
        .title_style(Style::new().add_modifier(Modifier::BOLD));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

pub(super) fn option_line(selected: bool, label: &str, w: usize) -> (String, Style) {
    let s = format!("{} {label}", if selected { ">" } else { " " });
    (
        text::pad(&text::ellipsize(&s, w), w),
        if selected {
            style::selected()
        } else {
            Style::new()
        },
    )
}

// ----- add menu -----

pub fn add_menu_area(area: Rect) -> Rect {
    centered(area, 52, AddChoice::ALL.len() as u16 + 4)
}

pub fn render_add_menu(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rect = add_menu_area(area);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    let inner = window(
        buf,
        rect,
        lang.pick("新增什么？(Enter选择 Esc取消)", "Add what? (Enter, Esc)"),
    );
    let w = usize::from(inner.width);
    for (i, c) in AddChoice::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let (s, st) = option_line(i == selected, &format!("{} {}", i + 1, c.label(lang)), w);
        buf.set_string(inner.x, y, s, st);
    }
}

// ----- delete or skip -----

fn delete_area(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4).min(80), 9)
}

pub fn render_delete(app: &App, d: &DeleteDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rect = delete_area(area);
    if rect.width < 6 || rect.height < 4 {
        return;
    }
    let inner = window(buf, rect, &d.title);
    let w = usize::from(inner.width);
    let mut y = inner.y;
    for (i, o) in d.options.iter().enumerate() {
        let (s, st) = option_line(i == d.choice, o, w);
        buf.set_string(inner.x, y, s, st);
        y += 1;
    }
    if d.asks_reason() && d.choice == 0 {
        let label = lang.pick("  原因：", "  Reason: ");
        buf.set_string(inner.x, y, label, style::dim());
        let x = inner.x + text::width(label) as u16;
        if d.reason.text().is_empty() {
            buf.set_string(
                x,
                y,
                lang.pick("（留空即写 暂停）", "(empty: cancelled)"),
                style::dim(),
            );
        } else {
            let shown = d.reason.visible(w.saturating_sub(text::width(label))).0;
            buf.set_string(x, y, shown, Style::new().add_modifier(Modifier::UNDERLINED));
        }
    }
    y += 2;
    let (msg, st) = if d.confirming {
        (
            lang.pick(
                "确定要删除整个系列吗？按 y 确认，其他键取消",
                "Really end the whole series? y to confirm, any other key to go back",
            ),
            style::error(),
        )
    } else {
        (
            lang.pick(
                "Enter 确认（默认仅这一次）  上下 选择  Esc 取消",
                "Enter confirms (default: this date only)  Up/Down choose  Esc cancel",
            ),
            style::dim(),
        )
    };
    if y < inner.bottom() {
        buf.set_string(inner.x, y, text::ellipsize(msg, w), st);
    }
}

pub fn delete_cursor(app: &App, d: &DeleteDialog, area: Rect) -> Option<Position> {
    if !(d.asks_reason() && d.choice == 0) || d.confirming {
        return None;
    }
    let rect = delete_area(area);
    if rect.width < 6 || rect.height < 4 {
        return None;
    }
    let inner = Block::new().borders(Borders::ALL).inner(rect);
    let label_w = text::width(app.lang.pick("  原因：", "  Reason: "));
    let (_, col) = d
        .reason
        .visible(usize::from(inner.width).saturating_sub(label_w));
    let y = inner.y + d.options.len() as u16;
    (y < inner.bottom()).then(|| {
        Position::new(
            (inner.x + (label_w + col) as u16).min(inner.right().saturating_sub(1)),
            y,
        )
    })
}

// ----- quit -----

pub fn render_quit(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rect = centered(area, 48, QUIT_OPTIONS as u16 + 4);
    if rect.width < 6 || rect.height < 4 {
        return;
    }
    let inner = window(buf, rect, lang.pick("有未保存的修改", "Unsaved changes"));
    let options = [
        lang.pick("保存并退出", "save and quit"),
        lang.pick("不保存，放弃修改并退出", "discard the changes and quit"),
        lang.pick("返回继续编辑", "stay"),
    ];
    let w = usize::from(inner.width);
    for (i, o) in options.iter().enumerate() {
        let (s, st) = option_line(i == selected, o, w);
        buf.set_string(inner.x, inner.y + i as u16, s, st);
    }
}

// ----- merge -----

pub fn render_merge(app: &App, m: &MergeDialog, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2).min(18),
    );
    if rect.width < 10 || rect.height < 5 {
        return;
    }
    let i = m.take_mine.len();
    let title = match lang {
        Lang::Zh => format!(
            "{} 两边都改了 ({}/{})",
            m.part.file_name(),
            i + 1,
            m.conflicts.len()
        ),
        Lang::En => format!(
            "{} changed on both sides ({}/{})",
            m.part.file_name(),
            i + 1,
            m.conflicts.len()
        ),
    };
    let inner = window(buf, rect, &title);
    let Some(c) = m.conflicts.get(i) else { return };
    let show = |v: &Option<serde_json::Value>| match v {
        Some(v) => ron::to_string(v).unwrap_or_default(),
        None => lang.pick("（已删除）", "(deleted)").to_owned(),
    };
    let lines = vec![
        Line::from(Span::styled(
            c.path.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(
            lang.pick("m 你的修改：", "m yours:").to_owned(),
            style::dim(),
        )),
        Line::from(show(&c.mine)),
        Line::from(Span::styled(
            lang.pick(
                "t 文件中的（别处的修改）：",
                "t on disk (changed elsewhere):",
            )
            .to_owned(),
            style::dim(),
        )),
        Line::from(show(&c.theirs)),
        Line::from(""),
        Line::from(Span::styled(
            lang.pick(
                "m 保留你的  t 用文件中的  Esc 暂不保存",
                "m keep yours  t take the file's  Esc don't save now",
            )
            .to_owned(),
            style::dim(),
        )),
    ];
    let lines: Vec<Line> = lines.into_iter().map(text::shown_line).collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

// ----- print preview -----

pub fn render_print(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(100),
        area.height.saturating_sub(2),
    );
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    let inner = window(
        buf,
        rect,
        lang.pick("打印预览：本周", "Print preview: this week"),
    );
    let body = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let text =
        crate::print::text::render(&app.print_sheet(), Some(usize::from(body.width).max(30)));
    let lines: Vec<Line> = text
        .lines()
        .map(|l| Line::from(text::shown(l).into_owned()))
        .collect();
    Paragraph::new(lines).scroll((scroll, 0)).render(body, buf);
    let hint = lang.pick(
        "Enter/h 写出网页并用浏览器打开  t 写出文本  i 写出日历文件  上下 滚动  Esc 关闭",
        "Enter/h HTML in the browser  t text file  i calendar file  Up/Down scroll  Esc close",
    );
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        text::ellipsize(hint, usize::from(inner.width)),
        style::dim(),
    );
}

// ----- restore unsaved edits -----

pub fn render_restore(
    app: &App,
    d: &crate::tui::recovery::RestoreDialog,
    area: Rect,
    buf: &mut Buffer,
) {
    use crate::tui::recovery::RESTORE_OPTIONS;
    let lang = app.lang;
    let rect = centered(area, 64, RESTORE_OPTIONS as u16 + 5);
    if rect.width < 10 || rect.height < 5 {
        return;
    }
    let inner = window(
        buf,
        rect,
        lang.pick("上次有未保存的修改", "Unsaved edits from last time"),
    );
    let w = usize::from(inner.width);
    let files = d.journal.files().join(", ");
    let why = match (d.journal.reason.as_str(), lang) {
        ("SIGHUP", Lang::Zh) => "终端窗口被关闭",
        ("SIGTERM", Lang::Zh) => "程序被结束",
        ("panic", Lang::Zh) => "程序出错",
        (_, Lang::Zh) => "终端连接中断",
        ("SIGHUP", Lang::En) => "the terminal window was closed",
        ("SIGTERM", Lang::En) => "the program was stopped",
        ("panic", Lang::En) => "the program failed",
        (_, Lang::En) => "the terminal went away",
    };
    let about = match lang {
        Lang::Zh => vec![
            format!("{} {why}", d.journal.written),
            format!("这些文件的修改没有保存：{files}"),
        ],
        Lang::En => vec![
            format!("{} {why}", d.journal.written),
            format!("with unsaved edits to {files}"),
        ],
    };
    let mut y = inner.y;
    for line in about {
        if y >= inner.bottom() {
            return;
        }
        buf.set_string(inner.x, y, text::ellipsize(&line, w), style::dim());
        y += 1;
    }
    y += 1;
    let options = [
        lang.pick(
            "恢复这些修改（之后按 Ctrl-s 保存）",
            "restore them (then Ctrl-s saves)",
        ),
        lang.pick("丢弃这些修改", "discard them"),
        lang.pick(
            "稍后再说（保留恢复文件）",
            "decide later (keep the recovery file)",
        ),
    ];
    for (i, o) in options.iter().enumerate() {
        if y >= inner.bottom() {
            return;
        }
        let (s, st) = option_line(i == d.selected, o, w);
        buf.set_string(inner.x, y, s, st);
        y += 1;
    }
}
