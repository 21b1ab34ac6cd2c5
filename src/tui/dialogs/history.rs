//! `H`: who changed the selected activity (or anything in the folder) and
//! when, in a folder kept in history (git). The versions, newest first;
//! under them what the selected one changed, entry by entry, before and
//! after. `r` puts the selected entry back as it was before that version,
//! `R` the whole file as that version left it: normal edits, undone by `u`
//! and saved by Ctrl-s like any other. Everything is read when the window
//! opens (or when a version of the whole folder is first selected), never
//! while drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::details::more_below;
use super::help::scroll;
use super::{Pointer, WHEEL_LINES, centered, frame, hint, option_line, pointer, wide};
use crate::tr;
use crate::tui::action::{Action, Scope};
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::history::{
    ACTIVITY_SCAN, FOLDER_LIMIT, Row, Target, activity_rows, folder_rows, read_row, shown_value,
    when,
};
use crate::tui::text;
use crate::tui::views::style;
use crate::tui::widgets::menu::Menu;

#[derive(Debug)]
pub struct History {
    /// The activity it was opened on, if any.
    target: Option<Target>,
    /// Showing the whole folder's versions rather than the activity's.
    whole: bool,
    listing: Listing,
}

#[derive(Debug)]
enum Listing {
    /// No folder is behind the app.
    NoFolder,
    /// The folder keeps no history.
    NoHistory,
    /// The activity is another site's, whose history is its own folder's.
    Elsewhere,
    /// The versions did not read.
    Failed(String),
    Versions {
        rows: Vec<Row>,
        /// More versions were there than were looked through.
        capped: bool,
        menu: Menu,
        /// The selected change among the selected version's (see [`items`]).
        change: usize,
        /// The first row of the changes shown.
        scroll: usize,
    },
}

/// The changes of a version one by one: (file, change), `None` for a file
/// that did not read (it can still be put back whole).
fn items(row: &Row) -> Vec<(usize, Option<usize>)> {
    let Some(Ok(files)) = &row.files else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if f.changes.is_empty() {
            out.push((i, None));
        }
        out.extend((0..f.changes.len()).map(|c| (i, Some(c))));
    }
    out
}

/// Where the parts of the window go: the versions, a rule, the changes.
struct Layout {
    list: Rect,
    rule: Rect,
    pane: Rect,
}

impl History {
    /// Opens the history of the selected activity, or of the whole folder
    /// when nothing is selected.
    pub fn open(app: &mut App) {
        let target = app
            .selected_occurrence()
            .cloned()
            .and_then(|o| Target::of(app, &o));
        let whole = target.is_none();
        let mut h = History {
            target,
            whole,
            listing: Listing::NoFolder,
        };
        h.load(app);
        app.open(h);
    }

    /// Whether the whole folder's versions are shown.
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// The versions listed, newest first.
    pub fn rows(&self) -> &[Row] {
        match &self.listing {
            Listing::Versions { rows, .. } => rows,
            _ => &[],
        }
    }

    /// The selected version's index.
    pub fn selected(&self) -> Option<usize> {
        match &self.listing {
            Listing::Versions { menu, rows, .. } if !rows.is_empty() => Some(menu.selected()),
            _ => None,
        }
    }

    fn load(&mut self, app: &App) {
        let target = self.target.as_ref().filter(|_| !self.whole);
        let Some(storage) = &app.storage else {
            self.listing = Listing::NoFolder;
            return;
        };
        let Some(repo) = storage.repo() else {
            self.listing = Listing::NoHistory;
            return;
        };
        let found = match target {
            Some(t) => {
                let Some(path) = t.path(app, repo) else {
                    self.listing = Listing::Elsewhere;
                    return;
                };
                activity_rows(repo, t, &path)
            }
            None => folder_rows(repo),
        };
        self.listing = match found {
            Ok((mut rows, capped)) => {
                if let Some(first) = rows.first_mut() {
                    read_row(repo, first, app.lang);
                }
                Listing::Versions {
                    menu: Menu::new(rows.len(), 0),
                    rows,
                    capped,
                    change: 0,
                    scroll: 0,
                }
            }
            Err(e) => Listing::Failed(e.message(app.lang)),
        };
    }

