//! Expanding the schedule's rules and lists into dated activities.
//!
//! An [`Occurrence`] is one activity on one date, with everything a view or a
//! printed sheet needs to show it. Skipped dates are kept, marked
//! [`Status::Skipped`], because staff and residents need to see *why* there
//! is no screening this week.

use chrono::{NaiveDate, NaiveTime};

use super::recurrence::{self, DateRange};
use super::schedule::{Event, Exception, Repeat, Schedule};
use super::values::SpeakerGroup;

/// The four kinds of activity, in the order they are listed on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Programme {
    Screening,
    ServiceDay,
    Lecture,
    Event,
}

impl Programme {
    pub const ALL: [Programme; 4] = [
        Programme::Screening,
        Programme::ServiceDay,
        Programme::Lecture,
        Programme::Event,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Programme::Screening => "电影放映",
            Programme::ServiceDay => "乐淘淘",
            Programme::Lecture => "微党课",
            Programme::Event => "活动",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Programme::Screening => "Film",
            Programme::ServiceDay => "Service day",
            Programme::Lecture => "Lecture",
            Programme::Event => "Event",
        }
    }

    /// A one-cell marker that reads without colour: 影 / 乐 / 课 / 活 are
    /// wide, so the marker is ASCII to keep columns predictable.
    pub fn marker(self) -> char {
        match self {
            Programme::Screening => 'F',
            Programme::ServiceDay => 'S',
            Programme::Lecture => 'L',
            Programme::Event => 'E',
        }
    }
}

/// Whether the activity takes place as planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Scheduled,
    /// Not held on this date, with the reason staff gave.
    Skipped(String),
    /// Held here instead of on `from`, for the reason given, if any.
    Moved {
        from: NaiveDate,
        reason: Option<String>,
    },
}

/// Which entry of which file an occurrence comes from: what edits and the
/// editor jump need.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OccurrenceKey {
    /// The weekly screening of the series date `date` (before any move).
    Screening { date: NaiveDate },
    /// The service day of the month starting on `month`.
    ServiceDay { month: NaiveDate },
    /// Session number `index` in `lectures.ron`.
    Session { index: usize },
    /// Event number `index` in `events.ron`, on `date`.
    Event { index: usize, date: NaiveDate },
}

/// What is shown about an activity beyond its time and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Screening {
        film_id: Option<String>,
        year: Option<u16>,
        minutes: Option<u16>,
        note: Option<String>,
    },
    ServiceDay {
        host: String,
        services: Vec<String>,
        partners: Vec<String>,
    },
    Lecture {
        lecture_id: String,
        speaker: Option<String>,
        group: Option<SpeakerGroup>,
        minutes: Option<u16>,
        summary: Option<String>,
        seats: Option<u32>,
        series: String,
    },
    Event {
        place: Option<String>,
        organiser: Option<String>,
        note: Option<String>,
        repeats: bool,
    },
}

/// One activity on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub programme: Programme,
    /// Film title, month theme, lecture title or event title; `None` while
    /// staff have not decided yet (no film on this date, no theme this month).
    pub title: Option<String>,
    pub room: Option<String>,
    pub status: Status,
    pub key: OccurrenceKey,
    pub detail: Detail,
    /// The festival, when a rule put this on a statutory day off and staff
    /// have not decided yet (no exception, no `on_holiday`): 假期暂停?
    pub holiday: Option<String>,
    /// Which site of a network it belongs to (its index in the network's
    /// sites); 0 for a single station. Filled in when sites are merged.
    pub site: u16,
}

impl Occurrence {
    pub fn is_skipped(&self) -> bool {
        matches!(self.status, Status::Skipped(_))
    }

    /// The speaker of a lecture, for search and display.
    pub fn speaker(&self) -> Option<&str> {
        match &self.detail {
            Detail::Lecture { speaker, .. } => speaker.as_deref(),
            _ => None,
        }
    }
}

impl Schedule {
    /// Every activity in `range`, ordered by date, start time and programme.
    pub fn occurrences(&self, range: DateRange) -> Vec<Occurrence> {
        let mut out = Vec::new();
        self.screening_occurrences(range, &mut out);
        self.service_day_occurrences(range, &mut out);
        self.lecture_occurrences(range, &mut out);
        self.event_occurrences(range, &mut out);
        out.sort_by(|a, b| {
            (a.date, a.start, a.programme, &a.title).cmp(&(b.date, b.start, b.programme, &b.title))
        });
        out
    }

