//! The figures a station reports upward and its ledger (活动台账) for a
//! period: one row per activity held, the skipped ones apart with their
//! reasons, and the totals by programme and by site (电影放映 N 场、观影 N
//! 人次; 微党课 N 场 by speaker group; 乐淘淘 N 次、服务 N 人次 and its
//! partners). Pure: the schedules, the period and today are passed in.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use super::occurrence::{Detail, Occurrence, Programme};
use super::recurrence::DateRange;
use super::schedule::Schedule;
use super::values::SpeakerGroup;
use crate::i18n::Lang;
use crate::tr;

/// One site's schedule for a report; `name` is empty for a single station.
pub struct SiteInput<'a> {
    pub name: &'a str,
    pub schedule: &'a Schedule,
}

/// One activity held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// The site's name in a network; empty for a single station.
    pub site: String,
    pub programme: Programme,
    pub title: String,
    /// The room, or the place elsewhere.
    pub place: String,
    pub speaker: Option<String>,
    pub group: Option<SpeakerGroup>,
    pub signed_up: Option<u32>,
    pub attended: Option<u32>,
    /// People served in all services (乐淘淘).
    pub served: Option<u32>,
    pub partners: Vec<String>,
    pub recorded_by: Option<String>,
    pub summary: Option<String>,
    pub photos: usize,
}

/// One activity not held, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    pub date: NaiveDate,
    pub site: String,
    pub programme: Programme,
    pub title: String,
    pub reason: String,
}

/// The counts of a site or of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// Activities held by programme, in [`Programme::ALL`] order.
    pub held: [u32; 4],
    /// People who came, by programme (recorded attendance only).
    pub attended: [u32; 4],
    /// Lectures held by speaker group, in [`SpeakerGroup::ALL`] order.
    pub lectures_by_group: [u32; 3],
    /// People served on 乐淘淘 days (the services' sum).
    pub served: u32,
    pub partners: BTreeSet<String>,
    /// Activities held without attendance recorded.
    pub unrecorded: u32,
}

impl Figures {
    pub fn held_of(&self, p: Programme) -> u32 {
        self.held[p as usize]
    }

    pub fn attended_of(&self, p: Programme) -> u32 {
        self.attended[p as usize]
    }

