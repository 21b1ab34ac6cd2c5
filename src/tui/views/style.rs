//! Colours and shared labels. Every programme also has a letter marker, so
//! nothing is told by colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Programme;
pub use crate::model::labels::{
    cell_title, long_date, programme_label, short_date, status_word, time_range, title, weekday,
};

pub fn programme_color(p: Programme) -> Color {
    match p {
        Programme::Screening => Color::Red,
        Programme::ServiceDay => Color::Green,
        Programme::Lecture => Color::Blue,
        Programme::Event => Color::Magenta,
    }
}

pub fn marker_style(p: Programme) -> Style {
    Style::new()
        .fg(Color::White)
        .bg(programme_color(p))
        .add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn today() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn cursor_day() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn skipped() -> Style {
    Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::CROSSED_OUT)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
