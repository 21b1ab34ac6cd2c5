//! Semantic checks a schedule must pass beyond reading as RON: times in
//! order, references that resolve, ids that are unique.
//!
//! A finding names the file part and a [`Pointer`] to the offending value;
//! the storage layer turns the pointer into a line and column.

use std::collections::HashMap;

use chrono::{Datelike, NaiveTime};

use super::clash_report::ClashReport;
use super::occurrence::OccurrenceKey;
use super::schedule::{Exception, Schedule};
use super::values::Time;
use crate::i18n::Lang;
use crate::tr;

/// Which schedule file a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Station,
    Screenings,
    ServiceDays,
    Lectures,
    Events,
    /// `records.ron`: what happened at the activities held (optional).
    Records,
    /// A schedule folder's `holidays.ron` (not one of [`Part::ALL`], the
    /// schedule files proper).
    Holidays,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Station,
        Part::Screenings,
        Part::ServiceDays,
        Part::Lectures,
        Part::Events,
        Part::Records,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Part::Station => "station.ron",
            Part::Screenings => "screenings.ron",
            Part::ServiceDays => "service-days.ron",
            Part::Lectures => "lectures.ron",
            Part::Events => "events.ron",
            Part::Records => "records.ron",
            Part::Holidays => "holidays.ron",
        }
    }
}

/// One step into a RON value: a struct field or a list element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Field(&'static str),
    Index(usize),
}

/// Where in a file's value a finding points, e.g. `films[3].id`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pointer(pub Vec<Step>);

