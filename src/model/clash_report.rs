//! Clashes as `check` reports them: one warning per clash group, placed at
//! the activity that starts last (the one most likely booked last), naming
//! a few of the others. A group of ten thousand activities in one room is
//! one warning naming three of them, not ten thousand warnings.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use super::conflicts::{Clash, Clashes};
use super::occurrence::{Occurrence, OccurrenceKey, Programme};
use crate::i18n::Lang;
use crate::tr;

/// How many of the other activities a report names.
const NAMED: usize = 3;

/// One activity of a clash, as a report words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub programme: Programme,
    pub title: Option<String>,
    /// Its site's name, when it is not at the reported activity's site.
    pub site: Option<String>,
}

impl Peer {
    fn of(o: &Occurrence, site: Option<String>) -> Self {
        Peer {
            start: o.start,
            end: o.end,
            programme: o.programme,
            title: o.title.clone(),
            site,
        }
    }

    /// `14:00-16:00 电影放映《焦裕禄》（东礁居民区党群服务站）`.
    fn words(&self, lang: Lang) -> String {
        let time = format!(
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        );
        let kind = lang.pick(self.programme.zh(), self.programme.en());
        let what = match &self.title {
            Some(t) => tr!(lang, "{kind}《{t}》", "{kind} \"{t}\""),
            None => kind.to_owned(),
        };
        match &self.site {
            Some(s) => tr!(lang, "{time} {what}（{s}）", "{time} {what} ({s})"),
            None => format!("{time} {what}"),
        }
    }
}

/// One clash group, reported at one of its activities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClashReport {
    pub date: NaiveDate,
    pub clash: Clash,
    /// The activity the report is placed at.
    pub this: Peer,
    /// Some of the others, in order of start time.
    pub others: Vec<Peer>,
    /// How many others are not named.
    pub more: usize,
}

impl ClashReport {
    pub fn message(&self, lang: Lang) -> String {
        let date = self.date.format("%Y-%m-%d");
        let this = self.this.words(lang);
        let sep = lang.pick("、", "; ");
        let mut others = self
            .others
            .iter()
            .map(|p| p.words(lang))
            .collect::<Vec<_>>()
            .join(sep);
        if self.more > 0 {
            let k = self.more;
            others = tr!(lang, "{others} 及另外 {k} 项", "{others} and {k} more");
        }
        match &self.clash {
            Clash::Room(room) => tr!(
                lang,
                "{date} {this} 与 {others} 同时使用 {room}：如果确实共用场地可以不改，否则请换场地或改时间",
                "{date} {this} uses {room} at the same time as {others}: change the room or the time unless the room is shared on purpose"
            ),
            Clash::Speaker(who) => tr!(
                lang,
                "{date} {this} 的主讲人 {who} 同时还有 {others}：请改时间或换主讲人",
                "{date} {this}: its speaker {who} also speaks at {others} at the same time: change the time or the speaker"
            ),
        }
    }
}

/// Where a report goes: the site and activity it is placed at.
pub struct Placed {
    pub site: u16,
    pub key: OccurrenceKey,
    pub report: ClashReport,
}

/// One report per clash group of `occurrences` (those `clashes` was found
/// in); `site_name` names a site of a network for activities of another
/// site than the reported one's.
pub fn reports(
    occurrences: &[Occurrence],
    clashes: &Clashes,
    site_name: impl Fn(u16) -> Option<String>,
) -> Vec<Placed> {
    // Only activities in some group are looked up: one pass, no search per member.
    let by_place: HashMap<(NaiveDate, u16, &OccurrenceKey), &Occurrence> = occurrences
        .iter()
        .filter(|o| clashes.involves(o))
        .map(|o| ((o.date, o.site, &o.key), o))
        .collect();
    let mut out = Vec::with_capacity(clashes.groups().len());
    for g in clashes.groups() {
        let find = |m: &super::conflicts::Member| by_place.get(&(g.date, m.site, &m.key)).copied();
        let Some((last, rest)) = g.members.split_last() else {
            continue;
        };
        let Some(this) = find(last) else { continue };
        let peer = |o: &Occurrence| {
            let site = (o.site != this.site).then(|| site_name(o.site)).flatten();
            Peer::of(o, site)
        };
        let others: Vec<Peer> = rest.iter().filter_map(find).take(NAMED).map(peer).collect();
        out.push(Placed {
            site: this.site,
            key: this.key.clone(),
            report: ClashReport {
                date: g.date,
                clash: g.clash.clone(),
                this: Peer::of(this, None),
                more: rest.len() - others.len(),
                others,
            },
        });
    }
    out
}
