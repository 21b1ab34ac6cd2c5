//! The week as plain data, worded once for every printed form: the station,
//! the dates, and each day's activities with their labels, details and
//! status already in the chosen language.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;
use crate::model::labels;
use crate::model::recurrence::DateRange;
use crate::model::{Detail, Occurrence, OccurrenceKey, Programme, Schedule};
use crate::tr;

/// Everything a printed week shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekSheet {
    pub lang: Lang,
    pub station: String,
    /// Address and phone for the footer.
    pub contact: Option<String>,
    /// The dates covered: Monday to Sunday for a week sheet.
    pub range: DateRange,
    /// The day the sheet was made, for the footer.
    pub printed: NaiveDate,
    /// One entry per date of `range`, in order, empty days included.
    pub days: Vec<SheetDay>,
    /// The sites on a sheet of several sites of a network, in order (each
    /// day's items are then grouped by site); empty for one station.
    pub sites: Vec<SheetSite>,
    /// The years of `range` whose holidays are not announced yet: said
    /// once on the sheet (`2027年节假日安排尚未公布`), never on every day.
    pub unannounced: Vec<i32>,
    /// Where the station publishes its calendar (config `subscribe_url`):
    /// printed as a QR code residents scan to subscribe.
    pub subscribe_url: Option<String>,
}

/// A site on a sheet of several sites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSite {
    /// Its index in the network, as in [`Occurrence::site`].
    pub index: u16,
    pub name: String,
    /// A label of at most four columns (`紫卫`).
    pub short: String,
}

/// One date and what happens on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetDay {
    pub date: NaiveDate,
    pub items: Vec<SheetItem>,
    /// `休 国庆节` on a statutory day off, `班 国庆节` on an adjusted working
    /// day. (A year not announced yet is said once: [`WeekSheet::unannounced`].)
    pub holiday: Option<String>,
    /// A second mark of the date: its lunar day, or the festival or solar
    /// term that falls on it (`十九`, `冬至`, `腊八`), as a wall calendar
    /// prints it; `None` when the config turns the lunar line off.
    pub lunar: Option<String>,
}

/// One activity, worded for print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetItem {
    /// The activity as the model has it (times, programme, status, detail).
    pub occurrence: Occurrence,
    /// The title, or what stands in for one not decided yet (影片待定);
    /// `None` for a skipped activity that never had one: its status says it all.
    pub title: Option<String>,
    /// Said right after the title: a film's year.
    pub title_note: Option<String>,
    /// Short labelled details: speaker, services, partners.
    pub facts: Vec<Fact>,
    /// The room, or for an activity elsewhere its place.
    pub place: Option<String>,
    /// Why it is not as usual: `暂停：国庆放假`, `由10月21日改期`.
    pub status: Option<String>,
    /// An identifier that stays the same for this activity across exports.
    pub uid: String,
    /// The site's name, on a sheet of several sites of a network.
    pub site: Option<String>,
}

/// A labelled detail such as `主讲人` / `张三（街道老领导）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

/// Builds the sheet for `range` (normally a Monday-to-Sunday week) as of
/// `today`, the print date.
pub fn week_sheet(
    schedule: &Schedule,
    range: DateRange,
    today: NaiveDate,
    lang: Lang,
) -> WeekSheet {
    let occurrences = schedule.occurrences(range);
    let station_tag = station_tag(&schedule.station.name);
    let days = range
        .days()
        .map(|date| SheetDay {
            date,
            holiday: holiday_label(schedule, date, lang),
            lunar: crate::model::lunar::cell_label(date, lang),
            items: occurrences
                .iter()
                .filter(|o| o.date == date)
                .map(|o| item(schedule, o, &station_tag, lang))
                .collect(),
        })
        .collect();
    WeekSheet {
        lang,
        station: schedule.station.name.clone(),
        contact: schedule.station.contact.clone(),
        range,
        printed: today,
        days,
        sites: Vec::new(),
        unannounced: schedule.holidays.unannounced_years(range),
        subscribe_url: None,
    }
}

