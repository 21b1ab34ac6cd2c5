//! One schedule file's part of the schedule, by its type: rendering its
//! new text, three-way merging it and applying a resolved merge. Shared by
//! saving (`workspace`) and syncing (`git`).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Diagnostic;
use super::save::{self, SaveError};
use crate::model::Schedule;
use crate::model::changes::{Change, changes, restore};
use crate::model::merge::{Merge, merge3};
use crate::model::validate::Part;

pub(crate) fn text_of(bytes: &[u8]) -> String {
    // `render` keeps a byte-order mark, so it stays in the text it is given.
    String::from_utf8_lossy(bytes).into_owned()
}

/// Renders one file's new text from its original, by its type.
pub(crate) fn render_part(
    part: Part,
    original: &str,
    s: &Schedule,
) -> Result<Option<String>, SaveError> {
    fn some<T: Serialize + DeserializeOwned + PartialEq>(
        original: &str,
        v: Option<&T>,
    ) -> Result<Option<String>, SaveError> {
        v.map(|v| save::render(original, v)).transpose()
    }
    match part {
        Part::Station => some(original, Some(&s.station)),
        Part::Screenings => some(original, s.screenings.as_ref()),
        Part::ServiceDays => some(original, s.service_days.as_ref()),
        Part::Lectures => some(original, s.lectures.as_ref()),
        Part::Events => some(original, s.events.as_ref()),
        Part::Records => some(original, s.records.as_ref()),
        Part::Holidays => Ok(None),
    }
}

/// Three-way merge of one file's part.
pub(crate) fn merge_part(part: Part, base: &Schedule, mine: &Schedule, theirs: &Schedule) -> Merge {
    match part {
        Part::Station => merge3(&base.station, &mine.station, &theirs.station),
        Part::Screenings => merge3(&base.screenings, &mine.screenings, &theirs.screenings),
        Part::ServiceDays => merge3(&base.service_days, &mine.service_days, &theirs.service_days),
        Part::Lectures => merge3(&base.lectures, &mine.lectures, &theirs.lectures),
        Part::Events => merge3(&base.events, &mine.events, &theirs.events),
        Part::Records => merge3(&base.records, &mine.records, &theirs.records),
        // Never edited in the app, so never merged: take the disk's.
        Part::Holidays => merge3(&(), &(), &()),
    }
}

/// Puts a resolved merge into `into`'s part; `false` if it did not read back.
pub(crate) fn apply_merge(
    part: Part,
    merge: &Merge,
    take_mine: &[bool],
    into: &mut Schedule,
) -> bool {
    match part {
        Part::Station => merge.resolve(take_mine).map(|v| into.station = v).is_some(),
        Part::Screenings => merge
            .resolve(take_mine)
            .map(|v| into.screenings = v)
            .is_some(),
        Part::ServiceDays => merge
            .resolve(take_mine)
            .map(|v| into.service_days = v)
            .is_some(),
        Part::Lectures => merge
            .resolve(take_mine)
            .map(|v| into.lectures = v)
            .is_some(),
        Part::Events => merge.resolve(take_mine).map(|v| into.events = v).is_some(),
        Part::Records => merge.resolve(take_mine).map(|v| into.records = v).is_some(),
        Part::Holidays => false,
    }
}

/// The first problem that stops `part`'s file from reading, if any: a
/// mistake in its text, or the file as a whole (not UTF-8, too large, not
/// a regular file).
pub(crate) fn reading_problem(diagnostics: &[Diagnostic], part: Part) -> Option<&Diagnostic> {
    diagnostics
        .iter()
        .find(|d| d.file == part.file_name() && (d.line == 0 || d.cause.is_unreadable_text()))
}

/// The entries of `part` that differ between two schedules.
pub fn part_changes(part: Part, before: &Schedule, after: &Schedule) -> Vec<Change> {
    match part {
        Part::Station => changes(&before.station, &after.station),
        Part::Screenings => changes(&before.screenings, &after.screenings),
        Part::ServiceDays => changes(&before.service_days, &after.service_days),
        Part::Lectures => changes(&before.lectures, &after.lectures),
        Part::Events => changes(&before.events, &after.events),
        Part::Records => changes(&before.records, &after.records),
        Part::Holidays => Vec::new(),
    }
}

/// `current` with one change of `part` put back as it was before it.
pub fn restore_change(part: Part, current: &Schedule, change: &Change) -> Option<Schedule> {
    let mut next = current.clone();
    match part {
        Part::Station => next.station = restore(&current.station, change)?,
        Part::Screenings => next.screenings = restore(&current.screenings, change)?,
        Part::ServiceDays => next.service_days = restore(&current.service_days, change)?,
        Part::Lectures => next.lectures = restore(&current.lectures, change)?,
        Part::Events => next.events = restore(&current.events, change)?,
        Part::Records => next.records = restore(&current.records, change)?,
        Part::Holidays => return None,
    }
    Some(next)
}

/// The part a file holds, by its name (`紫卫居民区/events.ron` too); holidays
/// are edited by hand only and are not one.
pub fn part_of_path(path: &str) -> Option<Part> {
    let name = path.rsplit(['/', '\\']).next()?;
    Part::ALL.into_iter().find(|p| p.file_name() == name)
}

/// One file's text read as its part alone: the schedule with that part, or
/// its first reading problem.
// The problem is the large one: a `Diagnostic` as the loader gives it.
#[allow(clippy::result_large_err)]
pub fn read_part_text(part: Part, bytes: &[u8]) -> Result<Schedule, Diagnostic> {
    let text = super::load::decode(bytes.to_vec())
        .map_err(|c| Diagnostic::whole_file(part.file_name(), c))?;
    let loaded = super::load::load_texts(vec![(part, text)]);
    if let Some(d) = reading_problem(&loaded.diagnostics, part) {
        return Err(d.clone());
    }
    Ok(loaded.schedule)
}
