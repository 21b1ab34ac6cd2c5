//! A 微党课 session: the lecture picked from the catalogue (by title or
//! speaker), date, time, room and seats.

use chrono::{Datelike, NaiveDate};

use super::apply::{required_date, times};
use super::reader::Reader;
use super::{at, lecture_choices, no_file, room_choices, when_fields};
use crate::i18n::Lang;
use crate::model::{Schedule, Session};
use crate::tr;
use crate::tui::form::{Field, FieldKind, Form};

/// A lecture session, or a new one.
pub(super) fn build(
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
            tr!(lang, "修改微党课场次", "Edit lecture session")
        } else {
            tr!(lang, "安排微党课", "Schedule a lecture")
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

pub(super) fn apply(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let l = next.lectures.as_mut()?;
    let old = index.and_then(|i| l.sessions.get(i)).cloned();
    let o = old.as_ref();
    let lecture = r.keep("lecture", o.map(|x| &x.lecture), |r| {
        r.required_choice("lecture")
    });
    let date = r.keep("date", o.map(|x| &x.date), |r| required_date(r, "date"));
    let times = times(r, o.map(|x| (x.start, x.end)));
    let room = r.keep("room", o.map(|x| &x.room), |r| r.required_choice("room"));
    let seats = r.keep("seats", o.map(|x| &x.seats), |r| r.number("seats", false));
    let (Some(lecture), Some(date), Some((start, end)), Some(room), Some(seats)) =
        (lecture, date, times, room, seats)
    else {
        return None;
    };
    let (m, d, day) = (date.month(), date.day(), date.format("%-d %b"));
    let label = tr!(
        r.lang,
        "微党课 {lecture} {m}月{d}日",
        "lecture {lecture} {day}"
    );
    let session = Session {
        lecture,
        date,
        start,
        end,
        room,
        seats,
    };
    if let Some(i) = index {
        *l.sessions.get_mut(i)? = session;
    } else {
        let at = l
            .sessions
            .iter()
            .position(|x| (*x.date, *x.start) > (*date, *start))
            .unwrap_or(l.sessions.len());
        l.sessions.insert(at, session);
    }
    Some(label)
}
