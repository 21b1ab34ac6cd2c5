//! Statutory holidays (法定节假日) and adjusted working days (调休), as the
//! State Council General Office announces them each year.
//!
//! [`HolidayFile`] is `holidays.ron` as written; [`Holidays`] is the lookup
//! the rest of the program uses: which day is off (休) or a working day (班)
//! for which festival, and which years have been announced at all. A year
//! that is not announced is *unknown*, never "no holidays".
//!
//! Pure: the storage layer reads the bundled and the folder's file and
//! hands them in.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::occurrence::{Occurrence, OccurrenceKey, Programme, Status};
use super::recurrence::DateRange;
use super::schedule::{Exception, Schedule};
use super::validate::{Finding, Issue, Part, Pointer, Severity, Step};
use super::values::{Date, weekday_en, weekday_zh};
use crate::i18n::Lang;
use crate::tr;

/// `holidays.ron`: the announced years.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename = "Holidays", deny_unknown_fields)]
pub struct HolidayFile {
    #[serde(default)]
    pub years: Vec<HolidayYear>,
}

/// One year's notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Year", deny_unknown_fields)]
pub struct HolidayYear {
    pub year: i32,
    /// The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知.
    pub notice: String,
    /// Where the notice was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub festivals: Vec<Festival>,
}

/// One festival's days off and the weekend days worked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Festival {
    /// As the notice names it: 春节, 国庆节, or 国庆节、中秋节 for a joint break.
    pub name: String,
    /// The first day off.
    pub from: Date,
    /// The last day off; a one-day holiday leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Adjusted working days (调休上班), usually a Saturday or Sunday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<Date>,
}

/// No statutory break is longer than this: a longer one is a typo.
pub const MAX_FESTIVAL_DAYS: i64 = 15;

impl Festival {
    /// The days off, `from` to `to`; none when `to` is before `from` or the
    /// break is implausibly long (both reported by [`check_file`]).
    pub fn off_days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let from = *self.from;
        let to = self.to.map_or(from, |t| *t);
        let ok = to >= from && (to - from).num_days() < MAX_FESTIVAL_DAYS;
        let range = ok.then(|| DateRange::new(from, to));
        range.into_iter().flat_map(|r| r.days())
    }
}

/// A day off or an adjusted working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// 休: a statutory day off (including the weekend days of the break).
    Off,
    /// 班: an adjusted working day, a Saturday or Sunday worked.
    Work,
}

/// What a date is in the holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayMark {
    pub kind: DayKind,
    /// The festival as the notice names it.
    pub festival: String,
    /// The year of the notice the day comes from.
    pub year: i32,
}

impl HolidayMark {
    /// `休` or `班` (`off` / `work` in English).
    pub fn label(&self, lang: Lang) -> &'static str {
        match self.kind {
            DayKind::Off => lang.pick("休", "off"),
            DayKind::Work => lang.pick("班", "work"),
        }
    }

    /// The festival's name for UI chrome and printed sheets (see [`display_name`]).
    pub fn name(&self, lang: Lang) -> String {
        display_name(&self.festival, lang)
    }

    /// A short name for small cells (see [`short_name`]).
    pub fn short(&self, lang: Lang) -> String {
        short_name(&self.festival, lang)
    }
}

