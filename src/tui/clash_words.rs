//! Clashes in words: the `!` mark's question (does this activity clash?),
//! the note in the detail pane (with what?), and the warnings a form shows
//! before a change that adds a clash. A clash group can be large (thousands
//! of activities booked into one room), so a note names a few others and
//! says how many more there are.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::app::App;
use crate::i18n::Lang;
use crate::model::conflicts::{self, Clash, Member};
use crate::model::{Occurrence, OccurrenceKey};
use crate::tr;

/// How many other activities a note or warning names.
const NAMED: usize = 3;

/// `A、B、C 及另外 7 项` / `A, B, C and 7 more`.
fn name_list(names: &[String], more: usize, sep_zh: &str, sep_en: &str, lang: Lang) -> String {
    let list = names.join(lang.pick(sep_zh, sep_en));
    match more {
        0 => list,
        k => tr!(lang, "{list} 及另外 {k} 项", "{list} and {k} more"),
    }
}

fn is(m: &Member, o: &Occurrence) -> bool {
    m.site == o.site && m.key == o.key
}

impl App {
    /// Whether the activity clashes with another (same room or speaker at once).
    pub fn in_conflict(&self, o: &Occurrence) -> bool {
        self.conflicts.involves(o)
    }

    /// What the activity clashes with, in words, for the detail pane: the
    /// others of its group whose time overlaps its own, a few by name.
    pub fn conflict_note(&self, o: &Occurrence) -> Option<String> {
        let g = self.conflicts.groups_of(o).next()?;
        let me = g.members.iter().find(|m| is(m, o))?;
        let others: Vec<&Member> = g
            .members
            .iter()
            .filter(|m| !is(m, o) && m.overlaps(me))
            .collect();
        let day = self.day(o.date);
        let named: Vec<String> = others
            .iter()
            .take(NAMED)
            .map(|m| {
                day.iter()
                    .find(|x| x.site == m.site && x.key == m.key)
                    .map(|x| super::views::occurrence_title(x, self.lang))
                    .unwrap_or_default()
            })
            .collect();
        let other = name_list(&named, others.len() - named.len(), "、", ", ", self.lang);
        Some(match &g.clash {
            Clash::Room(r) => tr!(
                self.lang,
                "冲突：与 {other} 同时使用 {r}",
                "conflict: {r} is also booked for {other}"
            ),
            Clash::Speaker(s) => tr!(
                self.lang,
                "冲突：主讲人 {s} 同时还有 {other}",
                "conflict: {s} also speaks at {other}"
            ),
        })
    }
}

/// The clashes `after` has that `before` did not, one line each: a group of
/// `after` is new unless one group of `before` (same day, same room or
/// speaker) already held all its activities. Activities that did not clash
/// there before are named first.
pub(crate) fn added(before: &[Occurrence], after: &[Occurrence], lang: Lang) -> Vec<String> {
    let old = conflicts::find(before);
    let new = conflicts::find(after);
    let mut was: HashMap<(NaiveDate, &Clash, u16, &OccurrenceKey), usize> = HashMap::new();
    for (i, g) in old.groups().iter().enumerate() {
        for m in &g.members {
            was.insert((g.date, &g.clash, m.site, &m.key), i);
        }
    }
    let titles: HashMap<(u16, &OccurrenceKey), &Occurrence> =
        after.iter().map(|o| ((o.site, &o.key), o)).collect();
    let mut out = Vec::new();
    for g in new.groups() {
        let before_of = |m: &Member| was.get(&(g.date, &g.clash, m.site, &m.key)).copied();
        let first = before_of(&g.members[0]);
        if first.is_some() && g.members.iter().all(|m| before_of(m) == first) {
            continue;
        }
        let (fresh, old_ones): (Vec<&Member>, Vec<&Member>) =
            g.members.iter().partition(|m| before_of(m).is_none());
        let named: Vec<String> = fresh
            .iter()
            .chain(&old_ones)
            .take(NAMED)
            .map(|m| {
                titles
                    .get(&(m.site, &m.key))
                    .map(|o| super::views::occurrence_title(o, lang))
                    .unwrap_or_default()
            })
            .collect();
        let what = match &g.clash {
            Clash::Room(r) => tr!(lang, "场地 {r} 时间重叠", "room {r} is double-booked"),
            Clash::Speaker(s) => tr!(lang, "主讲人 {s} 同时有两场", "speaker {s} is booked twice"),
        };
        let list = name_list(&named, g.members.len() - named.len(), " / ", " / ", lang);
        let date = g.date.format("%m-%d");
        out.push(tr!(lang, "{date} {what}：{list}", "{date} {what}: {list}"));
    }
    out
}
