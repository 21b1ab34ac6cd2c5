//! The record of an activity held (活动记录): sign-ups, attendance, who
//! recorded it, a summary, photo file names and, on a 乐淘淘 day, the
//! people each service served. Written to `records.ron`, one entry per
//! activity and date; every field left untouched keeps its value exactly.

use chrono::NaiveDate;

use super::reader::Reader;
use crate::i18n::Lang;
use crate::model::records::{self, ActivityRef, MAX_PEOPLE, Record, Served};
use crate::model::{OccurrenceKey, Schedule};
use crate::tr;
use crate::tui::form::{Field, FieldKind, Form};

fn people(k: &'static str, zh: &'static str, en: &'static str, n: Option<u32>) -> Field {
    Field::new(
        k,
        zh,
        en,
        FieldKind::Number {
            min: 0,
            max: MAX_PEOPLE,
        },
    )
    .text(&n.map(|n| n.to_string()).unwrap_or_default())
}

/// `不动产登记咨询 27`: a service and the people it served, as a list item.
fn served_item(s: &Served) -> String {
    format!("{} {}", s.service, s.people)
}

/// The record form of the activity `key` held on `date`.
pub(super) fn build(s: &Schedule, key: &OccurrenceKey, date: NaiveDate, lang: Lang) -> Form {
    let activity = ActivityRef::of_key(s, key);
    let r = s
        .records
        .as_ref()
        .and_then(|rs| rs.find(date, &activity))
        .map(|(_, r)| r);
    let what = s
        .occurrences(crate::model::recurrence::DateRange::new(date, date))
        .into_iter()
        .find(|o| o.key == *key)
        .map_or_else(String::new, |o| crate::model::labels::title(&o, lang));
    let title = {
        let (m, d, en) = (
            date.format("%-m"),
            date.format("%-d"),
            date.format("%-d %b"),
        );
        tr!(lang, "活动记录 {m}月{d}日 {what}", "Record {en}: {what}")
    };
    let mut fields = vec![
        people(
            "signed_up",
            "报名人数",
            "Signed up",
            r.and_then(|r| r.signed_up),
        ),
        people(
            "attended",
            "实到人数",
            "Attended",
            r.and_then(|r| r.attended),
        ),
        Field::new("recorded_by", "记录人", "Recorded by", FieldKind::Text)
            .text(r.and_then(|r| r.recorded_by.as_deref()).unwrap_or("")),
        Field::new("summary", "活动小结", "Summary", FieldKind::Text)
            .text(r.and_then(|r| r.summary.as_deref()).unwrap_or("")),
        Field::new("photos", "照片文件名", "Photo files", FieldKind::List)
            .items(r.map_or(&[], |r| &r.photos)),
    ];
    if activity == ActivityRef::ServiceDay {
        // Each service of the month, with what was recorded for it.
        let items: Vec<String> = match r.filter(|r| !r.served.is_empty()) {
            Some(r) => r.served.iter().map(served_item).collect(),
            None => month_services(s, date)
                .into_iter()
                .map(|service| format!("{service} 0"))
                .collect(),
        };
        fields.push(
            Field::new(
                "served",
                "各项服务人次",
                "Served per service",
                FieldKind::List,
            )
            .items(&items),
        );
    }
    Form::new(title, fields)
}

/// The services of the 乐淘淘 month holding `date`.
fn month_services(s: &Schedule, date: NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    s.service_days
        .as_ref()
        .and_then(|sd| {
            sd.months
                .iter()
                .rev()
                .find(|m| (m.month.year(), m.month.month()) == (date.year(), date.month()))
        })
        .map(|m| m.services.clone())
        .unwrap_or_default()
}

/// Reads the served list: each item a service and a number at its end.
fn read_served(r: &mut Reader) -> Option<Vec<Served>> {
    let mut out = Vec::new();
    for item in r.f.list("served") {
        let parsed = item
            .rsplit_once(char::is_whitespace)
            .and_then(|(service, n)| Some((service.trim(), n.parse::<u32>().ok()?)))
            .filter(|(service, n)| !service.is_empty() && *n <= MAX_PEOPLE);
        let Some((service, people)) = parsed else {
            let msg = tr!(
                r.lang,
                "每一行写服务项目和人次，中间空一格，例如：理发 12（“{item}”不对）",
                "each row: a service, a space and the number served, e.g. haircuts 12 (not \"{item}\")"
            );
            r.f.set_error("served", msg);
            return None;
        };
        out.push(Served {
            service: service.to_owned(),
            people,
        });
    }
    Some(out)
}

pub(super) fn apply(
    r: &mut Reader,
    key: &OccurrenceKey,
    date: NaiveDate,
    next: &mut Schedule,
) -> Option<String> {
    let lang = r.lang;
    let activity = ActivityRef::of_key(next, key);
    let old = next
        .records
        .as_ref()
        .and_then(|rs| rs.find(date, &activity))
        .map(|(_, r)| r.clone());
    let base = old
        .clone()
        .unwrap_or_else(|| Record::new(date, activity.clone()));
    let signed_up = r.keep("signed_up", Some(&base.signed_up), |r| {
        r.number("signed_up", false)
    });
    let attended = r.keep("attended", Some(&base.attended), |r| {
        r.number("attended", false)
    });
    let recorded_by = r.keep("recorded_by", Some(&base.recorded_by), |r| {
        Some(r.f.optional_text("recorded_by"))
    });
    let summary = r.keep("summary", Some(&base.summary), |r| {
        Some(r.f.optional_text("summary"))
    });
    let photos = r.keep("photos", Some(&base.photos), |r| {
        let photos = r.f.list("photos");
        if let Some(bad) = photos.iter().find(|p| !records::is_plain_file_name(p)) {
            let msg = tr!(
                r.lang,
                "“{bad}”不是文件名：只写照片文件夹里的文件名，不带 / \\ 或 ..",
                "\"{bad}\" is not a file name: just the name in the photo folder, without / \\ or .."
            );
            r.f.set_error("photos", msg);
            return None;
        }
        Some(photos)
    });
    let served = r.keep("served", Some(&base.served), read_served);
    let (
        Some(signed_up),
        Some(attended),
        Some(recorded_by),
        Some(summary),
        Some(photos),
        Some(served),
    ) = (signed_up, attended, recorded_by, summary, photos, served)
    else {
        return None;
    };
    let record = Record {
        signed_up,
        attended,
        recorded_by,
        summary,
        photos,
        served,
        ..base
    };
    let empty = Record::new(date, activity);
    let list = next.records.get_or_insert_default();
    if record == empty {
        // Everything cleared: the record goes (an empty one says nothing).
        list.records
            .retain(|x| !(*x.date == date && x.activity == empty.activity));
    } else {
        list.set(record);
    }
    let (m, d) = (date.format("%-m"), date.format("%-d"));
    Some(tr!(lang, "{m}月{d}日的活动记录", "the record of {date}"))
}
