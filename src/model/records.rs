//! `records.ron`: what happened at an activity once it was held — sign-ups,
//! attendance, who recorded it, a short summary, photos and, for 乐淘淘,
//! how many people each service served. The 活动台账 staff keep.
//!
//! A record names its activity by what the activity *is* — programme, the
//! lecture's or event's id, and the date it was held — the identity the
//! calendar feed's UIDs use (see `print::sheet`), never by its title: a
//! title can be corrected without losing the record. A record whose
//! activity no longer takes place on its date (moved, skipped, deleted) is
//! kept and reported as a warning, never dropped.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::occurrence::{Occurrence, OccurrenceKey, Programme, Status};
use super::recurrence::DateRange;
use super::schedule::Schedule;
use super::validate::{Finding, Issue, Part, Pointer, Severity, Step};
use super::values::Date;
use crate::i18n::Lang;
use crate::tr;

/// The folder beside `records.ron` that holds the photos a record names.
pub const PHOTO_FOLDER: &str = "photos";

/// More people than any neighbourhood activity has: surely a typo.
pub const MAX_PEOPLE: u32 = 100_000;

/// `records.ron` as staff write it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    #[serde(default)]
    pub records: Vec<Record>,
}

/// What happened at one activity on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The date the activity was (or will be) held.
    pub date: Date,
    /// Which activity of that date: `Screening`, `ServiceDay`,
    /// `Lecture("L03")` or `Event("E07")`.
    pub activity: ActivityRef,
    /// 报名人数: may be filled in before the activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_up: Option<u32>,
    /// 实到人数: an activity with attendance counts as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attended: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
    /// 活动小结.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// File names in the [`PHOTO_FOLDER`] beside `records.ron`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// For 乐淘淘: people served by each service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub served: Vec<Served>,
}

/// Which activity a record is about: its programme and, for lectures and
/// events, the id in `lectures.ron` / `events.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActivityRef {
    Screening,
    ServiceDay,
    Lecture(String),
    Event(String),
}

/// People served by one service of a 乐淘淘 day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Served {
    pub service: String,
    pub people: u32,
}

impl Record {
    /// An empty record of `activity` on `date`.
    pub fn new(date: NaiveDate, activity: ActivityRef) -> Record {
        Record {
            date: Date(date),
            activity,
            signed_up: None,
            attended: None,
            recorded_by: None,
            summary: None,
            photos: Vec::new(),
            served: Vec::new(),
        }
    }

    /// Whether the activity's outcome is recorded (attendance known).
    pub fn is_complete(&self) -> bool {
        self.attended.is_some()
    }

    /// People served in all of a 乐淘淘 day's services.
    pub fn served_total(&self) -> u32 {
        self.served.iter().map(|s| s.people).sum()
    }
}

impl ActivityRef {
    /// The reference naming `o`, an activity of `schedule`.
    pub fn of(schedule: &Schedule, o: &Occurrence) -> ActivityRef {
        ActivityRef::of_key(schedule, &o.key)
    }

    /// The reference naming the activity `key` of `schedule`.
    pub fn of_key(schedule: &Schedule, key: &OccurrenceKey) -> ActivityRef {
        match key {
            OccurrenceKey::Screening { .. } => ActivityRef::Screening,
            OccurrenceKey::ServiceDay { .. } => ActivityRef::ServiceDay,
            OccurrenceKey::Event { index, .. } => ActivityRef::Event(
                schedule
                    .events
                    .as_ref()
                    .and_then(|e| e.events.get(*index))
                    .map(|e| e.id.clone())
                    .unwrap_or_default(),
            ),
            OccurrenceKey::Session { index } => ActivityRef::Lecture(
                schedule
                    .lectures
                    .as_ref()
                    .and_then(|l| l.sessions.get(*index))
                    .map(|s| s.lecture.clone())
                    .unwrap_or_default(),
            ),
        }
    }

    pub fn programme(&self) -> Programme {
        match self {
            ActivityRef::Screening => Programme::Screening,
            ActivityRef::ServiceDay => Programme::ServiceDay,
            ActivityRef::Lecture(_) => Programme::Lecture,
            ActivityRef::Event(_) => Programme::Event,
        }
    }
}