impl Pointer {
    fn field(mut self, f: &'static str) -> Self {
        self.0.push(Step::Field(f));
        self
    }
    fn index(mut self, i: usize) -> Self {
        self.0.push(Step::Index(i));
        self
    }
    fn at(list: &'static str, i: usize) -> Self {
        Pointer::default().field(list).index(i)
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, s) in self.0.iter().enumerate() {
            match s {
                Step::Field(name) if n == 0 => f.write_str(name)?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    EndNotAfterStart {
        start: NaiveTime,
        end: NaiveTime,
    },
    UntilBeforeFrom,
    DuplicateId(String),
    DuplicateRoom(String),
    DuplicateDate(String),
    UnknownFilm(String),
    UnknownLecture(String),
    UnknownRoom(String),
    AbsurdSeats(u32),
    /// More seats offered than the room has (a warning: staff may add
    /// chairs, but the notice board should not promise what is not there).
    OverCapacity {
        seats: u32,
        room: String,
        capacity: u32,
    },
    /// The room or the speaker is booked twice at once (a warning: a room
    /// may be shared on purpose). Reported by `check`, not at every load.
    Clash(Box<ClashReport>),
    /// A running time of 0 minutes or longer than a day.
    AbsurdMinutes(u16),
    NotOnSlot {
        date: String,
        weekday: &'static str,
    },
    NthOutOfRange(i8),
    ChangeOutsideSeries(String),
    DateOutsideMonth(String),
    EmptyText,
    /// A lunar repeat that cannot be followed.
    Lunar(super::lunar::RuleProblem),
    /// A lunar repeat's first date is not one of its days: the series
    /// starts on the next one (a warning).
    NotOnLunarRule {
        date: String,
        rule: super::lunar::LunarRule,
        next: Option<String>,
    },
    /// About holidays: see [`super::holidays::HolidayIssue`].
    Holiday(super::holidays::HolidayIssue),
    /// About records: see [`super::records::RecordIssue`].
    Record(super::records::RecordIssue),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub part: Part,
    pub at: Pointer,
    pub severity: Severity,
    pub issue: Issue,
}

/// More seats than any neighbourhood room has: surely a typo.
pub const MAX_SEATS: u32 = 2000;

/// Nothing the station runs lasts longer than a day.
pub const MAX_MINUTES: u16 = 24 * 60;

impl Issue {
    /// A plain message that says what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Issue::EndNotAfterStart { start, end } => tr!(
                lang,
                "结束时间 {} 不晚于开始时间 {}：请把 end 改成开始之后的时间（一场活动不能跨过午夜，也不能超过一天）",
                "end {} is not after start {}: set end to a later time (an activity cannot run past midnight or last over a day)",
                end.format("%H:%M"),
                start.format("%H:%M")
            ),
            Issue::UntilBeforeFrom => tr!(
                lang,
                "结束日期 until 早于开始日期 from：请检查两个日期",
                "until is before from: check both dates"
            ),
            Issue::DuplicateId(id) => tr!(
                lang,
                "编号 \"{id}\" 重复：每个编号只能用一次，请改成新的编号",
                "id \"{id}\" is used twice: give this entry a new id"
            ),
            Issue::DuplicateRoom(name) => tr!(
                lang,
                "场地 \"{name}\" 重复：场地名称不能相同",
                "room \"{name}\" is listed twice: room names must differ"
            ),
            Issue::DuplicateDate(date) => tr!(
                lang,
                "{date} 已经有一条记录：同一天只能写一条，请删掉其中一条",
                "{date} already has an entry: keep only one"
            ),
            Issue::UnknownFilm(id) => tr!(
                lang,
                "片单 films 里没有编号为 \"{id}\" 的影片：请先在 films 中添加，或改成已有的编号",
                "no film with id \"{id}\" in films: add it there or use an existing id"
            ),
            Issue::UnknownLecture(id) => tr!(
                lang,
                "课程目录 catalogue 里没有编号为 \"{id}\" 的微党课：请改成目录中已有的编号",
                "no lecture with id \"{id}\" in the catalogue: use an existing id"
            ),
            Issue::UnknownRoom(name) => tr!(
                lang,
                "station.ron 里没有名为 \"{name}\" 的场地：请改成已有场地，或在 station.ron 的 rooms 中添加",
                "no room named \"{name}\" in station.ron: use an existing room or add it to rooms"
            ),
            Issue::AbsurdSeats(n) => tr!(
                lang,
                "座位数 {n} 不合理：应在 1 到 {MAX_SEATS} 之间",
                "{n} seats is not plausible: expected 1 to {MAX_SEATS}"
            ),
            Issue::OverCapacity {
                seats,
                room,
                capacity,
            } => tr!(
                lang,
                "座位数 {seats} 超过了 {room} 的 {capacity} 座：请减少座位数，或换一个更大的场地",
                "{seats} seats is more than {room} holds ({capacity}): offer fewer seats or use a larger room"
            ),
            Issue::Clash(report) => report.message(lang),
            Issue::AbsurdMinutes(n) => tr!(
                lang,
                "时长 {n} 分钟不合理：一场活动不会超过一天，应在 1 到 {MAX_MINUTES} 之间（例如 100）",
                "{n} minutes is not plausible: nothing lasts longer than a day, expected 1 to {MAX_MINUTES}"
            ),
            Issue::NotOnSlot { date, weekday } => tr!(
                lang,
                "{date} 不是放映日（每{weekday}），或不在放映期内：请改成放映日的日期",
                "{date} is not a screening date (every {weekday}, within from..until)"
            ),
            Issue::NthOutOfRange(n) => tr!(
                lang,
                "nth: {n} 无效：应为 1 到 5（第几个），或 -1（最后一个）",
                "nth: {n} is not valid: expected 1 to 5, or -1 for the last"
            ),
            Issue::DateOutsideMonth(date) => tr!(
                lang,
                "改期日期 {date} 不在这个月内：请改成本月的日期",
                "the moved date {date} is not in this month"
            ),
            Issue::EmptyText => tr!(lang, "此处不能为空", "this may not be empty"),
            Issue::ChangeOutsideSeries(date) => tr!(
                lang,
                "时段调整的起始日期 {date} 应在放映期内（from 之后、until 之前）",
                "the slot change date {date} must fall within the series (after from, before until)"
            ),
            Issue::Holiday(h) => h.message(lang),
            Issue::Lunar(p) => p.message(lang),
            Issue::NotOnLunarRule { date, rule, next } => {
                let rule = rule.describe(lang);
                match next {
                    Some(next) => tr!(
                        lang,
                        "首日 {date} 不是{rule}：第一次活动将在 {next}；请把 date 改成 {next}",
                        "the first date {date} is not {rule}: the first one is on {next}; set date to {next}"
                    ),
                    None => tr!(
                        lang,
                        "首日 {date} 不是{rule}，此后十年里也没有这一天",
                        "the first date {date} is not {rule}, and no such day follows within ten years"
                    ),
                }
            }
            Issue::Record(r) => r.message(lang),
        }
    }
}

