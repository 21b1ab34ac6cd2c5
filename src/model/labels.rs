//! Words and short formats for showing activities, shared by the terminal
//! views and the printed sheets so both say the same thing the same way.
//!
//! Everything here is plain text: no colours, no terminal, no clock.

use chrono::{Datelike, NaiveDate};

use super::values::{weekday_en, weekday_zh};
use super::{Occurrence, Programme, Status};
use crate::i18n::Lang;
use crate::tr;

pub fn programme_label(p: Programme, lang: Lang) -> &'static str {
    lang.pick(p.zh(), p.en())
}

/// The activity's title, or what stands in for one not decided yet.
pub fn title(o: &Occurrence, lang: Lang) -> String {
    match (&o.title, o.programme) {
        (Some(t), _) => t.clone(),
        (None, Programme::Screening) => tr!(lang, "影片待定", "film to be decided"),
        (None, Programme::ServiceDay) => tr!(lang, "主题待定", "theme to be decided"),
        (None, _) => tr!(lang, "（未找到）", "(not found)"),
    }
}

/// A short status word for skipped or moved activities.
pub fn status_word(o: &Occurrence, lang: Lang) -> Option<String> {
    match &o.status {
        Status::Scheduled => None,
        Status::Skipped(reason) => {
            let reason = super::holidays::shown_reason(reason, lang);
            Some(tr!(lang, "暂停：{reason}", "skipped: {reason}"))
        }
        Status::Moved { from, reason } => {
            let from = short_date(*from, lang);
            Some(match reason {
                Some(r) => tr!(lang, "由{from}改期：{r}", "moved from {from}: {r}"),
                None => tr!(lang, "由{from}改期", "moved from {from}"),
            })
        }
    }
}

pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    lang.pick(weekday_zh(d.weekday()), weekday_en(d.weekday()))
}

/// `11月25日` / `25 Nov`.
pub fn short_date(d: NaiveDate, lang: Lang) -> String {
    let (month, day, mon) = (d.month(), d.day(), d.format("%b"));
    tr!(lang, "{month}月{day}日", "{day} {mon}")
}

/// `2026年11月25日 周三` / `Wed 25 Nov 2026`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    let (year, month, day, mon) = (d.year(), d.month(), d.day(), d.format("%b"));
    let wd = weekday(d, lang);
    tr!(
        lang,
        "{year}年{month}月{day}日 {wd}",
        "{wd} {day} {mon} {year}"
    )
}

/// `14:00-16:00`.
pub fn time_range(o: &Occurrence) -> String {
    format!("{}-{}", o.start.format("%H:%M"), o.end.format("%H:%M"))
}