impl Records {
    /// The record of `activity` on `date`, with its index in the file.
    pub fn find(&self, date: NaiveDate, activity: &ActivityRef) -> Option<(usize, &Record)> {
        self.records
            .iter()
            .enumerate()
            .find(|(_, r)| *r.date == date && r.activity == *activity)
    }

    /// Puts `record` in place of the one for its activity and date, or adds
    /// it in date order (after the others of its date).
    pub fn set(&mut self, record: Record) {
        if let Some(i) = self
            .records
            .iter()
            .position(|r| r.date == record.date && r.activity == record.activity)
        {
            self.records[i] = record;
            return;
        }
        let at = self
            .records
            .iter()
            .position(|r| *r.date > *record.date)
            .unwrap_or(self.records.len());
        self.records.insert(at, record);
    }
}

impl Schedule {
    /// The record of activity `o`, if one was written.
    pub fn record_of(&self, o: &Occurrence) -> Option<&Record> {
        let records = self.records.as_ref()?;
        records
            .find(o.date, &ActivityRef::of(self, o))
            .map(|(_, r)| r)
    }
}

/// Whether `o` was held and still waits for its record: held on or before
/// `today` (not skipped) and no attendance written. (The app marks only
/// those before today: today's may not have happened yet.)
pub fn awaits_record(schedule: &Schedule, o: &Occurrence, today: NaiveDate) -> bool {
    o.date <= today && !o.is_skipped() && !schedule.record_of(o).is_some_and(Record::is_complete)
}

/// Seats still free for `o`: its seats (a session's own, else its room's)
/// less the sign-ups recorded. `None` when neither is known.
pub fn seats_left(schedule: &Schedule, o: &Occurrence) -> Option<i64> {
    let signed = schedule.record_of(o)?.signed_up?;
    let seats = match &o.key {
        OccurrenceKey::Session { index } => schedule
            .lectures
            .as_ref()
            .and_then(|l| l.sessions.get(*index))
            .and_then(|s| s.seats),
        _ => None,
    }
    .or_else(|| {
        o.room
            .as_deref()
            .and_then(|r| schedule.room(r))
            .map(|r| r.seats)
    })?;
    Some(i64::from(seats) - i64::from(signed))
}

/// A photo name that stays inside the photo folder: one plain file name,
/// no folder separators, not `.` or `..`, not absolute, no drive letter.
pub fn is_plain_file_name(name: &str) -> bool {
    super::network::is_plain_folder_name(name) && name != "." && name != ".."
}

/// What is wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordIssue {
    /// No such activity on the record's date, nor anywhere it could have moved.
    NoActivity {
        date: String,
        activity: ActivityRef,
    },
    /// The activity now takes place on another date.
    Moved {
        date: String,
        to: String,
    },
    /// The activity is skipped on the record's date.
    Skipped {
        date: String,
        reason: String,
    },
    /// Two records of one activity on one date.
    Twice {
        date: String,
    },
    /// A photo name that would leave the photo folder.
    PhotoName(String),
    /// People served, on an activity that is not a 乐淘淘 day.
    ServedNotServiceDay,
    AbsurdPeople(u32),
}

