//! Windows drawn over the view: help, details, go to date, search, filter
//! and the problems list.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::{catalogue, edit_overlays, form, style};
use crate::i18n::Lang;
use crate::model::Programme;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, View};
use crate::tui::text::{self, LineInput};

/// A centred rectangle of at most `w`×`h`, inside `area`.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Where each overlay sits, shared by drawing and cursor placement.
fn overlay_area(app: &App, overlay: &Overlay, area: Rect) -> Rect {
    let wide = area.width.saturating_sub(4).min(100);
    match overlay {
        Overlay::GoTo { .. } => centered(area, 44, 5),
        Overlay::Filter { .. } => centered(area, 30, 8),
        Overlay::Search { .. } => centered(area, wide, area.height.saturating_sub(2).min(20)),
        Overlay::Details => {
            // Room for the wrapped lines plus the border.
            let inner_w = usize::from(wide.saturating_sub(2)).max(1);
            let rows: usize = details_lines(app)
                .iter()
                .map(|l| {
                    let w: usize = l.spans.iter().map(|s| text::width(&s.content)).sum();
                    w.div_ceil(inner_w).max(1)
                })
                .sum();
            let h = u16::try_from(rows + 2).unwrap_or(u16::MAX).max(5);
            centered(area, wide, h.min(area.height.saturating_sub(2)))
        }
        Overlay::Help { .. } | Overlay::Problems { .. } => {
            centered(area, wide, area.height.saturating_sub(2))
        }
        // Drawn by edit_overlays, which places them itself.
        Overlay::AddMenu { .. }
        | Overlay::Form(_)
        | Overlay::Delete(_)
        | Overlay::Quit { .. }
        | Overlay::Merge(_)
        | Overlay::Print { .. }
        | Overlay::Restore(_)
        | Overlay::Sites { .. } => area,
    }
}

/// Clears the window's area, keeping its borders intact over Chinese text.
fn frame<'a>(buf: &mut Buffer, rect: Rect, title: String) -> (Rect, Block<'a>) {
    text::blank_wide_cells_at_edges(buf, rect);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .title_style(Style::new().add_modifier(Modifier::BOLD));
    (block.inner(rect), block)
}

pub fn render(app: &App, overlay: &Overlay, area: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::AddMenu { selected } => {
            return edit_overlays::render_add_menu(app, *selected, area, buf);
        }
        Overlay::Form(ef) => return form::render_form(app, ef, area, buf),
        Overlay::Delete(d) => return edit_overlays::render_delete(app, d, area, buf),
        Overlay::Quit { selected } => return edit_overlays::render_quit(app, *selected, area, buf),
        Overlay::Merge(m) => return edit_overlays::render_merge(app, m, area, buf),
        Overlay::Print { scroll } => return edit_overlays::render_print(app, *scroll, area, buf),
        Overlay::Restore(d) => return edit_overlays::render_restore(app, d, area, buf),
        Overlay::Sites { selected } => {
            return super::sites::render_picker(app, *selected, area, buf);
        }
        _ => {}
    }
    let rect = overlay_area(app, overlay, area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let lang = app.lang;
    let title = match overlay {
        Overlay::Help { .. } => lang.pick(" 帮助：按键 (Esc关闭) ", " Help: keys (Esc closes) "),
        Overlay::Details => lang.pick(" 详情 (Esc关闭) ", " Details (Esc closes) "),
        Overlay::GoTo { .. } => lang.pick(" 跳到日期 ", " Go to date "),
        Overlay::Search { .. } => lang.pick(
            " 搜索 (Enter跳转 Esc关闭) ",
            " Search (Enter jumps, Esc closes) ",
        ),
        Overlay::Filter { .. } => lang.pick(" 筛选 (空格切换) ", " Filter (Space toggles) "),
        Overlay::Problems { .. } => lang.pick(
            " 日程文件问题 (Esc关闭) ",
            " Problems in the files (Esc closes) ",
        ),
        _ => "",
    };
    let (inner, block) = frame(buf, rect, title.to_owned());
    block.render(rect, buf);
    match overlay {
        Overlay::Help { scroll } => {
            Paragraph::new(help_lines(app))
                .scroll((*scroll, 0))
                .render(inner, buf);
        }
        Overlay::Problems { scroll } => {
            Paragraph::new(problem_lines(app, usize::from(inner.width)))
                .scroll((*scroll, 0))
                .render(inner, buf);
        }
        Overlay::Details => {
            let lines = details_lines(app);
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }
        Overlay::GoTo { input, error } => {
            let prompt = lang.pick("日期：", "Date: ");
            buf.set_string(inner.x, inner.y, prompt, Style::new());
            let field_w = usize::from(inner.width).saturating_sub(text::width(prompt));
            let (shown, _) = input.visible(field_w);
            buf.set_string(
                inner.x + text::width(prompt) as u16,
                inner.y,
                shown,
                Style::new().add_modifier(Modifier::UNDERLINED),
            );
            let help = error.clone().unwrap_or_else(|| {
                lang.pick("如 2026-12-01、12-01、12月1日", "e.g. 2026-12-01 or 12-01")
                    .to_owned()
            });
            let st = if error.is_some() {
                style::error()
            } else {
                style::dim()
            };
            if inner.height > 1 {
                buf.set_string(
                    inner.x,
                    inner.y + 2.min(inner.height - 1),
                    text::ellipsize(&help, usize::from(inner.width)),
                    st,
                );
            }
        }
        Overlay::Search {
            input,
            results,
            selected,
        } => render_search(app, input, results, *selected, inner, buf),
        Overlay::Filter { selected } => {
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
                if i == *selected {
                    buf.set_style(Rect::new(inner.x, y, inner.width, 1), style::selected());
                }
            }
        }
        _ => {}
    }
}

