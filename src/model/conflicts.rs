//! Activities in the same room at the same time, or one speaker in two
//! places at once. Rooms belong to a site: two sites' rooms never clash, even
//! when they share a name; a speaker is one person at every site. Conflicts
//! are warnings: staff may know better (a room shared on purpose), so saving
//! is still allowed.
//!
//! Clashes are reported as groups, not pairs: on one day, the activities of
//! one room (or one speaker) whose times overlap, each with at least one
//! other of the group. Ten thousand activities booked into one room at one
//! hour are one group of ten thousand, not fifty million pairs. Groups are
//! found by a sweep over each room's activities sorted by start time, so time
//! is `O(n log n)` and memory linear in the activities.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use super::occurrence::{Occurrence, OccurrenceKey};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Clash {
    Room(String),
    Speaker(String),
}

/// One activity of a clash group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its site (0 for a single station).
    pub site: u16,
    pub key: OccurrenceKey,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Member {
    /// Whether this activity's time overlaps `other`'s.
    pub fn overlaps(&self, other: &Member) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Activities of one day that share a room (of one site) or a speaker and
/// whose times overlap, each with at least one other of the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClashGroup {
    pub date: NaiveDate,
    pub clash: Clash,
    /// In order of start time; at least two.
    pub members: Vec<Member>,
}

impl ClashGroup {
    /// Whether the members of the group span more than one site.
    pub fn across_sites(&self) -> bool {
        self.members.iter().any(|m| m.site != self.members[0].site)
    }
}

/// Where an activity is: what the lookup of its groups is keyed by.
type Place = (NaiveDate, u16, OccurrenceKey);

/// Every clash group of a list of activities, with a lookup from an activity
/// to its groups (at most two: its room's and its speaker's).
#[derive(Debug, Clone, Default)]
pub struct Clashes {
    groups: Vec<ClashGroup>,
    of: HashMap<Place, [Option<u32>; 2]>,
}

impl Clashes {
    pub fn groups(&self) -> &[ClashGroup] {
        &self.groups
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether `o` clashes with another activity.
    pub fn involves(&self, o: &Occurrence) -> bool {
        self.involves_at(o.date, o.site, &o.key)
    }

    /// Whether the activity `key` of `site` on `date` clashes with another.
    pub fn involves_at(&self, date: NaiveDate, site: u16, key: &OccurrenceKey) -> bool {
        self.of.contains_key(&(date, site, key.clone()))
    }

    /// The groups `o` belongs to: its room's first, then its speaker's.
    pub fn groups_of(&self, o: &Occurrence) -> impl Iterator<Item = &ClashGroup> {
        self.of
            .get(&(o.date, o.site, o.key.clone()))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|g| self.groups.get(*g as usize))
    }

    fn push(&mut self, group: ClashGroup) {
        let g = self.groups.len() as u32;
        for m in &group.members {
            let slots = self
                .of
                .entry((group.date, m.site, m.key.clone()))
                .or_default();
            if let Some(free) = slots.iter_mut().find(|s| s.is_none()) {
                *free = Some(g);
            }
        }
        self.groups.push(group);
    }
}

/// Every clash among `occurrences` (which must be sorted by date, as
/// [`crate::model::Schedule::occurrences`] returns them). Skipped activities
/// take no room; an activity that does not end after it starts (an error
/// reported by validation) takes no time.
pub fn find(occurrences: &[Occurrence]) -> Clashes {
    let mut out = Clashes::default();
    let mut day_start = 0;
    while day_start < occurrences.len() {
        let date = occurrences[day_start].date;
        let day_end = occurrences[day_start..]
            .iter()
            .position(|o| o.date != date)
            .map_or(occurrences.len(), |n| day_start + n);
        let day: Vec<&Occurrence> = occurrences[day_start..day_end]
            .iter()
            .filter(|o| !o.is_skipped() && o.start < o.end)
            .collect();
        // Rooms first, so an activity's room group comes before its speaker's.
        let by_room = bucket(&day, |o| o.room.as_deref().map(|r| (o.site, r)));
        sweep(&mut out, date, &day, by_room, |(_, r)| {
            Clash::Room(r.to_owned())
        });
        let by_speaker = bucket(&day, |o| o.speaker().map(|s| (0, s)));
        sweep(&mut out, date, &day, by_speaker, |(_, s)| {
            Clash::Speaker(s.to_owned())
        });
        day_start = day_end;
    }
    out
}

/// The day's activities (their indices) by what they share, in first-seen order.
fn bucket<'o>(
    day: &[&'o Occurrence],
    what: impl Fn(&'o Occurrence) -> Option<(u16, &'o str)>,
) -> Vec<((u16, &'o str), Vec<usize>)> {
    let mut index: HashMap<(u16, &str), usize> = HashMap::new();
    let mut out: Vec<((u16, &str), Vec<usize>)> = Vec::new();
    for (i, o) in day.iter().enumerate() {
        if let Some(k) = what(o) {
            let b = *index.entry(k).or_insert_with(|| {
                out.push((k, Vec::new()));
                out.len() - 1
            });
            out[b].1.push(i);
        }
    }
    out
}

/// Each bucket sorted by start; a run of activities each starting before
/// the latest end so far overlaps (each with one before it): one group.
fn sweep<'o>(
    out: &mut Clashes,
    date: NaiveDate,
    day: &[&'o Occurrence],
    buckets: Vec<((u16, &'o str), Vec<usize>)>,
    clash: impl Fn((u16, &'o str)) -> Clash,
) {
    for (k, mut idx) in buckets {
        if idx.len() < 2 {
            continue;
        }
        idx.sort_by_key(|&i| (day[i].start, day[i].end, i));
        let mut run: Vec<usize> = Vec::new();
        let mut until = NaiveTime::MIN;
        for i in idx {
            if !run.is_empty() && day[i].start >= until {
                close(out, date, day, &mut run, || clash(k));
            }
            if run.is_empty() || day[i].end > until {
                until = day[i].end;
            }
            run.push(i);
        }
        close(out, date, day, &mut run, || clash(k));
    }
}

fn close(
    out: &mut Clashes,
    date: NaiveDate,
    day: &[&Occurrence],
    run: &mut Vec<usize>,
    clash: impl FnOnce() -> Clash,
) {
    if run.len() >= 2 {
        let members = run
            .iter()
            .map(|&i| Member {
                site: day[i].site,
                key: day[i].key.clone(),
                start: day[i].start,
                end: day[i].end,
            })
            .collect();
        out.push(ClashGroup {
            date,
            clash: clash(),
            members,
        });
    }
    run.clear();
}
