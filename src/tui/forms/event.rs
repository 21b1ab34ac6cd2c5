//! Another activity: one-off, or weekly / monthly with its days and end.

use chrono::NaiveDate;

use super::apply::{put_entry, required_date, times};
use super::reader::Reader;
use super::{NO_ROOM, at, next_id, room_choices, when_fields, ymd};
use crate::i18n::Lang;
use crate::model::lunar::{self, Festival, LunarRule};
use crate::model::values::{Date, Day};
use crate::model::{Event, Events, Repeat, Schedule};
use crate::tr;
use crate::tui::form::{Choice, Field, FieldKind, Form};

/// An event, one-off or repeating, or a new one.
pub(super) fn build(s: &Schedule, index: Option<usize>, around: NaiveDate, lang: Lang) -> Form {
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
        Choice::new("lunar", lang.pick("每年农历", "lunar yearly")),
    ];
    let repeat_now = match e.and_then(|e| e.repeat.as_ref()) {
        Some(Repeat::Weekly) => "weekly",
        Some(Repeat::Monthly) => "monthly",
        Some(Repeat::Lunar { .. }) => "lunar",
        None => "",
    };
    let lunar_now = e
        .and_then(|e| e.repeat.as_ref())
        .and_then(Repeat::lunar)
        .map(|r| lunar_text(&r))
        .unwrap_or_default();
    Form::new(
        if e.is_some() {
            tr!(lang, "修改活动", "Edit event")
        } else {
            tr!(lang, "新增活动", "Add an event")
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
            // 9/9, 重阳, or 6/15 闰 (also in a leap sixth month); empty:
            // the lunar day of the date.
            Field::new("lunar", "农历", "Lunar", FieldKind::Text).text(&lunar_now),
            Field::new("until", "重复至", "Until", FieldKind::Date)
                .text(&e.and_then(|e| e.until).map(|u| ymd(*u)).unwrap_or_default()),
        ],
    )
}

pub(super) fn apply(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let lang = r.lang;
    let ev = next.events.get_or_insert_with(Events::default);
    let old = index.and_then(|i| ev.events.get(i)).cloned();
    let o = old.as_ref();
    let id = r.keep("id", o.map(|e| &e.id), |r| r.required_text("id"));
    let title = r.keep("title", o.map(|e| &e.title), |r| r.required_text("title"));
    let date = r.keep("date", o.map(|e| &e.date), |r| required_date(r, "date"));
    let times = times(r, o.map(|e| (e.start, e.end)));
    let until = r.keep("until", o.map(|e| &e.until), |r| {
        r.date("until", false).map(|d| d.map(Date))
    });
    let text = |r: &mut Reader, key: &str| Some(r.f.optional_text(key));
    let room = r.keep("room", o.map(|e| &e.room), |r| {
        Some(r.f.choice("room").filter(|x| !x.is_empty()))
    });
    let place = r.keep("place", o.map(|e| &e.place), |r| text(r, "place"));
    let organiser = r.keep("organiser", o.map(|e| &e.organiser), |r| {
        text(r, "organiser")
    });
    let note = r.keep("note", o.map(|e| &e.note), |r| text(r, "note"));
    let lunar_touched = r.changed("lunar");
    let old_repeat = o.map(|e| &e.repeat).filter(|_| !lunar_touched);
    let repeat = r.keep("repeat", old_repeat, |r| {
        Some(match r.f.choice("repeat").as_deref() {
            Some("weekly") => Some(Repeat::Weekly),
            Some("monthly") => Some(Repeat::Monthly),
            Some("lunar") => Some(read_lunar(r, date.as_ref().map(|d| **d))?),
            _ => None,
        })
    });
    let (Some(id), Some(title), Some(date), Some((start, end)), Some(until)) =
        (id, title, date, times, until)
    else {
        return None;
    };
    let (room, place, organiser, note, repeat) = (room?, place?, organiser?, note?, repeat?);
    let new = old.is_none();
    let touched = |r: &Reader, keys: &[&str]| new || keys.iter().any(|k| r.changed(k));
    if touched(r, &["room", "place"]) && room.is_none() && place.is_none() {
        r.f.set_error(
            "place",
            tr!(
                lang,
                "请选择场地，或写明地点",
                "choose a room or write the place"
            ),
        );
        return None;
    }
    if touched(r, &["date", "until"]) && until.is_some_and(|u| *u < *date) {
        r.f.set_error(
            "until",
            tr!(
                lang,
                "重复至的日期不能早于开始日期",
                "until is before the date"
            ),
        );
        return None;
    }
    if repeat.is_none() && until.is_some() && touched(r, &["until"]) {
        r.f.set_error(
            "until",
            tr!(
                lang,
                "不重复的活动没有“重复至”：请先选择重复",
                "a one-off event has no until date: choose how it repeats"
            ),
        );
        return None;
    }
    // What goes with the repeat changes only when the repeat does.
    let (weekdays, skip, until): (Vec<Day>, Vec<Date>, Option<Date>) = match (&old, &repeat) {
        (Some(o), _) if !r.changed("repeat") => (o.weekdays.clone(), o.skip.clone(), until),
        (Some(o), Some(Repeat::Weekly)) => (o.weekdays.clone(), o.skip.clone(), until),
        (Some(o), Some(Repeat::Monthly | Repeat::Lunar { .. })) => {
            (Vec::new(), o.skip.clone(), until)
        }
        (_, None) => (Vec::new(), Vec::new(), None),
        (None, Some(_)) => (Vec::new(), Vec::new(), until),
    };
    let label = tr!(lang, "活动 {title}", "event {title}");
    let event = Event {
        id,
        title,
        date,
        start,
        end,
        room,
        place,
        organiser,
        note,
        repeat,
        weekdays,
        until,
        skip,
        on_holiday: old.as_ref().and_then(|o| o.on_holiday),
    };
    // Nothing refers to an event's id: a rename renames nothing else.
    put_entry(r, &mut ev.events, index, event, |e| &e.id, |_, _| {})?;
    Some(label)
}

