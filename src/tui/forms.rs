//! The edit forms of each programme: what fields they have, filled from the
//! schedule, and how a confirmed form changes the schedule. Pure functions
//! of the schedule; the app records the result for undo.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::form::{Choice, Field, FieldKind, Form, parse_date_input, parse_time_input};
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::model::values::{Date, Day, Group, Month, SpeakerGroup, Time};
use crate::model::{
    Event, Events, Exception, Film, Lecture, MonthEntry, Occurrence, OccurrenceKey, Repeat,
    Schedule, Session, Showing, SlotChange,
};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditForm {
    pub kind: FormKind,
    pub form: Form,
    /// The date short dates (`11-25`) are read around.
    pub around: NaiveDate,
    /// The occurrence being edited when a rule put it on a statutory day
    /// off: the form then offers to skip it for the holiday in one step.
    pub on_day_off: Option<Occurrence>,
}

const HOLIDAY_NONE: &str = "";
const HOLIDAY_SKIP: &str = "skip";
const HOLIDAY_SERIES_SKIP: &str = "series-skip";
const HOLIDAY_SERIES_KEEP: &str = "series-keep";

/// The flagged occurrence a form of `kind` is about, if any.
fn flagged(kind: FormKind, s: &Schedule, around: NaiveDate) -> Option<Occurrence> {
    let from = match kind {
        FormKind::Screening { date } => date,
        FormKind::ServiceMonth { month } => month,
        FormKind::Event { index: Some(_) } => around,
        _ => return None,
    };
    let is_it = |k: &OccurrenceKey| match (kind, k) {
        (FormKind::Screening { date }, OccurrenceKey::Screening { date: d }) => date == *d,
        (FormKind::ServiceMonth { month }, OccurrenceKey::ServiceDay { month: m }) => month == *m,
        (FormKind::Event { index: Some(i) }, OccurrenceKey::Event { index, date }) => {
            i == *index && *date == around
        }
        _ => false,
    };
    let range = DateRange::new(from, from + Days::new(40));
    s.occurrences(range)
        .into_iter()
        .find(|o| is_it(&o.key) && o.holiday.is_some())
}

/// The "假期" field: skip this date for the holiday (preselected), or decide
/// for the whole series.
fn holiday_field(o: &Occurrence, lang: Lang) -> Field {
    let festival = o.holiday.clone().unwrap_or_default().replace('·', "、");
    let options = vec![
        Choice::new(
            HOLIDAY_SKIP,
            match lang {
                Lang::Zh => format!("{festival}放假，这一次暂停"),
                Lang::En => format!("skip this date for {festival}"),
            },
        ),
        Choice::new(
            HOLIDAY_NONE,
            lang.pick(
                "暂不决定（仍标记 假期暂停?）",
                "decide later (stays flagged)",
            ),
        ),
        Choice::new(
            HOLIDAY_SERIES_SKIP,
            lang.pick(
                "整个系列：遇法定假日都暂停",
                "whole series: skip every day off",
            ),
        ),
        Choice::new(
            HOLIDAY_SERIES_KEEP,
            lang.pick(
                "整个系列：假日照常举行",
                "whole series: hold it on days off too",
            ),
        ),
    ];
    Field::new("holiday", "假期", "Holiday", FieldKind::Choice(options)).choose(Some(HOLIDAY_SKIP))
}

