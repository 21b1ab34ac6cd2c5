//! One month's 乐淘淘 day: theme, services and partners (edited as lists),
//! and its date, time and room where they differ from the rule's.

use chrono::{Datelike, NaiveDate};

use super::apply::times;
use super::reader::Reader;
use super::{no_file, room_choices, time_field, ymd};
use crate::i18n::Lang;
use crate::model::values::{Date, Month};
use crate::model::{MonthEntry, Schedule};
use crate::tr;
use crate::tui::form::{Field, FieldKind, Form};

/// The 乐淘淘 day of one month: theme, services and partners (lists), date, time, room.
pub(super) fn build(s: &Schedule, month: NaiveDate, lang: Lang) -> Result<Form, String> {
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
        {
            let (name, y, m, en) = (&sd.name, month.year(), month.month(), month.format("%B %Y"));
            tr!(lang, "{name} {y}年{m}月", "{name} {en}")
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

pub(super) fn apply(r: &mut Reader, month: NaiveDate, next: &mut Schedule) -> Option<String> {
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
                tr!(lang, "日期应在这个月内", "the date must be in this month"),
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
    let m = month.month();
    let label = tr!(lang, "{m}月主题 {theme}", "theme {theme}");
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
