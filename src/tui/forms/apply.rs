//! Applying a confirmed form to the schedule.
//!
//! Only what the user changed changes. A field left untouched gives back
//! exactly the value the form was opened with, even one the form cannot
//! show as it is written (a `note: ""`, a `start` equal to the rule's, a
//! room that no longer exists), and it is not checked again. A form
//! confirmed untouched is no edit at all. Entries keep their place in
//! their lists; only a new entry is put in date order.

use super::holiday::apply_holiday_choice;
use super::reader::Reader;
use super::{EditForm, FormKind};
use crate::i18n::Lang;
use crate::model::Schedule;
use crate::model::values::{Date, Time};

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
        FormKind::Screening { date } => super::screening::apply(&mut r, date, &mut next)?,
        FormKind::Film { index } => super::film::apply(&mut r, index, &mut next)?,
        FormKind::ServiceMonth { month } => super::service_month::apply(&mut r, month, &mut next)?,
        FormKind::Session { index } => super::session::apply(&mut r, index, &mut next)?,
        FormKind::Lecture { index } => super::lecture::apply(&mut r, index, &mut next)?,
        FormKind::Event { index } => super::event::apply(&mut r, index, &mut next)?,
        FormKind::Record { key, date } => {
            super::record::apply(&mut r, &key.key(), date, &mut next)?
        }
    };
    if let (Some(o), Some(choice)) = (&ef.on_day_off, ef.form.choice("holiday")) {
        apply_holiday_choice(&choice, o, &mut next);
    }
    Some((next, label))
}

/// Start and end: the old ones where untouched; read and checked together
/// (end after start) when either was changed or there is nothing old.
pub(super) fn times(r: &mut Reader, old: Option<(Time, Time)>) -> Option<(Time, Time)> {
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
pub(super) fn required_date(r: &mut Reader, key: &str) -> Option<Date> {
    r.date(key, true).flatten().map(Date)
}

/// The step every entry with an id shares (films, lectures, events): the
/// id must be free when it is new or was changed; the entry replaces the
/// one at `index` (a rename renaming every reference to the old id through
/// `rename`), or is added at the end.
pub(super) fn put_entry<T>(
    r: &mut Reader,
    list: &mut Vec<T>,
    index: Option<usize>,
    entry: T,
    id_of: impl Fn(&T) -> &str,
    rename: impl FnOnce(&str, &str),
) -> Option<()> {
    let old_id = index.and_then(|i| list.get(i)).map(|e| id_of(e).to_owned());
    let id = id_of(&entry).to_owned();
    if old_id.is_none() || r.changed("id") {
        let taken = list
            .iter()
            .enumerate()
            .any(|(i, e)| id_of(e) == id && Some(i) != index);
        if !r.unique_id("id", &id, taken) {
            return None;
        }
    }
    match (index, old_id) {
        (Some(i), Some(old)) => {
            if old != id {
                rename(&old, &id);
            }
            *list.get_mut(i)? = entry;
        }
        _ => list.push(entry),
    }
    Some(())
}