    fn add(&mut self, row: &LedgerRow) {
        let p = row.programme as usize;
        self.held[p] += 1;
        self.attended[p] += row.attended.unwrap_or(0);
        if row.attended.is_none() {
            self.unrecorded += 1;
        }
        if let Some(g) = row.group
            && let Some(i) = SpeakerGroup::ALL.iter().position(|x| *x == g)
        {
            self.lectures_by_group[i] += 1;
        }
        self.served += row.served.unwrap_or(0);
        if row.programme == Programme::ServiceDay {
            self.partners.extend(row.partners.iter().cloned());
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The station's name, or the network's.
    pub name: String,
    pub period: DateRange,
    pub held: Vec<LedgerRow>,
    pub skipped: Vec<SkippedRow>,
    /// By site, in the order given (one entry for a single station).
    pub sites: Vec<(String, Figures)>,
    pub total: Figures,
}

/// The report of `sites` for `period`: what was held up to `today`.
/// Activities after `today` are not counted (not held yet).
pub fn build(
    name: &str,
    sites: &[SiteInput<'_>],
    period: DateRange,
    today: NaiveDate,
    lang: Lang,
) -> Report {
    let mut report = Report {
        name: name.to_owned(),
        period,
        held: Vec::new(),
        skipped: Vec::new(),
        sites: Vec::new(),
        total: Figures::default(),
    };
    for site in sites {
        let mut figures = Figures::default();
        for o in site.schedule.occurrences(period) {
            if o.date > today {
                continue;
            }
            let title = super::labels::title(&o, lang);
            if let super::occurrence::Status::Skipped(reason) = &o.status {
                report.skipped.push(SkippedRow {
                    date: o.date,
                    site: site.name.to_owned(),
                    programme: o.programme,
                    title,
                    reason: reason.clone(),
                });
                continue;
            }
            let row = ledger_row(site, &o, title);
            figures.add(&row);
            report.total.add(&row);
            report.held.push(row);
        }
        report.sites.push((site.name.to_owned(), figures));
    }
    // Date order across sites, then the time; each site's own order kept.
    report.held.sort_by_key(|r| (r.date, r.start));
    report.skipped.sort_by_key(|s| s.date);
    report
}

fn ledger_row(site: &SiteInput<'_>, o: &Occurrence, title: String) -> LedgerRow {
    let record = site.schedule.record_of(o);
    let (speaker, group, partners) = match &o.detail {
        Detail::Lecture { speaker, group, .. } => (speaker.clone(), *group, Vec::new()),
        Detail::ServiceDay { partners, .. } => (None, None, partners.clone()),
        _ => (None, None, Vec::new()),
    };
    let place = match (&o.room, &o.detail) {
        (Some(r), _) => r.clone(),
        (None, Detail::Event { place, .. }) => place.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let served = record
        .filter(|r| !r.served.is_empty())
        .map(super::records::Record::served_total);
    LedgerRow {
        date: o.date,
        start: o.start,
        end: o.end,
        site: site.name.to_owned(),
        programme: o.programme,
        title,
        place,
        speaker,
        group,
        signed_up: record.and_then(|r| r.signed_up),
        attended: record.and_then(|r| r.attended),
        served,
        partners,
        recorded_by: record.and_then(|r| r.recorded_by.clone()),
        summary: record.and_then(|r| r.summary.clone()),
        photos: record.map_or(0, |r| r.photos.len()),
    }
}

/// A report period as the command line writes it: `2026-11`, `2026Q4`,
/// `2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

impl Period {
    pub fn range(self) -> Option<DateRange> {
        let (first, last) = match self {
            Period::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                (first, DateRange::month_of(first).last)
            }
            Period::Quarter(y, q) => {
                let first = NaiveDate::from_ymd_opt(y, (q.checked_sub(1)?) * 3 + 1, 1)?;
                let last_month = NaiveDate::from_ymd_opt(y, q * 3, 1)?;
                (first, DateRange::month_of(last_month).last)
            }
            Period::Year(y) => (
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ),
        };
        Some(DateRange::new(first, last))
    }

    /// `2026年11月`, `2026年第四季度`, `2026年`; in English `November 2026`,
    /// `2026 Q4`, `2026`.
    pub fn label(self, lang: Lang) -> String {
        const Q: [&str; 4] = ["一", "二", "三", "四"];
        match self {
            Period::Month(y, m) => {
                let en = NaiveDate::from_ymd_opt(y, m, 1)
                    .map_or_else(|| format!("{y}-{m:02}"), |d| d.format("%B %Y").to_string());
                tr!(lang, "{y}年{m}月", "{en}")
            }
            Period::Quarter(y, q) => {
                let n = Q.get((q as usize).wrapping_sub(1)).copied().unwrap_or("?");
                tr!(lang, "{y}年第{n}季度", "{y} Q{q}")
            }
            Period::Year(y) => tr!(lang, "{y}年", "{y}"),
        }
    }

    /// For file names: `2026-11`, `2026Q4`, `2026`.
    pub fn code(self) -> String {
        match self {
            Period::Month(y, m) => format!("{y}-{m:02}"),
            Period::Quarter(y, q) => format!("{y}Q{q}"),
            Period::Year(y) => format!("{y}"),
        }
    }
}

/// Reads `2026Q4` (or `2026-Q4`, `2026q4`).
pub fn parse_quarter(s: &str) -> Option<Period> {
    let upper = s.trim().to_uppercase();
    let (y, q) = upper.split_once('Q')?;
    let y: i32 = y.trim_end_matches('-').parse().ok()?;
    let q: u32 = q.parse().ok()?;
    ((1..=4).contains(&q) && (1..=9999).contains(&y)).then_some(Period::Quarter(y, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_their_days() {
        let r = Period::Quarter(2026, 4).range().expect("range");
        assert_eq!(r.first.to_string(), "2026-10-01");
        assert_eq!(r.last.to_string(), "2026-12-31");
        let r = Period::Month(2027, 2).range().expect("range");
        assert_eq!(r.last.to_string(), "2027-02-28");
        assert_eq!(parse_quarter("2026q4"), Some(Period::Quarter(2026, 4)));
        assert_eq!(parse_quarter("2026-Q5"), None);
        assert_eq!(Period::Quarter(2026, 4).label(Lang::Zh), "2026年第四季度");
    }
}
