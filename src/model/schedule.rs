//! The schedule as staff write it: one value per file, field names as in the
//! files. Every struct denies unknown fields, because in a hand-edited file an
//! unknown field is nearly always a typo.

use serde::{Deserialize, Serialize};

use super::holidays::{Holidays, OnHoliday};
use super::values::{Date, Day, Group, Month, Time};

/// A station's whole schedule: `station.ron` plus the programme files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    pub station: Station,
    pub screenings: Option<Screenings>,
    pub service_days: Option<ServiceDays>,
    pub lectures: Option<Lectures>,
    pub events: Option<Events>,
    /// `records.ron`: what happened at the activities held.
    pub records: Option<super::records::Records>,
    /// The statutory holidays: the bundled `holidays.ron`, with the folder's
    /// years over it (filled in by the storage layer; empty = none announced).
    pub holidays: Holidays,
}

/// `station.ron`: who the station is and which rooms it has.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    pub name: String,
    /// Address and phone, printed in the footer of the week sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default)]
    pub rooms: Vec<Room>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// The room's name; activities refer to a room by this name.
    pub name: String,
    pub seats: u32,
}

/// `screenings.ron`: the weekly red-film screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screenings {
    pub slot: WeeklySlot,
    /// Changes of the weekly slot from a date on ("this and following weeks").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<SlotChange>,
    #[serde(default)]
    pub films: Vec<Film>,
    /// Which film plays on which date of the slot.
    #[serde(default)]
    pub programme: Vec<Showing>,
    /// Dates of the slot that are skipped or moved.
    #[serde(default)]
    pub exceptions: Vec<Exception>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklySlot {
    pub weekday: Day,
    pub start: Time,
    pub end: Time,
    pub room: String,
    /// The first date of the series.
    pub from: Date,
    /// The last date of the series, if it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// What happens when the slot falls on a statutory day off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_holiday: Option<OnHoliday>,
}

/// From `from` on, the weekly screening is held on this weekday, time and room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotChange {
    pub from: Date,
    pub weekday: Day,
    pub start: Time,
    pub end: Time,
    pub room: String,
}

/// A stretch of the screening series with one weekday, time and room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub from: chrono::NaiveDate,
    pub until: Option<chrono::NaiveDate>,
    pub weekday: chrono::Weekday,
    pub start: chrono::NaiveTime,
    pub end: chrono::NaiveTime,
    pub room: String,
}

impl Screenings {
    /// The series split where the slot changes, in date order.
    pub fn segments(&self) -> Vec<Segment> {
        let mut changes: Vec<&SlotChange> = self
            .changes
            .iter()
            .filter(|c| *c.from > *self.slot.from && self.slot.until.is_none_or(|u| *c.from <= *u))
            .collect();
        changes.sort_by_key(|c| *c.from);
        let mut out = vec![Segment {
            from: *self.slot.from,
            until: self.slot.until.map(|u| *u),
            weekday: *self.slot.weekday,
            start: *self.slot.start,
            end: *self.slot.end,
            room: self.slot.room.clone(),
        }];
        for c in changes {
            if let Some(last) = out.last_mut() {
                last.until = c.from.pred_opt();
            }
            out.push(Segment {
                from: *c.from,
                until: self.slot.until.map(|u| *u),
                weekday: *c.weekday,
                start: *c.start,
                end: *c.end,
                room: c.room.clone(),
            });
        }
        out
    }

