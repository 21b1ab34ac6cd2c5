//! `g`: go to a date, typed as people write it (`2026-12-01`, `12-01`,
//! `12月1日`); a date without a year is the next such date from today.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use ratatui::crossterm::event::MouseEvent;

use super::{Pointer, centered, frame, pointer};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialog::{Dialog, Flow, Input};
use crate::tui::text::{self, LineInput};
use crate::tui::typed::parse_month_day;
use crate::tui::views::style;

#[derive(Debug, Default)]
pub struct GoTo {
    pub input: LineInput,
    pub error: Option<String>,
}

impl GoTo {
    pub fn open(app: &mut App) {
        app.open(GoTo::default());
    }
}

/// The date typed; one without a year is the next such date from `today`
/// (so `12-16` typed on 20 December means next year's).
pub fn goto_date(typed: &str, today: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    if let Ok(d) = crate::model::values::parse_date(typed.trim()) {
        return Some(d);
    }
    let (m, d) = parse_month_day(typed)?;
    // Eight years reach the next 29 February.
    (today.year()..=today.year() + 8)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|x| *x >= today)
}

fn prompt(app: &App) -> String {
    tr!(app.lang, "日期：", "Date: ")
}

impl Dialog for GoTo {
    fn typing(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow {
        match input.action {
            Some(Action::Cancel) => return Flow::Close,
            Some(Action::Confirm) => {
                if let Some(d) = goto_date(self.input.text(), app.today) {
                    app.go_to(d);
                    return Flow::Close;
                }
                self.error = Some(tr!(
                    app.lang,
                    "看不懂这个日期：请写成 2026-12-01 或 12-01",
                    "not a date: write 2026-12-01 or 12-01"
                ));
                return Flow::Keep;
            }
            _ => {}
        }
        if self.input.edit(input) {
            self.error = None;
        }
        Flow::Keep
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Flow {
        self.input.paste(text);
        self.error = None;
        Flow::Keep
    }

    fn mouse(&mut self, _app: &mut App, event: &MouseEvent, area: Rect) -> Flow {
        if pointer(event, area) == Pointer::ClickOutside {
            return Flow::Close;
        }
        Flow::Keep
    }

    fn area(&self, _app: &App, screen: Rect) -> Rect {
        centered(screen, 44, 5)
    }

    fn render(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lang = app.lang;
        let inner = frame(buf, area, &tr!(lang, "跳到日期", "Go to date"));
        super::prompt_field(buf, inner, &prompt(app), &self.input);
        let (help, st) = match &self.error {
            Some(e) => (e.clone(), style::error()),
            None => (
                tr!(
                    lang,
                    "如 2026-12-01、12-01、12月1日  {} 跳转",
                    "e.g. 2026-12-01 or 12-01  {} goes",
                    app.keymap.label(Action::Confirm)
                ),
                style::dim(),
            ),
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

    fn cursor(&self, app: &App, area: Rect) -> Option<Position> {
        Some(super::prompt_caret(
            super::inner(area),
            &prompt(app),
            &self.input,
        ))
    }

    crate::dialog_any!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_from_today() {
        let today = d(2026, 12, 20);
        assert_eq!(goto_date("12-16", today), Some(d(2027, 12, 16)));
        assert_eq!(goto_date("12-25", today), Some(d(2026, 12, 25)));
        assert_eq!(goto_date("12-20", today), Some(d(2026, 12, 20)));
        assert_eq!(goto_date("1月5日", today), Some(d(2027, 1, 5)));
        // A year written is kept, past or not.
        assert_eq!(goto_date("2026-12-16", today), Some(d(2026, 12, 16)));
        assert_eq!(goto_date("明天", today), None);
        assert_eq!(goto_date("2-29", d(2026, 3, 1)), Some(d(2028, 2, 29)));
        assert_eq!(goto_date("2-30", today), None);
    }
}