    /// Selects version `i` (reading it when it was not yet).
    fn select(&mut self, app: &App, step: Option<Action>, at: Option<usize>) {
        let Listing::Versions {
            rows,
            menu,
            change,
            scroll,
            ..
        } = &mut self.listing
        else {
            return;
        };
        let before = menu.selected();
        match at {
            Some(i) => {
                menu.select(i);
            }
            None => {
                menu.step(step);
            }
        }
        if menu.selected() != before {
            (*change, *scroll) = (0, 0);
        }
        if let (Some(row), Some(repo)) = (
            rows.get_mut(menu.selected()),
            app.storage.as_ref().and_then(|s| s.repo()),
        ) {
            read_row(repo, row, app.lang);
        }
    }

    fn layout(&self, inner: Rect) -> Layout {
        let body = inner.height.saturating_sub(1);
        let n = u16::try_from(self.rows().len()).unwrap_or(u16::MAX);
        let list_h = n.min((body / 3).max(3)).min(body);
        let rule_y = inner.y + list_h;
        let rest = body.saturating_sub(list_h + 1);
        Layout {
            list: Rect::new(inner.x, inner.y, inner.width, list_h),
            rule: Rect::new(inner.x, rule_y, inner.width, u16::from(body > list_h)),
            pane: Rect::new(inner.x, rule_y + 1, inner.width, rest),
        }
    }

    fn pane_area(&self, app: &App) -> Rect {
        let inner = super::inner(self.area(app, app.screen()));
        self.layout(inner).pane
    }

    /// Moves the selected change by `dir`, scrolling it into view.
    fn step_change(&mut self, app: &App, dir: isize) {
        let pane = self.pane_area(app);
        let (_, starts) = self.pane_lines(app, usize::from(pane.width));
        let Listing::Versions { change, scroll, .. } = &mut self.listing else {
            return;
        };
        let last = starts.len().saturating_sub(1);
        *change = change.saturating_add_signed(dir).min(last);
        if let Some(start) = starts.get(*change).copied() {
            let h = usize::from(pane.height).max(1);
            if start < *scroll || start + 3 > *scroll + h {
                *scroll = start;
            }
        }
    }

    fn scroll_pane(&mut self, app: &App, action: Option<Action>, times: usize) {
        let pane = self.pane_area(app);
        let (lines, _) = self.pane_lines(app, usize::from(pane.width));
        let max = lines.len().saturating_sub(usize::from(pane.height));
        if let Listing::Versions { scroll: at, .. } = &mut self.listing {
            for _ in 0..times {
                *at = scroll(*at, action, max);
            }
        }
    }

    /// The selected version, the file and the change selected in it.
    fn selection(&self) -> Option<(&Row, usize, Option<usize>)> {
        let Listing::Versions {
            rows, menu, change, ..
        } = &self.listing
        else {
            return None;
        };
        let row = rows.get(menu.selected())?;
        let (file, c) = items(row).get(*change).copied()?;
        Some((row, file, c))
    }

    fn restore(&mut self, app: &mut App, whole_file: bool) -> Flow {
        let other_site = !self.whole;
        let Some((row, file, change)) = self.selection() else {
            app.status = Some(tr!(
                app.lang,
                "没有选中要恢复的修改",
                "no change selected to put back"
            ));
            return Flow::Keep;
        };
        let Some(Ok(files)) = &row.files else {
            return Flow::Keep;
        };
        let Some(f) = files.get(file) else {
            return Flow::Keep;
        };
        let done = match change.and_then(|c| f.changes.get(c)) {
            Some(c) if !whole_file => app.restore_from_history(f, c, &row.version, other_site),
            _ if whole_file => {
                app.restore_file_from_history(&f.path, f.part, &row.version, other_site)
            }
            _ => {
                let key = app.keymap.label(Action::RestoreFile);
                app.status = Some(tr!(
                    app.lang,
                    "这个版本的文件读不懂，无法逐条恢复；可按 {key} 恢复整个文件",
                    "the file does not read in this version: no entry to put back; {key} puts the whole file back"
                ));
                false
            }
        };
        if done { Flow::Close } else { Flow::Keep }
    }

