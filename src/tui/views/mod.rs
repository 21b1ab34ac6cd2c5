//! Drawing: a read-only function of [`App`]. Nothing here changes state.

mod agenda;
pub(crate) mod catalogue;
mod detail;
mod holiday;
mod lunar;
mod month;
mod record;
pub(crate) mod sites;
mod stats;
pub(crate) mod style;
mod theme;
mod week;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::app::{App, View};
use crate::i18n::Lang;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::text;

/// The detail pane is shown when the terminal has at least this many rows.
const DETAIL_PANE_MIN_HEIGHT: u16 = 20;
/// The detail pane's height: a quarter of the screen, 6 to 12 rows.
const DETAIL_PANE_HEIGHT: (u16, u16) = (6, 12);

/// The screen's parts: header, the view's body, the detail pane (empty
/// when there is no room for it) and the status line. Drawing and mouse
/// clicks both use it.
pub fn areas(app: &App, area: Rect) -> [Rect; 4] {
    let show_pane =
        area.height >= DETAIL_PANE_MIN_HEIGHT && !matches!(app.view, View::Catalogue | View::Stats);
    let (least, most) = DETAIL_PANE_HEIGHT;
    let pane_h = if show_pane {
        (area.height / 4).clamp(least, most)
    } else {
        0
    };
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(pane_h),
        Constraint::Length(1),
    ]))
}

/// What a click on the calendar's screen is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// A view's tab in the header.
    Tab(View),
    /// A day, and one of its activities (its index in the day).
    Day(chrono::NaiveDate, Option<usize>),
    /// An entry of the catalogue.
    Entry(usize),
    /// The detail pane.
    Pane,
    /// The problems count in the status line.
    Problems,
}

/// What is at `(x, y)` on a screen of `area`, as it is drawn.
pub fn spot(app: &App, area: Rect, x: u16, y: u16) -> Option<Spot> {
    let [header, body, pane, status] = areas(app, area);
    let at = Position::new(x, y);
    if header.contains(at) {
        return tab_at(app, header, x).map(Spot::Tab);
    }
    if pane.contains(at) {
        return Some(Spot::Pane);
    }
    if status.contains(at) {
        return (!app.diagnostics.is_empty() && x < status.x + status.width / 2)
            .then_some(Spot::Problems);
    }
    if !body.contains(at) {
        return None;
    }
    match app.view {
        View::Week => week::hit(app, body, x, y).map(|(d, i)| Spot::Day(d, i)),
        View::Month => month::hit(app, body, x, y).map(|(d, i)| Spot::Day(d, i)),
        View::Agenda => agenda::hit(app, body, y).map(|(d, i)| Spot::Day(d, Some(i))),
        View::Catalogue => catalogue::hit(app, body, x, y).map(Spot::Entry),
        View::Stats => None,
    }
}

/// The view tabs at the header's right: `(view, first column, width)`.
fn tabs(app: &App, header: Rect) -> Vec<(View, u16, u16)> {
    let labels: Vec<(View, String)> = View::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| (*v, format!("{}{}", i + 1, v.label(app.lang))))
        .collect();
    let total: usize = labels.iter().map(|(_, l)| 1 + text::width(l)).sum();
    let mut x = header.x + header.width.saturating_sub(total as u16);
    labels
        .into_iter()
        .map(|(v, l)| {
            let w = text::width(&l) as u16;
            let tab = (v, x + 1, w);
            x += w + 1;
            tab
        })
        .collect()
}

fn tab_at(app: &App, header: Rect, x: u16) -> Option<View> {
    tabs(app, header)
        .into_iter()
        .find(|(_, from, w)| x >= *from && x < from + w)
        .map(|(v, _, _)| v)
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [header, body, pane, status] = areas(self, area);
        let show_pane = pane.height > 0;
        render_header(self, header, buf);
        match self.view {
            View::Week => week::render(self, body, buf),
            View::Month => month::render(self, body, buf),
            View::Agenda => agenda::render(self, body, buf),
            View::Catalogue => catalogue::render(self, body, buf),
            View::Stats => stats::render(self, body, buf),
        }
        if show_pane {
            render_pane(self, pane, buf);
        }
        render_status(self, status, buf);
        for dialog in self.dialogs() {
            let rect = dialog.area(self, area).intersection(area);
            if rect.width < 3 || rect.height < 3 {
                continue;
            }
            // Keep its borders whole over Chinese text (ratatui #2526).
            text::blank_wide_cells_at_edges(buf, rect);
            Clear.render(rect, buf);
            dialog.render(self, rect, buf);
        }
        theme::apply(self.theme, area, buf);
    }
}