    fn screening_occurrences(&self, range: DateRange, out: &mut Vec<Occurrence>) {
        let Some(s) = &self.screenings else { return };
        let segments = s.segments();
        let make = |series_date: NaiveDate, seg: &super::schedule::Segment| {
            let film_id = s
                .programme
                .iter()
                .rev()
                .find(|p| *p.date == series_date)
                .map(|p| p.film.clone());
            let film = film_id.as_deref().and_then(|id| self.film(id));
            Occurrence {
                date: series_date,
                start: seg.start,
                end: seg.end,
                programme: Programme::Screening,
                title: film.map(|f| f.title.clone()),
                room: Some(seg.room.clone()),
                status: Status::Scheduled,
                key: OccurrenceKey::Screening { date: series_date },
                holiday: None,
                site: 0,
                detail: Detail::Screening {
                    film_id,
                    year: film.map(|f| f.year),
                    minutes: film.map(|f| f.minutes),
                    note: film.and_then(|f| f.note.clone()),
                },
            }
        };
        let exception = |date: NaiveDate| s.exceptions.iter().rev().find(|e| *e.date() == date);
        let dates = segments.iter().flat_map(|seg| {
            recurrence::weekly(seg.weekday, seg.from, seg.until, range).map(move |d| (d, seg))
        });
        for (date, seg) in dates {
            match exception(date) {
                None => {
                    let mut o = make(date, seg);
                    self.flag_holiday(&mut o, s.slot.on_holiday);
                    out.push(o);
                }
                Some(Exception::Skip { reason, .. }) => {
                    let mut o = make(date, seg);
                    o.status = Status::Skipped(reason.clone());
                    out.push(o);
                }
                // Shown on the date it moved to, below.
                Some(Exception::Move { .. }) => {}
            }
        }
        for e in &s.exceptions {
            let Exception::Move {
                date,
                to,
                start,
                end,
                room,
                reason,
            } = e
            else {
                continue;
            };
            let series_date = **date;
            let new_date = to.map_or(series_date, |t| *t);
            let Some(seg) = segments.iter().find(|seg| {
                series_date >= seg.from
                    && seg.until.is_none_or(|u| series_date <= u)
                    && series_date.weekday() == seg.weekday
            }) else {
                continue;
            };
            let is_current = exception(series_date) == Some(e);
            if !range.contains(new_date) || !is_current {
                continue;
            }
            let mut o = make(series_date, seg);
            o.date = new_date;
            o.start = start.map_or(o.start, |t| *t);
            o.end = end.map_or(o.end, |t| *t);
            if let Some(r) = room {
                o.room = Some(r.clone());
            }
            o.status = if new_date == series_date {
                Status::Scheduled
            } else {
                Status::Moved {
                    from: series_date,
                    reason: reason.clone(),
                }
            };
            out.push(o);
        }
    }

    fn service_day_occurrences(&self, range: DateRange, out: &mut Vec<Occurrence>) {
        let Some(sd) = &self.service_days else { return };
        let rule = &sd.rule;
        let from = *rule.from;
        let until = rule.until.map(|u| *u);
        for month in recurrence::months_touching(range, from, until) {
            let entry = sd.months.iter().rev().find(|m| *m.month == month);
            let ruled =
                recurrence::nth_weekday(month.year(), month.month(), rule.nth, *rule.weekday)
                    .filter(|d| *d >= from && until.is_none_or(|u| *d <= u));
            let date = entry.and_then(|e| e.date.map(|d| *d)).or(ruled);
            let Some(date) = date.filter(|d| range.contains(*d)) else {
                continue;
            };
            let mut partners = sd.partners.clone();
            if let Some(e) = entry {
                partners.extend(
                    e.partners
                        .iter()
                        .filter(|p| !sd.partners.contains(p))
                        .cloned(),
                );
            }
            let status = match (entry.and_then(|e| e.skipped.clone()), ruled) {
                (Some(reason), _) => Status::Skipped(reason),
                (None, Some(r)) if r != date => Status::Moved {
                    from: r,
                    reason: None,
                },
                _ => Status::Scheduled,
            };
            let by_rule = entry.is_none_or(|e| e.date.is_none() && e.skipped.is_none());
            out.push(Occurrence {
                date,
                start: entry.and_then(|e| e.start).map_or(*rule.start, |t| *t),
                end: entry.and_then(|e| e.end).map_or(*rule.end, |t| *t),
                programme: Programme::ServiceDay,
                title: entry.map(|e| e.theme.clone()),
                room: Some(
                    entry
                        .and_then(|e| e.room.clone())
                        .unwrap_or_else(|| rule.room.clone()),
                ),
                status,
                key: OccurrenceKey::ServiceDay { month },
                holiday: None,
                site: 0,
                detail: Detail::ServiceDay {
                    host: sd.host.clone(),
                    services: entry.map(|e| e.services.clone()).unwrap_or_default(),
                    partners,
                },
            });
            if let Some(o) = out.last_mut().filter(|_| by_rule) {
                self.flag_holiday(o, rule.on_holiday);
            }
        }
    }

