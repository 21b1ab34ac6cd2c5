//! The catalogue: the film list and the lecture catalogue, each entry with
//! the dates it was or will be shown.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::style;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::{App, CatalogueTab};
use crate::tui::text;

/// One catalogue entry, ready to show.
pub struct Entry {
    pub id: String,
    pub title: String,
    pub facts: String,
    pub about: Option<String>,
    pub dates: Vec<chrono::NaiveDate>,
}

pub fn entries(app: &App) -> Vec<Entry> {
    let lang = app.lang;
    match app.catalogue_tab {
        CatalogueTab::Films => app.schedule.screenings.as_ref().map_or_else(Vec::new, |s| {
            s.films
                .iter()
                .map(|f| {
                    let mut dates: Vec<_> = s
                        .programme
                        .iter()
                        .filter(|p| p.film == f.id)
                        .map(|p| *p.date)
                        .collect();
                    dates.sort_unstable();
                    Entry {
                        id: f.id.clone(),
                        title: f.title.clone(),
                        facts: tr!(lang, "{}年，{}分钟", "{}, {} min", f.year, f.minutes),
                        about: f.note.clone(),
                        dates,
                    }
                })
                .collect()
        }),
        CatalogueTab::Lectures => app.schedule.lectures.as_ref().map_or_else(Vec::new, |l| {
            l.catalogue
                .iter()
                .map(|x| {
                    let mut dates: Vec<_> = l
                        .sessions
                        .iter()
                        .filter(|s| s.lecture == x.id)
                        .map(|s| *s.date)
                        .collect();
                    dates.sort_unstable();
                    let group = lang.pick(x.group.zh(), x.group.en());
                    Entry {
                        id: x.id.clone(),
                        title: x.title.clone(),
                        facts: tr!(
                            lang,
                            "主讲：{}（{group}），{}分钟",
                            "{} ({group}), {} min",
                            x.speaker,
                            x.minutes
                        ),
                        about: x.summary.clone(),
                        dates,
                    }
                })
                .collect()
        }),
    }
}

/// The catalogue's parts in `area`: its tabs, the list and the selected
/// entry's facts; `None` when it is too small to draw. Drawing and clicks
/// both use it.
fn parts(area: Rect) -> Option<[Rect; 3]> {
    if area.height < 3 || area.width < 10 {
        return None;
    }
    let [tabs, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let [left, right] = body.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Percentage(50),
    ]));
    Some([tabs, left, right])
}

/// The entry at a cell of the catalogue's `area` (its index): a row of the
/// list, scrolled as `render` scrolls it; the entry's facts beside the
/// list are not entries.
pub fn hit(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
    let [_, left, _] = parts(area)?;
    if !left.contains(ratatui::layout::Position::new(x, y)) {
        return None;
    }
    let h = usize::from(left.height);
    let top = app.catalogue_index.saturating_sub(h.saturating_sub(1));
    let i = top + usize::from(y - left.y);
    (i < entries(app).len()).then_some(i)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some([tabs, left, right]) = parts(area) else {
        return;
    };
    let lang = app.lang;
    let tab = |t: CatalogueTab, zh: &'static str, en: &'static str| {
        let label = format!(" {} ", lang.pick(zh, en));
        if app.catalogue_tab == t {
            Span::styled(label, style::selected())
        } else {
            Span::raw(label)
        }
    };
    Line::from(vec![
        tab(CatalogueTab::Films, "红色电影片单", "Films"),
        Span::raw(" "),
        tab(CatalogueTab::Lectures, "微党课目录", "Lectures"),
        Span::styled(
            {
                let (l, r) = (
                    app.keymap.label(Action::Left),
                    app.keymap.label(Action::Right),
                );
                tr!(lang, "  ({l}/{r} 切换)", "  ({l}/{r} to switch)")
            },
            style::dim(),
        ),
    ])
    .render(tabs, buf);
    let list = entries(app);
    let h = usize::from(left.height);
    let top = app.catalogue_index.saturating_sub(h.saturating_sub(1));
    let lw = usize::from(left.width.saturating_sub(1));
    for (k, e) in list.iter().enumerate().skip(top).take(h) {
        let y = left.y + (k - top) as u16;
        let count = e.dates.len();
        // The id in four columns or more, by display width.
        let id_fill = " ".repeat(4usize.saturating_sub(text::width(&e.id)));
        let mut s = format!("{}{id_fill}{} ", e.id, e.title);
        let tail = tr!(lang, "{count}次", "x{count}");
        let room = lw.saturating_sub(text::width(&tail) + 1);
        s = text::pad(&text::ellipsize(&s, room), room);
        let st = if k == app.catalogue_index {
            style::selected()
        } else {
            Style::new()
        };
        buf.set_string(left.x, y, format!("{s} {tail}"), st);
    }
    let Some(e) = list.get(app.catalogue_index) else {
        buf.set_string(
            right.x,
            right.y,
            lang.pick("（空）", "(empty)"),
            style::dim(),
        );
        return;
    };
    let mut lines = vec![
        Line::from(Span::styled(
            e.title.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(e.facts.clone()),
    ];
    if let Some(a) = &e.about {
        for l in text::wrap(a, usize::from(right.width.saturating_sub(2)).max(1)) {
            lines.push(Line::from(l));
        }
    }
    let label = match app.catalogue_tab {
        CatalogueTab::Films => lang.pick("放映日期：", "Screened on:"),
        CatalogueTab::Lectures => lang.pick("开课日期：", "Given on:"),
    };
    lines.push(Line::from(Span::styled(label.to_owned(), style::dim())));
    if e.dates.is_empty() {
        lines.push(Line::from(Span::styled(
            tr!(lang, "尚未安排", "not scheduled"),
            style::dim(),
        )));
    }
    for d in &e.dates {
        let past = *d < app.today;
        let s = format!("  {}", style::long_date(*d, lang));
        lines.push(Line::from(Span::styled(
            s,
            if past { style::dim() } else { Style::new() },
        )));
    }
    let lines: Vec<Line> = lines.into_iter().map(text::shown_line).collect();
    Paragraph::new(lines)
        .block(Block::new().borders(Borders::LEFT))
        .render(right, buf);
}