/// The activity's title, or what stands in for one not decided yet.
pub fn occurrence_title(o: &crate::model::Occurrence, lang: Lang) -> String {
    style::title(o, lang)
}

/// Where the terminal's real cursor goes: at the caret of an open text
/// field, so an input method's candidate window appears there.
pub fn cursor_position(app: &App, area: Rect) -> Option<Position> {
    let top = app.dialogs().last()?;
    let rect = top.area(app, area).intersection(area);
    if rect.width < 3 || rect.height < 3 {
        return None;
    }
    top.cursor(app, rect).filter(|p| area.contains(*p))
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let name = app.header_name();
    let name = if name.is_empty() { "stationcal" } else { &name };
    let when = match app.view {
        View::Week => {
            let w = app.week();
            let week_no = app.week_number();
            let same_month = w.first.month() == w.last.month();
            let (year, month, day) = (w.first.year(), w.first.month(), w.first.day());
            let (last_month, last_day) = (w.last.month(), w.last.day());
            let last = w.last.format("%-d %b %Y");
            if same_month {
                tr!(
                    lang,
                    "{year}年{month}月{day}日-{last_day}日 第{week_no}周",
                    "{day}-{last} W{week_no}"
                )
            } else {
                let first = w.first.format("%-d %b");
                tr!(
                    lang,
                    "{year}年{month}月{day}日-{last_month}月{last_day}日 第{week_no}周",
                    "{first}-{last} W{week_no}"
                )
            }
        }
        View::Month => month::heading(app),
        View::Agenda => tr!(
            lang,
            "{}起60天",
            "60 days from {}",
            style::short_date(app.agenda_from, lang)
        ),
        View::Catalogue => String::new(),
        View::Stats => app.stats_period().label(lang),
    };
    let mut tabs = Vec::new();
    for (i, v) in View::ALL.iter().enumerate() {
        let label = format!("{}{}", i + 1, v.label(lang));
        tabs.push(Span::raw(" "));
        tabs.push(if *v == app.view {
            Span::styled(label, style::selected())
        } else {
            Span::styled(label, style::dim())
        });
    }
    let tabs_w: usize = tabs.iter().map(|s| text::width(&s.content)).sum();
    let w = usize::from(area.width);
    let left_room = w.saturating_sub(tabs_w + 1);
    let mut marks = String::new();
    if app.read_only.is_some() {
        marks.push_str(lang.pick("[只读] ", "[read-only] "));
    }
    if app.is_dirty() {
        marks.push_str(lang.pick("[未保存] ", "[unsaved] "));
    }
    // The filter mark goes first so a long title can never hide it.
    if app.shown.iter().any(|s| !s) {
        marks.push_str(lang.pick("[已筛选] ", "[filtered] "));
    }
    let when = if when.is_empty() {
        when
    } else {
        format!("  {when}")
    };
    // The name gives way first: the marks and the dates are what change as
    // staff work (`[未保存]` must not push the week number off at 80
    // columns); with no room for even a little of the name, all is cut.
    let fixed = text::width(&marks) + text::width(&when);
    let name = if fixed + text::width(name) > left_room && fixed + 4 <= left_room {
        text::ellipsize(name, left_room - fixed)
    } else {
        name.to_owned()
    };
    let left = text::ellipsize(&format!("{marks}{name}{when}"), left_room);
    buf.set_string(
        area.x,
        area.y,
        &left,
        Style::new().add_modifier(Modifier::BOLD),
    );
    if tabs_w < w {
        let x = area.x + (w - tabs_w) as u16;
        buf.set_line(x, area.y, &Line::from(tabs), tabs_w as u16);
    }
}

