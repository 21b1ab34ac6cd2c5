//! Two activities in the same room at the same time, or one speaker in two
//! places at once. Rooms belong to a site: two sites' rooms never clash, even
//! when they share a name; a speaker is one person at every site. Conflicts are warnings: staff may know better (a room
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
    /// The sites of `a` and `b` (0 for a single station).
    pub site_a: u16,
    pub site_b: u16,
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
                    && a.site == b.site
                {
                    out.push(Conflict {
                        date,
                        a: a.key.clone(),
                        b: b.key.clone(),
                        clash: Clash::Room(ra.clone()),
                        site_a: a.site,
                        site_b: b.site,
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
                        site_a: a.site,
                        site_b: b.site,
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

/// Whether the occurrence with `key` at `site` takes part in any of `conflicts`.
pub fn involves_at(conflicts: &[Conflict], site: u16, key: &OccurrenceKey) -> bool {
    conflicts
        .iter()
        .any(|c| (c.site_a == site && c.a == *key) || (c.site_b == site && c.b == *key))
}
