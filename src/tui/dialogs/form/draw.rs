//! Edit forms as drawn: labelled fields, lists one item a row, the hint
//! line and the pick list; and where the real cursor goes (the caret's
//! display column, for the input method).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders};

use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialogs::{centered, frame, option_line};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::forms::EditForm;
use crate::tui::text::{self, LineInput};
use crate::tui::views::style;

/// Where one field is drawn.
struct FieldRows {
    /// Its first row.
    y: u16,
    /// Rows of value: 1, or a list's items and adding row shown.
    rows: u16,
    /// A list's first row shown (lists longer than the window scroll).
    first: usize,
    /// Whether a list is drawn one item a row (else on one line).
    expanded: bool,
}

/// Rows of a form: each field's rows, and the rows after them.
struct FormLayout {
    rect: Rect,
    inner: Rect,
    label_w: u16,
    fields: Vec<FieldRows>,
    /// The first row after the fields.
    after: u16,
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
    let width = area.width.saturating_sub(4).min(84);
    // The hint names every key: on two rows when one is too narrow.
    let hint_rows = hint_lines(app, form, usize::from(width.saturating_sub(2))).len() as u16;
    // Borders, a blank row and the hint.
    let fixed = 3 + hint_rows;
    let room = area.height.saturating_sub(extra + errors + fixed);
    let list_rows = |f: &Field| u16::try_from(f.list.rows()).unwrap_or(u16::MAX);
    let mut heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| if f.is_list() { list_rows(f) } else { 1 })
        .collect();
    let mut expanded: Vec<bool> = form.fields.iter().map(Field::is_list).collect();
    // Short of rows: the other lists go on one line, then the focused one scrolls.
    if heights.iter().sum::<u16>() > room {
        for (i, f) in form.fields.iter().enumerate() {
            if f.is_list() && i != form.focus {
                heights[i] = 1;
                expanded[i] = false;
            }
        }
    }
    let total: u16 = heights.iter().sum();
    if total > room
        && let Some(h) = heights.get_mut(form.focus)
    {
        *h = h.saturating_sub(total - room).max(1);
    }
    let h = heights.iter().sum::<u16>() + errors + extra + fixed;
    let rect = centered(area, width, h);
    let inner = Block::new().borders(Borders::ALL).inner(rect);
    let mut fields = Vec::new();
    let mut y = inner.y;
    for (i, f) in form.fields.iter().enumerate() {
        let rows = heights[i];
        let first = if i == form.focus && f.is_list() {
            f.list.row().saturating_sub(usize::from(rows) - 1)
        } else {
            0
        };
        fields.push(FieldRows {
            y,
            rows,
            first,
            expanded: expanded[i],
        });
        y += rows + u16::from(f.error.is_some());
    }
    FormLayout {
        rect,
        inner,
        label_w,
        fields,
        after: y,
    }
}

/// Draws a value underlined, at least 12 columns wide so an empty field shows.
fn draw_value(buf: &mut Buffer, x: u16, y: u16, value: &str, w: usize, focused: bool) {
    draw_value_styled(buf, x, y, value, w, focused, false);
}

/// A value, shown reversed when its whole text is selected (typing
/// replaces it).
fn draw_value_styled(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    value: &str,
    w: usize,
    focused: bool,
    selected: bool,
) {
    let mut style = if focused {
        Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    };
    if selected {
        style = style.add_modifier(Modifier::REVERSED);
    }
    buf.set_string(
        x,
        y,
        text::pad(value, w.min(text::width(value).max(12))),
        style,
    );
}

/// Draws a list field: one item a row after `- `, then the `+ ` row that
/// adds one; on one line when there is no room.
fn draw_list(
    app: &App,
    f: &Field,
    rows: &FieldRows,
    at: (u16, u16),
    w: usize,
    focused: bool,
    buf: &mut Buffer,
) {
    let (x, y) = at;
    if !rows.expanded {
        let joined = f
            .list
            .items()
            .map(LineInput::text)
            .collect::<Vec<_>>()
            .join(" | ");
        draw_value(buf, x, y, &text::ellipsize(&joined, w), w, false);
        return;
    }
    let item_w = w.saturating_sub(2);
    for k in 0..usize::from(rows.rows) {
        let j = rows.first + k;
        let row_y = y + k as u16;
        let here = focused && j == f.list.row();
        match f.list.items().nth(j) {
            Some(item) => {
                buf.set_string(x, row_y, "- ", style::dim());
                draw_value(buf, x + 2, row_y, &item.view(item_w, here).0, item_w, here);
            }
            None if j == f.list.len() => {
                buf.set_string(x, row_y, "+ ", style::dim());
                if here {
                    draw_value(buf, x + 2, row_y, "", item_w, true);
                } else {
                    let hint = app.lang.pick("（新增一项）", "(add an item)");
                    buf.set_string(x + 2, row_y, text::ellipsize(hint, item_w), style::dim());
                }
            }
            None => {}
        }
    }
}

