//! The editing windows: add menu, forms with their pick lists, the
//! delete-or-skip dialog, quitting with unsaved changes, and merge choices.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::style;
use crate::i18n::Lang;
use crate::tui::app::{App, MergeDialog};
use crate::tui::editing::{AddChoice, DeleteDialog, QUIT_OPTIONS};
use crate::tui::form::{FieldKind, Form};
use crate::tui::forms::EditForm;
use crate::tui::text;

use super::overlays::centered;

/// Draws a bordered window, keeping its border whole over Chinese text.
fn window(buf: &mut Buffer, rect: Rect, title: &str) -> Rect {
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

fn option_line(selected: bool, label: &str, w: usize) -> (String, Style) {
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

// ----- forms -----

/// Rows of a form: each field's row, and the rows after them.
struct FormLayout {
    rect: Rect,
    inner: Rect,
    label_w: u16,
    rows: Vec<u16>,
}

fn form_layout(app: &App, ef: &EditForm, area: Rect) -> FormLayout {
    let form = &ef.form;
    let lang = app.lang;
    let label_w = form
        .fields
        .iter()
        .map(|f| text::width(f.label(lang)))
        .max()
        .unwrap_or(4) as u16
        + 2;
    let extra = u16::from(form.message.is_some())
        + form.warnings.len() as u16
        + u16::from(!form.warnings.is_empty());
    let errors = form.fields.iter().filter(|f| f.error.is_some()).count() as u16;
    let h = form.fields.len() as u16 + errors + extra + 4;
    let rect = centered(area, area.width.saturating_sub(4).min(84), h);
    let inner = Block::new().borders(Borders::ALL).inner(rect);
    let mut rows = Vec::new();
    let mut y = inner.y;
    for f in &form.fields {
        rows.push(y);
        y += 1 + u16::from(f.error.is_some());
    }
    FormLayout {
        rect,
        inner,
        label_w,
        rows,
    }
}

pub fn render_form(app: &App, ef: &EditForm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let form = &ef.form;
    let l = form_layout(app, ef, area);
    if l.rect.width < 10 || l.rect.height < 4 {
        return;
    }
    let inner = window(buf, l.rect, &form.title);
    let value_x = inner.x + l.label_w;
    let value_w = usize::from(inner.right().saturating_sub(value_x));
    for (i, f) in form.fields.iter().enumerate() {
        let y = l.rows[i];
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let mut label = f.label(lang).to_owned();
        if f.required {
            label.push('*');
        }
        let label_style = if focused {
            style::selected()
        } else {
            style::dim()
        };
        buf.set_string(
            inner.x,
            y,
            text::pad(&label, usize::from(l.label_w.saturating_sub(1))),
            label_style,
        );
        let value = match &f.kind {
            FieldKind::Choice(_) => {
                let shown = f.shown();
                let shown = if shown.is_empty() {
                    lang.pick("（未选择）", "(none)").to_owned()
                } else {
                    shown
                };
                format!("< {} >", text::ellipsize(&shown, value_w.saturating_sub(4)))
            }
            _ => f.input.visible(value_w).0.into_owned(),
        };
        let vstyle = if focused {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        };
        buf.set_string(
            value_x,
            y,
            text::pad(&value, value_w.min(text::width(&value).max(12))),
            vstyle,
        );
        if let Some(e) = &f.error
            && y + 1 < inner.bottom()
        {
            buf.set_string(value_x, y + 1, text::ellipsize(e, value_w), style::error());
        }
    }
    let mut y = l.rows.last().map_or(inner.y, |r| {
        r + 1 + u16::from(form.fields.last().is_some_and(|f| f.error.is_some()))
    });
    if let Some(m) = &form.message
        && y < inner.bottom()
    {
        buf.set_string(
            inner.x,
            y,
            text::ellipsize(m, usize::from(inner.width)),
            style::error(),
        );
        y += 1;
    }
    if !form.warnings.is_empty() && y < inner.bottom() {
        buf.set_string(
            inner.x,
            y,
            text::ellipsize(
                lang.pick(
                    "有冲突（仍可保存，再按 Enter 确认）：",
                    "conflicts (Enter again to keep anyway):",
                ),
                usize::from(inner.width),
            ),
            style::error(),
        );
        y += 1;
        for w in &form.warnings {
            if y >= inner.bottom() {
                break;
            }
            buf.set_string(
                inner.x,
                y,
                text::ellipsize(&format!("  {w}"), usize::from(inner.width)),
                style::error(),
            );
            y += 1;
        }
    }
    let hint = lang.pick(
        "Tab 下一项  Enter 确认  Esc 取消  空格 打开列表  左右 切换选项",
        "Tab next  Enter confirm  Esc cancel  Space list  Left/Right choose",
    );
    if inner.height > 0 {
        buf.set_string(
            inner.x,
            inner.bottom() - 1,
            text::ellipsize(hint, usize::from(inner.width)),
            style::dim(),
        );
    }
    if form.picker.is_some() {
        render_picker(app, form, area, buf);
    }
}

fn picker_area(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(8).min(76),
        area.height.saturating_sub(4).min(16),
    )
}

fn render_picker(app: &App, form: &Form, area: Rect, buf: &mut Buffer) {
    let Some((picker, options)) = form.picker_options() else {
        return;
    };
    let rect = picker_area(area);
    if rect.width < 6 || rect.height < 4 {
        return;
    }
    let inner = window(
        buf,
        rect,
        app.lang.pick(
            "选择 (输入搜索 Enter选定 Esc返回)",
            "Choose (type to search, Enter, Esc)",
        ),
    );
    let w = usize::from(inner.width);
    buf.set_string(inner.x, inner.y, "/ ", Style::new());
    buf.set_string(
        inner.x + 2,
        inner.y,
        picker.input.visible(w.saturating_sub(2)).0,
        Style::new().add_modifier(Modifier::UNDERLINED),
    );
    let h = usize::from(inner.height.saturating_sub(1));
    let top = picker.selected.saturating_sub(h.saturating_sub(1));
    for (k, idx) in picker.matches.iter().enumerate().skip(top).take(h) {
        let y = inner.y + 1 + (k - top) as u16;
        let label = options.get(*idx).map_or("", |c| c.label.as_str());
        let (s, st) = option_line(k == picker.selected, label, w);
        buf.set_string(inner.x, y, s, st);
    }
    if picker.matches.is_empty() && inner.height > 1 {
        buf.set_string(
            inner.x,
            inner.y + 1,
            app.lang.pick("没有匹配的项", "no match"),
            style::dim(),
        );
    }
}

/// The caret of the focused text field, or of the open pick list.
pub fn form_cursor(app: &App, ef: &EditForm, area: Rect) -> Option<Position> {
    let form = &ef.form;
    if let Some((picker, _)) = form.picker_options() {
        let rect = picker_area(area);
        let inner = Block::new().borders(Borders::ALL).inner(rect);
        let (_, col) = picker
            .input
            .visible(usize::from(inner.width).saturating_sub(2));
        return Some(Position::new(
            (inner.x + 2 + col as u16).min(inner.right().saturating_sub(1)),
            inner.y,
        ));
    }
    let l = form_layout(app, ef, area);
    let f = form.fields.get(form.focus)?;
    if f.is_choice() || l.rect.width < 10 || l.rect.height < 4 {
        return None;
    }
    let y = *l.rows.get(form.focus)?;
    if y >= l.inner.bottom() {
        return None;
    }
    let value_x = l.inner.x + l.label_w;
    let value_w = usize::from(l.inner.right().saturating_sub(value_x));
    let (_, col) = f.input.visible(value_w);
    Some(Position::new(
        (value_x + col as u16).min(l.inner.right().saturating_sub(1)),
        y,
    ))
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