/// The festival's parts: `国庆节、中秋节` → [`国庆节`, `中秋节`]. Also splits
/// at `·` and `/`, which people write for joint breaks.
pub fn festival_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(['、', '·', '/', '／'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The name safe for UI chrome: joint breaks joined with `、` (never the
/// ambiguous-width `·`); in English, the festivals' English names.
pub fn display_name(name: &str, lang: Lang) -> String {
    let parts: Vec<&str> = festival_parts(name).collect();
    match lang {
        Lang::Zh => parts.join("、"),
        Lang::En => parts
            .iter()
            .map(|p| festival_en(p).unwrap_or(p))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// A short name: `国庆节` → `国庆`, `国庆节、中秋节` → `国庆/中秋`; `春节`
/// and `元旦` stay. English: `Natl`, `Spring` and so on.
pub fn short_name(name: &str, lang: Lang) -> String {
    let parts: Vec<String> = festival_parts(name)
        .map(|p| match lang {
            Lang::Zh => {
                let stripped = p.strip_suffix('节').unwrap_or(p);
                if stripped.chars().count() >= 2 {
                    stripped.to_owned()
                } else {
                    p.to_owned()
                }
            }
            Lang::En => festival_en_short(p).unwrap_or(p).to_owned(),
        })
        .collect();
    parts.join("/")
}

/// A few letters for small cells: `Natl`, `Spring`.
fn festival_en_short(name: &str) -> Option<&'static str> {
    Some(match name.strip_suffix('节').unwrap_or(name) {
        "元旦" => "NewYr",
        "春" => "Spring",
        "清明" => "Qingm",
        "劳动" => "Labour",
        "端午" => "Dragon",
        "中秋" => "MidAut",
        "国庆" => "Natl",
        _ => return None,
    })
}

/// The English name of a statutory festival.
pub fn festival_en(name: &str) -> Option<&'static str> {
    Some(match name.strip_suffix('节').unwrap_or(name) {
        "元旦" => "New Year",
        "春" => "Spring Festival",
        "清明" => "Qingming",
        "劳动" => "Labour Day",
        "端午" => "Dragon Boat",
        "中秋" => "Mid-Autumn",
        "国庆" => "National Day",
        _ => return None,
    })
}

/// Why a slot's date is not held: `国庆节放假`.
pub fn holiday_reason(festival: &str) -> String {
    format!("{}放假", display_name(festival, Lang::Zh))
}

/// A skip reason as shown. [`holiday_reason`] writes `国庆节放假` into the
/// files in Chinese, the files' language, whatever the interface's; English
/// shows that reason as `National Day holiday`. Any other reason is staff's
/// own text, shown as written.
pub fn shown_reason(reason: &str, lang: Lang) -> String {
    let english = reason.strip_suffix("放假").and_then(|festival| {
        let names: Option<Vec<&str>> = festival_parts(festival).map(festival_en).collect();
        names.filter(|n| !n.is_empty()).map(|n| n.join(" / "))
    });
    match english {
        Some(names) => tr!(lang, "{reason}", "{names} holiday"),
        None => reason.to_owned(),
    }
}

/// The holiday calendar: every announced year, indexed by date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holidays {
    years: BTreeMap<i32, HolidayYear>,
    days: BTreeMap<NaiveDate, HolidayMark>,
}

impl Holidays {
    /// The calendar of a file's years (a later entry for the same year wins).
    pub fn from_file(file: &HolidayFile) -> Holidays {
        let mut h = Holidays::default();
        for y in &file.years {
            h.years.insert(y.year, y.clone());
        }
        h.reindex();
        h
    }

    /// These holidays with `over`'s years replacing whole years: a schedule
    /// folder's `holidays.ron` adds or corrects single years.
    #[must_use]
    pub fn overridden_by(mut self, over: &HolidayFile) -> Holidays {
        for y in &over.years {
            self.years.insert(y.year, y.clone());
        }
        self.reindex();
        self
    }

    fn reindex(&mut self) {
        self.days.clear();
        for y in self.years.values() {
            for f in &y.festivals {
                let mark = |kind| HolidayMark {
                    kind,
                    festival: f.name.clone(),
                    year: y.year,
                };
                for d in f.off_days() {
                    self.days.entry(d).or_insert_with(|| mark(DayKind::Off));
                }
                for d in &f.work {
                    self.days.entry(**d).or_insert_with(|| mark(DayKind::Work));
                }
            }
        }
    }

    /// Whether `date` is a day off or an adjusted working day, and for what.
    pub fn mark(&self, date: NaiveDate) -> Option<&HolidayMark> {
        self.days.get(&date)
    }

    /// The festival, when `date` is a statutory day off.
    pub fn off_day(&self, date: NaiveDate) -> Option<&str> {
        self.mark(date)
            .filter(|m| m.kind == DayKind::Off)
            .map(|m| m.festival.as_str())
    }

    /// Whether the holidays of `year` have been announced (are in a file).
    pub fn is_announced(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn year(&self, year: i32) -> Option<&HolidayYear> {
        self.years.get(&year)
    }

    /// The announced years, in order.
    pub fn years(&self) -> impl Iterator<Item = &HolidayYear> {
        self.years.values()
    }

    /// The years touching `range` whose holidays are not announced yet.
    pub fn unannounced_years(&self, range: DateRange) -> Vec<i32> {
        (range.first.year()..=range.last.year())
            .filter(|y| !self.is_announced(*y))
            .collect()
    }

    /// Every marked day in `range`.
    pub fn marks_in(&self, range: DateRange) -> impl Iterator<Item = (NaiveDate, &HolidayMark)> {
        self.days
            .range(range.first..=range.last)
            .map(|(d, m)| (*d, m))
    }
}

/// What a series does on a statutory day off: `on_holiday: Skip` or `Keep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnHoliday {
    /// Not held on days off: shown as skipped, "国庆节放假".
    Skip,
    /// Held on days off too: nothing is flagged.
    Keep,
}

impl Schedule {
    /// Applies the holidays to an occurrence a rule generated (not one staff
    /// dated explicitly): on a day off it is flagged with the festival, or
    /// skipped / kept as the series' `on_holiday` says.
    pub(crate) fn flag_holiday(&self, o: &mut Occurrence, policy: Option<OnHoliday>) {
        if o.status != Status::Scheduled {
            return;
        }
        let Some(festival) = self.holidays.off_day(o.date) else {
            return;
        };
        match policy {
            None => o.holiday = Some(festival.to_owned()),
            Some(OnHoliday::Skip) => o.status = Status::Skipped(holiday_reason(festival)),
            Some(OnHoliday::Keep) => {}
        }
    }
}

/// The edit that skips one flagged occurrence for its holiday, for the edit
/// form's "skip for the holiday" (假期暂停) button: what to add to which file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidaySkip {
    /// Add this `Skip` to `screenings.ron`'s `exceptions`.
    Screening(Exception),
    /// Set `skipped: reason` on the `service-days.ron` month entry of `month`
    /// (adding an entry for the month if there is none).
    ServiceDay { month: NaiveDate, reason: String },
    /// Add `date` to the `skip` list of event number `index` in `events.ron`.
    Event { index: usize, date: NaiveDate },
}

/// The `Skip` exception that takes a screening out for a holiday:
/// `Skip(date: "2026-10-07", reason: "国庆节放假")`.
pub fn skip_exception_for(date: NaiveDate, festival: &str) -> Exception {
    Exception::Skip {
        date: Date(date),
        reason: holiday_reason(festival),
    }
}

/// What skipping `o` for its holiday means, if it is flagged.
pub fn skip_edit_for(o: &Occurrence) -> Option<HolidaySkip> {
    let festival = o.holiday.as_deref()?;
    Some(match &o.key {
        OccurrenceKey::Screening { date } => {
            HolidaySkip::Screening(skip_exception_for(*date, festival))
        }
        OccurrenceKey::ServiceDay { month } => HolidaySkip::ServiceDay {
            month: *month,
            reason: holiday_reason(festival),
        },
        OccurrenceKey::Event { index, date } => HolidaySkip::Event {
            index: *index,
            date: *date,
        },
        OccurrenceKey::Session { .. } => return None,
    })
}

/// What is wrong with the holidays, or a schedule against them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayIssue {
    /// A series' date falls on a day off and the series has no `on_holiday`.
    Clash {
        date: NaiveDate,
        festival: String,
        programme: Programme,
    },
    /// A festival's `to` is before its `from`.
    ToBeforeFrom,
    /// A break longer than [`MAX_FESTIVAL_DAYS`].
    TooLong(i64),
    /// The same year twice in one file.
    DuplicateYear(i32),
    /// A date that is already a day off or working day of another entry.
    DateTwice(NaiveDate),
    /// A date far from the year it is listed under.
    OutsideYear { date: NaiveDate, year: i32 },
}

