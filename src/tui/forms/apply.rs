//! Applying a confirmed form to the schedule.
//!
//! Only what the user changed changes. A field left untouched gives back
//! exactly the value the form was opened with, even one the form cannot
//! show as it is written (a `note: ""`, a `start` equal to the rule's, a
//! room that no longer exists), and it is not checked again. A form
//! confirmed untouched is no edit at all. Entries keep their place in
//! their lists; only a new entry is put in date order.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::holiday::apply_holiday_choice;
use super::reader::{Reader, to_u16};
use super::{EditForm, FormKind, SCOPE_FOLLOWING, SCOPE_ONCE};
use crate::i18n::Lang;
use crate::model::values::{Date, Day, Group, Month, SpeakerGroup, Time};
use crate::model::{
    Event, Events, Exception, Film, Lecture, MonthEntry, Repeat, Schedule, Screenings, Segment,
    Session, Showing, SlotChange,
};

/// Applies a confirmed form: the changed schedule and a label for undo, or
/// `None` when a field is wrong (the form then shows why). An untouched
/// form of something that exists gives the schedule back as it was.
pub fn apply(ef: &mut EditForm, s: &Schedule, lang: Lang) -> Option<(Schedule, String)> {
    ef.form.clear_errors();
    if ef.kind.edits_existing() && !ef.form.changed() {
        return Some((s.clone(), String::new()));
    }
    let mut r = Reader {
        f: &mut ef.form,
        around: ef.around,
        lang,
    };
    let mut next = s.clone();
    let label = match ef.kind {
        FormKind::Screening { date } => screening(&mut r, date, &mut next)?,
        FormKind::Film { index } => film(&mut r, index, &mut next)?,
        FormKind::ServiceMonth { month } => service_month(&mut r, month, &mut next)?,
        FormKind::Session { index } => session(&mut r, index, &mut next)?,
        FormKind::Lecture { index } => lecture(&mut r, index, &mut next)?,
        FormKind::Event { index } => event(&mut r, index, &mut next)?,
    };
    if let (Some(o), Some(choice)) = (&ef.on_day_off, ef.form.choice("holiday")) {
        apply_holiday_choice(&choice, o, &mut next);
    }
    Some((next, label))
}

/// Start and end: the old ones where untouched; read and checked together
/// (end after start) when either was changed or there is nothing old.
fn times(r: &mut Reader, old: Option<(Time, Time)>) -> Option<(Time, Time)> {
    let (start_changed, end_changed) = (r.changed("start"), r.changed("end"));
    match old {
        Some(o) if !start_changed && !end_changed => Some(o),
        _ => {
            let (s, e) = r.times()?;
            Some(match old {
                Some((os, oe)) => (
                    if start_changed { Time(s) } else { os },
                    if end_changed { Time(e) } else { oe },
                ),
                None => (Time(s), Time(e)),
            })
        }
    }
}