impl WeekSheet {
    /// Leaves the lunar line off the sheet (config `lunar: false`).
    #[must_use]
    pub fn without_lunar(mut self) -> Self {
        for d in &mut self.days {
            d.lunar = None;
        }
        self
    }
}

/// The first to the last day of the month of `month`.
pub fn month_range(month: NaiveDate) -> DateRange {
    let first = month.with_day(1).unwrap_or(month);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(NaiveDate::MAX);
    DateRange::new(first, next.pred_opt().unwrap_or(first))
}

/// What the sheet says about a day's place in the holiday calendar: its
/// mark, if it has one. (A year not announced has none.)
pub(crate) fn holiday_label(schedule: &Schedule, date: NaiveDate, lang: Lang) -> Option<String> {
    use crate::model::holidays::DayKind;
    let mark = schedule.holidays.mark(date)?;
    // Joint names such as 国庆节·中秋节 are printed with 、, never the
    // ambiguous-width middle dot; English prints the festivals' English names.
    let name = mark.name(lang);
    Some(match mark.kind {
        DayKind::Off => tr!(lang, "休 {name}", "day off: {name}"),
        DayKind::Work => tr!(lang, "班 {name}", "working day ({name})"),
    })
}

pub(crate) fn item(
    schedule: &Schedule,
    o: &Occurrence,
    station_tag: &str,
    lang: Lang,
) -> SheetItem {
    let list_sep = lang.pick("、", ", ");
    let mut facts = Vec::new();
    let mut title_note = None;
    let mut place = o.room.clone();
    match &o.detail {
        Detail::Screening { year, .. } => {
            title_note = year.map(|y| tr!(lang, "{y}年", "{y}"));
        }
        Detail::ServiceDay {
            services, partners, ..
        } => {
            if !services.is_empty() {
                facts.push(Fact {
                    label: lang.pick("服务", "Services"),
                    value: services.join(list_sep),
                });
            }
            if !partners.is_empty() {
                facts.push(Fact {
                    label: lang.pick("联建单位", "Partners"),
                    value: partners.join(list_sep),
                });
            }
        }
        Detail::Lecture { speaker, group, .. } => {
            if let Some(s) = speaker {
                facts.push(Fact {
                    label: lang.pick("主讲人", "Speaker"),
                    value: match group {
                        Some(g) => {
                            let g = lang.pick(g.zh(), g.en());
                            tr!(lang, "{s}（{g}）", "{s} ({g})")
                        }
                        None => s.clone(),
                    },
                });
            }
        }
        Detail::Event { place: p, .. } => {
            if place.is_none() {
                place.clone_from(p);
            }
        }
    }
    SheetItem {
        occurrence: o.clone(),
        title: (o.title.is_some() || !o.is_skipped()).then(|| labels::title(o, lang)),
        title_note,
        facts,
        place,
        // A rule's date on a day off that staff have not decided about yet.
        status: labels::status_word(o, lang).or_else(|| {
            o.holiday.as_ref().map(|f| {
                let name = crate::model::holidays::display_name(f, lang);
                tr!(lang, "假期暂停?（{name}）", "holiday: cancelled? ({name})")
            })
        }),
        uid: uid(schedule, o, station_tag),
        site: None,
    }
}