impl HolidayIssue {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            HolidayIssue::Clash {
                date,
                festival,
                programme,
            } => {
                let wd = lang.pick(weekday_zh(date.weekday()), weekday_en(date.weekday()));
                let name = display_name(festival, lang);
                match programme {
                    Programme::Screening => tr!(
                        lang,
                        "{date}（{wd}）是{name}假期：这一场放映要暂停吗？在 exceptions 中写 Skip，或在 slot 中写 on_holiday: Skip / Keep",
                        "{date} ({wd}) is a day off for {name}: is this screening held? Add a Skip to exceptions, or write on_holiday: Skip / Keep in slot"
                    ),
                    Programme::ServiceDay => tr!(
                        lang,
                        "{date}（{wd}）是{name}假期：这个月的服务日要暂停或改期吗？在 months 中为这个月写 skipped 或 date，或在 rule 中写 on_holiday: Skip / Keep",
                        "{date} ({wd}) is a day off for {name}: is this month's service day held? Give the month skipped or date in months, or write on_holiday: Skip / Keep in rule"
                    ),
                    _ => tr!(
                        lang,
                        "{date}（{wd}）是{name}假期：这一次活动要暂停吗？把这一天写进 skip，或在这个活动中写 on_holiday: Skip / Keep",
                        "{date} ({wd}) is a day off for {name}: is this event held? Add the date to skip, or write on_holiday: Skip / Keep in the event"
                    ),
                }
            }
            HolidayIssue::ToBeforeFrom => tr!(
                lang,
                "放假最后一天 to 早于第一天 from：请检查两个日期",
                "to is before from: check both dates"
            ),
            HolidayIssue::TooLong(n) => {
                tr!(
                    lang,
                    "从 from 到 to 共 {n} 天，比任何法定假期都长：请检查日期（不超过 {MAX_FESTIVAL_DAYS} 天）",
                    "{n} days from from to to is longer than any statutory break: check the dates (at most {MAX_FESTIVAL_DAYS})"
                )
            }
            HolidayIssue::DuplicateYear(y) => {
                tr!(
                    lang,
                    "{y} 年写了两次：每一年只写一个 Year",
                    "{y} is listed twice: keep one Year per year"
                )
            }
            HolidayIssue::DateTwice(d) => {
                tr!(
                    lang,
                    "{d} 已经写在别处（放假或调休上班）：同一天只能写一次",
                    "{d} is already listed (as a day off or a working day): list it once"
                )
            }
            HolidayIssue::OutsideYear { date, year } => {
                tr!(
                    lang,
                    "{date} 不在 {year} 年前后：是不是写错了年份？",
                    "{date} is not around {year}: is the year right?"
                )
            }
        }
    }
}