fn render_search(
    app: &App,
    input: &LineInput,
    results: &[crate::model::Occurrence],
    selected: usize,
    inner: Rect,
    buf: &mut Buffer,
) {
    let lang = app.lang;
    let prompt = "/ ";
    buf.set_string(inner.x, inner.y, prompt, Style::new());
    let (shown, _) = input.visible(usize::from(inner.width).saturating_sub(2));
    buf.set_string(
        inner.x + 2,
        inner.y,
        shown,
        Style::new().add_modifier(Modifier::UNDERLINED),
    );
    if inner.height < 3 {
        return;
    }
    let count = match lang {
        Lang::Zh => format!("找到{}项", results.len()),
        Lang::En => format!("{} found", results.len()),
    };
    let count = if input.text().trim().is_empty() {
        lang.pick(
            "输入片名、课程、主讲人、主题…",
            "type a title, film, speaker, theme",
        )
        .replace('…', "")
    } else {
        count
    };
    buf.set_string(
        inner.x,
        inner.y + 1,
        text::ellipsize(&count, usize::from(inner.width)),
        style::dim(),
    );
    let h = usize::from(inner.height - 2);
    let top = selected.saturating_sub(h.saturating_sub(1));
    let w = usize::from(inner.width);
    for (k, o) in results.iter().enumerate().skip(top).take(h) {
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

/// The details window's lines, their text as shown (see [`crate::sanitize`]).
fn details_lines(app: &App) -> Vec<Line<'static>> {
    raw_details_lines(app)
        .into_iter()
        .map(text::shown_line)
        .collect()
}

fn raw_details_lines(app: &App) -> Vec<Line<'static>> {
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
        lines.push(Line::from(format!(
            "{}{}",
            lang.pick("日期：", "Dates: "),
            dates.join(", ")
        )));
        return lines;
    }
    app.selected_occurrence()
        .map(|o| {
            let mut lines = super::sites::detail_lines(app, o);
            if let Some(note) = app.conflict_note(o) {
                lines.insert(1, Line::from(Span::styled(note, style::error())));
            }
            lines
        })
        .unwrap_or_default()
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = Vec::new();
    for a in Action::all() {
        let keys: Vec<String> = app
            .keymap
            .keys_for(a)
            .iter()
            .map(crate::tui::keymap::Key::label)
            .collect();
        let (zh, en) = a.describe();
        let keys = text::pad(&keys.join(" "), 18);
        lines.push(Line::from(vec![
            Span::styled(keys, Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(lang.pick(zh, en).to_owned()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        lang.pick(
            "标记：F 电影放映  S 乐淘淘  L 微党课  E 活动",
            "Markers: F film  S service day  L lecture  E event",
        )
        .to_owned(),
        style::dim(),
    )));
    lines
}

fn problem_lines(app: &App, _w: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    if app.diagnostics.is_empty() {
        return vec![Line::from(
            lang.pick("没有发现问题", "no problems found").to_owned(),
        )];
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
                format!("{}{h}", lang.pick("提示：", "hint: ")),
                style::dim(),
            )));
        }
        lines.push(Line::from(""));
    }
    // Messages quote the files' text: shown, never raw.
    lines.into_iter().map(text::shown_line).collect()
}

pub fn cursor_position(app: &App, area: Rect) -> Option<Position> {
    let overlay = app.overlay.as_ref()?;
    match overlay {
        Overlay::Form(ef) => return form::form_cursor(app, ef, area),
        Overlay::Delete(d) => return edit_overlays::delete_cursor(app, d, area),
        _ => {}
    }
    let rect = overlay_area(app, overlay, area);
    if rect.width < 3 || rect.height < 3 {
        return None;
    }
    let inner = Block::new().borders(Borders::ALL).inner(rect);
    let (prefix, input) = match overlay {
        Overlay::GoTo { input, .. } => (text::width(app.lang.pick("日期：", "Date: ")), input),
        Overlay::Search { input, .. } => (2, input),
        _ => return None,
    };
    let field_w = usize::from(inner.width).saturating_sub(prefix);
    let (_, col) = input.visible(field_w);
    let x = (usize::from(inner.x) + prefix + col).min(usize::from(inner.right().saturating_sub(1)));
    Some(Position::new(x as u16, inner.y))
}