struct Checker<'a> {
    schedule: &'a Schedule,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn warning(&mut self, part: Part, at: Pointer, issue: Issue) {
        self.findings.push(Finding {
            part,
            at,
            severity: Severity::Warning,
            issue,
        });
    }

    fn error(&mut self, part: Part, at: Pointer, issue: Issue) {
        self.findings.push(Finding {
            part,
            at,
            severity: Severity::Error,
            issue,
        });
    }

    fn times(&mut self, part: Part, at: &Pointer, start: Time, end: Time) {
        if *end <= *start {
            self.error(
                part,
                at.clone().field("end"),
                Issue::EndNotAfterStart {
                    start: *start,
                    end: *end,
                },
            );
        }
    }

    fn room(&mut self, part: Part, at: Pointer, name: &str) {
        // Without a station (its file missing or broken) every room would
        // look unknown; that one problem is reported instead.
        let no_station =
            self.schedule.station.name.is_empty() && self.schedule.station.rooms.is_empty();
        if !no_station && self.schedule.room(name).is_none() {
            self.error(part, at, Issue::UnknownRoom(name.to_owned()));
        }
    }

    fn seats(&mut self, part: Part, at: Pointer, seats: u32) {
        if seats == 0 || seats > MAX_SEATS {
            self.error(part, at, Issue::AbsurdSeats(seats));
        }
    }

    /// Seats offered above the capacity of a known room (a plausible
    /// number: an absurd one is already an error).
    fn capacity(&mut self, part: Part, at: Pointer, seats: Option<u32>, room: &str) {
        let (Some(seats), Some(r)) = (seats, self.schedule.room(room)) else {
            return;
        };
        if seats > r.seats && seats <= MAX_SEATS && r.seats > 0 {
            self.warning(
                part,
                at,
                Issue::OverCapacity {
                    seats,
                    room: r.name.clone(),
                    capacity: r.seats,
                },
            );
        }
    }

    fn minutes(&mut self, part: Part, at: Pointer, minutes: u16) {
        if minutes == 0 || minutes > MAX_MINUTES {
            self.error(part, at, Issue::AbsurdMinutes(minutes));
        }
    }

    fn unique<'s>(&mut self, part: Part, list: &'static str, ids: impl Iterator<Item = &'s str>) {
        let mut seen = HashMap::new();
        for (i, id) in ids.enumerate() {
            if seen.insert(id, i).is_some() {
                self.error(
                    part,
                    Pointer::at(list, i).field("id"),
                    Issue::DuplicateId(id.to_owned()),
                );
            }
        }
    }
}

/// Every semantic problem of the schedule, in file order.
pub fn validate(schedule: &Schedule) -> Vec<Finding> {
    let mut c = Checker {
        schedule,
        findings: Vec::new(),
    };
    let mut names = HashMap::new();
    for (i, r) in schedule.station.rooms.iter().enumerate() {
        if names.insert(r.name.as_str(), i).is_some() {
            c.error(
                Part::Station,
                Pointer::at("rooms", i).field("name"),
                Issue::DuplicateRoom(r.name.clone()),
            );
        }
        c.seats(
            Part::Station,
            Pointer::at("rooms", i).field("seats"),
            r.seats,
        );
    }
    if schedule.station.name.trim().is_empty() {
        c.error(
            Part::Station,
            Pointer::default().field("name"),
            Issue::EmptyText,
        );
    }
    check_screenings(&mut c);
    check_service_days(&mut c);
    check_lectures(&mut c);
    check_events(&mut c);
    c.findings.extend(super::holidays::clash_findings(schedule));
    c.findings.extend(super::records::findings(schedule));
    c.findings
}

