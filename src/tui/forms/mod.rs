//! The edit forms of each programme: what fields they have, filled from the
//! schedule ([`build`]), and how a confirmed form changes the schedule
//! ([`apply`]: only what the user changed). Pure functions of the schedule;
//! the app records the result for undo.

mod apply;
mod event;
mod film;
mod holiday;
mod lecture;
mod reader;
mod record;
mod screening;
mod service_month;
mod session;

use chrono::{NaiveDate, NaiveTime};

pub use apply::apply;

use super::form::{Choice, Field, FieldKind, Form};
use super::typed::parse_date_input;
use crate::i18n::Lang;
use crate::model::{Occurrence, Schedule};
use crate::tr;

/// What a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// The weekly screening of this series date: film, and a move or slot change.
    Screening {
        date: NaiveDate,
    },
    Film {
        index: Option<usize>,
    },
    /// The 乐淘淘 day of the month starting on `month`.
    ServiceMonth {
        month: NaiveDate,
    },
    Session {
        index: Option<usize>,
    },
    Lecture {
        index: Option<usize>,
    },
    Event {
        index: Option<usize>,
    },
    /// The record (`records.ron`) of activity `key` held on `date`.
    Record {
        key: RecordKey,
        date: NaiveDate,
    },
}

/// An activity's [`crate::model::OccurrenceKey`] in a form that can be
/// copied with its [`FormKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKey {
    Screening(NaiveDate),
    ServiceDay(NaiveDate),
    Session(usize),
    Event(usize, NaiveDate),
}

impl From<&crate::model::OccurrenceKey> for RecordKey {
    fn from(k: &crate::model::OccurrenceKey) -> RecordKey {
        use crate::model::OccurrenceKey as K;
        match *k {
            K::Screening { date } => RecordKey::Screening(date),
            K::ServiceDay { month } => RecordKey::ServiceDay(month),
            K::Session { index } => RecordKey::Session(index),
            K::Event { index, date } => RecordKey::Event(index, date),
        }
    }
}

impl RecordKey {
    pub fn key(self) -> crate::model::OccurrenceKey {
        use crate::model::OccurrenceKey as K;
        match self {
            RecordKey::Screening(date) => K::Screening { date },
            RecordKey::ServiceDay(month) => K::ServiceDay { month },
            RecordKey::Session(index) => K::Session { index },
            RecordKey::Event(index, date) => K::Event { index, date },
        }
    }
}

impl FormKind {
    /// Whether the form edits something that exists (rather than adding).
    pub fn edits_existing(self) -> bool {
        match self {
            FormKind::Screening { .. }
            | FormKind::ServiceMonth { .. }
            | FormKind::Record { .. } => true,
            FormKind::Film { index }
            | FormKind::Session { index }
            | FormKind::Lecture { index }
            | FormKind::Event { index } => index.is_some(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditForm {
    pub kind: FormKind,
    pub form: Form,
    /// The date short dates (`11-25`) are read around.
    pub around: NaiveDate,
    /// The occurrence being edited when a rule put it on a statutory day
    /// off: the form's first field then offers to skip it for the holiday.
    pub on_day_off: Option<Occurrence>,
}

const SCOPE_ONCE: &str = "once";
const SCOPE_FOLLOWING: &str = "following";
const NO_ROOM: &str = "";

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn room_choices(s: &Schedule, lang: Lang, with_none: bool) -> Vec<Choice> {
    let mut v: Vec<Choice> = s
        .station
        .rooms
        .iter()
        .map(|r| {
            let label = tr!(lang, "{}（{}座）", "{} ({} seats)", r.name, r.seats);
            Choice::new(r.name.clone(), label)
        })
        .collect();
    if with_none {
        v.insert(
            0,
            Choice::new(
                NO_ROOM,
                lang.pick("（不在站内，见地点）", "(elsewhere: see place)"),
            ),
        );
    }
    v
}

fn film_choices(s: &Schedule, lang: Lang) -> Vec<Choice> {
    let mut v = vec![Choice::new("", lang.pick("（待定）", "(to be decided)"))];
    if let Some(sc) = &s.screenings {
        v.extend(sc.films.iter().map(|f| {
            let label = tr!(lang, "{} {}（{}）", "{} {} ({})", f.id, f.title, f.year);
            Choice::new(f.id.clone(), label)
        }));
    }
    v
}

fn lecture_choices(s: &Schedule) -> Vec<Choice> {
    s.lectures.as_ref().map_or_else(Vec::new, |l| {
        l.catalogue
            .iter()
            .map(|x| {
                Choice::new(x.id.clone(), format!("{} {}  {}", x.id, x.title, x.speaker))
                    .with_search(x.speaker.clone())
            })
            .collect()
    })
}

/// The next free id like the existing ones: `F34` after `F33`.
pub fn next_id<'a>(ids: impl Iterator<Item = &'a str>, default_prefix: &str) -> String {
    let mut prefix = default_prefix.to_owned();
    let mut width = 2;
    let mut max = 0u32;
    for id in ids {
        let digits: String = id
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(n) = digits.parse::<u32>() {
            id[..id.len() - digits.len()].clone_into(&mut prefix);
            width = digits.len();
            max = max.max(n);
        }
    }
    format!("{prefix}{:0width$}", max + 1)
}

/// A time of day for form defaults.
fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

/// The date, start and end fields a dated entry's form starts with.
fn when_fields((date, start, end): (NaiveDate, NaiveTime, NaiveTime)) -> [Field; 3] {
    [
        Field::new("date", "日期", "Date", FieldKind::Date)
            .required()
            .text(&ymd(date)),
        Field::new("start", "开始", "Start", FieldKind::Time)
            .required()
            .text(&hm(start)),
        Field::new("end", "结束", "End", FieldKind::Time)
            .required()
            .text(&hm(end)),
    ]
}

/// Builds the form for `kind`, filled from the schedule; `Err` says why it
/// cannot be edited here.
pub fn build(
    kind: FormKind,
    s: &Schedule,
    around: NaiveDate,
    lang: Lang,
) -> Result<EditForm, String> {
    let mut form = match kind {
        FormKind::Screening { date } => screening::build(s, date, lang)?,
        FormKind::Film { index } => film::build(s, index, lang)?,
        FormKind::ServiceMonth { month } => service_month::build(s, month, lang)?,
        FormKind::Session { index } => session::build(s, index, around, lang)?,
        FormKind::Lecture { index } => lecture::build(s, index, lang)?,
        FormKind::Event { index } => event::build(s, index, around, lang),
        FormKind::Record { key, date } => record::build(s, &key.key(), date, lang),
    };
    let on_day_off = holiday::flagged(kind, s, around);
    if let Some(o) = &on_day_off {
        form.fields.insert(0, holiday::holiday_field(o, lang));
    }
    Ok(EditForm {
        kind,
        form,
        around,
        on_day_off,
    })
}

/// Why a programme's form cannot open: its file is missing.
fn no_file(name: &str, lang: Lang) -> String {
    tr!(
        lang,
        "还没有 {name}：请先在文件中建立这个项目",
        "there is no {name} yet: set the programme up in the file first"
    )
}

/// A required time field.
fn time_field(k: &'static str, zh: &'static str, en: &'static str, t: NaiveTime) -> Field {
    Field::new(k, zh, en, FieldKind::Time)
        .required()
        .text(&hm(t))
}

/// The date a form is about (its date field), for looking up conflicts.
pub fn parse_form_date(ef: &EditForm) -> Option<NaiveDate> {
    let text = ef.form.field("date")?.input.text().to_owned();
    parse_date_input(&text, ef.around)
}
