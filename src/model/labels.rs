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
            // No reason, or only the word itself (what a skip without a
            // reason is written with): the word alone, not "暂停：暂停".
            let bare = ["暂停", "cancelled", "skipped"];
            Some(
                if reason.trim().is_empty() || bare.contains(&reason.trim()) {
                    tr!(lang, "暂停", "skipped")
                } else {
                    tr!(lang, "暂停：{reason}", "skipped: {reason}")
                },
            )
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

/// What a calendar cell shows for an activity: a skipped one says why
/// (struck through by the view), a moved one shows its title and where it
/// came from (`焦裕禄 <-12/16`: ASCII, since arrows are of ambiguous width in
/// Chinese terminals), any other its title.
pub fn cell_title(o: &Occurrence, lang: Lang) -> String {
    match &o.status {
        Status::Skipped(_) => status_word(o, lang).unwrap_or_default(),
        Status::Moved { from, .. } => {
            format!("{} <-{}/{}", title(o, lang), from.month(), from.day())
        }
        Status::Scheduled => title(o, lang),
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