    /// The selected version's changes as drawn at width `w`, and the row
    /// each change starts on.
    fn pane_lines(&self, app: &App, w: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let lang = app.lang;
        let Listing::Versions {
            rows, menu, change, ..
        } = &self.listing
        else {
            return (Vec::new(), Vec::new());
        };
        let Some(row) = rows.get(menu.selected()) else {
            return (Vec::new(), Vec::new());
        };
        let wrap = |lines: Vec<Line<'static>>| -> Vec<Line<'static>> {
            let lines: Vec<Line> = lines.into_iter().map(text::shown_line).collect();
            text::wrap_lines(&lines, w)
        };
        let v = &row.version;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut head = vec![Line::from(vec![
            Span::styled(v.author.clone(), bold),
            Span::raw(format!("  {}", v.when.format("%Y-%m-%d %H:%M"))),
        ])];
        head.push(Line::from(v.summary.clone()));
        // A save of several edits lists each under its first line.
        head.extend(
            v.message
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .map(|l| Line::from(Span::styled(l.to_owned(), style::dim()))),
        );
        let mut lines = wrap(head);
        let files = match &row.files {
            Some(Ok(files)) => files,
            Some(Err(e)) => {
                lines.extend(wrap(vec![Line::from(Span::styled(
                    e.clone(),
                    style::error(),
                ))]));
                return (lines, Vec::new());
            }
            None => return (lines, Vec::new()),
        };
        if files.is_empty() {
            lines.extend(wrap(vec![Line::from(Span::styled(
                tr!(
                    lang,
                    "这个版本没有改动日程条目（只改了其他文件）",
                    "this version changed no schedule entry (other files only)"
                ),
                style::dim(),
            ))]));
        }
        let show = |v: &Option<serde_json::Value>, missing: String| match v {
            Some(v) => ron::to_string(&shown_value(v, lang)).unwrap_or_default(),
            None => missing,
        };
        let mut starts = Vec::new();
        for (i, (file, c)) in items(row).into_iter().enumerate() {
            let Some(f) = files.get(file) else {
                continue;
            };
            let selected = i == *change;
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_owned();
            let mark = if selected { "> " } else { "  " };
            let head_style = if selected { style::selected() } else { bold };
            lines.push(Line::from(""));
            starts.push(lines.len());
            let mut chunk = Vec::new();
            if let Some(c) = c.and_then(|c| f.changes.get(c)) {
                chunk.push(Line::from(Span::styled(
                    format!("{mark}{name}  {}", c.path),
                    head_style,
                )));
                if let Some(fields) = c.fields() {
                    // An entry changed in place: only its fields that
                    // differ, each from before to after (restoring puts the
                    // whole entry back).
                    let none = || tr!(lang, "（无）", "(none)");
                    // A film is named by its id in the file: its title beside it.
                    let named = |k: &str, v: Option<&serde_json::Value>| {
                        let text = show(&v.cloned(), none());
                        match (k, v.and_then(serde_json::Value::as_str)) {
                            ("film", Some(id)) => match app.schedule.film(id) {
                                Some(f) => format!("{text}《{}》", f.title),
                                None => text,
                            },
                            _ => text,
                        }
                    };
                    for (k, before, after) in fields {
                        chunk.push(Line::from(vec![
                            Span::styled(format!("    {k}: "), style::dim()),
                            Span::raw(named(&k, before)),
                            Span::styled(tr!(lang, " 改为 ", " -> "), style::dim()),
                            Span::raw(named(&k, after)),
                        ]));
                    }
                    lines.extend(wrap(chunk));
                    continue;
                }
                let before = show(&c.before, tr!(lang, "（新增）", "(added)"));
                let after = show(&c.after, tr!(lang, "（已删除）", "(deleted)"));
                for (label, value) in [
                    (tr!(lang, "    之前：", "    before: "), before),
                    (tr!(lang, "    之后：", "    after:  "), after),
                ] {
                    chunk.push(Line::from(vec![
                        Span::styled(label, style::dim()),
                        Span::raw(value),
                    ]));
                }
            } else {
                chunk.push(Line::from(Span::styled(
                    format!("{mark}{name}"),
                    head_style,
                )));
                chunk.push(Line::from(Span::styled(
                    if f.unreadable {
                        tr!(
                            lang,
                            "    这个版本的文件读不懂，无法逐条显示",
                            "    the file does not read in this version: not shown entry by entry"
                        )
                    } else {
                        tr!(lang, "    没有逐条的改动", "    no change entry by entry")
                    },
                    style::dim(),
                )));
            }
            lines.extend(wrap(chunk));
        }
        (lines, starts)
    }

    fn title(&self, app: &App) -> String {
        let lang = app.lang;
        match (&self.target, self.whole) {
            (Some(t), false) => {
                let what = &t.title;
                tr!(lang, "历史：{what}", "History: {what}")
            }
            _ => tr!(lang, "历史：整个文件夹", "History: the whole folder"),
        }
    }