fn holiday_finding(at: Vec<Step>, severity: Severity, issue: HolidayIssue) -> Finding {
    Finding {
        part: Part::Holidays,
        at: Pointer(at),
        severity,
        issue: Issue::Holiday(issue),
    }
}

/// Checks a `holidays.ron` as written: dates in order, plausible and not
/// listed twice, each year once.
pub fn check_file(file: &HolidayFile) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut years = HashMap::new();
    let mut seen = HashSet::new();
    for (i, y) in file.years.iter().enumerate() {
        let year_at = vec![Step::Field("years"), Step::Index(i)];
        if years.insert(y.year, i).is_some() {
            let mut at = year_at.clone();
            at.push(Step::Field("year"));
            out.push(holiday_finding(
                at,
                Severity::Error,
                HolidayIssue::DuplicateYear(y.year),
            ));
        }
        let near = NaiveDate::from_ymd_opt(y.year, 1, 1)
            .and_then(|d| d.checked_sub_days(Days::new(62)))
            .zip(
                NaiveDate::from_ymd_opt(y.year, 12, 31)
                    .and_then(|d| d.checked_add_days(Days::new(62))),
            )
            .map(|(a, b)| DateRange::new(a, b));
        for (j, f) in y.festivals.iter().enumerate() {
            let at = |field: &'static str| {
                let mut at = year_at.clone();
                at.extend([Step::Field("festivals"), Step::Index(j), Step::Field(field)]);
                at
            };
            let from = *f.from;
            let to = f.to.map_or(from, |t| *t);
            if to < from {
                out.push(holiday_finding(
                    at("to"),
                    Severity::Error,
                    HolidayIssue::ToBeforeFrom,
                ));
            } else if (to - from).num_days() >= MAX_FESTIVAL_DAYS {
                out.push(holiday_finding(
                    at("to"),
                    Severity::Error,
                    HolidayIssue::TooLong((to - from).num_days() + 1),
                ));
            }
            if near.is_some_and(|r| !r.contains(from)) {
                out.push(holiday_finding(
                    at("from"),
                    Severity::Error,
                    HolidayIssue::OutsideYear {
                        date: from,
                        year: y.year,
                    },
                ));
            }
            for d in f.off_days() {
                if !seen.insert(d) {
                    out.push(holiday_finding(
                        at("from"),
                        Severity::Error,
                        HolidayIssue::DateTwice(d),
                    ));
                }
            }
            for (k, d) in f.work.iter().enumerate() {
                let mut w = at("work");
                w.push(Step::Index(k));
                if near.is_some_and(|r| !r.contains(**d)) {
                    out.push(holiday_finding(
                        w.clone(),
                        Severity::Error,
                        HolidayIssue::OutsideYear {
                            date: **d,
                            year: y.year,
                        },
                    ));
                }
                if !seen.insert(**d) {
                    out.push(holiday_finding(
                        w,
                        Severity::Error,
                        HolidayIssue::DateTwice(**d),
                    ));
                }
            }
        }
    }
    out
}