/// A required date field as a [`Date`].
fn required_date(r: &mut Reader, key: &str) -> Option<Date> {
    r.date(key, true).flatten().map(Date)
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

fn screening(r: &mut Reader, date: NaiveDate, next: &mut Schedule) -> Option<String> {
    let zh = r.lang == Lang::Zh;
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
    Some(match (zh, film) {
        (true, Some(f)) => format!("{}月{}日放映 {f}", date.month(), date.day()),
        (true, None) => format!("修改{}月{}日放映", date.month(), date.day()),
        (false, _) => format!("screening {}", date.format("%-d %b")),
    })
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

fn film(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let sc = next.screenings.as_mut()?;
    let old = index.and_then(|i| sc.films.get(i)).cloned();
    let o = old.as_ref();
    let id = r.keep("id", o.map(|f| &f.id), |r| r.required_text("id"));
    let title = r.keep("title", o.map(|f| &f.title), |r| r.required_text("title"));
    let year = r.keep("year", o.map(|f| &f.year), |r| {
        r.number("year", true).flatten().map(to_u16)
    });
    let minutes = r.keep("minutes", o.map(|f| &f.minutes), |r| {
        r.number("minutes", true).flatten().map(to_u16)
    });
    let note = r.keep("note", o.map(|f| &f.note), |r| {
        Some(r.f.optional_text("note"))
    });
    let (Some(id), Some(title), Some(year), Some(minutes), Some(note)) =
        (id, title, year, minutes, note)
    else {
        return None;
    };
    if old.is_none() || r.changed("id") {
        let taken = sc
            .films
            .iter()
            .enumerate()
            .any(|(i, f)| f.id == id && Some(i) != index);
        if !r.unique_id("id", &id, taken) {
            return None;
        }
    }
    let label = match r.lang {
        Lang::Zh => format!("影片 {title}"),
        Lang::En => format!("film {title}"),
    };
    let film = Film {
        id: id.clone(),
        title,
        year,
        minutes,
        note,
    };
    match (index, old) {
        (Some(i), Some(old)) => {
            // Renaming an id renames the references to it.
            if old.id != id {
                for p in &mut sc.programme {
                    if p.film == old.id {
                        p.film.clone_from(&id);
                    }
                }
            }
            *sc.films.get_mut(i)? = film;
        }
        _ => sc.films.push(film),
    }
    Some(label)
}

fn service_month(r: &mut Reader, month: NaiveDate, next: &mut Schedule) -> Option<String> {
    let lang = r.lang;
    let sd = next.service_days.as_mut()?;
    let ruled = crate::model::recurrence::nth_weekday(
        month.year(),
        month.month(),
        sd.rule.nth,
        *sd.rule.weekday,
    );
    // The entry the form showed: the last for the month. A month without
    // one is as if it had an empty entry.
    let at = sd.months.iter().rposition(|m| *m.month == month);
    let old = at.and_then(|i| sd.months.get(i)).cloned();
    let base = old.clone().unwrap_or_else(|| MonthEntry {
        month: Month(month),
        theme: String::new(),
        services: Vec::new(),
        partners: Vec::new(),
        date: None,
        start: None,
        end: None,
        room: None,
        skipped: None,
    });
    let theme = r.keep("theme", old.as_ref().map(|e| &e.theme), |r| {
        r.required_text("theme")
    });
    let services = r.keep("services", Some(&base.services), |r| {
        Some(r.f.list("services"))
    });
    let partners = r.keep("partners", Some(&base.partners), |r| {
        Some(r.f.list("partners"))
    });
    let date = r.keep("date", Some(&base.date), |r| {
        let d = r.date("date", true).flatten()?;
        if (d.year(), d.month()) != (month.year(), month.month()) {
            r.f.set_error(
                "date",
                lang.pick("日期应在这个月内", "the date must be in this month")
                    .to_owned(),
            );
            return None;
        }
        Some((Some(d) != ruled).then_some(Date(d)))
    });
    let rule = (sd.rule.start, sd.rule.end);
    let shown = (base.start.unwrap_or(rule.0), base.end.unwrap_or(rule.1));
    let new_times = times(r, Some(shown));
    let room = r.keep("room", Some(&base.room), |r| {
        let room = r.required_choice("room")?;
        Some((room != sd.rule.room).then_some(room))
    });
    let (Some(theme), Some(services), Some(partners), Some(date), Some(new_times), Some(room)) =
        (theme, services, partners, date, new_times, room)
    else {
        return None;
    };
    // A changed time is written only where it differs from the rule's.
    let start = if r.changed("start") {
        (new_times.0 != rule.0).then_some(new_times.0)
    } else {
        base.start
    };
    let end = if r.changed("end") {
        (new_times.1 != rule.1).then_some(new_times.1)
    } else {
        base.end
    };
    let label = match lang {
        Lang::Zh => format!("{}月主题 {theme}", month.month()),
        Lang::En => format!("theme {theme}"),
    };
    let entry = MonthEntry {
        theme,
        services,
        partners,
        date,
        start,
        end,
        room,
        ..base
    };
    if let Some(i) = at {
        *sd.months.get_mut(i)? = entry;
    } else {
        let at = sd
            .months
            .iter()
            .position(|m| *m.month > month)
            .unwrap_or(sd.months.len());
        sd.months.insert(at, entry);
    }
    Some(label)
}

fn session(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
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
    let label = match r.lang {
        Lang::Zh => format!("微党课 {lecture} {}月{}日", date.month(), date.day()),
        Lang::En => format!("lecture {lecture} {}", date.format("%-d %b")),
    };
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

fn lecture(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let l = next.lectures.as_mut()?;
    let old = index.and_then(|i| l.catalogue.get(i)).cloned();
    let o = old.as_ref();
    let id = r.keep("id", o.map(|x| &x.id), |r| r.required_text("id"));
    let title = r.keep("title", o.map(|x| &x.title), |r| r.required_text("title"));
    let speaker = r.keep("speaker", o.map(|x| &x.speaker), |r| {
        r.required_text("speaker")
    });
    let group = r.keep("group", o.map(|x| &x.group), |r| {
        let g = r.required_choice("group")?;
        SpeakerGroup::parse(&g).ok().map(Group)
    });
    let minutes = r.keep("minutes", o.map(|x| &x.minutes), |r| {
        r.number("minutes", true).flatten().map(to_u16)
    });
    let summary = r.keep("summary", o.map(|x| &x.summary), |r| {
        Some(r.f.optional_text("summary"))
    });
    let (Some(id), Some(title), Some(speaker), Some(group), Some(minutes), Some(summary)) =
        (id, title, speaker, group, minutes, summary)
    else {
        return None;
    };
    if old.is_none() || r.changed("id") {
        let taken = l
            .catalogue
            .iter()
            .enumerate()
            .any(|(i, x)| x.id == id && Some(i) != index);
        if !r.unique_id("id", &id, taken) {
            return None;
        }
    }
    let label = match r.lang {
        Lang::Zh => format!("课程 {title}"),
        Lang::En => format!("lecture {title}"),
    };
    let lecture = Lecture {
        id: id.clone(),
        title,
        speaker,
        group,
        minutes,
        summary,
    };
    match (index, old) {
        (Some(i), Some(old)) => {
            if old.id != id {
                for x in &mut l.sessions {
                    if x.lecture == old.id {
                        x.lecture.clone_from(&id);
                    }
                }
            }
            *l.catalogue.get_mut(i)? = lecture;
        }
        _ => l.catalogue.push(lecture),
    }
    Some(label)
}

fn event(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
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
    let repeat = r.keep("repeat", o.map(|e| &e.repeat), |r| {
        Some(match r.f.choice("repeat").as_deref() {
            Some("weekly") => Some(Repeat::Weekly),
            Some("monthly") => Some(Repeat::Monthly),
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
            lang.pick("请选择场地，或写明地点", "choose a room or write the place")
                .to_owned(),
        );
        return None;
    }
    if touched(r, &["date", "until"]) && until.is_some_and(|u| *u < *date) {
        r.f.set_error(
            "until",
            lang.pick("重复至的日期不能早于开始日期", "until is before the date")
                .to_owned(),
        );
        return None;
    }
    if repeat.is_none() && until.is_some() && touched(r, &["until"]) {
        r.f.set_error(
            "until",
            lang.pick(
                "不重复的活动没有“重复至”：请先选择重复",
                "a one-off event has no until date: choose how it repeats",
            )
            .to_owned(),
        );
        return None;
    }
    let taken = ev
        .events
        .iter()
        .enumerate()
        .any(|(i, e)| e.id == id && Some(i) != index);
    if touched(r, &["id"]) && !r.unique_id("id", &id, taken) {
        return None;
    }
    // What goes with the repeat changes only when the repeat does.
    let (weekdays, skip, until): (Vec<Day>, Vec<Date>, Option<Date>) = match (&old, repeat) {
        (Some(o), _) if !r.changed("repeat") => (o.weekdays.clone(), o.skip.clone(), until),
        (Some(o), Some(Repeat::Weekly)) => (o.weekdays.clone(), o.skip.clone(), until),
        (Some(o), Some(Repeat::Monthly)) => (Vec::new(), o.skip.clone(), until),
        (_, None) => (Vec::new(), Vec::new(), None),
        (None, Some(_)) => (Vec::new(), Vec::new(), until),
    };
    let label = match lang {
        Lang::Zh => format!("活动 {title}"),
        Lang::En => format!("event {title}"),
    };
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
    match index {
        Some(i) => *ev.events.get_mut(i)? = event,
        None => ev.events.push(event),
    }
    Some(label)
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