/// The hint in at most two rows of `w` columns, broken between its parts.
fn hint_lines(app: &App, form: &Form, w: usize) -> Vec<String> {
    let hint = form_hint(app, form);
    if text::width(&hint) <= w {
        return vec![hint];
    }
    let parts: Vec<&str> = hint.split("  ").collect();
    let mut first = String::new();
    let mut k = 0;
    while k < parts.len() {
        let next = if first.is_empty() {
            parts[k].to_owned()
        } else {
            format!("{first}  {}", parts[k])
        };
        if text::width(&next) > w && !first.is_empty() {
            break;
        }
        first = next;
        k += 1;
    }
    vec![first, parts[k..].join("  ")]
}

/// What the form's last row says, with the keys in force: how to move and
/// confirm, and in a list how to add and remove items.
fn form_hint(app: &App, form: &Form) -> String {
    let k = |a| app.keymap.label(a);
    if form.fields.get(form.focus).is_some_and(Field::is_list) {
        tr!(
            app.lang,
            "{}/{} 换一项  在 + 行输入即新增  {} 删除此项  {} 下一栏  {} 确认  {} 取消",
            "{}/{} item  + row adds  {} deletes  {} next  {} confirm  {} cancel",
            k(Action::Up),
            k(Action::Down),
            k(Action::DeleteItem),
            k(Action::NextField),
            k(Action::Confirm),
            k(Action::Cancel)
        )
    } else {
        tr!(
            app.lang,
            "{} 下一项  {} 确认  {} 取消  {} 清空  {} 打开列表  左右 切换选项",
            "{} next  {} confirm  {} cancel  {} clear  {} list  Left/Right choose",
            k(Action::NextField),
            k(Action::Confirm),
            k(Action::Cancel),
            k(Action::ClearField),
            k(Action::Toggle)
        )
    }
}

pub fn render_form(app: &App, ef: &EditForm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let form = &ef.form;
    let l = form_layout(app, ef, area);
    if l.rect.width < 10 || l.rect.height < 4 {
        return;
    }
    let inner = frame(buf, l.rect, &form.title);
    let value_x = inner.x + l.label_w;
    let value_w = usize::from(inner.right().saturating_sub(value_x));
    for (i, (f, rows)) in form.fields.iter().zip(&l.fields).enumerate() {
        let y = rows.y;
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
        // A list cut to fit says under its label where in it the focus is.
        if f.is_list() && rows.rows >= 2 && usize::from(rows.rows) < f.list.rows() {
            let at = format!("{}/{}", f.list.row() + 1, f.list.rows());
            buf.set_string(inner.x, y + 1, at, style::dim());
        }
        match &f.kind {
            FieldKind::Choice(_) => {
                let shown = f.shown();
                let shown = if shown.is_empty() {
                    tr!(lang, "（未选择）", "(none)")
                } else {
                    shown
                };
                let value = format!("< {} >", text::ellipsize(&shown, value_w.saturating_sub(4)));
                draw_value(buf, value_x, y, &value, value_w, focused);
            }
            FieldKind::List => draw_list(app, f, rows, (value_x, y), value_w, focused, buf),
            _ => draw_value_styled(
                buf,
                value_x,
                y,
                // A field not being edited shows its start, not its end.
                &f.input.view(value_w, focused).0,
                value_w,
                focused,
                focused && f.input.is_selected(),
            ),
        }
        let error_y = y + rows.rows;
        if let Some(e) = &f.error
            && error_y < inner.bottom()
        {
            buf.set_string(
                value_x,
                error_y,
                text::ellipsize(e, value_w),
                style::error(),
            );
        }
    }
    draw_messages(app, form, inner, l.after, buf);
    let hint = hint_lines(app, form, usize::from(inner.width));
    for (k, line) in hint.iter().enumerate() {
        let from_bottom = (hint.len() - k) as u16;
        if inner.height >= from_bottom {
            buf.set_string(
                inner.x,
                inner.bottom() - from_bottom,
                text::ellipsize(line, usize::from(inner.width)),
                style::dim(),
            );
        }
    }
    if form.picker.is_some() {
        render_picker(app, form, area, buf);
    }
}

