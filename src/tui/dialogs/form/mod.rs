//! An edit form over the calendar: a programme's form ([`crate::tui::forms`])
//! filled from the schedule, edited by keys, and on confirm applied (only
//! what was changed changes), checked for new clashes (a second confirm
//! keeps the change anyway) and recorded for undo. Drawing is in [`draw`].

mod draw;

use chrono::Days;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::{Position, Rect};

use crate::model::Schedule;
use crate::model::recurrence::DateRange;
use crate::tr;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::form::FormOutcome;
use crate::tui::forms::{self, EditForm, FormKind};

#[derive(Debug)]
pub struct FormDialog {
    pub ef: EditForm,
}

impl FormDialog {
    /// Opens the form of `kind` on the current schedule, or says why not.
    pub fn open(app: &mut App, kind: FormKind) {
        match forms::build(kind, &app.schedule, app.cursor, app.lang) {
            Ok(ef) => app.open(FormDialog { ef }),
            Err(why) => app.status = Some(why),
        }
    }

    /// Applies the confirmed form; `Flow::Keep` when something in it is
    /// wrong or a clash wants a second confirm.
    fn submit(&mut self, app: &mut App) -> Flow {
        let Some((next, label)) = forms::apply(&mut self.ef, &app.schedule, app.lang) else {
            return Flow::Keep;
        };
        if next == app.schedule {
            app.status = Some(tr!(app.lang, "没有改动", "nothing changed"));
            return Flow::Close;
        }
        let mut warnings = new_conflicts(app, &next, &self.ef);
        warnings.extend(new_seat_warnings(app, &next));
        if !warnings.is_empty() && !self.ef.form.warned {
            self.ef.form.warnings = warnings;
            self.ef.form.warned = true;
            return Flow::Keep;
        }
        app.commit(next, &label);
        Flow::Close
    }
}

/// Clashes the form would add, in words, for the dates it touches.
fn new_conflicts(app: &App, next: &Schedule, ef: &EditForm) -> Vec<String> {
    let date = forms::parse_form_date(ef).unwrap_or(app.cursor);
    let range = DateRange::new(
        date.checked_sub_days(Days::new(7)).unwrap_or(date),
        date + Days::new(7),
    );
    let before = app.schedule.occurrences(range);
    let after = next.occurrences(range);
    crate::tui::clash_words::added(&before, &after, app.lang)
}

/// Seats above a room's capacity that the form would add, in words.
fn new_seat_warnings(app: &App, next: &Schedule) -> Vec<String> {
    // A set, not a search per finding: a file of many full sessions stays linear.
    let key = |f: &crate::model::validate::Finding| format!("{}|{:?}", f.at, f.issue);
    let before: std::collections::HashSet<String> =
        crate::model::validate::capacity_findings(&app.schedule)
            .iter()
            .map(key)
            .collect();
    crate::model::validate::capacity_findings(next)
        .into_iter()
        .filter(|f| !before.contains(&key(f)))
        .map(|f| f.issue.message(app.lang))
        .collect()
}

impl Dialog for FormDialog {
    fn typing(&self) -> bool {
        self.ef.form.typing()
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match self.ef.form.handle(input) {
            FormOutcome::Continue => Flow::Keep,
            FormOutcome::Cancel => {
                app.status = Some(tr!(
                    app.lang,
                    "已取消，未作修改",
                    "cancelled, nothing changed"
                ));
                Flow::Close
            }
            FormOutcome::Submit => self.submit(app),
        }
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Flow {
        self.ef.form.paste(text);
        Flow::Keep
    }

    fn mouse(&mut self, app: &mut App, event: &MouseEvent, _area: Rect) -> Flow {
        use ratatui::crossterm::event::{MouseButton, MouseEventKind};
        let screen = app.screen();
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                match draw::hit(app, &self.ef, screen, event.column, event.row) {
                    draw::FormHit::Field { field, row, col } => {
                        self.ef.form.click_field(field, row, col);
                    }
                    draw::FormHit::Pick(k) => self.ef.form.pick(k),
                    // Outside the pick list closes it; outside the form
                    // does nothing: a stray click never loses what was typed.
                    draw::FormHit::Outside => self.ef.form.picker = None,
                    draw::FormHit::Nothing => {}
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = event.kind == MouseEventKind::ScrollDown;
                self.ef.form.wheel(down);
            }
            _ => {}
        }
        Flow::Keep
    }

    fn area(&self, app: &App, screen: Rect) -> Rect {
        draw::form_rect(app, &self.ef, screen)
    }

    fn render(&self, app: &App, _area: Rect, buf: &mut Buffer) {
        // The form lays itself out on the whole screen (its pick list too).
        draw::render_form(app, &self.ef, *buf.area(), buf);
    }

    fn cursor(&self, app: &App, _area: Rect) -> Option<Position> {
        draw::form_cursor(app, &self.ef, app.screen())
    }

    crate::dialog_any!();
}
