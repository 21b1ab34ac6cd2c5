//! The lunar line in the views: what a day cell shows (a festival, a solar
//! term or the lunar day) and in which style. The calendar itself is
//! `model::lunar`; this only places it, and nothing here when the config
//! turns the lunar calendar off.

use chrono::NaiveDate;
use ratatui::style::{Color, Modifier, Style};

use crate::model::lunar;
use crate::tui::app::App;

/// A day's lunar label as a cell shows it.
pub struct Label {
    pub text: String,
    /// A festival or a solar term (set apart), not a plain lunar day.
    pub marked: bool,
}

/// The label for `date`, or `None` when the lunar line is off or the date
/// is outside the calendar's years.
pub fn label(app: &App, date: NaiveDate) -> Option<Label> {
    if !app.lunar {
        return None;
    }
    let day = lunar::day(date)?;
    Some(Label {
        text: day.cell(app.lang),
        marked: day.marked(),
    })
}

/// The lunar date, festival and term in words, for details and the agenda.
pub fn describe(app: &App, date: NaiveDate) -> Option<String> {
    app.lunar.then(|| lunar::describe(date, app.lang)).flatten()
}

/// Festivals and terms in magenta (the 休 / 班 marks keep red and blue);
/// a plain lunar day dim, as a wall calendar prints it small.
pub fn style(l: &Label) -> Style {
    if l.marked {
        Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}