fn render_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let block = Block::new()
        .borders(Borders::TOP)
        .title(lang.pick(" 详情 ", " Details "));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = if let Some(o) = app.selected_occurrence() {
        let mut lines = sites::detail_lines(app, o);
        if let Some(note) = app.conflict_note(o) {
            lines.insert(1, Line::from(Span::styled(note, style::error())));
        }
        lines
    } else {
        let mut lines = vec![Line::from(Span::styled(
            format!(
                "{}  {}",
                holiday::day_line(app),
                lang.pick("没有活动", "nothing scheduled")
            ),
            style::dim(),
        ))];
        lines.extend(
            lunar::describe(app, app.cursor).map(|l| Line::from(Span::styled(l, style::dim()))),
        );
        lines
    };
    // Wrapped by display width; what does not fit is said, with the key
    // that shows it all (the details window scrolls).
    let mut lines = text::wrap_lines(&lines, usize::from(inner.width));
    let h = usize::from(inner.height);
    if lines.len() > h && h > 0 {
        let total = lines.len();
        lines.truncate(h - 1);
        // A list's heading (`服务:`) whose items are all below is left
        // for the details window too, not shown alone above the cut.
        while lines.len() > 1 && ends_with_colon(lines.last()) {
            lines.pop();
        }
        let more = total - lines.len();
        let key = app.keymap.label(crate::tui::action::Action::Details);
        lines.push(Line::from(Span::styled(
            text::ellipsize(
                &tr!(
                    lang,
                    "..下面还有 {more} 行：按 {key} 查看全部",
                    "..{more} more lines: {key} shows them all"
                ),
                usize::from(inner.width),
            ),
            style::dim(),
        )));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Whether a drawn line ends with a colon: a label still waiting for its value.
fn ends_with_colon(line: Option<&Line>) -> bool {
    line.is_some_and(|l| {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        text.trim_end().ends_with([':', '：'])
    })
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let w = usize::from(area.width);
    let k = |a: Action| app.keymap.label(a);
    let hints = tr!(
        lang,
        "{}帮助 {}搜索 {}日期 {}退出",
        "{} help {} search {} date {} quit",
        k(Action::Help),
        k(Action::Search),
        k(Action::GoToDate),
        k(Action::Quit)
    );
    let errors = app.diagnostics.len();
    // Problems in the files stay in view, whatever else the status says.
    let key = k(Action::Problems);
    let problems = (errors > 0).then(|| {
        if app.status.is_some() {
            tr!(lang, "{errors}个问题({key})", "{errors} problem(s) ({key})")
        } else {
            tr!(
                lang,
                "日程文件有{errors}个问题，按 {key} 查看",
                "{errors} problem(s) in the schedule files: press {key}"
            )
        }
    });
    let (msg, st) = match &app.status {
        Some(s) => (s.clone(), Style::new().add_modifier(Modifier::BOLD)),
        None if problems.is_some() => (String::new(), Style::new()),
        None => (app.dir.display().to_string(), style::dim()),
    };
    let hint_w = text::width(&hints);
    let problems_w = problems.as_deref().map_or(0, |p| text::width(p) + 1);
    // A message that does not fit beside the hints takes their place: it
    // is there for a moment, the hints come back with the next key.
    let show_hints = hint_w + 2 < w
        && (app.status.is_none() || problems_w + text::width(&msg) + hint_w + 2 <= w);
    let mut room = if show_hints { w - hint_w - 2 } else { w };
    let mut x = area.x;
    if let Some(p) = problems {
        let p = text::ellipsize(&p, room);
        buf.set_string(x, area.y, &p, style::error());
        let used = (text::width(&p) + 1).min(room);
        x += used as u16;
        room -= used;
    }
    // A path keeps its last folder's name when it must be cut.
    buf.set_string(x, area.y, text::ellipsize_path(&msg, room), st);
    if show_hints {
        buf.set_string(area.x + (w - hint_w) as u16, area.y, &hints, style::dim());
    }
}