/// The lunar field's text for a rule: `9/9`, `重阳`, `6/15 闰`.
fn lunar_text(r: &LunarRule) -> String {
    match (&r.festival, r.month, r.day) {
        (Some(f), _, _) => f.clone(),
        (None, Some(m), Some(d)) if r.leap_too => format!("{m}/{d} 闰"),
        (None, Some(m), Some(d)) => format!("{m}/{d}"),
        _ => String::new(),
    }
}

/// Reads the lunar field: a festival's name, `month/day` (with ` 闰` or
/// ` leap` for the leap month too), or nothing for the date's own lunar
/// day.
fn read_lunar(r: &mut Reader, date: Option<NaiveDate>) -> Option<Repeat> {
    let lang = r.lang;
    let t = r.f.text("lunar");
    let t = t.trim();
    if t.is_empty() {
        let l = date.and_then(lunar::lunar_date)?;
        return Some(Repeat::from_lunar(LunarRule::on(l.month, l.day)));
    }
    if let Some(f) = Festival::from_name(t) {
        return Some(Repeat::from_lunar(LunarRule::festival(f)));
    }
    let (md, leap_too) = match t.strip_suffix('闰').or_else(|| t.strip_suffix("leap")) {
        Some(rest) => (rest.trim(), true),
        None => (t, false),
    };
    let parsed = md
        .split_once(['/', '-', '.'])
        .and_then(|(m, d)| Some((m.trim().parse::<u8>().ok()?, d.trim().parse::<u8>().ok()?)));
    let rule = parsed.map(|(m, d)| LunarRule {
        leap_too,
        ..LunarRule::on(m, d)
    });
    match rule {
        Some(rule) if rule.problem().is_none() => Some(Repeat::from_lunar(rule)),
        Some(rule) => {
            let message = rule.problem().map(|p| p.message(lang)).unwrap_or_default();
            r.f.set_error("lunar", message);
            None
        }
        None => {
            r.f.set_error(
                "lunar",
                tr!(
                    lang,
                    "请写农历月/日（如 9/9；闰月同一天也办，写 6/15 闰）或节日名（如 重阳）",
                    "write the lunar month/day (9/9; 6/15 leap for the leap month too) or a festival (重阳)"
                ),
            );
            None
        }
    }
}