impl RecordIssue {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RecordIssue::NoActivity { date, activity } => {
                let what = describe(activity, lang);
                tr!(
                    lang,
                    "{date} 没有{what}：这条记录对应的活动已被删除或改了日期。记录仍然保留，请改正 date 或 activity",
                    "there is no {what} on {date}: the activity of this record was deleted or moved. The record is kept; correct its date or activity"
                )
            }
            RecordIssue::Moved { date, to } => tr!(
                lang,
                "这项活动已从 {date} 改到 {to}：记录仍然保留，如果活动确实在 {to} 举行，请把 date 改成 {to}",
                "this activity moved from {date} to {to}: the record is kept; if it was held on {to}, set date to {to}"
            ),
            RecordIssue::Skipped { date, reason } => tr!(
                lang,
                "这项活动在 {date} 暂停（{reason}）：记录仍然保留，请核对",
                "this activity is skipped on {date} ({reason}): the record is kept; please check"
            ),
            RecordIssue::Twice { date } => tr!(
                lang,
                "{date} 的这项活动已经有一条记录：同一项活动同一天只能记一条，请合并后删掉一条",
                "this activity already has a record for {date}: keep one"
            ),
            RecordIssue::PhotoName(name) => tr!(
                lang,
                "照片名 \"{name}\" 不行：只写 {PHOTO_FOLDER} 文件夹里的文件名，不能带 / \\ 或 ..，也不能是完整路径",
                "photo name \"{name}\" is not allowed: write only a file name in the {PHOTO_FOLDER} folder, without / \\ or .., not a full path"
            ),
            RecordIssue::ServedNotServiceDay => tr!(
                lang,
                "served（各项服务人次）只用于乐淘淘：这条记录不是乐淘淘，请删掉 served",
                "served (people per service) is only for 乐淘淘 service days: remove it from this record"
            ),
            RecordIssue::AbsurdPeople(n) => tr!(
                lang,
                "人数 {n} 不合理：应在 0 到 {MAX_PEOPLE} 之间",
                "{n} people is not plausible: expected 0 to {MAX_PEOPLE}"
            ),
        }
    }
}

/// How `activity` is named in a message: 电影放映, 微党课 L03, 活动 E07.
fn describe(activity: &ActivityRef, lang: Lang) -> String {
    let p = activity.programme();
    let name = lang.pick(p.zh(), p.en());
    match activity {
        ActivityRef::Lecture(id) | ActivityRef::Event(id) => format!("{name} {id}"),
        _ => name.to_owned(),
    }
}

fn finding(i: usize, field: &'static str, severity: Severity, issue: RecordIssue) -> Finding {
    let mut at = vec![Step::Field("records"), Step::Index(i), Step::Field(field)];
    if let RecordIssue::PhotoName(_) = &issue {
        at.pop();
    }
    Finding {
        part: Part::Records,
        at: Pointer(at),
        severity,
        issue: Issue::Record(issue),
    }
}

/// Every problem of the schedule's records, in file order.
pub fn findings(schedule: &Schedule) -> Vec<Finding> {
    let Some(records) = &schedule.records else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Only records a plain look-up cannot place need the rules expanded
    // (a year of lecture records costs no expansion at every load).
    let plain = Plain::of(schedule);
    let unsure: Vec<&Record> = records.records.iter().filter(|r| !plain.holds(r)).collect();
    let occurrences = span(&unsure).map_or_else(Vec::new, |range| schedule.occurrences(range));
    let mut by_date: HashMap<NaiveDate, Vec<&Occurrence>> = HashMap::new();
    for o in &occurrences {
        by_date.entry(o.date).or_default().push(o);
    }
    let mut seen = HashMap::new();
    for (i, r) in records.records.iter().enumerate() {
        if seen.insert((*r.date, &r.activity), i).is_some() {
            let date = r.date.to_string();
            out.push(finding(
                i,
                "date",
                Severity::Error,
                RecordIssue::Twice { date },
            ));
        }
        // Without the programme's file (missing or broken) every record of
        // it would look orphaned; that one problem is reported instead.
        let has_file = match r.activity {
            ActivityRef::Screening => schedule.screenings.is_some(),
            ActivityRef::ServiceDay => schedule.service_days.is_some(),
            ActivityRef::Lecture(_) => schedule.lectures.is_some(),
            ActivityRef::Event(_) => schedule.events.is_some(),
        };
        if let Some(issue) = (has_file && !plain.holds(r))
            .then(|| placement(schedule, &occurrences, &by_date, r))
            .flatten()
        {
            out.push(finding(i, "date", Severity::Warning, issue));
        }
        for n in [r.signed_up, r.attended].into_iter().flatten() {
            if n > MAX_PEOPLE {
                out.push(finding(
                    i,
                    "date",
                    Severity::Error,
                    RecordIssue::AbsurdPeople(n),
                ));
            }
        }
        for (j, name) in r.photos.iter().enumerate() {
            if !is_plain_file_name(name) {
                let mut f = finding(i, "", Severity::Error, RecordIssue::PhotoName(name.clone()));
                f.at.0.extend([Step::Field("photos"), Step::Index(j)]);
                out.push(f);
            }
        }
        if !r.served.is_empty() && r.activity != ActivityRef::ServiceDay {
            out.push(finding(
                i,
                "served",
                Severity::Warning,
                RecordIssue::ServedNotServiceDay,
            ));
        }
    }
    out
}