impl WeekSheet {
    /// `一周活动安排` for a week, `月度活动安排` for a calendar month,
    /// `活动安排` for any other span.
    pub fn heading(&self) -> &'static str {
        let (a, b) = (self.range.first, self.range.last);
        let days = (b - a).num_days() + 1;
        if days == 7 {
            self.lang.pick("一周活动安排", "Weekly activities")
        } else if a.day() == 1 && month_range(a) == self.range {
            self.lang.pick("月度活动安排", "Monthly activities")
        } else {
            self.lang.pick("活动安排", "Activities")
        }
    }

    /// `2027年节假日安排尚未公布` / `Public holidays of 2027 not announced
    /// yet`, once for the sheet; `None` when every year is announced.
    pub fn unannounced_note(&self) -> Option<String> {
        if self.unannounced.is_empty() {
            return None;
        }
        let years: Vec<String> = self.unannounced.iter().map(i32::to_string).collect();
        let years = years.join(self.lang.pick("、", ", "));
        Some(tr!(
            self.lang,
            "{years}年节假日安排尚未公布",
            "public holidays of {years} not announced yet"
        ))
    }

    /// The sheet's activities of one programme, in order.
    pub fn items_of(&self, p: Programme) -> impl Iterator<Item = &SheetItem> {
        self.items().filter(move |i| i.programme() == p)
    }

    /// The dates, e.g. `2026年11月23日—29日`, `2026年11月30日—12月6日`,
    /// `23–29 Nov 2026`. `dash` joins the two ends: the text form passes a
    /// character every terminal draws at one known width.
    pub fn range_label(&self, dash: &str) -> String {
        let (a, b) = (self.range.first, self.range.last);
        let (ay, am, ad) = (a.year(), a.month(), a.day());
        let (by, bm, bd) = (b.year(), b.month(), b.day());
        let end = b.format("%-d %b %Y");
        let lang = self.lang;
        if ay != by {
            let start = a.format("%-d %b %Y");
            tr!(
                lang,
                "{ay}年{am}月{ad}日{dash}{by}年{bm}月{bd}日",
                "{start}{dash}{end}"
            )
        } else if am != bm {
            let start = a.format("%-d %b");
            tr!(
                lang,
                "{ay}年{am}月{ad}日{dash}{bm}月{bd}日",
                "{start}{dash}{end}"
            )
        } else {
            tr!(lang, "{ay}年{am}月{ad}日{dash}{bd}日", "{ad}{dash}{end}")
        }
    }

    /// `打印日期：2026年11月27日` / `Printed 27 Nov 2026`.
    pub fn printed_label(&self) -> String {
        printed_label(self.printed, self.lang)
    }

    /// Every activity of the sheet, in order.
    pub fn items(&self) -> impl Iterator<Item = &SheetItem> {
        self.days.iter().flat_map(|d| d.items.iter())
    }

    /// The name of site `index` on a sheet of several sites.
    pub fn site_name(&self, index: u16) -> Option<&str> {
        self.sites
            .iter()
            .find(|s| s.index == index)
            .map(|s| s.name.as_str())
    }
}

impl SheetItem {
    pub fn programme(&self) -> Programme {
        self.occurrence.programme
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        labels::programme_label(self.occurrence.programme, lang)
    }

    pub fn time(&self) -> String {
        labels::time_range(&self.occurrence)
    }

    pub fn is_skipped(&self) -> bool {
        self.occurrence.is_skipped()
    }

    /// `焦裕禄（1990年）` / `焦裕禄 (1990)`.
    pub fn title_with_note(&self, lang: Lang) -> Option<String> {
        let title = self.title.as_ref()?;
        Some(match &self.title_note {
            None => title.clone(),
            Some(n) => tr!(lang, "{title}（{n}）", "{title} ({n})"),
        })
    }
}

/// `打印日期：2026年11月27日` / `Printed 27 Nov 2026`, on every printed form.
pub(crate) fn printed_label(d: NaiveDate, lang: Lang) -> String {
    let (year, month, day, date) = (d.year(), d.month(), d.day(), d.format("%-d %b %Y"));
    tr!(lang, "打印日期：{year}年{month}月{day}日", "Printed {date}")
}

/// The default file name of a week's HTML sheet: `周程-2026-W48.html`, after
/// the ISO week of the week's Monday.
pub fn file_name(week: DateRange, lang: Lang) -> String {
    let iso = week.first.iso_week();
    format!(
        "{}-{}-W{:02}.html",
        lang.pick("周程", "week"),
        iso.year(),
        iso.week()
    )
}