    fn lecture_occurrences(&self, range: DateRange, out: &mut Vec<Occurrence>) {
        let Some(l) = &self.lectures else { return };
        for (index, s) in l.sessions.iter().enumerate() {
            if !range.contains(*s.date) {
                continue;
            }
            let lecture = self.lecture(&s.lecture);
            out.push(Occurrence {
                date: *s.date,
                start: *s.start,
                end: *s.end,
                programme: Programme::Lecture,
                title: lecture.map(|x| x.title.clone()),
                room: Some(s.room.clone()),
                status: Status::Scheduled,
                key: OccurrenceKey::Session { index },
                holiday: None,
                site: 0,
                detail: Detail::Lecture {
                    lecture_id: s.lecture.clone(),
                    speaker: lecture.map(|x| x.speaker.clone()),
                    group: lecture.map(|x| *x.group),
                    minutes: lecture.map(|x| x.minutes),
                    summary: lecture.and_then(|x| x.summary.clone()),
                    seats: s.seats.or_else(|| self.room(&s.room).map(|r| r.seats)),
                    series: l.series.clone(),
                },
            });
        }
    }

    fn event_occurrences(&self, range: DateRange, out: &mut Vec<Occurrence>) {
        let Some(ev) = &self.events else { return };
        for (index, e) in ev.events.iter().enumerate() {
            for date in event_dates(e, range) {
                let skipped = e.skip.iter().any(|s| **s == date);
                if skipped {
                    continue;
                }
                out.push(Occurrence {
                    date,
                    start: *e.start,
                    end: *e.end,
                    programme: Programme::Event,
                    title: Some(e.title.clone()),
                    room: e.room.clone(),
                    status: Status::Scheduled,
                    key: OccurrenceKey::Event { index, date },
                    holiday: None,
                    site: 0,
                    detail: Detail::Event {
                        place: e.place.clone(),
                        organiser: e.organiser.clone(),
                        note: e.note.clone(),
                        repeats: e.repeat.is_some(),
                    },
                });
                // The first date is written out; the rest come from the rule.
                if let Some(o) = out
                    .last_mut()
                    .filter(|_| e.repeat.is_some() && date != *e.date)
                {
                    self.flag_holiday(o, e.on_holiday);
                }
            }
        }
    }
}

use chrono::Datelike;

/// The dates an event takes place on within `range`, before skips.
fn event_dates(e: &Event, range: DateRange) -> Vec<NaiveDate> {
    let from = *e.date;
    let until = e.until.map(|u| *u);
    match &e.repeat {
        None => range.contains(from).then_some(from).into_iter().collect(),
        Some(Repeat::Monthly) => recurrence::monthly_same_day(from, until, range).collect(),
        Some(r @ Repeat::Lunar { .. }) => r
            .lunar()
            .and_then(|rule| range.clamp(from, until).map(|w| rule.dates(w)))
            .unwrap_or_default(),
        Some(Repeat::Weekly) => {
            let mut days: Vec<_> = if e.weekdays.is_empty() {
                vec![from.weekday()]
            } else {
                e.weekdays.iter().map(|d| **d).collect()
            };
            days.dedup();
            let mut dates: Vec<_> = days
                .into_iter()
                .flat_map(|wd| recurrence::weekly(wd, from, until, range))
                .collect();
            dates.sort_unstable();
            dates.dedup();
            dates
        }
    }
}
