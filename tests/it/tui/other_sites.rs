//! In a network, an activity of another site than the one edited: the
//! status line says whose it is and what to do, whole at 80 columns, and
//! doing what it says (`s`, Enter) makes that site the one edited with that
//! very activity still selected, so `d` then works on it. Checked for every
//! such activity of the sample network's week.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use stationcal::model::{Occurrence, OccurrenceKey};
use stationcal::tui::app::App;

use crate::support::{key, network_app, press, screen_row};

/// What tells an activity apart from the others of its day.
fn id(o: &Occurrence) -> (u16, OccurrenceKey, NaiveDate) {
    (o.site, o.key.clone(), o.date)
}

/// Selects the `nth` activity of `day` by keys, from today.
fn select(app: &mut App, day: NaiveDate, nth: usize) {
    let today = app.cursor;
    let steps = (day - today).num_days();
    let k = if steps < 0 { "h" } else { "l" };
    for _ in 0..steps.unsigned_abs() {
        press(app, k);
    }
    for _ in 0..nth {
        app.handle_event(&key(KeyCode::Down));
    }
}

#[test]
fn every_other_sites_activity_is_reached_as_the_status_line_says() {
    let base = network_app();
    let active = base.network.as_ref().map(|n| n.active).expect("a network");
    let mut others = Vec::new();
    for day in base.week().first.iter_days().take(7) {
        for (i, o) in base.day(day).iter().enumerate() {
            if usize::from(o.site) != active {
                others.push((day, i, id(o)));
            }
        }
    }
    assert!(others.len() >= 10, "{} activities", others.len());
    for (day, nth, want) in others {
        let mut app = network_app();
        select(&mut app, day, nth);
        assert_eq!(app.selected_occurrence().map(id), Some(want.clone()));
        press(&mut app, "d");
        assert!(!app.has_dialog(), "{:?}", app.dialog_name());
        let why = app.status.clone().expect("the status line says why");
        let status = screen_row(&app, 80, 24, 23);
        assert!(
            status.contains(&why),
            "cut at 80 columns: {status:?} for {why:?}"
        );
        press(&mut app, "s");
        app.handle_event(&key(KeyCode::Enter));
        assert_eq!(
            app.network.as_ref().map(|n| n.active),
            Some(usize::from(want.0)),
            "{why}"
        );
        assert_eq!(app.selected_occurrence().map(id), Some(want.clone()));
        press(&mut app, "d");
        assert!(app.has_dialog(), "{want:?}: {:?}", app.status);
    }
}
