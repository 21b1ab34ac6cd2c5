//! Moving around the calendar: the cursor by day, week and month in each
//! view, the agenda's steps, paging, and the week the week view shows.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::app::{App, CatalogueTab, View};
use crate::model::recurrence::{DateRange, WeekStart, week_start_of};

impl App {
    pub(crate) fn move_horizontal(&mut self, dir: i64) {
        match self.view {
            View::Catalogue => {
                self.catalogue_tab = match self.catalogue_tab {
                    CatalogueTab::Films => CatalogueTab::Lectures,
                    CatalogueTab::Lectures => CatalogueTab::Films,
                };
                self.catalogue_index = 0;
            }
            View::Agenda => self.move_vertical(dir),
            View::Week | View::Month => self.set_cursor(shift(self.cursor, dir)),
            View::Stats => self.stats_span = self.stats_span.step(dir),
        }
    }

    pub(crate) fn move_vertical(&mut self, dir: i64) {
        match self.view {
            View::Week => {
                let n = self.day(self.cursor).len();
                self.selected = step_index(self.selected, dir, n);
            }
            View::Month => self.set_cursor(shift(self.cursor, dir * 7)),
            View::Agenda => self.agenda_step(dir),
            View::Catalogue => {
                self.catalogue_index = step_index(self.catalogue_index, dir, self.catalogue_len());
            }
            View::Stats => {}
        }
    }

    /// Moves to the next or previous activity in the agenda's list.
    pub(crate) fn agenda_step(&mut self, dir: i64) {
        let items: Vec<(NaiveDate, usize)> = self.agenda_items();
        let pos = items
            .iter()
            .position(|(d, i)| *d == self.cursor && *i == self.selected);
        let next = match pos {
            Some(p) => step_index(p, dir, items.len()),
            // The cursor is on a day with nothing: go to the first item after it.
            None => items
                .iter()
                .position(|(d, _)| *d >= self.cursor)
                .unwrap_or(0),
        };
        if let Some((d, i)) = items.get(next) {
            self.cursor = *d;
            self.selected = *i;
        }
    }

    /// (date, index within the day) of every agenda line, in order.
    pub fn agenda_items(&self) -> Vec<(NaiveDate, usize)> {
        let mut out = Vec::new();
        let mut last: Option<NaiveDate> = None;
        let mut i = 0;
        for o in self.occurrences_in(self.agenda_range()) {
            i = if last == Some(o.date) { i + 1 } else { 0 };
            last = Some(o.date);
            out.push((o.date, i));
        }
        out
    }

    pub(crate) fn page(&mut self, dir: i64) {
        match self.view {
            View::Week => self.set_cursor(shift(self.cursor, dir * 7)),
            View::Agenda => {
                self.agenda_from = shift(self.agenda_from, dir * 7);
                self.cursor = self.agenda_from;
                self.selected = 0;
            }
            View::Month | View::Catalogue | View::Stats => {
                let n = if self.view == View::Stats {
                    self.stats_span.months()
                } else {
                    1
                };
                let m = Months::new(n);
                let moved = if dir < 0 {
                    self.cursor.checked_sub_months(m)
                } else {
                    self.cursor.checked_add_months(m)
                };
                if let Some(d) = moved {
                    self.set_cursor(d);
                }
            }
        }
    }

    pub(crate) fn set_cursor(&mut self, date: NaiveDate) {
        self.cursor = date;
        self.selected = 0;
    }

    /// The week the week view shows, starting on the configured day.
    pub fn week(&self) -> DateRange {
        DateRange::week_starting(self.cursor, self.week_start)
    }

    /// The ISO week number of the shown week (of its Monday).
    pub fn week_number(&self) -> u32 {
        let w = self.week();
        let monday = week_start_of(w.last, WeekStart::Monday);
        monday.iso_week().week()
    }

    /// Starts weeks on `start` (config `week_start`).
    pub fn set_week_start(&mut self, start: WeekStart) {
        self.week_start = start;
        self.refresh();
    }
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days < 0 {
        d.checked_sub_days(n)
    } else {
        d.checked_add_days(n)
    };
    moved.unwrap_or(d)
}

/// Moves an index by `dir` within `0..n`, stopping at the ends.
fn step_index(i: usize, dir: i64, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    if dir < 0 {
        i.saturating_sub(dir.unsigned_abs() as usize)
    } else {
        (i + dir as usize).min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_index_stops_at_both_ends() {
        assert_eq!(step_index(0, -1, 3), 0);
        assert_eq!(step_index(2, 1, 3), 2);
        assert_eq!(step_index(1, 1, 3), 2);
        assert_eq!(step_index(5, 1, 0), 0);
    }
}