/// Carries out the holiday choice of a form on `next`.
fn apply_holiday_choice(choice: &str, o: &Occurrence, next: &mut Schedule) {
    use crate::model::holidays::{HolidaySkip, OnHoliday, skip_edit_for};
    let policy = match choice {
        HOLIDAY_SERIES_SKIP => Some(OnHoliday::Skip),
        HOLIDAY_SERIES_KEEP => Some(OnHoliday::Keep),
        HOLIDAY_SKIP => {
            match skip_edit_for(o) {
                Some(HolidaySkip::Screening(skip)) => {
                    if let Some(sc) = next.screenings.as_mut() {
                        sc.set_exception(skip);
                    }
                }
                Some(HolidaySkip::ServiceDay { month, reason }) => {
                    if let Some(sd) = next.service_days.as_mut() {
                        sd.skip_month(month, reason);
                    }
                }
                Some(HolidaySkip::Event { index, date }) => {
                    if let Some(e) = next.events.as_mut().and_then(|ev| ev.events.get_mut(index)) {
                        e.skip_date(date);
                    }
                }
                None => {}
            }
            None
        }
        _ => None,
    };
    if let Some(policy) = policy {
        match o.key {
            OccurrenceKey::Screening { .. } => {
                if let Some(sc) = next.screenings.as_mut() {
                    sc.slot.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::ServiceDay { .. } => {
                if let Some(sd) = next.service_days.as_mut() {
                    sd.rule.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::Event { index, .. } => {
                if let Some(e) = next.events.as_mut().and_then(|ev| ev.events.get_mut(index)) {
                    e.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::Session { .. } => {}
        }
    }
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
    let no_file = |name: &str| match lang {
        Lang::Zh => format!("还没有 {name}：请先在文件中建立这个项目"),
        Lang::En => format!("there is no {name} yet: set the programme up in the file first"),
    };
    let time = |k, zh, en, t: NaiveTime| {
        Field::new(k, zh, en, FieldKind::Time)
            .required()
            .text(&hm(t))
    };
    let form = match kind {
        FormKind::Screening { date } => {
            let sc = s
                .screenings
                .as_ref()
                .ok_or_else(|| no_file("screenings.ron"))?;
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
            Form::new(
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
                    time("start", "开始", "Start", start),
                    time("end", "结束", "End", end),
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
            )
        }
        FormKind::Film { index } => {
            let sc = s
                .screenings
                .as_ref()
                .ok_or_else(|| no_file("screenings.ron"))?;
            let f = index.and_then(|i| sc.films.get(i));
            let id = f.map_or_else(
                || next_id(sc.films.iter().map(|f| f.id.as_str()), "F"),
                |f| f.id.clone(),
            );
            Form::new(
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
            )
        }
        FormKind::ServiceMonth { month } => {
            let sd = s
                .service_days
                .as_ref()
                .ok_or_else(|| no_file("service-days.ron"))?;
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
            let sep = lang.pick("、", ", ");
            Form::new(
                match lang {
                    Lang::Zh => format!("{} {}年{}月", sd.name, month.year(), month.month()),
                    Lang::En => format!("{} {}", sd.name, month.format("%B %Y")),
                },
                vec![
                    Field::new("theme", "主题", "Theme", FieldKind::Text)
                        .required()
                        .text(e.map_or("", |e| &e.theme)),
                    Field::new("services", "服务项目", "Services", FieldKind::List)
                        .text(&e.map_or(String::new(), |e| e.services.join(sep))),
                    Field::new("partners", "本月联建单位", "Partners", FieldKind::List)
                        .text(&e.map_or(String::new(), |e| e.partners.join(sep))),
                    Field::new("date", "日期", "Date", FieldKind::Date)
                        .required()
                        .text(&date),
                    time(
                        "start",
                        "开始",
                        "Start",
                        e.and_then(|e| e.start).map_or(*sd.rule.start, |t| *t),
                    ),
                    time(
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
            )
        }
        FormKind::Session { index } => {
            let l = s.lectures.as_ref().ok_or_else(|| no_file("lectures.ron"))?;
            let x = index.and_then(|i| l.sessions.get(i));
            let default_room = s.station.rooms.first().map(|r| r.name.clone());
            let [date, start, end] = when_fields(x.map_or((around, at(9, 30), at(10, 15)), |x| {
                (*x.date, *x.start, *x.end)
            }));
            Form::new(
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
            )
        }
        FormKind::Lecture { index } => {
            let l = s.lectures.as_ref().ok_or_else(|| no_file("lectures.ron"))?;
            let x = index.and_then(|i| l.catalogue.get(i));
            let id = x.map_or_else(
                || next_id(l.catalogue.iter().map(|x| x.id.as_str()), "L"),
                |x| x.id.clone(),
            );
            let groups = SpeakerGroup::ALL
                .iter()
                .map(|g| Choice::new(g.zh(), lang.pick(g.zh(), g.en())))
                .collect();
            Form::new(
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
            )
        }
        FormKind::Event { index } => {
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
    };
    let on_day_off = flagged(kind, s, around);
    let mut form = form;
    if let Some(o) = &on_day_off {
        form.fields.insert(0, holiday_field(o, lang));
    }
    Ok(EditForm {
        kind,
        form,
        around,
        on_day_off,
    })
}

/// Reads the form's values the way the form kinds share. `None` means the
/// field is wrong (and marked); `Some(None)` an optional field left empty.
#[allow(clippy::option_option)]
struct Reader<'a> {
    f: &'a mut Form,
    around: NaiveDate,
    lang: Lang,
}

#[allow(clippy::option_option)]
impl Reader<'_> {
    fn required_text(&mut self, key: &str) -> Option<String> {
        let t = self.f.text(key);
        if t.is_empty() {
            self.f
                .set_error(key, self.lang.pick("请填写", "required").to_owned());
            return None;
        }
        Some(t)
    }

    fn date(&mut self, key: &str, required: bool) -> Option<Option<NaiveDate>> {
        let t = self.f.text(key);
        if t.is_empty() {
            if required {
                self.f.set_error(
                    key,
                    self.lang
                        .pick("请填写日期", "a date is required")
                        .to_owned(),
                );
                return None;
            }
            return Some(None);
        }
        if let Some(d) = parse_date_input(&t, self.around) {
            Some(Some(d))
        } else {
            self.f.set_error(
                key,
                self.lang
                    .pick(
                        "看不懂这个日期：请写成 2026-11-25 或 11-25",
                        "not a date: write 2026-11-25 or 11-25",
                    )
                    .to_owned(),
            );
            None
        }
    }

    fn time(&mut self, key: &str) -> Option<NaiveTime> {
        let parsed = parse_time_input(&self.f.text(key));
        if parsed.is_none() {
            self.f.set_error(
                key,
                self.lang
                    .pick(
                        "时间应写成 14:00 或 1400（00:00-23:59）",
                        "write times like 14:00 or 1400",
                    )
                    .to_owned(),
            );
        }
        parsed
    }

    fn times(&mut self) -> Option<(NaiveTime, NaiveTime)> {
        let (start, end) = (self.time("start"), self.time("end"));
        let (start, end) = (start?, end?);
        if end <= start {
            self.f.set_error(
                "end",
                self.lang
                    .pick("结束时间应晚于开始时间", "end must be after start")
                    .to_owned(),
            );
            return None;
        }
        Some((start, end))
    }

    fn number(&mut self, key: &str, required: bool) -> Option<Option<u32>> {
        let Some(FieldKind::Number { min, max }) = self.f.field(key).map(|f| f.kind.clone()) else {
            return Some(None);
        };
        let t = self.f.text(key);
        if t.is_empty() && !required {
            return Some(None);
        }
        match t.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(Some(n)),
            _ => {
                let msg = match self.lang {
                    Lang::Zh => format!("应为 {min} 到 {max} 之间的整数"),
                    Lang::En => format!("a whole number from {min} to {max}"),
                };
                self.f.set_error(key, msg);
                None
            }
        }
    }

    fn required_choice(&mut self, key: &str) -> Option<String> {
        let c = self.f.choice(key);
        if c.is_none() {
            self.f.set_error(
                key,
                self.lang
                    .pick(
                        "请选择（按空格打开列表）",
                        "choose one (Space opens the list)",
                    )
                    .to_owned(),
            );
        }
        c
    }

    fn unique_id(&mut self, key: &str, id: &str, taken: bool) -> bool {
        if taken {
            let msg = match self.lang {
                Lang::Zh => format!("编号 {id} 已被使用，请换一个"),
                Lang::En => format!("id {id} is taken: choose another"),
            };
            self.f.set_error(key, msg);
        }
        !taken
    }
}

fn to_u16(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Applies a confirmed form: the changed schedule and a label for undo, or
/// `None` when a field is wrong (the form then shows why).
pub fn apply(ef: &mut EditForm, s: &Schedule, lang: Lang) -> Option<(Schedule, String)> {
    ef.form.clear_errors();
    let mut r = Reader {
        f: &mut ef.form,
        around: ef.around,
        lang,
    };
    let mut next = s.clone();
    let zh = lang == Lang::Zh;
    let label = match ef.kind {
        FormKind::Screening { date } => {
            let film = r.f.choice("film").filter(|f| !f.is_empty());
            let new_date = r.date("date", true);
            let times = r.times();
            let room = r.required_choice("room");
            let scope = r.f.choice("scope").unwrap_or_else(|| SCOPE_ONCE.to_owned());
            let reason = r.f.optional_text("reason");
            let (Some(Some(new_date)), Some((start, end)), Some(room)) = (new_date, times, room)
            else {
                return None;
            };
            let sc = next.screenings.as_mut()?;
            let seg = sc.segment_on(date)?;
            // The film of the series date.
            sc.programme.retain(|p| *p.date != date);
            if let Some(id) = &film {
                let at = sc
                    .programme
                    .iter()
                    .position(|p| *p.date > date)
                    .unwrap_or(sc.programme.len());
                sc.programme.insert(
                    at,
                    Showing {
                        date: Date(date),
                        film: id.clone(),
                    },
                );
            }
            let same_slot =
                new_date == date && start == seg.start && end == seg.end && room == seg.room;
            sc.exceptions
                .retain(|e| !(*e.date() == date && matches!(e, Exception::Move { .. })));
            if !same_slot && scope == SCOPE_ONCE {
                let at = sc
                    .exceptions
                    .iter()
                    .position(|e| *e.date() > date)
                    .unwrap_or(sc.exceptions.len());
                sc.exceptions.insert(
                    at,
                    Exception::Move {
                        date: Date(date),
                        to: (new_date != date).then_some(Date(new_date)),
                        start: (start != seg.start).then_some(Time(start)),
                        end: (end != seg.end).then_some(Time(end)),
                        room: (room != seg.room).then(|| room.clone()),
                        reason,
                    },
                );
            } else if !same_slot {
                change_slot_from(sc, date, new_date, start, end, &room);
            }
            match (zh, film) {
                (true, Some(f)) => format!("{}月{}日放映 {f}", date.month(), date.day()),
                (true, None) => format!("修改{}月{}日放映", date.month(), date.day()),
                (false, _) => format!("screening {}", date.format("%-d %b")),
            }
        }
        FormKind::Film { index } => {
            let id = r.required_text("id");
            let title = r.required_text("title");
            let year = r.number("year", true);
            let minutes = r.number("minutes", true);
            let note = r.f.optional_text("note");
            let (Some(id), Some(title), Some(Some(year)), Some(Some(minutes))) =
                (id, title, year, minutes)
            else {
                return None;
            };
            let sc = next.screenings.as_mut()?;
            let taken = sc
                .films
                .iter()
                .enumerate()
                .any(|(i, f)| f.id == id && Some(i) != index);
            if !r.unique_id("id", &id, taken) {
                return None;
            }
            let film = Film {
                id: id.clone(),
                title: title.clone(),
                year: to_u16(year),
                minutes: to_u16(minutes),
                note,
            };
            if let Some(i) = index {
                let old = sc.films.get(i)?.id.clone();
                // Renaming an id renames the references to it.
                for p in &mut sc.programme {
                    if p.film == old {
                        p.film.clone_from(&id);
                    }
                }
                *sc.films.get_mut(i)? = film;
            } else {
                sc.films.push(film);
            }
            if zh {
                format!("影片 {title}")
            } else {
                format!("film {title}")
            }
        }
        FormKind::ServiceMonth { month } => {
            let theme = r.required_text("theme");
            let date = r.date("date", true);
            let times = r.times();
            let room = r.required_choice("room");
            let (services, partners) = (r.f.list("services"), r.f.list("partners"));
            let (Some(theme), Some(Some(date)), Some((start, end)), Some(room)) =
                (theme, date, times, room)
            else {
                return None;
            };
            if (date.year(), date.month()) != (month.year(), month.month()) {
                r.f.set_error(
                    "date",
                    lang.pick("日期应在这个月内", "the date must be in this month")
                        .to_owned(),
                );
                return None;
            }
            let sd = next.service_days.as_mut()?;
            let ruled = crate::model::recurrence::nth_weekday(
                month.year(),
                month.month(),
                sd.rule.nth,
                *sd.rule.weekday,
            );
            let skipped = sd
                .months
                .iter()
                .rev()
                .find(|m| *m.month == month)
                .and_then(|m| m.skipped.clone());
            let entry = MonthEntry {
                month: Month(month),
                theme: theme.clone(),
                services,
                partners,
                date: (Some(date) != ruled).then_some(Date(date)),
                start: (start != *sd.rule.start).then_some(Time(start)),
                end: (end != *sd.rule.end).then_some(Time(end)),
                room: (room != sd.rule.room).then_some(room),
                skipped,
            };
            if let Some(i) = sd.months.iter().position(|m| *m.month == month) {
                sd.months[i] = entry;
            } else {
                let at = sd
                    .months
                    .iter()
                    .position(|m| *m.month > month)
                    .unwrap_or(sd.months.len());
                sd.months.insert(at, entry);
            }
            if zh {
                format!("{}月主题 {theme}", month.month())
            } else {
                format!("theme {theme}")
            }
        }
        FormKind::Session { index } => {
            let lecture = r.required_choice("lecture");
            let date = r.date("date", true);
            let times = r.times();
            let room = r.required_choice("room");
            let seats = r.number("seats", false);
            let (Some(lecture), Some(Some(date)), Some((start, end)), Some(room), Some(seats)) =
                (lecture, date, times, room, seats)
            else {
                return None;
            };
            let l = next.lectures.as_mut()?;
            let session = Session {
                lecture: lecture.clone(),
                date: Date(date),
                start: Time(start),
                end: Time(end),
                room,
                seats,
            };
            if let Some(i) = index {
                *l.sessions.get_mut(i)? = session;
            } else {
                let at = l
                    .sessions
                    .iter()
                    .position(|x| (*x.date, *x.start) > (date, start))
                    .unwrap_or(l.sessions.len());
                l.sessions.insert(at, session);
            }
            if zh {
                format!("微党课 {lecture} {}月{}日", date.month(), date.day())
            } else {
                format!("lecture {lecture} {}", date.format("%-d %b"))
            }
        }
        FormKind::Lecture { index } => {
            let id = r.required_text("id");
            let title = r.required_text("title");
            let speaker = r.required_text("speaker");
            let group = r.required_choice("group");
            let minutes = r.number("minutes", true);
            let summary = r.f.optional_text("summary");
            let (Some(id), Some(title), Some(speaker), Some(group), Some(Some(minutes))) =
                (id, title, speaker, group, minutes)
            else {
                return None;
            };
            let group = SpeakerGroup::parse(&group).ok()?;
            let l = next.lectures.as_mut()?;
            let taken = l
                .catalogue
                .iter()
                .enumerate()
                .any(|(i, x)| x.id == id && Some(i) != index);
            if !r.unique_id("id", &id, taken) {
                return None;
            }
            let lecture = Lecture {
                id: id.clone(),
                title: title.clone(),
                speaker,
                group: Group(group),
                minutes: to_u16(minutes),
                summary,
            };
            if let Some(i) = index {
                let old = l.catalogue.get(i)?.id.clone();
                for x in &mut l.sessions {
                    if x.lecture == old {
                        x.lecture.clone_from(&id);
                    }
                }
                *l.catalogue.get_mut(i)? = lecture;
            } else {
                l.catalogue.push(lecture);
            }
            if zh {
                format!("课程 {title}")
            } else {
                format!("lecture {title}")
            }
        }
        FormKind::Event { index } => {
            let id = r.required_text("id");
            let title = r.required_text("title");
            let date = r.date("date", true);
            let times = r.times();
            let until = r.date("until", false);
            let room = r.f.choice("room").filter(|x| !x.is_empty());
            let place = r.f.optional_text("place");
            let repeat = match r.f.choice("repeat").as_deref() {
                Some("weekly") => Some(Repeat::Weekly),
                Some("monthly") => Some(Repeat::Monthly),
                _ => None,
            };
            let (Some(id), Some(title), Some(Some(date)), Some((start, end)), Some(until)) =
                (id, title, date, times, until)
            else {
                return None;
            };
            if room.is_none() && place.is_none() {
                r.f.set_error(
                    "place",
                    lang.pick("请选择场地，或写明地点", "choose a room or write the place")
                        .to_owned(),
                );
                return None;
            }
            if until.is_some_and(|u| u < date) {
                r.f.set_error(
                    "until",
                    lang.pick("重复至的日期不能早于开始日期", "until is before the date")
                        .to_owned(),
                );
                return None;
            }
            let ev = next.events.get_or_insert_with(Events::default);
            let taken = ev
                .events
                .iter()
                .enumerate()
                .any(|(i, e)| e.id == id && Some(i) != index);
            if !r.unique_id("id", &id, taken) {
                return None;
            }
            let old = index.and_then(|i| ev.events.get(i)).cloned();
            let event = Event {
                id,
                title: title.clone(),
                date: Date(date),
                start: Time(start),
                end: Time(end),
                room,
                place,
                organiser: r.f.optional_text("organiser"),
                note: r.f.optional_text("note"),
                repeat,
                weekdays: if repeat == Some(Repeat::Weekly) {
                    old.as_ref().map(|o| o.weekdays.clone()).unwrap_or_default()
                } else {
                    Vec::new()
                },
                until: if repeat.is_some() {
                    until.map(Date)
                } else {
                    None
                },
                on_holiday: old.as_ref().and_then(|o| o.on_holiday),
                skip: if repeat.is_some() {
                    old.map(|o| o.skip).unwrap_or_default()
                } else {
                    Vec::new()
                },
            };
            match index {
                Some(i) => *ev.events.get_mut(i)? = event,
                None => ev.events.push(event),
            }
            if zh {
                format!("活动 {title}")
            } else {
                format!("event {title}")
            }
        }
    };
    if let (Some(o), Some(choice)) = (&ef.on_day_off, ef.form.choice("holiday")) {
        apply_holiday_choice(&choice, o, &mut next);
    }
    Some((next, label))
}

/// "This and following weeks": from the week of `date` on, the screening is
/// on `new_date`'s weekday at the new time and room. Films and exceptions
/// planned for later series dates move with the weekday, so nothing planned
/// is lost.
fn change_slot_from(
    sc: &mut crate::model::Screenings,
    date: NaiveDate,
    new_date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    room: &str,
) {
    let old_wd = i64::from(date.weekday().num_days_from_monday());
    let new_wd = i64::from(new_date.weekday().num_days_from_monday());
    let shift = new_wd - old_wd;
    let week_start = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
    let moved = |d: NaiveDate| {
        if d < date || shift == 0 {
            d
        } else if shift > 0 {
            d + Days::new(shift.unsigned_abs())
        } else {
            d - Days::new(shift.unsigned_abs())
        }
    };
    for p in &mut sc.programme {
        p.date = Date(moved(*p.date));
    }
    // The series still ends in the week it ended.
    sc.slot.until = sc.slot.until.map(|u| Date(moved(*u)));
    for e in &mut sc.exceptions {
        match e {
            Exception::Skip { date: d, .. } | Exception::Move { date: d, .. } => {
                *d = Date(moved(**d));
            }
        }
    }
    let from = week_start
        .max(*sc.slot.from + Days::new(1))
        .max(date.min(new_date));
    sc.changes.retain(|c| *c.from < from);
    sc.changes.push(SlotChange {
        from: Date(from),
        weekday: Day(new_date.weekday()),
        start: Time(start),
        end: Time(end),
        room: room.to_owned(),
    });
}

/// The date a form is about (its date field), for looking up conflicts.
pub fn parse_form_date(ef: &EditForm) -> Option<NaiveDate> {
    let text = ef.form.field("date")?.input.text().to_owned();
    parse_date_input(&text, ef.around)
}