fn check_screenings(c: &mut Checker) {
    let Some(s) = &c.schedule.screenings else {
        return;
    };
    let part = Part::Screenings;
    let slot = Pointer::default().field("slot");
    c.times(part, &slot, s.slot.start, s.slot.end);
    c.room(part, slot.clone().field("room"), &s.slot.room);
    if s.slot.until.is_some_and(|u| *u < *s.slot.from) {
        c.error(part, slot.clone().field("until"), Issue::UntilBeforeFrom);
    }
    c.unique(part, "films", s.films.iter().map(|f| f.id.as_str()));
    for (i, f) in s.films.iter().enumerate() {
        c.minutes(part, Pointer::at("films", i).field("minutes"), f.minutes);
    }
    for (i, ch) in s.changes.iter().enumerate() {
        let at = Pointer::at("changes", i);
        c.times(part, &at, ch.start, ch.end);
        c.room(part, at.clone().field("room"), &ch.room);
        if *ch.from <= *s.slot.from || s.slot.until.is_some_and(|u| *ch.from > *u) {
            c.error(
                part,
                at.field("from"),
                Issue::ChangeOutsideSeries(ch.from.to_string()),
            );
        }
    }
    let on_slot = |d: chrono::NaiveDate| s.segment_on(d).is_some();
    let weekday = super::values::weekday_zh(*s.slot.weekday);
    let mut dates = HashMap::new();
    for (i, p) in s.programme.iter().enumerate() {
        let at = Pointer::at("programme", i);
        if c.schedule.film(&p.film).is_none() {
            c.error(
                part,
                at.clone().field("film"),
                Issue::UnknownFilm(p.film.clone()),
            );
        }
        if !on_slot(*p.date) {
            c.error(
                part,
                at.clone().field("date"),
                Issue::NotOnSlot {
                    date: p.date.to_string(),
                    weekday,
                },
            );
        }
        if dates.insert(*p.date, i).is_some() {
            c.error(
                part,
                at.field("date"),
                Issue::DuplicateDate(p.date.to_string()),
            );
        }
    }
    let mut dates = HashMap::new();
    for (i, e) in s.exceptions.iter().enumerate() {
        let at = Pointer::at("exceptions", i);
        // An enum variant's fields sit directly inside the variant.
        if !on_slot(*e.date()) {
            c.error(
                part,
                at.clone().field("date"),
                Issue::NotOnSlot {
                    date: e.date().to_string(),
                    weekday,
                },
            );
        }
        if dates.insert(*e.date(), i).is_some() {
            c.error(
                part,
                at.clone().field("date"),
                Issue::DuplicateDate(e.date().to_string()),
            );
        }
        if let Exception::Move {
            start, end, room, ..
        } = e
        {
            // Only an entry that sets its own time can put it out of order;
            // a wrong slot is reported once, at the slot.
            if start.is_some() || end.is_some() {
                let seg = s.segment_on(*e.date());
                let slot_start = seg.as_ref().map_or(*s.slot.start, |g| g.start);
                let slot_end = seg.as_ref().map_or(*s.slot.end, |g| g.end);
                let (st, en) = (
                    start.map_or(slot_start, |t| *t),
                    end.map_or(slot_end, |t| *t),
                );
                c.times(part, &at, Time(st), Time(en));
            }
            if let Some(r) = room {
                c.room(part, at.clone().field("room"), r);
            }
        }
    }
}

fn check_service_days(c: &mut Checker) {
    let Some(sd) = &c.schedule.service_days else {
        return;
    };
    let part = Part::ServiceDays;
    let rule = Pointer::default().field("rule");
    if !matches!(sd.rule.nth, 1..=5 | -1) {
        c.error(
            part,
            rule.clone().field("nth"),
            Issue::NthOutOfRange(sd.rule.nth),
        );
    }
    c.times(part, &rule, sd.rule.start, sd.rule.end);
    c.room(part, rule.clone().field("room"), &sd.rule.room);
    if sd.rule.until.is_some_and(|u| *u < *sd.rule.from) {
        c.error(part, rule.field("until"), Issue::UntilBeforeFrom);
    }
    let mut months = HashMap::new();
    for (i, m) in sd.months.iter().enumerate() {
        let at = Pointer::at("months", i);
        if months.insert(*m.month, i).is_some() {
            c.error(
                part,
                at.clone().field("month"),
                Issue::DuplicateDate(m.month.format("%Y-%m").to_string()),
            );
        }
        if let Some(d) = m.date
            && (d.year(), d.month()) != (m.month.year(), m.month.month())
        {
            c.error(
                part,
                at.clone().field("date"),
                Issue::DateOutsideMonth(d.to_string()),
            );
        }
        if m.start.is_some() || m.end.is_some() {
            let (st, en) = (
                m.start.unwrap_or(sd.rule.start),
                m.end.unwrap_or(sd.rule.end),
            );
            c.times(part, &at, st, en);
        }
        if let Some(r) = &m.room {
            c.room(part, at.clone().field("room"), r);
        }
        if m.theme.trim().is_empty() {
            c.error(part, at.field("theme"), Issue::EmptyText);
        }
    }
}