/// How far a series without `until` is checked for clashes.
const OPEN_SERIES_DAYS: u64 = 366;
/// How far any series is checked: bounded, whatever `until` says.
const MAX_SERIES_DAYS: u64 = 5 * 366;

/// A warning for each date a rule puts on a statutory day off while its
/// series has no `on_holiday` and no exception for the date, each located
/// at the slot, rule or event that generates it.
pub fn clash_findings(schedule: &Schedule) -> Vec<Finding> {
    let bounded = |from: NaiveDate, until: Option<NaiveDate>| {
        let cap = from
            .checked_add_days(Days::new(MAX_SERIES_DAYS))
            .unwrap_or(from);
        let last = until.map_or_else(
            || {
                from.checked_add_days(Days::new(OPEN_SERIES_DAYS))
                    .unwrap_or(from)
            },
            |u| u.min(cap),
        );
        (from <= last).then(|| DateRange::new(from, last))
    };
    let mut out = Vec::new();
    let mut push = |part, at: Vec<Step>, o: &Occurrence| {
        if let Some(festival) = &o.holiday {
            out.push(Finding {
                part,
                at: Pointer(at),
                severity: Severity::Warning,
                issue: Issue::Holiday(HolidayIssue::Clash {
                    date: o.date,
                    festival: festival.clone(),
                    programme: o.programme,
                }),
            });
        }
    };
    if let Some(s) = &schedule.screenings
        && let Some(range) = bounded(*s.slot.from, s.slot.until.map(|u| *u))
    {
        let only = Schedule {
            screenings: Some(s.clone()),
            holidays: schedule.holidays.clone(),
            ..Schedule::default()
        };
        for o in only.occurrences(range) {
            push(Part::Screenings, vec![Step::Field("slot")], &o);
        }
    }
    if let Some(sd) = &schedule.service_days
        && let Some(range) = bounded(*sd.rule.from, sd.rule.until.map(|u| *u))
    {
        let only = Schedule {
            service_days: Some(sd.clone()),
            holidays: schedule.holidays.clone(),
            ..Schedule::default()
        };
        for o in only.occurrences(range) {
            push(Part::ServiceDays, vec![Step::Field("rule")], &o);
        }
    }
    if let Some(ev) = &schedule.events {
        // Each repeating event alone: one-off events never clash, and a
        // schedule of many of them must not be copied or scanned per event.
        for (i, e) in ev.events.iter().enumerate() {
            if e.repeat.is_none() {
                continue;
            }
            let Some(range) = bounded(*e.date, e.until.map(|u| *u)) else {
                continue;
            };
            let only = Schedule {
                events: Some(super::schedule::Events {
                    events: vec![e.clone()],
                }),
                holidays: schedule.holidays.clone(),
                ..Schedule::default()
            };
            for o in only.occurrences(range) {
                push(
                    Part::Events,
                    vec![Step::Field("events"), Step::Index(i)],
                    &o,
                );
            }
        }
    }
    out
}
