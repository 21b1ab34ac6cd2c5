//! The network's part of the views: the site in an activity's details.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::detail;
use crate::model::Occurrence;
use crate::tui::app::App;
use crate::tui::text;

/// The details of an activity, with its site in a network.
pub fn detail_lines(app: &App, o: &Occurrence) -> Vec<Line<'static>> {
    let mut lines = detail::lines(o, app.schedule_of(o.site), app.lang);
    // The lunar date under the date line (the title, then the date).
    if let Some(l) = super::lunar::describe(app, o.date) {
        let at = lines.len().min(2);
        lines.insert(at, Line::from(Span::styled(l, super::style::dim())));
    }
    lines.extend(super::record::lines(app, o));
    if let (Some(name), Some(first)) = (app.site_name(o.site), lines.first_mut()) {
        first.spans.push(Span::raw("  "));
        first.spans.push(Span::styled(
            format!("@{}", text::shown(name)),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
    }
    lines
}
