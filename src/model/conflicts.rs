//! Two activities in the same room at the same time, or one speaker in two
//! places at once. Conflicts are warnings: staff may know better (a room
//! shared on purpose), so saving is still allowed.

use chrono::NaiveDate;

use super::occurrence::{Occurrence, OccurrenceKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    Room(String),
    Speaker(String),
}

/// A pair of overlapping activities and what they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub date: NaiveDate,
    pub a: OccurrenceKey,
    pub b: OccurrenceKey,
    pub clash: Clash,
}

fn overlaps(a: &Occurrence, b: &Occurrence) -> bool {
    a.date == b.date && a.start < b.end && b.start < a.end
}

/// Every conflict among `occurrences` (which must be sorted by date, as
/// [`crate::model::Schedule::occurrences`] returns them). Skipped activities
/// take no room.
pub fn find(occurrences: &[Occurrence]) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut day_start = 0;
    while day_start < occurrences.len() {
        let date = occurrences[day_start].date;
        let day_end = occurrences[day_start..]
            .iter()
            .position(|o| o.date != date)
            .map_or(occurrences.len(), |n| day_start + n);
        let day: Vec<&Occurrence> = occurrences[day_start..day_end]
            .iter()
            .filter(|o| !o.is_skipped())
            .collect();
        for (i, a) in day.iter().enumerate() {
            for b in &day[i + 1..] {
                if !overlaps(a, b) {
                    continue;
                }
                if let (Some(ra), Some(rb)) = (&a.room, &b.room)
                    && ra == rb
                {
                    out.push(Conflict {
                        date,
                        a: a.key.clone(),
                        b: b.key.clone(),
                        clash: Clash::Room(ra.clone()),
                    });
                }
                if let (Some(sa), Some(sb)) = (a.speaker(), b.speaker())
                    && sa == sb
                {
                    out.push(Conflict {
                        date,
                        a: a.key.clone(),
                        b: b.key.clone(),
                        clash: Clash::Speaker(sa.to_owned()),
                    });
                }
            }
        }
        day_start = day_end;
    }
    out
}

/// Whether the occurrence with `key` takes part in any of `conflicts`.
pub fn involves(conflicts: &[Conflict], key: &OccurrenceKey) -> bool {
    conflicts.iter().any(|c| c.a == *key || c.b == *key)
}