/// The dates the records cover, widened by two months either side so a
/// screening or 乐淘淘 day moved away from a record's date is found.
fn span(records: &[&Record]) -> Option<DateRange> {
    let first = records.iter().map(|r| *r.date).min()?;
    let last = records.iter().map(|r| *r.date).max()?;
    let first = first.checked_sub_days(Days::new(62)).unwrap_or(first);
    let last = last.checked_add_days(Days::new(62)).unwrap_or(last);
    Some(DateRange::new(first, last))
}

/// What can be placed without expanding any rule: lecture sessions and
/// one-off events by date and id. (Neither is ever skipped by a rule or a
/// holiday.) Built once per check, so placing each record is a look-up.
struct Plain<'a> {
    sessions: HashSet<(NaiveDate, &'a str)>,
    events: HashSet<(NaiveDate, &'a str)>,
}

impl<'a> Plain<'a> {
    fn of(schedule: &'a Schedule) -> Plain<'a> {
        let sessions = schedule.lectures.as_ref().map_or_else(HashSet::new, |l| {
            l.sessions
                .iter()
                .map(|s| (*s.date, s.lecture.as_str()))
                .collect()
        });
        let events = schedule.events.as_ref().map_or_else(HashSet::new, |e| {
            e.events
                .iter()
                .filter(|e| e.repeat.is_none())
                .map(|e| (*e.date, e.id.as_str()))
                .collect()
        });
        Plain { sessions, events }
    }

    /// Whether `r` plainly names an activity held on its date.
    fn holds(&self, r: &Record) -> bool {
        match &r.activity {
            ActivityRef::Lecture(id) => self.sessions.contains(&(*r.date, id.as_str())),
            ActivityRef::Event(id) => self.events.contains(&(*r.date, id.as_str())),
            ActivityRef::Screening | ActivityRef::ServiceDay => false,
        }
    }
}

/// Why `r` does not match an activity held on its date; `None` when it does.
fn placement(
    schedule: &Schedule,
    all: &[Occurrence],
    by_date: &HashMap<NaiveDate, Vec<&Occurrence>>,
    r: &Record,
) -> Option<RecordIssue> {
    let date = *r.date;
    let same = |o: &&Occurrence| ActivityRef::of(schedule, o) == r.activity;
    let here: Vec<&Occurrence> = by_date
        .get(&date)
        .map(|v| v.iter().copied().filter(same).collect())
        .unwrap_or_default();
    if here.iter().any(|o| !o.is_skipped()) {
        return None;
    }
    if let Some(Status::Skipped(reason)) = here.first().map(|o| &o.status) {
        return Some(RecordIssue::Skipped {
            date: date.to_string(),
            reason: reason.clone(),
        });
    }
    // Where the activity went: the screening of this series date or the
    // 乐淘淘 of this month held elsewhere, or the lecture's or event's
    // nearest other date.
    let moved = all
        .iter()
        .filter(|o| same(o) && !o.is_skipped())
        .filter(|o| match o.key {
            OccurrenceKey::Screening { date: from } => from == date,
            OccurrenceKey::ServiceDay { month } => {
                (month.year(), month.month()) == (date.year(), date.month())
            }
            _ => matches!(o.status, Status::Moved { from, .. } if from == date),
        });
    let nearest = moved
        .min_by_key(|o| (o.date - date).num_days().abs())
        .or_else(|| {
            all.iter()
                .filter(|o| same(o) && !o.is_skipped())
                .filter(|_| matches!(r.activity, ActivityRef::Lecture(_) | ActivityRef::Event(_)))
                .filter(|o| o.date.year() == date.year())
                .min_by_key(|o| (o.date - date).num_days().abs())
        });
    Some(match nearest {
        Some(o) => RecordIssue::Moved {
            date: date.to_string(),
            to: o.date.to_string(),
        },
        None => RecordIssue::NoActivity {
            date: date.to_string(),
            activity: r.activity.clone(),
        },
    })
}