    fn hint_text(&self, app: &App) -> String {
        let lang = app.lang;
        let k = |a| app.keymap.label(a);
        let close = k(Action::Cancel);
        match &self.listing {
            Listing::NoHistory => tr!(
                lang,
                "{} 开始记录历史  {close} 关闭",
                "{} starts keeping history  {close} closes",
                k(Action::Confirm)
            ),
            Listing::Versions { rows, .. } if !rows.is_empty() => {
                let toggle = self.toggle_hint(app);
                tr!(
                    lang,
                    "{} 恢复此条  {} 恢复整个文件  {}/{} 选条目{toggle}  {close} 关闭",
                    "{} puts this entry back  {} the whole file  {}/{} picks a change{toggle}  {close} closes",
                    k(Action::RestoreEntry),
                    k(Action::RestoreFile),
                    k(Action::Left),
                    k(Action::Right)
                )
            }
            _ => {
                let toggle = self.toggle_hint(app);
                tr!(lang, "{close} 关闭{toggle}", "{close} closes{toggle}")
            }
        }
    }

    fn toggle_hint(&self, app: &App) -> String {
        let lang = app.lang;
        let key = app.keymap.label(Action::HistoryAll);
        match (&self.target, self.whole) {
            (None, _) => String::new(),
            (Some(_), false) => tr!(lang, "  {key} 整个文件夹", "  {key} whole folder"),
            (Some(_), true) => tr!(lang, "  {key} 只看这一项", "  {key} this activity"),
        }
    }

    /// What the window says when it lists no version.
    fn message(&self, app: &App) -> Vec<Line<'static>> {
        let lang = app.lang;
        let confirm = app.keymap.label(Action::Confirm);
        let texts: Vec<String> = match &self.listing {
            Listing::NoFolder => vec![tr!(
                lang,
                "没有关联的日程文件夹，没有历史记录。",
                "no schedule folder behind the calendar: no history."
            )],
            Listing::NoHistory => vec![
                tr!(
                    lang,
                    "这个文件夹还没有历史记录。",
                    "this folder keeps no history yet."
                ),
                tr!(
                    lang,
                    "开始记录后，每次保存都会记下是谁、在什么时候、改了什么；在这里可以查看每一次修改，并把任何一条恢复成以前的样子。",
                    "once it does, every save records who changed what, and when; this window then shows every change and puts any entry back as it was."
                ),
                tr!(
                    lang,
                    "按 {confirm} 开始记录（或在命令行运行 stationcal init --git）。",
                    "press {confirm} to start (or run stationcal init --git)."
                ),
            ],
            Listing::Elsewhere => vec![tr!(
                lang,
                "这是别的站点的活动，它的历史记录在那个站点的文件夹里：请在那里查看。",
                "this is another site's activity; its history is kept in that site's folder: look there."
            )],
            Listing::Failed(e) => vec![e.clone()],
            Listing::Versions { capped, .. } => {
                let mut v = vec![if self.whole {
                    tr!(lang, "还没有任何版本。", "no version yet.")
                } else {
                    tr!(
                        lang,
                        "历史记录里没有修改过这一项的版本。",
                        "no version in the history changed this activity."
                    )
                }];
                if *capped {
                    v.push(tr!(
                        lang,
                        "（只查看了这个文件最近的 {ACTIVITY_SCAN} 个版本）",
                        "(only the latest {ACTIVITY_SCAN} versions of the file were looked through)"
                    ));
                }
                v
            }
        };
        texts.into_iter().map(Line::from).collect()
    }

    fn draw_list(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let Listing::Versions { rows, menu, .. } = &self.listing else {
            return;
        };
        let h = usize::from(area.height);
        let sel = menu.selected();
        let top = (sel + 1).saturating_sub(h);
        let authors = rows
            .iter()
            .map(|r| text::width(&text::shown(&r.version.author)))
            .max()
            .unwrap_or(0)
            .min(12);
        let w = usize::from(area.width);
        for (i, row) in rows.iter().enumerate().skip(top).take(h) {
            let v = &row.version;
            let label = format!(
                "{}  {}  {}",
                when(v, app.today),
                text::pad(&v.author, authors),
                text::shown(&v.summary)
            );
            let (s, st) = option_line(i == sel, &label, w);
            let y = area.y + u16::try_from(i - top).unwrap_or(0);
            buf.set_string(area.x, y, s, st);
        }
    }
}

