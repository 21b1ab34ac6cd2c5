//! `p`: the week on screen as it will print (the text form), and from
//! there the HTML page for the notice board (opened in the browser), a text
//! file for the chat group, or an iCalendar file for phones.

use std::path::PathBuf;

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::help::scroll;
use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, WHEEL_LINES, centered, frame, hint, pointer};
use crate::model::recurrence::DateRange;
use crate::print;
use crate::tr;
use crate::tui::action::{Action, Scope};
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text;

#[derive(Debug, Default)]
pub struct PrintPreview {
    scroll: usize,
}

impl PrintPreview {
    pub fn open(app: &mut App) {
        app.open(PrintPreview::default());
    }
}

/// The printed form of the week on screen; in a network, of the shown
/// sites, grouped by site as `print` does.
pub fn sheet(app: &App) -> print::WeekSheet {
    let sheet = network_or_station_sheet(app);
    if app.lunar {
        sheet
    } else {
        sheet.without_lunar()
    }
}

fn network_or_station_sheet(app: &App) -> print::WeekSheet {
    let range = DateRange::week_of(app.cursor);
    let Some(n) = &app.network else {
        return print::week_sheet(&app.schedule, range, app.today, app.lang);
    };
    let sites = n
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| crate::model::network::Site {
            name: s.name.clone(),
            folder: s.folder.clone(),
            short: s.short.clone(),
            loaded: s.loaded,
            // The active site's live schedule holds its unsaved edits.
            schedule: if i == n.active {
                app.schedule.clone()
            } else {
                s.schedule.clone()
            },
        })
        .collect();
    let network = crate::model::network::Network {
        name: n.name.clone(),
        sites,
    };
    print::network::network_sheet(&network, &n.shown, range, app.today, app.lang)
}

/// The week the preview shows, as its title names it: `第51周 12月14日-20日`.
pub fn week_title(app: &App) -> String {
    let w = DateRange::week_of(app.cursor);
    let no = w.first.iso_week().week();
    let (m1, d1, m2, d2) = (w.first.month(), w.first.day(), w.last.month(), w.last.day());
    let (first, last) = (w.first.format("%-d %b"), w.last.format("%-d %b %Y"));
    if m1 == m2 {
        tr!(
            app.lang,
            "第{no}周 {m1}月{d1}日-{d2}日",
            "week {no}, {first}-{last}"
        )
    } else {
        tr!(
            app.lang,
            "第{no}周 {m1}月{d1}日-{m2}月{d2}日",
            "week {no}, {first}-{last}"
        )
    }
}

fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    print::text::render(&sheet(app), Some(w.max(30)))
        .lines()
        .map(|l| Line::from(text::shown(l).into_owned()))
        .collect()
}

/// Writes the week's sheet as `ext` into the print folder and says where.
fn write_file(app: &mut App, ext: &str, contents: &str) -> Option<PathBuf> {
    let name = print::file_name(DateRange::week_of(app.cursor), app.lang);
    let path = app.print_dir.join(name).with_extension(ext);
    match print::write_out(&path, contents) {
        Ok(p) => {
            let shown = p.display();
            app.status = Some(tr!(app.lang, "已写入 {shown}", "wrote {shown}"));
            Some(p)
        }
        Err(e) => {
            app.status = Some(write_failed(app, &e));
            None
        }
    }
}

fn write_failed(app: &App, e: &std::io::Error) -> String {
    let dir = app.print_dir.display();
    tr!(
        app.lang,
        "无法写入 {dir}：{e}",
        "cannot write to {dir}: {e}"
    )
}

impl Dialog for PrintPreview {
    fn scope(&self) -> Option<Scope> {
        Some(Scope::Print)
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::WriteHtml) => {
                match print::write_html(&app.print_dir, &sheet(app)) {
                    Ok(path) => {
                        let shown = path.display();
                        app.status = Some(tr!(
                            app.lang,
                            "已写入 {shown}，正在用浏览器打开（A4 横向打印）",
                            "wrote {shown}, opening it in the browser (print A4 landscape)"
                        ));
                        app.open_request = Some(path);
                    }
                    Err(e) => app.status = Some(write_failed(app, &e)),
                }
                Flow::Close
            }
            Some(Action::WriteText) => {
                let text = print::text::render(&sheet(app), None);
                write_file(app, "txt", &text);
                Flow::Close
            }
            Some(Action::WriteCalendar) => {
                let sheet = sheet(app);
                if let Some(date) = print::ics::out_of_range(&sheet) {
                    app.status = Some(tr!(
                        app.lang,
                        "{date} 超出了日历文件能写的年份（到 9999 年为止）",
                        "{date} is past the last year a calendar file can hold (9999)"
                    ));
                } else {
                    let ics = print::ics::render(&sheet, chrono::Utc::now());
                    write_file(app, "ics", &ics);
                }
                Flow::Close
            }
            _ if input.closes() => Flow::Close,
            action => {
                let inner = super::inner(self.area(app, app.screen()));
                let total = lines(app, usize::from(inner.width)).len();
                let room = usize::from(inner.height.saturating_sub(1));
                self.scroll = scroll(self.scroll, action, total.saturating_sub(room));
                Flow::Keep
            }
        }
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        match pointer(event, area) {
            Pointer::ClickOutside => Flow::Close,
            Pointer::Wheel(a) => {
                let inner = super::inner(area);
                let total = lines(app, usize::from(inner.width)).len();
                let room = usize::from(inner.height.saturating_sub(1));
                for _ in 0..WHEEL_LINES {
                    self.scroll = scroll(self.scroll, Some(a), total.saturating_sub(room));
                }
                Flow::Keep
            }
            _ => Flow::Keep,
        }
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(
            screen,
            screen.width.saturating_sub(2).min(100),
            screen.height.saturating_sub(2),
        )
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let title = tr!(lang, "打印预览：{}", "Print preview: {}", week_title(app));
        let inner = frame(buf, area, &title);
        let body = Rect::new(
            inner.x,
            inner.y,
            inner.width,
            inner.height.saturating_sub(1),
        );
        let lines = lines(app, usize::from(body.width));
        let top = self
            .scroll
            .min(lines.len().saturating_sub(usize::from(body.height)));
        Paragraph::new(lines)
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
            .render(body, buf);
        let k = |a| app.keymap.labels(a);
        hint(
            buf,
            inner,
            &tr!(
                lang,
                "{} 写出网页并用浏览器打开  {} 写出文本  {} 写出日历文件  {} 关闭",
                "{} HTML in the browser  {} text file  {} calendar file  {} close",
                k(Action::WriteHtml),
                k(Action::WriteText),
                k(Action::WriteCalendar),
                app.keymap.label(Action::Cancel)
            ),
        );
    }

    crate::dialog_any!();
}
