//! The statistics view's state (统计): which span it counts (a month, a
//! quarter or a year, of the cursor's date) and its figures, worked out by
//! [`report::build`] once per period and schedule, never while drawing.
//! `Left`/`Right` switch the span (as they switch the catalogue's tabs);
//! the previous/next keys move a whole span.

use chrono::Datelike;

use super::app::{App, View};
use crate::model::report::{self, Period, Report, SiteInput};

/// What the statistics view counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month,
    Quarter,
    Year,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Month, Span::Quarter, Span::Year];

    /// The next span to the right (`dir` > 0) or left, wrapping round.
    #[must_use]
    pub fn step(self, dir: i64) -> Span {
        let i = Span::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let n = Span::ALL.len();
        let next = if dir < 0 { i + n - 1 } else { i + 1 };
        Span::ALL[next % n]
    }

    /// How far the previous/next keys move.
    pub fn months(self) -> u32 {
        match self {
            Span::Month => 1,
            Span::Quarter => 3,
            Span::Year => 12,
        }
    }

    /// The period of this span around `date`.
    pub fn period_of(self, date: chrono::NaiveDate) -> Period {
        let (y, m) = (date.year(), date.month());
        match self {
            Span::Month => Period::Month(y, m),
            Span::Quarter => Period::Quarter(y, (m - 1) / 3 + 1),
            Span::Year => Period::Year(y),
        }
    }
}

/// The figures the statistics view shows, and the period they are of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub period: Period,
    pub report: Report,
}

impl App {
    /// The period the statistics view shows: its span around the cursor.
    pub fn stats_period(&self) -> Period {
        self.stats_span.period_of(self.cursor)
    }

    /// Works the figures out again when the period or the schedule changed
    /// while the statistics view is shown; elsewhere they are dropped, so
    /// the view never shows figures of an older schedule.
    pub(crate) fn refresh_stats(&mut self, schedule_changed: bool) {
        if self.view != View::Stats {
            self.stats = None;
            return;
        }
        let period = self.stats_period();
        if !schedule_changed && self.stats.as_ref().is_some_and(|s| s.period == period) {
            return;
        }
        self.stats = period.range().map(|range| Stats {
            period,
            report: self.build_report(range),
        });
    }

    /// The report of `range` over the shown sites (a station: itself),
    /// the active site's from the live schedule. Activities after today
    /// are not counted, as in `stationcal report`.
    pub fn build_report(&self, range: crate::model::recurrence::DateRange) -> Report {
        let Some(n) = &self.network else {
            let sites = [SiteInput {
                name: "",
                schedule: &self.schedule,
            }];
            let name = &self.schedule.station.name;
            return report::build(name, &sites, range, self.today, self.lang);
        };
        let sites: Vec<SiteInput<'_>> = n
            .sites
            .iter()
            .enumerate()
            .filter(|(i, _)| n.shown.get(*i).copied().unwrap_or(true))
            .map(|(i, s)| SiteInput {
                name: &s.name,
                schedule: if i == n.active {
                    &self.schedule
                } else {
                    &s.schedule
                },
            })
            .collect();
        report::build(&n.name, &sites, range, self.today, self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_wrap_both_ways_and_periods_hold_the_date() {
        assert_eq!(Span::Month.step(-1), Span::Year);
        assert_eq!(Span::Year.step(1), Span::Month);
        assert_eq!(Span::Month.step(1), Span::Quarter);
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        assert_eq!(Span::Quarter.period_of(d), Period::Quarter(2026, 4));
        assert_eq!(Span::Month.period_of(d), Period::Month(2026, 11));
        assert_eq!(Span::Year.period_of(d), Period::Year(2026));
    }
}
