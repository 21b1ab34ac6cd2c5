//! Calendar arithmetic for the recurring rules: weekly slots, "the third
//! Saturday of the month", and monthly-by-day-of-month events.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DateRange {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        DateRange { first, last }
    }

    /// Monday to Sunday of the week holding `day`.
    pub fn week_of(day: NaiveDate) -> Self {
        let first = monday_of(day);
        DateRange::new(first, first + Days::new(6))
    }

    /// The first to the last day of the month holding `day`.
    pub fn month_of(day: NaiveDate) -> Self {
        let first = day.with_day(1).unwrap_or(day);
        let last = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        DateRange::new(first, last)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }

    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last;
        self.first.iter_days().take_while(move |d| *d <= last)
    }

    /// The part of this range inside `[from, until]` (`until` open when `None`).
    pub fn clamp(&self, from: NaiveDate, until: Option<NaiveDate>) -> Option<DateRange> {
        let first = self.first.max(from);
        let last = until.map_or(self.last, |u| self.last.min(u));
        (first <= last).then_some(DateRange::new(first, last))
    }
}

/// The Monday on or before `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Every `weekday` in `range` that is within `[from, until]`.
pub fn weekly(
    weekday: Weekday,
    from: NaiveDate,
    until: Option<NaiveDate>,
    range: DateRange,
) -> impl Iterator<Item = NaiveDate> {
    let window = range.clamp(from, until);
    let start = window.map(|w| {
        let ahead =
            (7 + weekday.num_days_from_monday() - w.first.weekday().num_days_from_monday()) % 7;
        (w.first + Days::new(u64::from(ahead)), w.last)
    });
    start
        .into_iter()
        .flat_map(|(first, last)| first.iter_weeks().take_while(move |d| *d <= last))
}

/// The `nth` `weekday` of a month (`nth` 1..=5, or -1 for the last), if the
/// month has one: a fifth Saturday exists only in some months.
pub fn nth_weekday(year: i32, month: u32, nth: i8, weekday: Weekday) -> Option<NaiveDate> {
    match nth {
        1..=5 => NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8),
        -1 => {
            let last = DateRange::month_of(NaiveDate::from_ymd_opt(year, month, 1)?).last;
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            Some(last - Days::new(u64::from(back)))
        }
        _ => None,
    }
}

/// First days of the months that overlap `range` and `[from, until]`.
pub fn months_touching(
    range: DateRange,
    from: NaiveDate,
    until: Option<NaiveDate>,
) -> impl Iterator<Item = NaiveDate> {
    let window = range.clamp(
        from.with_day(1).unwrap_or(from),
        until.map(|u| DateRange::month_of(u).last),
    );
    window.into_iter().flat_map(|w| {
        let first = w.first.with_day(1).unwrap_or(w.first);
        std::iter::successors(Some(first), |m| m.checked_add_months(Months::new(1)))
            .take_while(move |m| *m <= w.last)
    })
}

/// The nth-weekday dates of a monthly rule that fall within `range`.
pub fn monthly_nth(
    nth: i8,
    weekday: Weekday,
    from: NaiveDate,
    until: Option<NaiveDate>,
    range: DateRange,
) -> impl Iterator<Item = NaiveDate> {
    months_touching(range, from, until)
        .filter_map(move |m| nth_weekday(m.year(), m.month(), nth, weekday))
        .filter(move |d| range.contains(*d) && *d >= from && until.is_none_or(|u| *d <= u))
}

/// Monthly on the day of the month of `from`; months without that day (the
/// 31st in April) are passed over rather than moved.
pub fn monthly_same_day(
    from: NaiveDate,
    until: Option<NaiveDate>,
    range: DateRange,
) -> impl Iterator<Item = NaiveDate> {
    let day = from.day();
    months_touching(range, from, until)
        .filter_map(move |m| m.with_day(day))
        .filter(move |d| range.contains(*d) && *d >= from && until.is_none_or(|u| *d <= u))
}

/// The first day of the week in the week and month views (config `week_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum WeekStart {
    /// Monday first, as Chinese calendars and ISO 8601 have it.
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
        }
    }
}

/// The first day of the week holding `day`.
pub fn week_start_of(day: NaiveDate, start: WeekStart) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().days_since(start.weekday())))
}