fn check_lectures(c: &mut Checker) {
    let Some(l) = &c.schedule.lectures else {
        return;
    };
    let part = Part::Lectures;
    c.unique(part, "catalogue", l.catalogue.iter().map(|x| x.id.as_str()));
    for (i, x) in l.catalogue.iter().enumerate() {
        c.minutes(
            part,
            Pointer::at("catalogue", i).field("minutes"),
            x.minutes,
        );
    }
    for (i, s) in l.sessions.iter().enumerate() {
        let at = Pointer::at("sessions", i);
        if c.schedule.lecture(&s.lecture).is_none() {
            c.error(
                part,
                at.clone().field("lecture"),
                Issue::UnknownLecture(s.lecture.clone()),
            );
        }
        c.times(part, &at, s.start, s.end);
        c.room(part, at.clone().field("room"), &s.room);
        if let Some(n) = s.seats {
            c.seats(part, at.clone().field("seats"), n);
        }
        c.capacity(part, at.field("seats"), s.seats, &s.room);
    }
}

fn check_events(c: &mut Checker) {
    let Some(ev) = &c.schedule.events else { return };
    let part = Part::Events;
    c.unique(part, "events", ev.events.iter().map(|e| e.id.as_str()));
    for (i, e) in ev.events.iter().enumerate() {
        let at = Pointer::at("events", i);
        c.times(part, &at, e.start, e.end);
        if let Some(r) = &e.room {
            c.room(part, at.clone().field("room"), r);
        }
        if e.until.is_some_and(|u| *u < *e.date) {
            c.error(part, at.clone().field("until"), Issue::UntilBeforeFrom);
        }
        if e.title.trim().is_empty() {
            c.error(part, at.clone().field("title"), Issue::EmptyText);
        }
        if let Some(rule) = e.repeat.as_ref().and_then(super::schedule::Repeat::lunar) {
            check_lunar(c, &at, &rule, *e.date);
        }
    }
}

/// A lunar repeat: its fields (an error where it cannot be followed), and
/// that the first date is one of its days (a warning).
fn check_lunar(
    c: &mut Checker,
    event: &Pointer,
    rule: &super::lunar::LunarRule,
    first: chrono::NaiveDate,
) {
    use super::lunar::RuleProblem;
    if let Some(p) = rule.problem() {
        let at = match p {
            RuleProblem::Shape => event.clone().field("repeat"),
            p => event.clone().field("repeat").field(p.field()),
        };
        c.error(Part::Events, at, Issue::Lunar(p));
        return;
    }
    let next = rule.next_on_or_after(first);
    if next != Some(first) {
        let issue = Issue::NotOnLunarRule {
            date: first.to_string(),
            rule: rule.clone(),
            next: next.map(|d| d.to_string()),
        };
        c.warning(Part::Events, event.clone().field("date"), issue);
    }
}

/// The seat warnings alone: what a form checks before it saves.
pub fn capacity_findings(schedule: &Schedule) -> Vec<Finding> {
    let mut c = Checker {
        schedule,
        findings: Vec::new(),
    };
    if let Some(l) = &schedule.lectures {
        for (i, s) in l.sessions.iter().enumerate() {
            let at = Pointer::at("sessions", i).field("seats");
            c.capacity(Part::Lectures, at, s.seats, &s.room);
        }
    }
    c.findings
}

/// The file and entry an activity comes from: its programme entry (a
/// screening's date, a month of 乐淘淘) when it has one, else the series
/// rule that generates it; a session or an event by its index.
pub fn entry_of(schedule: &Schedule, key: &OccurrenceKey) -> (Part, Pointer) {
    match *key {
        OccurrenceKey::Screening { date } => {
            let i = schedule
                .screenings
                .as_ref()
                .and_then(|s| s.programme.iter().position(|p| *p.date == date));
            (
                Part::Screenings,
                i.map_or_else(
                    || Pointer::default().field("slot"),
                    |i| Pointer::at("programme", i),
                ),
            )
        }
        OccurrenceKey::ServiceDay { month } => {
            let i = schedule
                .service_days
                .as_ref()
                .and_then(|s| s.months.iter().position(|m| *m.month == month));
            (
                Part::ServiceDays,
                i.map_or_else(
                    || Pointer::default().field("rule"),
                    |i| Pointer::at("months", i),
                ),
            )
        }
        OccurrenceKey::Session { index } => (Part::Lectures, Pointer::at("sessions", index)),
        OccurrenceKey::Event { index, .. } => (Part::Events, Pointer::at("events", index)),
    }
}
