//! The network's parts of the views: the site picker and the site in an
//! activity's details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{detail, style};
use crate::model::Occurrence;
use crate::tui::app::App;
use crate::tui::text;

/// The details of an activity, with its site in a network.
pub fn detail_lines(app: &App, o: &Occurrence) -> Vec<Line<'static>> {
    let mut lines = detail::lines(o, app.schedule_of(o.site), app.lang);
    if let (Some(name), Some(first)) = (app.site_name(o.site), lines.first_mut()) {
        first.spans.push(Span::raw("  "));
        first.spans.push(Span::styled(
            format!("@{}", text::shown(name)),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
    }
    lines
}

/// The site picker: every site with whether it is shown and which is active.
pub fn render_picker(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let Some(n) = &app.network else { return };
    let lang = app.lang;
    let hint = crate::tui::sites::picker_hint(&app.keymap, lang);
    let longest = n
        .sites
        .iter()
        .map(|s| text::width(&s.name))
        .max()
        .unwrap_or(0);
    let want_w = (longest + 16).max(text::width(&hint) + 4);
    let w = u16::try_from(want_w)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(2));
    let want_h = u16::try_from(n.sites.len() + 4).unwrap_or(u16::MAX);
    let h = want_h.min(area.height.saturating_sub(2));
    if w < 10 || h < 4 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    text::blank_wide_cells_at_edges(buf, rect);
    Clear.render(rect, buf);
    let title = format!(" {} {} ", text::shown(&n.name), lang.pick("站点", "sites"));
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .title_style(Style::new().add_modifier(Modifier::BOLD));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = usize::from(inner.height.saturating_sub(2));
    let top = selected.saturating_sub(rows.saturating_sub(1));
    let iw = usize::from(inner.width);
    for (k, (i, s)) in n.sites.iter().enumerate().skip(top).take(rows).enumerate() {
        let y = inner.y + k as u16;
        let mark = if n.shown.get(i).copied().unwrap_or(true) {
            "[x]"
        } else {
            "[ ]"
        };
        let active = if i == n.active {
            lang.pick(" 当前", " active")
        } else {
            ""
        };
        let line = format!("{mark} {} {}{active}", text::pad(&s.short, 4), s.name);
        let st = if i == selected {
            style::selected()
        } else if i == n.active {
            Style::new().add_modifier(Modifier::BOLD)
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
        buf.set_string(
            inner.x,
            inner.bottom() - 1,
            text::ellipsize(&hint, iw),
            style::dim(),
        );
    }
}