impl DateRange {
    /// The seven days of the week holding `day`, starting on `start`.
    pub fn week_starting(day: NaiveDate, start: WeekStart) -> Self {
        let first = week_start_of(day, start);
        DateRange::new(first, first + Days::new(6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn a_week_can_start_on_sunday() {
        let w = DateRange::week_starting(d(2026, 11, 27), WeekStart::Sunday);
        assert_eq!((w.first, w.last), (d(2026, 11, 22), d(2026, 11, 28)));
        let w = DateRange::week_starting(d(2026, 11, 22), WeekStart::Sunday);
        assert_eq!(w.first, d(2026, 11, 22));
        let w = DateRange::week_starting(d(2026, 11, 29), WeekStart::Monday);
        assert_eq!(w.first, d(2026, 11, 23));
        assert_eq!(
            DateRange::week_starting(d(2026, 11, 27), WeekStart::Monday),
            DateRange::week_of(d(2026, 11, 27))
        );
    }

    #[test]
    fn week_of_runs_monday_to_sunday() {
        let w = DateRange::week_of(d(2026, 11, 27));
        assert_eq!((w.first, w.last), (d(2026, 11, 23), d(2026, 11, 29)));
        let w = DateRange::week_of(d(2026, 11, 23));
        assert_eq!(w.first, d(2026, 11, 23));
        let w = DateRange::week_of(d(2026, 11, 29));
        assert_eq!(w.first, d(2026, 11, 23));
    }

    #[test]
    fn weekly_every_weekday_within_the_series() {
        let range = DateRange::new(d(2026, 11, 1), d(2026, 11, 30));
        for wd in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ] {
            let dates: Vec<_> = weekly(wd, d(2026, 9, 1), None, range).collect();
            assert!(dates.len() == 4 || dates.len() == 5, "{wd}: {dates:?}");
            assert!(
                dates
                    .iter()
                    .all(|x| x.weekday() == wd && range.contains(*x))
            );
            assert!(
                dates
                    .windows(2)
                    .all(|p| p[1] - p[0] == chrono::Duration::days(7))
            );
        }
        // November 2026 has five Mondays (2, 9, 16, 23, 30) and four Wednesdays.
        assert_eq!(weekly(Weekday::Mon, d(2026, 9, 1), None, range).count(), 5);
        assert_eq!(weekly(Weekday::Wed, d(2026, 9, 1), None, range).count(), 4);
    }

    #[test]
    fn weekly_respects_first_and_last_date() {
        let range = DateRange::new(d(2026, 11, 1), d(2026, 11, 30));
        let dates: Vec<_> =
            weekly(Weekday::Wed, d(2026, 11, 11), Some(d(2026, 11, 18)), range).collect();
        assert_eq!(dates, vec![d(2026, 11, 11), d(2026, 11, 18)]);
        assert_eq!(weekly(Weekday::Wed, d(2027, 1, 1), None, range).count(), 0);
        assert_eq!(
            weekly(Weekday::Wed, d(2026, 1, 1), Some(d(2026, 10, 31)), range).count(),
            0
        );
    }

    #[test]
    fn third_saturday_of_each_month() {
        assert_eq!(
            nth_weekday(2026, 11, 3, Weekday::Sat),
            Some(d(2026, 11, 21))
        );
        assert_eq!(nth_weekday(2026, 9, 3, Weekday::Sat), Some(d(2026, 9, 19)));
        assert_eq!(nth_weekday(2027, 2, 3, Weekday::Sat), Some(d(2027, 2, 20)));
        // A month starting on Saturday: the first Saturday is the 1st.
        assert_eq!(nth_weekday(2026, 8, 1, Weekday::Sat), Some(d(2026, 8, 1)));
    }

    #[test]
    fn fifth_week_exists_only_in_some_months() {
        // August 2026 has five Saturdays (1, 8, 15, 22, 29); September has four.
        assert_eq!(nth_weekday(2026, 8, 5, Weekday::Sat), Some(d(2026, 8, 29)));
        assert_eq!(nth_weekday(2026, 9, 5, Weekday::Sat), None);
        let range = DateRange::new(d(2026, 8, 1), d(2026, 12, 31));
        let dates: Vec<_> = monthly_nth(5, Weekday::Sat, d(2026, 1, 1), None, range).collect();
        assert_eq!(dates, vec![d(2026, 8, 29), d(2026, 10, 31)]);
    }

    #[test]
    fn last_weekday_of_month_and_leap_february() {
        assert_eq!(
            nth_weekday(2026, 11, -1, Weekday::Fri),
            Some(d(2026, 11, 27))
        );
        // 2028 is a leap year: 29 February 2028 is a Tuesday, the last Tuesday.
        assert_eq!(nth_weekday(2028, 2, -1, Weekday::Tue), Some(d(2028, 2, 29)));
        assert_eq!(nth_weekday(2027, 2, -1, Weekday::Sun), Some(d(2027, 2, 28)));
        assert_eq!(nth_weekday(2026, 11, 0, Weekday::Fri), None);
        assert_eq!(nth_weekday(2026, 11, 6, Weekday::Fri), None);
    }

    #[test]
    fn monthly_same_day_passes_over_short_months() {
        let range = DateRange::new(d(2027, 1, 1), d(2027, 5, 31));
        let dates: Vec<_> = monthly_same_day(d(2027, 1, 31), None, range).collect();
        assert_eq!(dates, vec![d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31)]);
        let leap = DateRange::new(d(2028, 1, 1), d(2028, 3, 31));
        let dates: Vec<_> = monthly_same_day(d(2027, 12, 29), None, leap).collect();
        assert_eq!(dates, vec![d(2028, 1, 29), d(2028, 2, 29), d(2028, 3, 29)]);
    }

    #[test]
    fn monthly_rule_respects_series_bounds_and_range() {
        let range = DateRange::new(d(2026, 11, 1), d(2026, 11, 30));
        let dates: Vec<_> = monthly_nth(3, Weekday::Sat, d(2026, 11, 22), None, range).collect();
        assert!(
            dates.is_empty(),
            "21 Nov is before the series starts: {dates:?}"
        );
        let dates: Vec<_> =
            monthly_nth(3, Weekday::Sat, d(2026, 9, 1), Some(d(2026, 11, 20)), range).collect();
        assert!(dates.is_empty());
    }

    #[test]
    fn month_of_handles_december_and_february() {
        let m = DateRange::month_of(d(2026, 12, 15));
        assert_eq!((m.first, m.last), (d(2026, 12, 1), d(2026, 12, 31)));
        let m = DateRange::month_of(d(2028, 2, 3));
        assert_eq!(m.last, d(2028, 2, 29));
    }
}
