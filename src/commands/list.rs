//! `stationcal list`: activities one a line, or as JSON, for scripts.

use std::process::ExitCode;

use chrono::Days;
use serde_json::{Value, json};

use super::Context;
use crate::cli::ListArgs;
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::model::{Detail, Programme, Status, labels};
use crate::print::SheetItem;

pub fn run(ctx: &Context, args: &ListArgs) -> ExitCode {
    let from = args.from.unwrap_or(ctx.today);
    let range = DateRange::new(from, from + Days::new(u64::from(args.days) - 1));
    let sheet = match super::network::load_sheet(ctx, args.force, &args.sites, range) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.json {
        let items: Vec<Value> = sheet.items().map(to_json).collect();
        let json = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
        outln!("{}", crate::sanitize::json(&json));
    } else {
        for item in sheet.items() {
            outln!("{}", line(item, ctx.lang));
        }
    }
    ExitCode::SUCCESS
}

/// `2026-11-25 周三 14:00-16:00 电影放映 焦裕禄 多功能厅`, then the status
/// of a skipped or moved activity. One line whatever the text: a line break
/// in a title is shown as `\n` and cannot start a record of its own.
pub fn line(item: &SheetItem, lang: Lang) -> String {
    crate::sanitize::line(&raw_line(item, lang)).into_owned()
}

fn raw_line(item: &SheetItem, lang: Lang) -> String {
    let o = &item.occurrence;
    let mut s = format!(
        "{} {} {} ",
        o.date.format("%Y-%m-%d"),
        labels::weekday(o.date, lang),
        item.time(),
    );
    if let Some(site) = &item.site {
        s.push_str(site);
        s.push(' ');
    }
    s.push_str(&format!("{} {}", item.label(lang), labels::title(o, lang)));
    if let Some(p) = &item.place {
        s.push(' ');
        s.push_str(p);
    }
    if let Some(st) = &item.status {
        s.push(' ');
        s.push_str(st);
    }
    s
}

fn programme_code(p: Programme) -> &'static str {
    match p {
        Programme::Screening => "screening",
        Programme::ServiceDay => "service_day",
        Programme::Lecture => "lecture",
        Programme::Event => "event",
    }
}

/// One activity for scripts: stable field names and codes, the schedule's
/// own values (no stand-in titles), and the UID the ICS export uses.
pub fn to_json(item: &SheetItem) -> Value {
    let o = &item.occurrence;
    let (status, reason, moved_from) = match &o.status {
        Status::Scheduled => ("scheduled", None, None),
        Status::Skipped(r) => ("skipped", Some(r.clone()), None),
        Status::Moved { from, reason } => ("moved", reason.clone(), Some(from.to_string())),
    };
    let details = match &o.detail {
        Detail::Screening {
            film_id,
            year,
            minutes,
            note,
        } => json!({ "film_id": film_id, "year": year, "minutes": minutes, "note": note }),
        Detail::ServiceDay {
            host,
            services,
            partners,
        } => json!({ "host": host, "services": services, "partners": partners }),
        Detail::Lecture {
            lecture_id,
            speaker,
            group,
            minutes,
            summary,
            seats,
            series,
        } => json!({
            "lecture_id": lecture_id,
            "speaker": speaker,
            "group": group.map(crate::model::SpeakerGroup::zh),
            "minutes": minutes,
            "summary": summary,
            "seats": seats,
            "series": series,
        }),
        Detail::Event {
            place,
            organiser,
            note,
            repeats,
        } => json!({ "place": place, "organiser": organiser, "note": note, "repeats": repeats }),
    };
    let mut value = json!({
        "date": o.date.to_string(),
        "start": o.start.format("%H:%M").to_string(),
        "end": o.end.format("%H:%M").to_string(),
        "programme": programme_code(o.programme),
        "title": o.title,
        "room": o.room,
        "status": status,
        "reason": reason,
        "moved_from": moved_from,
        "uid": item.uid,
        "details": details,
    });
    if let (Some(site), Some(map)) = (&item.site, value.as_object_mut()) {
        map.insert("site".to_owned(), Value::String(site.clone()));
    }
    value
}