    /// The segment in force on `date`, if `date` is one of the series' dates.
    pub fn segment_on(&self, date: chrono::NaiveDate) -> Option<Segment> {
        use chrono::Datelike;
        self.segments().into_iter().find(|s| {
            date >= s.from && s.until.is_none_or(|u| date <= u) && date.weekday() == s.weekday
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Film {
    pub id: String,
    pub title: String,
    pub year: u16,
    pub minutes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Showing {
    pub date: Date,
    pub film: String,
}

/// A change to one date of a recurring series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Exception {
    /// The date does not take place, e.g. `Skip(date: "2026-09-30", reason: "国庆放假")`.
    Skip { date: Date, reason: String },
    /// The date takes place elsewhere or at another time; unset fields stay as the slot has them.
    Move {
        date: Date,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<Time>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<Time>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
        /// Why it moved, shown to residents.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl Exception {
    /// The date of the series this exception changes.
    pub fn date(&self) -> Date {
        match self {
            Exception::Skip { date, .. } | Exception::Move { date, .. } => *date,
        }
    }
}

/// `service-days.ron`: the monthly 乐淘淘 themed service day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDays {
    /// The platform's name, shown as the programme title (乐淘淘).
    pub name: String,
    /// The Party branch that runs it.
    pub host: String,
    /// Partner units that take part every month.
    #[serde(default)]
    pub partners: Vec<String>,
    pub rule: MonthlyRule,
    /// Per-month theme, services and partners, and moves or skips.
    #[serde(default)]
    pub months: Vec<MonthEntry>,
}

/// "The nth weekday of every month", e.g. the third Saturday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthlyRule {
    /// Which one in the month: 1 to 5, or -1 for the last.
    pub nth: i8,
    pub weekday: Day,
    pub start: Time,
    pub end: Time,
    pub room: String,
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// What happens when the rule's day falls on a statutory day off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_holiday: Option<OnHoliday>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthEntry {
    pub month: Month,
    pub theme: String,
    #[serde(default)]
    pub services: Vec<String>,
    /// Partner units of this month, in addition to the standing partners.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Held on another date this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// Not held this month, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// `lectures.ron`: the micro-lecture catalogue and its sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lectures {
    /// The series name, e.g. '四史'滨海学堂.
    pub series: String,
    #[serde(default)]
    pub catalogue: Vec<Lecture>,
    #[serde(default)]
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lecture {
    pub id: String,
    pub title: String,
    pub speaker: String,
    pub group: Group,
    pub minutes: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The catalogue id of the lecture given.
    pub lecture: String,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    pub room: String,
    /// Seats offered; the room's size when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
}

/// `events.ron`: every other activity.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Events {
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// The first (or only) date.
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// A room of the station; leave out for activities elsewhere and use `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// Where it happens when not in one of the station's rooms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organiser: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `Weekly`, `Monthly` or `Lunar(...)`; a one-off event leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// For a weekly event: the weekdays it runs on (the first date's weekday when omitted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<Day>,
    /// The last date of a repeating event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Dates of a repeating event that do not take place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<Date>,
    /// What happens when a repeating event falls on a statutory day off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_holiday: Option<OnHoliday>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Repeat {
    /// Every week, on the first date's weekday or on `weekdays`.
    Weekly,
    /// Every month on the first date's day of the month.
    Monthly,
    /// Once a lunar year: `Lunar(month: 9, day: 9)` or
    /// `Lunar(festival: "重阳")`; see [`super::lunar::LunarRule`].
    Lunar {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        month: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        day: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        festival: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        leap_too: bool,
    },
}

impl Repeat {
    /// The lunar rule, for a `Lunar` repeat.
    pub fn lunar(&self) -> Option<super::lunar::LunarRule> {
        match self {
            Repeat::Lunar {
                month,
                day,
                festival,
                leap_too,
            } => Some(super::lunar::LunarRule {
                month: *month,
                day: *day,
                festival: festival.clone(),
                leap_too: *leap_too,
            }),
            Repeat::Weekly | Repeat::Monthly => None,
        }
    }

    /// The `Lunar` repeat of a rule.
    pub fn from_lunar(r: super::lunar::LunarRule) -> Repeat {
        Repeat::Lunar {
            month: r.month,
            day: r.day,
            festival: r.festival,
            leap_too: r.leap_too,
        }
    }
}

impl Schedule {
    pub fn room(&self, name: &str) -> Option<&Room> {
        self.station.rooms.iter().find(|r| r.name == name)
    }

    pub fn film(&self, id: &str) -> Option<&Film> {
        self.screenings.as_ref()?.films.iter().find(|f| f.id == id)
    }

    pub fn lecture(&self, id: &str) -> Option<&Lecture> {
        self.lectures
            .as_ref()?
            .catalogue
            .iter()
            .find(|l| l.id == id)
    }
}

impl Schedule {
    /// Takes one file's part from `other`.
    pub fn replace_part(&mut self, other: &Schedule, part: super::validate::Part) {
        use super::validate::Part;
        match part {
            Part::Station => self.station.clone_from(&other.station),
            Part::Screenings => self.screenings.clone_from(&other.screenings),
            Part::ServiceDays => self.service_days.clone_from(&other.service_days),
            Part::Lectures => self.lectures.clone_from(&other.lectures),
            Part::Events => self.events.clone_from(&other.events),
            Part::Records => self.records.clone_from(&other.records),
            Part::Holidays => self.holidays.clone_from(&other.holidays),
        }
    }

    /// Whether one file's part differs between the two schedules.
    pub fn part_differs(&self, other: &Schedule, part: super::validate::Part) -> bool {
        use super::validate::Part;
        match part {
            Part::Station => self.station != other.station,
            Part::Screenings => self.screenings != other.screenings,
            Part::ServiceDays => self.service_days != other.service_days,
            Part::Lectures => self.lectures != other.lectures,
            Part::Events => self.events != other.events,
            Part::Records => self.records != other.records,
            Part::Holidays => self.holidays != other.holidays,
        }
    }
}

impl Screenings {
    /// Puts `e` in place of any exception for its date, keeping date order.
    pub fn set_exception(&mut self, e: Exception) {
        let date = e.date();
        self.exceptions.retain(|x| x.date() != date);
        let at = self
            .exceptions
            .iter()
            .position(|x| *x.date() > *date)
            .unwrap_or(self.exceptions.len());
        self.exceptions.insert(at, e);
    }
}

impl ServiceDays {
    /// Marks a month skipped with `reason`, adding an entry for it if there
    /// is none (its theme then says the reason too).
    pub fn skip_month(&mut self, month: chrono::NaiveDate, reason: String) {
        if let Some(m) = self.months.iter_mut().rev().find(|m| *m.month == month) {
            m.skipped = Some(reason);
            return;
        }
        let at = self
            .months
            .iter()
            .position(|m| *m.month > month)
            .unwrap_or(self.months.len());
        let entry = MonthEntry {
            month: Month(month),
            theme: reason.clone(),
            services: Vec::new(),
            partners: Vec::new(),
            date: None,
            start: None,
            end: None,
            room: None,
            skipped: Some(reason),
        };
        self.months.insert(at, entry);
    }
}

impl Event {
    /// Takes one date out of a repeating event.
    pub fn skip_date(&mut self, date: chrono::NaiveDate) {
        if !self.skip.iter().any(|d| **d == date) {
            self.skip.push(Date(date));
            self.skip.sort_by_key(|d| **d);
        }
    }
}
