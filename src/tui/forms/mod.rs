//! The edit forms of each programme: what fields they have, filled from the
//! schedule ([`build`]), and how a confirmed form changes the schedule
//! ([`apply`]: only what the user changed). Pure functions of the schedule;
//! the app records the result for undo.

mod apply;
mod holiday;
mod reader;

use chrono::{Datelike, NaiveDate, NaiveTime};

pub use apply::apply;

use super::form::{Choice, Field, FieldKind, Form, parse_date_input};
use crate::i18n::Lang;
use crate::model::values::SpeakerGroup;
use crate::model::{Exception, Occurrence, Repeat, Schedule};

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
}

impl FormKind {
    /// Whether the form edits something that exists (rather than adding).
    pub fn edits_existing(self) -> bool {
        match self {
            FormKind::Screening { .. } | FormKind::ServiceMonth { .. } => true,
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
            let label = match lang {
                Lang::Zh => format!("{}（{}座）", r.name, r.seats),
                Lang::En => format!("{} ({} seats)", r.name, r.seats),
            };
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
        v.extend(
            sc.films
                .iter()
                .map(|f| Choice::new(f.id.clone(), format!("{} {}（{}）", f.id, f.title, f.year))),
        );
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

fn title(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_owned()
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
        FormKind::Screening { date } => build_screening(s, date, lang)?,
        FormKind::Film { index } => build_film(s, index, lang)?,
        FormKind::ServiceMonth { month } => build_service_month(s, month, lang)?,
        FormKind::Session { index } => build_session(s, index, around, lang)?,
        FormKind::Lecture { index } => build_lecture(s, index, lang)?,
        FormKind::Event { index } => build_event(s, index, around, lang),
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
    match lang {
        Lang::Zh => format!("还没有 {name}：请先在文件中建立这个项目"),
        Lang::En => format!("there is no {name} yet: set the programme up in the file first"),
    }
}

/// A required time field.
fn time_field(k: &'static str, zh: &'static str, en: &'static str, t: NaiveTime) -> Field {
    Field::new(k, zh, en, FieldKind::Time)
        .required()
        .text(&hm(t))
}

/// The screening of one series date: its film, and a move or slot change.
fn build_screening(s: &Schedule, date: NaiveDate, lang: Lang) -> Result<Form, String> {
    let sc = s
        .screenings
        .as_ref()
        .ok_or_else(|| no_file("screenings.ron", lang))?;
    let seg = sc.segment_on(date).ok_or_else(|| {
        lang.pick("这一天不是放映日", "not a screening date")
            .to_owned()
    })?;
    let film = sc
        .programme
        .iter()
        .rev()
        .find(|p| *p.date == date)
        .map(|p| p.film.clone());
    let (mut when, mut start, mut end, mut room, mut reason) =
        (date, seg.start, seg.end, seg.room.clone(), String::new());
    if let Some(Exception::Move {
        to,
        start: st,
        end: en,
        room: r,
        reason: why,
        ..
    }) = sc.exceptions.iter().rev().find(|e| *e.date() == date)
    {
        when = to.map_or(date, |t| *t);
        start = st.map_or(start, |t| *t);
        end = en.map_or(end, |t| *t);
        room = r.clone().unwrap_or(room);
        reason = why.clone().unwrap_or_default();
    }
    let scope = vec![
        Choice::new(SCOPE_ONCE, lang.pick("仅这一次", "this date only")),
        Choice::new(
            SCOPE_FOLLOWING,
            lang.pick("这一次及以后每周", "this and following weeks"),
        ),
    ];
    Ok(Form::new(
        match lang {
            Lang::Zh => format!("电影放映 {}月{}日", date.month(), date.day()),
            Lang::En => format!("Film screening {}", date.format("%-d %b")),
        },
        vec![
            Field::new(
                "film",
                "影片",
                "Film",
                FieldKind::Choice(film_choices(s, lang)),
            )
            .choose(Some(film.as_deref().unwrap_or(""))),
            Field::new("date", "日期", "Date", FieldKind::Date)
                .required()
                .text(&ymd(when)),
            time_field("start", "开始", "Start", start),
            time_field("end", "结束", "End", end),
            Field::new(
                "room",
                "场地",
                "Room",
                FieldKind::Choice(room_choices(s, lang, false)),
            )
            .required()
            .choose(Some(&room)),
            Field::new(
                "scope",
                "时间场地改动",
                "Applies to",
                FieldKind::Choice(scope),
            )
            .required()
            .choose(Some(SCOPE_ONCE)),
            Field::new("reason", "改动原因", "Reason", FieldKind::Text).text(&reason),
        ],
    ))
}

/// A film of the catalogue, or a new one.
fn build_film(s: &Schedule, index: Option<usize>, lang: Lang) -> Result<Form, String> {
    let sc = s
        .screenings
        .as_ref()
        .ok_or_else(|| no_file("screenings.ron", lang))?;
    let f = index.and_then(|i| sc.films.get(i));
    let id = f.map_or_else(
        || next_id(sc.films.iter().map(|f| f.id.as_str()), "F"),
        |f| f.id.clone(),
    );
    Ok(Form::new(
        if f.is_some() {
            title(lang, "修改影片", "Edit film")
        } else {
            title(lang, "片单新增影片", "Add a film")
        },
        vec![
            Field::new("id", "编号", "Id", FieldKind::Text)
                .required()
                .text(&id),
            Field::new("title", "片名", "Title", FieldKind::Text)
                .required()
                .text(f.map_or("", |f| &f.title)),
            Field::new(
                "year",
                "年份",
                "Year",
                FieldKind::Number {
                    min: 1900,
                    max: 2100,
                },
            )
            .required()
            .text(&f.map_or(String::new(), |f| f.year.to_string())),
            Field::new(
                "minutes",
                "片长(分钟)",
                "Minutes",
                FieldKind::Number { min: 1, max: 600 },
            )
            .required()
            .text(&f.map_or(String::new(), |f| f.minutes.to_string())),
            Field::new("note", "简介", "Note", FieldKind::Text)
                .text(f.and_then(|f| f.note.as_deref()).unwrap_or("")),
        ],
    ))
}

/// The 乐淘淘 day of one month: theme, services and partners (lists), date, time, room.
fn build_service_month(s: &Schedule, month: NaiveDate, lang: Lang) -> Result<Form, String> {
    let sd = s
        .service_days
        .as_ref()
        .ok_or_else(|| no_file("service-days.ron", lang))?;
    let e = sd.months.iter().rev().find(|m| *m.month == month);
    let ruled = crate::model::recurrence::nth_weekday(
        month.year(),
        month.month(),
        sd.rule.nth,
        *sd.rule.weekday,
    );
    let date = e
        .and_then(|e| e.date.map(|d| *d))
        .or(ruled)
        .map(ymd)
        .unwrap_or_default();
    Ok(Form::new(
        match lang {
            Lang::Zh => format!("{} {}年{}月", sd.name, month.year(), month.month()),
            Lang::En => format!("{} {}", sd.name, month.format("%B %Y")),
        },
        vec![
            Field::new("theme", "主题", "Theme", FieldKind::Text)
                .required()
                .text(e.map_or("", |e| &e.theme)),
            Field::new("services", "服务项目", "Services", FieldKind::List)
                .items(e.map_or(&[], |e| &e.services)),
            Field::new("partners", "本月联建单位", "Partners", FieldKind::List)
                .items(e.map_or(&[], |e| &e.partners)),
            Field::new("date", "日期", "Date", FieldKind::Date)
                .required()
                .text(&date),
            time_field(
                "start",
                "开始",
                "Start",
                e.and_then(|e| e.start).map_or(*sd.rule.start, |t| *t),
            ),
            time_field(
                "end",
                "结束",
                "End",
                e.and_then(|e| e.end).map_or(*sd.rule.end, |t| *t),
            ),
            Field::new(
                "room",
                "场地",
                "Room",
                FieldKind::Choice(room_choices(s, lang, false)),
            )
            .required()
            .choose(Some(
                e.and_then(|e| e.room.as_deref()).unwrap_or(&sd.rule.room),
            )),
        ],
    ))
}

/// A lecture session, or a new one.
fn build_session(
    s: &Schedule,
    index: Option<usize>,
    around: NaiveDate,
    lang: Lang,
) -> Result<Form, String> {
    let l = s
        .lectures
        .as_ref()
        .ok_or_else(|| no_file("lectures.ron", lang))?;
    let x = index.and_then(|i| l.sessions.get(i));
    let default_room = s.station.rooms.first().map(|r| r.name.clone());
    let [date, start, end] = when_fields(x.map_or((around, at(9, 30), at(10, 15)), |x| {
        (*x.date, *x.start, *x.end)
    }));
    Ok(Form::new(
        if x.is_some() {
            title(lang, "修改微党课场次", "Edit lecture session")
        } else {
            title(lang, "安排微党课", "Schedule a lecture")
        },
        vec![
            Field::new(
                "lecture",
                "课程",
                "Lecture",
                FieldKind::Choice(lecture_choices(s)),
            )
            .required()
            .choose(x.map(|x| x.lecture.as_str())),
            date,
            start,
            end,
            Field::new(
                "room",
                "场地",
                "Room",
                FieldKind::Choice(room_choices(s, lang, false)),
            )
            .required()
            .choose(x.map(|x| x.room.as_str()).or(default_room.as_deref())),
            Field::new(
                "seats",
                "座位数",
                "Seats",
                FieldKind::Number { min: 1, max: 2000 },
            )
            .text(
                &x.and_then(|x| x.seats)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
        ],
    ))
}

/// A lecture of the catalogue, or a new one.
fn build_lecture(s: &Schedule, index: Option<usize>, lang: Lang) -> Result<Form, String> {
    let l = s
        .lectures
        .as_ref()
        .ok_or_else(|| no_file("lectures.ron", lang))?;
    let x = index.and_then(|i| l.catalogue.get(i));
    let id = x.map_or_else(
        || next_id(l.catalogue.iter().map(|x| x.id.as_str()), "L"),
        |x| x.id.clone(),
    );
    let groups = SpeakerGroup::ALL
        .iter()
        .map(|g| Choice::new(g.zh(), lang.pick(g.zh(), g.en())))
        .collect();
    Ok(Form::new(
        if x.is_some() {
            title(lang, "修改课程", "Edit lecture")
        } else {
            title(lang, "课程目录新增课程", "Add a lecture")
        },
        vec![
            Field::new("id", "编号", "Id", FieldKind::Text)
                .required()
                .text(&id),
            Field::new("title", "题目", "Title", FieldKind::Text)
                .required()
                .text(x.map_or("", |x| &x.title)),
            Field::new("speaker", "主讲人", "Speaker", FieldKind::Text)
                .required()
                .text(x.map_or("", |x| &x.speaker)),
            Field::new(
                "group",
                "主讲人类别",
                "Speaker group",
                FieldKind::Choice(groups),
            )
            .required()
            .choose(Some(
                x.map_or(SpeakerGroup::RetiredLeader, |x| *x.group).zh(),
            )),
            Field::new(
                "minutes",
                "时长(分钟)",
                "Minutes",
                FieldKind::Number { min: 1, max: 300 },
            )
            .required()
            .text(&x.map_or(String::from("30"), |x| x.minutes.to_string())),
            Field::new("summary", "内容简介", "Summary", FieldKind::Text)
                .text(x.and_then(|x| x.summary.as_deref()).unwrap_or("")),
        ],
    ))
}

/// An event, one-off or repeating, or a new one.
fn build_event(s: &Schedule, index: Option<usize>, around: NaiveDate, lang: Lang) -> Form {
    let events = s.events.as_ref();
    let e = index.and_then(|i| events.and_then(|ev| ev.events.get(i)));
    let [date, start, end] = when_fields(e.map_or((around, at(14, 0), at(16, 0)), |e| {
        (*e.date, *e.start, *e.end)
    }));
    let id = e.map_or_else(
        || {
            next_id(
                events
                    .map(|ev| ev.events.iter().map(|e| e.id.as_str()))
                    .into_iter()
                    .flatten(),
                "E",
            )
        },
        |e| e.id.clone(),
    );
    let repeat = vec![
        Choice::new("", lang.pick("不重复", "once")),
        Choice::new("weekly", lang.pick("每周", "weekly")),
        Choice::new("monthly", lang.pick("每月", "monthly")),
    ];
    let repeat_now = match e.and_then(|e| e.repeat) {
        Some(Repeat::Weekly) => "weekly",
        Some(Repeat::Monthly) => "monthly",
        None => "",
    };
    Form::new(
        if e.is_some() {
            title(lang, "修改活动", "Edit event")
        } else {
            title(lang, "新增活动", "Add an event")
        },
        vec![
            Field::new("id", "编号", "Id", FieldKind::Text)
                .required()
                .text(&id),
            Field::new("title", "名称", "Title", FieldKind::Text)
                .required()
                .text(e.map_or("", |e| &e.title)),
            date,
            start,
            end,
            Field::new(
                "room",
                "场地",
                "Room",
                FieldKind::Choice(room_choices(s, lang, true)),
            )
            .choose(Some(e.and_then(|e| e.room.as_deref()).unwrap_or(NO_ROOM))),
            Field::new("place", "地点", "Place", FieldKind::Text)
                .text(e.and_then(|e| e.place.as_deref()).unwrap_or("")),
            Field::new("organiser", "组织", "Organiser", FieldKind::Text)
                .text(e.and_then(|e| e.organiser.as_deref()).unwrap_or("")),
            Field::new("note", "说明", "Note", FieldKind::Text)
                .text(e.and_then(|e| e.note.as_deref()).unwrap_or("")),
            Field::new("repeat", "重复", "Repeats", FieldKind::Choice(repeat))
                .choose(Some(repeat_now)),
            Field::new("until", "重复至", "Until", FieldKind::Date)
                .text(&e.and_then(|e| e.until).map(|u| ymd(*u)).unwrap_or_default()),
        ],
    )
}

/// The date a form is about (its date field), for looking up conflicts.
pub fn parse_form_date(ef: &EditForm) -> Option<NaiveDate> {
    let text = ef.form.field("date")?.input.text().to_owned();
    parse_date_input(&text, ef.around)
}