/// The form's own message and the conflicts a confirm found, from row `y`.
fn draw_messages(app: &App, form: &Form, inner: Rect, mut y: u16, buf: &mut Buffer) {
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
                &tr!(
                    app.lang,
                    "有冲突（仍可保存，再按 {} 确认）：",
                    "conflicts ({} again to keep anyway):",
                    app.keymap.label(Action::Confirm)
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
    // A window over the form: cleared here, its edges kept (ratatui #2526).
    text::blank_wide_cells_at_edges(buf, rect);
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, rect, buf);
    let inner = frame(
        buf,
        rect,
        &tr!(
            app.lang,
            "选择 (输入搜索  {} 选定  {} 返回)",
            "Choose (type to search, {} takes, {} back)",
            app.keymap.label(Action::Confirm),
            app.keymap.label(Action::Cancel)
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

/// What a click at a cell of the form is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormHit {
    /// Field `field`, on its `row`-th row shown (a list's item or its adding
    /// row), `col` columns into its value (`None` on its label).
    Field {
        field: usize,
        row: usize,
        col: Option<usize>,
    },
    /// Entry `k` (counted among the matches) of the open pick list.
    Pick(usize),
    /// Inside the form or the pick list, on nothing that takes a click.
    Nothing,
    /// Outside the form (and outside its pick list).
    Outside,
}

/// What is at `(x, y)` on a screen of `area`, laid out as it is drawn.
pub fn hit(app: &App, ef: &EditForm, area: Rect, x: u16, y: u16) -> FormHit {
    let at = Position::new(x, y);
    let form = &ef.form;
    if let Some((picker, _)) = form.picker_options() {
        let rect = picker_area(area);
        if !rect.contains(at) {
            return FormHit::Outside;
        }
        let inner = Block::new().borders(Borders::ALL).inner(rect);
        let h = usize::from(inner.height.saturating_sub(1));
        let top = picker.selected.saturating_sub(h.saturating_sub(1));
        // As `render_picker` draws it: nothing when too small, rows inside the border.
        let drawn = rect.width >= 6 && rect.height >= 4;
        if drawn && y > inner.y && y < inner.bottom() && x >= inner.x && x < inner.right() {
            let k = top + usize::from(y - inner.y - 1);
            if k < picker.matches.len() {
                return FormHit::Pick(k);
            }
        }
        return FormHit::Nothing;
    }
    let l = form_layout(app, ef, area);
    if !l.rect.contains(at) {
        return FormHit::Outside;
    }
    // Only what `render_form` draws takes a click: not its border, not a
    // field pushed below the bottom, nothing when it is too small to draw.
    if l.rect.width < 10 || l.rect.height < 4 || !l.inner.contains(at) {
        return FormHit::Nothing;
    }
    let value_x = l.inner.x + l.label_w;
    let value_w = usize::from(l.inner.right().saturating_sub(value_x));
    for (field, (rows, f)) in l.fields.iter().zip(&form.fields).enumerate() {
        if y >= rows.y && y < rows.y + rows.rows {
            let row = rows.first + usize::from(y - rows.y);
            let focused = field == form.focus;
            let col = (x >= value_x)
                .then(|| value_column(f, focused, row, usize::from(x - value_x), value_w));
            return FormHit::Field { field, row, col };
        }
    }
    FormHit::Nothing
}

/// The column into a field's text under column `c` of its value as
/// `render_form` draws it: a long text is shown scrolled (`‹` first), so
/// the same screen column is another place in the text. A list item's
/// column counts its `- ` too.
fn value_column(f: &Field, focused: bool, row: usize, c: usize, value_w: usize) -> usize {
    match &f.kind {
        FieldKind::Choice(_) => c,
        FieldKind::List => match (c.checked_sub(2), f.list.items().nth(row)) {
            (Some(k), Some(item)) => {
                let here = focused && row == f.list.row();
                2 + item.column_at(value_w.saturating_sub(2), here, k)
            }
            _ => c,
        },
        _ => f.input.column_at(value_w, focused, c),
    }
}

/// Where the form is drawn on a screen of `area`.
pub fn form_rect(app: &App, ef: &EditForm, area: Rect) -> Rect {
    form_layout(app, ef, area).rect
}

/// The caret of the focused text field or list item, or of the open pick list.
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
    let rows = l.fields.get(form.focus)?;
    if f.is_choice() || l.rect.width < 10 || l.rect.height < 4 {
        return None;
    }
    let value_x = l.inner.x + l.label_w;
    let value_w = usize::from(l.inner.right().saturating_sub(value_x));
    let (x, y, col) = if f.is_list() {
        // The focused item's row, after its `- ` (or the `+ ` row's).
        let k = f.list.row().checked_sub(rows.first)?;
        let col = f
            .list
            .current()
            .map_or(0, |item| item.visible(value_w.saturating_sub(2)).1);
        (value_x + 2, rows.y + u16::try_from(k).ok()?, col)
    } else {
        (value_x, rows.y, f.input.visible(value_w).1)
    };
    if y >= l.inner.bottom() || y >= rows.y + rows.rows {
        return None;
    }
    Some(Position::new(
        (x + col as u16).min(l.inner.right().saturating_sub(1)),
        y,
    ))
}
