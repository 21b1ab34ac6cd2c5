//! The weekly screening of one series date: its film, and a move (this
//! date only) or a slot change (this and the following weeks).

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::apply::times;
use super::reader::Reader;
use super::{SCOPE_FOLLOWING, SCOPE_ONCE, film_choices, no_file, room_choices, time_field, ymd};
use crate::i18n::Lang;
use crate::model::values::{Date, Day, Time};
use crate::model::{Exception, Schedule, Screenings, Segment, Showing, SlotChange};
use crate::tr;
use crate::tui::form::{Choice, Field, FieldKind, Form};

/// The screening of one series date: its film, and a move or slot change.
pub(super) fn build(s: &Schedule, date: NaiveDate, lang: Lang) -> Result<Form, String> {
    let sc = s
        .screenings
        .as_ref()
        .ok_or_else(|| no_file("screenings.ron", lang))?;
    let seg = sc
        .segment_on(date)
        .ok_or_else(|| tr!(lang, "这一天不是放映日", "not a screening date"))?;
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
        {
            let (m, d, day) = (date.month(), date.day(), date.format("%-d %b"));
            tr!(lang, "电影放映 {m}月{d}日", "Film screening {day}")
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

pub(super) fn apply(r: &mut Reader, date: NaiveDate, next: &mut Schedule) -> Option<String> {
    let sc = next.screenings.as_mut()?;
    let seg = sc.segment_on(date)?;
    // The exception the form showed: the last for the date, if a move.
    let shown = sc
        .exceptions
        .iter()
        .rposition(|e| *e.date() == date)
        .filter(|i| matches!(sc.exceptions[*i], Exception::Move { .. }));
    let old_move = shown.map(|i| sc.exceptions[i].clone());
    let (when, start, end, room) = shown_slot(date, &seg, old_move.as_ref());
    let film = r.f.choice("film").filter(|f| !f.is_empty());
    let new_date = r.keep("date", Some(&when), |r| r.date("date", true).flatten());
    let times = times(r, Some((start, end)));
    let room = r.keep("room", Some(&room), |r| r.required_choice("room"));
    let scope = r.f.choice("scope").unwrap_or_else(|| SCOPE_ONCE.to_owned());
    let (Some(new_date), Some((start, end)), Some(room)) = (new_date, times, room) else {
        return None;
    };
    if r.changed("film") {
        set_film(sc, date, film.clone());
    }
    let slot_changed = ["date", "start", "end", "room"]
        .iter()
        .any(|k| r.changed(k));
    let same_slot = new_date == date && *start == seg.start && *end == seg.end && room == seg.room;
    if slot_changed && scope == SCOPE_FOLLOWING {
        if let Some(i) = shown {
            sc.exceptions.remove(i);
        }
        if !same_slot {
            change_slot_from(sc, date, new_date, *start, *end, &room);
        }
    } else if slot_changed || r.changed("reason") {
        // This date only: the move keeps what was not changed.
        let (mut to, mut st, mut en, mut rm, mut why) = match old_move {
            Some(Exception::Move {
                to,
                start,
                end,
                room,
                reason,
                ..
            }) => (to, start, end, room, reason),
            _ => (None, None, None, None, None),
        };
        if r.changed("date") {
            to = (new_date != date).then_some(Date(new_date));
        }
        if r.changed("start") {
            st = (*start != seg.start).then_some(start);
        }
        if r.changed("end") {
            en = (*end != seg.end).then_some(end);
        }
        if r.changed("room") {
            rm = (room != seg.room).then(|| room.clone());
        }
        if r.changed("reason") {
            why = r.f.optional_text("reason");
        }
        // A move that moves nothing is no move: the date is back on its slot.
        let moves = to.is_some() || st.is_some() || en.is_some() || rm.is_some();
        let mv = Exception::Move {
            date: Date(date),
            to,
            start: st,
            end: en,
            room: rm,
            reason: why,
        };
        match (shown, moves) {
            (Some(i), true) => sc.exceptions[i] = mv,
            (Some(i), false) => {
                sc.exceptions.remove(i);
            }
            (None, true) => {
                let at = sc
                    .exceptions
                    .iter()
                    .position(|e| *e.date() > date)
                    .unwrap_or(sc.exceptions.len());
                sc.exceptions.insert(at, mv);
            }
            (None, false) => {}
        }
    }
    let (m, d, day) = (date.month(), date.day(), date.format("%-d %b"));
    Some(match film {
        Some(f) => tr!(r.lang, "{m}月{d}日放映 {f}", "screening {day}: {f}"),
        None => tr!(r.lang, "修改{m}月{d}日放映", "screening {day}"),
    })
}

/// The date, times and room the series date `date` is held at, as its form
/// shows them: the slot's, or its move's.
fn shown_slot(
    date: NaiveDate,
    seg: &Segment,
    shown_move: Option<&Exception>,
) -> (NaiveDate, Time, Time, String) {
    let mut slot = (date, Time(seg.start), Time(seg.end), seg.room.clone());
    if let Some(Exception::Move {
        to,
        start,
        end,
        room,
        ..
    }) = shown_move
    {
        slot.0 = to.map_or(date, |t| *t);
        slot.1 = start.unwrap_or(slot.1);
        slot.2 = end.unwrap_or(slot.2);
        slot.3 = room.clone().unwrap_or(slot.3);
    }
    slot
}

/// Puts `film` on the series date `date` (none: takes it off), changing the
/// date's showing in place.
fn set_film(sc: &mut Screenings, date: NaiveDate, film: Option<String>) {
    match (sc.programme.iter().rposition(|p| *p.date == date), film) {
        (Some(i), Some(id)) => sc.programme[i].film = id,
        (Some(_), None) => sc.programme.retain(|p| *p.date != date),
        (None, Some(id)) => {
            let at = sc
                .programme
                .iter()
                .position(|p| *p.date > date)
                .unwrap_or(sc.programme.len());
            sc.programme.insert(
                at,
                Showing {
                    date: Date(date),
                    film: id,
                },
            );
        }
        (None, None) => {}
    }
}

/// "This and following weeks": from the week of `date` on, the screening is
/// on `new_date`'s weekday at the new time and room. Films and exceptions
/// planned for later series dates move with the weekday, so nothing planned
/// is lost.
fn change_slot_from(
    sc: &mut Screenings,
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