impl Dialog for History {
    fn scope(&self) -> Option<Scope> {
        Some(Scope::History)
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            _ if input.closes() => Flow::Close,
            Some(Action::HistoryAll) if self.target.is_some() => {
                self.whole = !self.whole;
                self.load(app);
                Flow::Keep
            }
            Some(Action::Confirm) if matches!(self.listing, Listing::NoHistory) => {
                app.start_history();
                self.load(app);
                Flow::Keep
            }
            Some(Action::RestoreEntry) => self.restore(app, false),
            Some(Action::RestoreFile) => self.restore(app, true),
            Some(Action::Left) => {
                self.step_change(app, -1);
                Flow::Keep
            }
            Some(Action::Right) => {
                self.step_change(app, 1);
                Flow::Keep
            }
            Some(a @ (Action::PrevPage | Action::NextPage)) => {
                self.scroll_pane(app, Some(a), 1);
                Flow::Keep
            }
            step @ Some(Action::Up | Action::Down) => {
                self.select(app, step, None);
                Flow::Keep
            }
            _ => Flow::Keep,
        }
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        let layout = self.layout(super::inner(area));
        let over_list = |y: u16| y >= layout.list.y && y < layout.list.bottom();
        match pointer(event, area) {
            Pointer::ClickOutside => Flow::Close,
            Pointer::Click { x, y } if over_list(y) && x >= layout.list.x => {
                let top = self.selected().map_or(0, |s| {
                    (s + 1).saturating_sub(usize::from(layout.list.height))
                });
                self.select(app, None, Some(top + usize::from(y - layout.list.y)));
                Flow::Keep
            }
            Pointer::Wheel(a) if over_list(event.row) => {
                self.select(app, Some(a), None);
                Flow::Keep
            }
            Pointer::Wheel(a) => {
                self.scroll_pane(app, Some(a), WHEEL_LINES);
                Flow::Keep
            }
            _ => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, wide(screen), screen.height.saturating_sub(2))
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let inner = frame(buf, area, &self.title(app));
        hint(buf, inner, &self.hint_text(app));
        let body = Rect::new(
            inner.x,
            inner.y,
            inner.width,
            inner.height.saturating_sub(1),
        );
        let listing = match &self.listing {
            Listing::Versions {
                rows,
                scroll,
                capped,
                ..
            } if !rows.is_empty() => Some((*scroll, *capped)),
            _ => None,
        };
        let Some((top, capped)) = listing else {
            let lines = text::wrap_lines(&self.message(app), usize::from(body.width));
            Paragraph::new(lines).render(body, buf);
            return;
        };
        let layout = self.layout(inner);
        self.draw_list(app, layout.list, buf);
        if layout.rule.height > 0 {
            let mut rule = "─".repeat(usize::from(layout.rule.width));
            if capped {
                let note = if self.whole {
                    tr!(
                        app.lang,
                        " 只列出最近 {FOLDER_LIMIT} 个版本 ",
                        " the latest {FOLDER_LIMIT} versions only "
                    )
                } else {
                    tr!(
                        app.lang,
                        " 只查看了这个文件最近的 {ACTIVITY_SCAN} 个版本 ",
                        " the file's latest {ACTIVITY_SCAN} versions only "
                    )
                };
                let width = usize::from(layout.rule.width);
                let note = text::ellipsize(&note, width.saturating_sub(2));
                let rest = width.saturating_sub(2 + text::width(&note));
                rule = format!("──{note}{}", "─".repeat(rest));
            }
            buf.set_string(layout.rule.x, layout.rule.y, rule, style::dim());
        }
        let (lines, _) = self.pane_lines(app, usize::from(layout.pane.width));
        let h = usize::from(layout.pane.height);
        let top = top.min(lines.len().saturating_sub(h));
        let below = lines.len().saturating_sub(top + h);
        Paragraph::new(lines)
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
            .render(layout.pane, buf);
        if below > 0 {
            more_below(
                buf,
                area,
                &tr!(
                    app.lang,
                    " 下面还有 {below} 行 ({}) ",
                    " {below} more lines ({}) ",
                    app.keymap.label(Action::NextPage)
                ),
            );
        }
    }

    crate::dialog_any!();
}