/// A short, stable tag of the station's name, so two stations' activities
/// never share a UID in one phone calendar. FNV-1a: stable across Rust
/// versions, unlike `std`'s hasher.
pub(crate) fn station_tag(name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// An id from a schedule file, safe in a UID: kept when it is plain ASCII,
/// otherwise spelt as hex bytes.
fn id_part(id: &str) -> String {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        id.to_owned()
    } else {
        id.bytes().fold(String::from("x"), |mut s, b| {
            s.push_str(&format!("{b:02x}"));
            s
        })
    }
}

/// The UID of an occurrence. It names what the activity *is*, not where it
/// is listed, so it survives edits elsewhere in the files:
/// - a screening by its series date (a moved screening keeps its UID);
/// - a service day by its month (moving it within the month keeps it);
/// - a lecture session by the lecture's id, date and start time;
/// - an event by its id and date.
fn uid(schedule: &Schedule, o: &Occurrence, station_tag: &str) -> String {
    let ymd = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let what = match (&o.key, &o.detail) {
        (OccurrenceKey::Screening { date }, _) => format!("screening-{}", ymd(*date)),
        (OccurrenceKey::ServiceDay { month }, _) => {
            format!("service-day-{}", month.format("%Y%m"))
        }
        (OccurrenceKey::Session { .. }, Detail::Lecture { lecture_id, .. }) => format!(
            "lecture-{}-{}-{}",
            id_part(lecture_id),
            ymd(o.date),
            o.start.format("%H%M")
        ),
        (OccurrenceKey::Session { index }, _) => {
            format!("session-{index}-{}", ymd(o.date))
        }
        (OccurrenceKey::Event { index, date }, _) => {
            let id = schedule
                .events
                .as_ref()
                .and_then(|e| e.events.get(*index))
                .map_or_else(|| format!("n{index}"), |e| id_part(&e.id));
            format!("event-{id}-{}", ymd(*date))
        }
    };
    format!("{what}-{station_tag}@stationcal")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn sheet(first: NaiveDate, lang: Lang) -> WeekSheet {
        week_sheet(&Schedule::default(), DateRange::week_of(first), first, lang)
    }

    #[test]
    fn range_labels_name_month_and_year_only_once_when_shared() {
        let s = sheet(d(2026, 11, 23), Lang::Zh);
        assert_eq!(s.range_label("—"), "2026年11月23日—29日");
        let s = sheet(d(2026, 11, 30), Lang::Zh);
        assert_eq!(s.range_label("至"), "2026年11月30日至12月6日");
        let s = sheet(d(2026, 12, 28), Lang::Zh);
        assert_eq!(s.range_label("—"), "2026年12月28日—2027年1月3日");
        let s = sheet(d(2026, 11, 23), Lang::En);
        assert_eq!(s.range_label("-"), "23-29 Nov 2026");
        let s = sheet(d(2026, 12, 28), Lang::En);
        assert_eq!(s.range_label(" - "), "28 Dec 2026 - 3 Jan 2027");
    }

    #[test]
    fn a_week_has_seven_days_even_when_empty() {
        let s = sheet(d(2026, 11, 25), Lang::Zh);
        assert_eq!(s.days.len(), 7);
        assert_eq!(s.days[0].date, d(2026, 11, 23));
        assert!(s.items().next().is_none());
    }

    #[test]
    fn file_name_uses_the_iso_week() {
        assert_eq!(
            file_name(DateRange::week_of(d(2026, 11, 27)), Lang::Zh),
            "周程-2026-W48.html"
        );
        // 2026-12-28 is in ISO week 53 of 2026; 2027-01-04 in week 1 of 2027.
        assert_eq!(
            file_name(DateRange::week_of(d(2027, 1, 1)), Lang::Zh),
            "周程-2026-W53.html"
        );
        assert_eq!(
            file_name(DateRange::week_of(d(2027, 1, 4)), Lang::En),
            "week-2027-W01.html"
        );
    }

    #[test]
    fn uid_parts_stay_ascii() {
        assert_eq!(id_part("E01"), "E01");
        assert_eq!(id_part("读书"), "xe8afbbe4b9a6");
        assert_eq!(station_tag("石化街道社区党群服务中心").len(), 8);
        assert_ne!(station_tag("a"), station_tag("b"));
    }
}
