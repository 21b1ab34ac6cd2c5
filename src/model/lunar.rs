//! The Chinese lunar calendar (农历): lunar dates, the 24 solar terms and
//! the traditional festivals, and the lunar repeat rule of events.
//!
//! The one place the rest of the program asks: views, rules, print and
//! `check` never call the calendar crate themselves. The astronomy is
//! `tyme4rs` (6tail's maintained lunar library, the same tables as its
//! Java/JS/Go siblings); a test compares it day by day with Python's
//! `cnlunar` and `lunardate`. Its constructors panic on dates it does not
//! cover, so every call here goes through a range guard first.
//!
//! 小年 is shown on 腊月廿四, as Shanghai and the south keep it (the north
//! keeps 廿三); 除夕 is the last day of the year, the 29th or the 30th.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use tyme4rs::tyme::Culture;
use tyme4rs::tyme::lunar::{LunarDay, LunarMonth, LunarYear};
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

use super::recurrence::DateRange;
use crate::i18n::Lang;
use crate::tr;

/// The years (Gregorian and lunar) this module answers for; outside them
/// there is no lunar date and a lunar rule has no dates.
pub const FIRST_YEAR: i32 = 1801;
pub const LAST_YEAR: i32 = 2299;

/// A day of the lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarDate {
    /// The lunar year (starts on 正月初一, not on 1 January).
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// Whether the month is the leap month (闰月) of that number.
    pub leap: bool,
    /// 1 to 30.
    pub day: u8,
}

fn in_range(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

fn solar_day(d: NaiveDate) -> Option<SolarDay> {
    if !in_range(d.year()) {
        return None;
    }
    SolarDay::new(d.year() as isize, d.month() as usize, d.day() as usize).ok()
}

fn naive(s: &SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(s.get_year()).ok()?,
        u32::try_from(s.get_month()).ok()?,
        u32::try_from(s.get_day()).ok()?,
    )
}

/// The lunar date of `d`.
pub fn lunar_date(d: NaiveDate) -> Option<LunarDate> {
    let l = solar_day(d)?.get_lunar_day();
    let m = l.get_month();
    Some(LunarDate {
        year: i32::try_from(l.get_year()).ok()?,
        month: u8::try_from(m.unsigned_abs()).ok()?,
        leap: m < 0,
        day: u8::try_from(l.get_day()).ok()?,
    })
}

/// The leap month of a lunar year (0 when it has none).
pub fn leap_month(year: i32) -> u8 {
    if !in_range(year) {
        return 0;
    }
    LunarYear::new(year as isize).map_or(0, |y| u8::try_from(y.get_leap_month()).unwrap_or(0))
}

/// The number of days (29 or 30) of a lunar month, if the year has it.
fn month_days(year: i32, month: u8, leap: bool) -> Option<u8> {
    if !in_range(year) || !(1..=12).contains(&month) || (leap && leap_month(year) != month) {
        return None;
    }
    let m = isize::from(month);
    let lm = LunarMonth::new(year as isize, if leap { -m } else { m }).ok()?;
    u8::try_from(lm.get_day_count()).ok()
}

/// The Gregorian date of a lunar date; a day past the month's end (the
/// 30th of a 29-day month) is the month's last day. `None` when the year
/// has no such month (a leap month it lacks) or is out of range.
pub fn solar_date(year: i32, month: u8, leap: bool, day: u8) -> Option<NaiveDate> {
    let days = month_days(year, month, leap)?;
    let day = day.clamp(1, days);
    let m = isize::from(month);
    let l = LunarDay::new(year as isize, if leap { -m } else { m }, usize::from(day)).ok()?;
    naive(&l.get_solar_day())
}

/// The 24 solar terms in the order the calendar crate counts them (0 = 冬至).
const TERMS: [(&str, &str); 24] = [
    ("冬至", "Winter Solstice"),
    ("小寒", "Minor Cold"),
    ("大寒", "Major Cold"),
    ("立春", "Start of Spring"),
    ("雨水", "Rain Water"),
    ("惊蛰", "Awakening of Insects"),
    ("春分", "Spring Equinox"),
    ("清明", "Qingming"),
    ("谷雨", "Grain Rain"),
    ("立夏", "Start of Summer"),
    ("小满", "Grain Buds"),
    ("芒种", "Grain in Ear"),
    ("夏至", "Summer Solstice"),
    ("小暑", "Minor Heat"),
    ("大暑", "Major Heat"),
    ("立秋", "Start of Autumn"),
    ("处暑", "End of Heat"),
    ("白露", "White Dew"),
    ("秋分", "Autumn Equinox"),
    ("寒露", "Cold Dew"),
    ("霜降", "Frost's Descent"),
    ("立冬", "Start of Winter"),
    ("小雪", "Minor Snow"),
    ("大雪", "Major Snow"),
];

/// One of the 24 solar terms (二十四节气).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term(u8);

impl Term {
    /// The term's Chinese name, e.g. 冬至.
    pub fn name_zh(self) -> &'static str {
        TERMS[usize::from(self.0) % 24].0
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = TERMS[usize::from(self.0) % 24];
        lang.pick(zh, en)
    }

    fn by_name(name: &str) -> Option<Term> {
        TERMS
            .iter()
            .position(|(zh, _)| *zh == name)
            .and_then(|i| u8::try_from(i).ok())
            .map(Term)
    }

    /// The day of this term in Gregorian `year`.
    fn date_in(self, year: i32) -> Option<NaiveDate> {
        if !in_range(year) {
            return None;
        }
        // The crate counts a year's terms from the 冬至 of the year before.
        let index = if self.0 == 0 { 24 } else { self.0 };
        naive(&SolarTerm::from_index(year as isize, isize::from(index)).get_solar_day())
            .filter(|d| d.year() == year)
    }
}

/// The solar term that begins on `d`, if one does.
pub fn solar_term(d: NaiveDate) -> Option<Term> {
    let td = solar_day(d)?.get_term_day();
    if td.get_day_index() != 0 {
        return None;
    }
    Term::by_name(&td.get_solar_term().get_name())
}

/// The traditional festivals the calendar marks: lunar ones, and the two
/// solar-term days people keep (清明, 冬至).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Festival {
    ChunJie,
    YuanXiao,
    LongTaiTou,
    DuanWu,
    QiXi,
    ZhongYuan,
    ZhongQiu,
    ChongYang,
    LaBa,
    XiaoNian,
    ChuXi,
    QingMing,
    DongZhi,
}

impl Festival {
    /// The Chinese name, as written in a rule (`festival: "重阳"`).
    pub fn name_zh(self) -> &'static str {
        self.names().0
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = self.names();
        lang.pick(zh, en)
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Festival::ChunJie => ("春节", "Spring Festival"),
            Festival::YuanXiao => ("元宵", "Lantern Festival"),
            Festival::LongTaiTou => ("龙抬头", "Longtaitou"),
            Festival::DuanWu => ("端午", "Dragon Boat"),
            Festival::QiXi => ("七夕", "Qixi"),
            Festival::ZhongYuan => ("中元", "Zhongyuan"),
            Festival::ZhongQiu => ("中秋", "Mid-Autumn"),
            Festival::ChongYang => ("重阳", "Double Ninth"),
            Festival::LaBa => ("腊八", "Laba"),
            Festival::XiaoNian => ("小年", "Little New Year"),
            Festival::ChuXi => ("除夕", "New Year's Eve"),
            Festival::QingMing => ("清明", "Qingming"),
            Festival::DongZhi => ("冬至", "Winter Solstice"),
        }
    }

    /// The festival of a name: the Chinese name, with or without a
    /// trailing 节 (中秋节), or the English one.
    pub fn from_name(name: &str) -> Option<Festival> {
        use strum::IntoEnumIterator;
        let name = name.trim();
        let short = name.strip_suffix('节').unwrap_or(name);
        Festival::iter().find(|f| {
            let (zh, en) = f.names();
            zh == name || zh == short || en.eq_ignore_ascii_case(name)
        })
    }

    /// The lunar month and day of a festival that has a fixed one
    /// (除夕 and the solar-term days have none).
    pub fn lunar_day(self) -> Option<(u8, u8)> {
        Some(match self {
            Festival::ChunJie => (1, 1),
            Festival::YuanXiao => (1, 15),
            Festival::LongTaiTou => (2, 2),
            Festival::DuanWu => (5, 5),
            Festival::QiXi => (7, 7),
            Festival::ZhongYuan => (7, 15),
            Festival::ZhongQiu => (8, 15),
            Festival::ChongYang => (9, 9),
            Festival::LaBa => (12, 8),
            // Shanghai's 小年 (the north keeps 廿三).
            Festival::XiaoNian => (12, 24),
            Festival::ChuXi | Festival::QingMing | Festival::DongZhi => return None,
        })
    }

    /// The festival's day in lunar year `year` (for 清明 and 冬至: in the
    /// Gregorian year `year`).
    fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Festival::QingMing => Term(7).date_in(year),
            Festival::DongZhi => Term(0).date_in(year),
            // The day before 正月初一 of the next year: the 29th or 30th.
            Festival::ChuXi => solar_date(year.checked_add(1)?, 1, false, 1)?.pred_opt(),
            f => {
                let (m, d) = f.lunar_day()?;
                solar_date(year, m, false, d)
            }
        }
    }
}

/// The festival on `d`, if any. A leap month holds none (闰五月初五 is not
/// 端午).
pub fn festival(d: NaiveDate) -> Option<Festival> {
    day(d)?.festival
}

/// Everything the calendar says about one date, worked out once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub lunar: LunarDate,
    pub festival: Option<Festival>,
    pub term: Option<Term>,
}

/// The lunar date, festival and solar term of `d`.
pub fn day(d: NaiveDate) -> Option<Day> {
    let lunar = lunar_date(d)?;
    let term = solar_term(d);
    let festival = festival_of(d, lunar, term);
    Some(Day {
        lunar,
        festival,
        term,
    })
}

fn festival_of(d: NaiveDate, l: LunarDate, term: Option<Term>) -> Option<Festival> {
    use strum::IntoEnumIterator;
    if !l.leap
        && let Some(f) = Festival::iter().find(|f| f.lunar_day() == Some((l.month, l.day)))
    {
        return Some(f);
    }
    // 除夕 is the day before 正月初一: only a 29th or a 30th can be.
    if l.day >= 29
        && d.succ_opt()
            .and_then(lunar_date)
            .is_some_and(|n| (n.month, n.day, n.leap) == (1, 1, false))
    {
        return Some(Festival::ChuXi);
    }
    match term.map(|t| t.0) {
        Some(7) => Some(Festival::QingMing),
        Some(0) => Some(Festival::DongZhi),
        _ => None,
    }
}

impl Day {
    /// What a calendar cell shows under the date: a festival, else a
    /// solar term, else the lunar day.
    pub fn cell(&self, lang: Lang) -> String {
        if let Some(f) = self.festival {
            return f.name(lang).to_owned();
        }
        if let Some(t) = self.term {
            return t.name(lang).to_owned();
        }
        self.lunar.short(lang)
    }

    /// A festival or a solar term falls on the day.
    pub fn marked(&self) -> bool {
        self.festival.is_some() || self.term.is_some()
    }

    /// 农历九月初九 重阳 / Lunar 9/9 Double Ninth.
    pub fn describe(&self, lang: Lang) -> String {
        let mut s = self.lunar.long(lang);
        if let Some(f) = self.festival {
            s.push(' ');
            s.push_str(f.name(lang));
        }
        // 冬至 and 清明 are both: name them once.
        if let Some(t) = self
            .term
            .filter(|t| self.festival.is_none_or(|f| f.name_zh() != t.name_zh()))
        {
            s.push(' ');
            s.push_str(t.name(lang));
        }
        s
    }
}

const MONTHS_ZH: [&str; 12] = [
    "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月",
];

const DIGITS_ZH: [&str; 10] = ["十", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

impl LunarDate {
    /// 冬月, 腊月, 闰六月.
    pub fn month_zh(self) -> String {
        let m = MONTHS_ZH[usize::from(self.month.clamp(1, 12)) - 1];
        if self.leap {
            format!("闰{m}")
        } else {
            m.to_owned()
        }
    }

    /// 初一, 十九, 廿四, 三十.
    pub fn day_zh(self) -> String {
        let d = self.day.clamp(1, 30);
        let unit = DIGITS_ZH[usize::from(d % 10)];
        match d {
            10 => "初十".to_owned(),
            20 => "二十".to_owned(),
            30 => "三十".to_owned(),
            1..=9 => format!("初{unit}"),
            11..=19 => format!("十{unit}"),
            _ => format!("廿{unit}"),
        }
    }

    /// 农历十月十九 / Lunar 10/19 (Lunar leap 6/1).
    pub fn long(self, lang: Lang) -> String {
        let (zm, zd, m, d) = (self.month_zh(), self.day_zh(), self.month, self.day);
        if self.leap {
            tr!(lang, "农历{zm}{zd}", "Lunar leap {m}/{d}")
        } else {
            tr!(lang, "农历{zm}{zd}", "Lunar {m}/{d}")
        }
    }

    /// The day as a calendar cell shows it: 十九, and on 初一 the month
    /// (冬月, 闰六月); in English 10/19 (L6/1 in a leap month).
    pub fn short(self, lang: Lang) -> String {
        let zh = if self.day == 1 {
            self.month_zh()
        } else {
            self.day_zh()
        };
        let (m, d) = (self.month, self.day);
        if self.leap {
            tr!(lang, "{zh}", "L{m}/{d}")
        } else {
            tr!(lang, "{zh}", "{m}/{d}")
        }
    }
}

/// What a calendar cell shows under the date (see [`Day::cell`]). `None`
/// outside the covered years.
pub fn cell_label(d: NaiveDate, lang: Lang) -> Option<String> {
    day(d).map(|x| x.cell(lang))
}

/// The lunar date with any festival and solar term, for details, the
/// agenda and print (see [`Day::describe`]).
pub fn describe(d: NaiveDate, lang: Lang) -> Option<String> {
    day(d).map(|x| x.describe(lang))
}

/// `repeat: Lunar(...)` in events.ron: once a lunar year, on a lunar month
/// and day or on a festival.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LunarRule {
    /// The lunar month, 1 to 12 (11 = 冬月, 12 = 腊月).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// The lunar day, 1 to 30; a 30 in a 29-day month is its last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    /// A festival instead of month and day: 春节, 元宵, 龙抬头, 端午, 七夕,
    /// 中元, 中秋, 重阳, 腊八, 小年, 除夕, 清明, 冬至.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub festival: Option<String>,
    /// Also on that day of the leap month of the same number (闰六月), in
    /// the years that have one; without it the rule fires once a year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub leap_too: bool,
}

/// What a lunar rule means, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Day { month: u8, day: u8, leap_too: bool },
    Festival(Festival),
}

/// A lunar rule that cannot be followed, for `check` (and the form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleProblem {
    /// Neither month and day nor a festival, or both.
    Shape,
    BadMonth,
    BadDay,
    UnknownFestival,
}

impl RuleProblem {
    /// The field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            RuleProblem::Shape => "repeat",
            RuleProblem::BadMonth => "month",
            RuleProblem::BadDay => "day",
            RuleProblem::UnknownFestival => "festival",
        }
    }

    pub fn message(self, lang: Lang) -> String {
        match self {
            RuleProblem::Shape => tr!(
                lang,
                "农历重复要么写月和日（month、day），要么写节日（festival），二者取一",
                "a lunar repeat needs either month and day or a festival, not both"
            ),
            RuleProblem::BadMonth => {
                tr!(lang, "农历月份应为 1 到 12", "the lunar month is 1 to 12")
            }
            RuleProblem::BadDay => {
                tr!(lang, "农历日应为 1 到 30", "the lunar day is 1 to 30")
            }
            RuleProblem::UnknownFestival => tr!(
                lang,
                "不认识的节日；可用：春节 元宵 龙抬头 端午 七夕 中元 中秋 重阳 腊八 小年 除夕 清明 冬至",
                "unknown festival; use one of 春节 元宵 龙抬头 端午 七夕 中元 中秋 重阳 腊八 小年 除夕 清明 冬至"
            ),
        }
    }
}

impl LunarRule {
    /// The rule for a month and day.
    pub fn on(month: u8, day: u8) -> Self {
        LunarRule {
            month: Some(month),
            day: Some(day),
            ..LunarRule::default()
        }
    }

    /// The rule for a festival.
    pub fn festival(f: Festival) -> Self {
        LunarRule {
            festival: Some(f.name_zh().to_owned()),
            ..LunarRule::default()
        }
    }

    fn target(&self) -> Result<Target, RuleProblem> {
        match (self.month, self.day, &self.festival) {
            (None, None, Some(name)) if !self.leap_too => Festival::from_name(name)
                .map(Target::Festival)
                .ok_or(RuleProblem::UnknownFestival),
            (Some(month), Some(day), None) => {
                if !(1..=12).contains(&month) {
                    Err(RuleProblem::BadMonth)
                } else if !(1..=30).contains(&day) {
                    Err(RuleProblem::BadDay)
                } else {
                    Ok(Target::Day {
                        month,
                        day,
                        leap_too: self.leap_too,
                    })
                }
            }
            _ => Err(RuleProblem::Shape),
        }
    }

    /// Why the rule cannot be followed, if it cannot.
    pub fn problem(&self) -> Option<RuleProblem> {
        self.target().err()
    }

    /// 农历九月初九 / 重阳 (English: lunar 9/9, Double Ninth), for the
    /// details and the form.
    pub fn describe(&self, lang: Lang) -> String {
        match self.target() {
            Ok(Target::Festival(f)) => f.name(lang).to_owned(),
            Ok(Target::Day {
                month,
                day,
                leap_too,
            }) => {
                let l = LunarDate {
                    year: 0,
                    month,
                    leap: false,
                    day,
                };
                let mut s = l.long(lang);
                if leap_too {
                    s.push_str(lang.pick("（闰月亦然）", " (and in a leap month)"));
                }
                s
            }
            Err(_) => tr!(lang, "农历（有误）", "lunar (invalid)"),
        }
    }

    /// The rule's dates within `range`, in order; none for a rule with a
    /// problem.
    pub fn dates(&self, range: DateRange) -> Vec<NaiveDate> {
        let Ok(target) = self.target() else {
            return Vec::new();
        };
        // Lunar years start in January or February: the year before the
        // range's first also reaches into it.
        let first = range.first.year().saturating_sub(1).max(FIRST_YEAR);
        let last = range.last.year().min(LAST_YEAR);
        let mut out: Vec<NaiveDate> = (first..=last)
            .flat_map(|y| match target {
                Target::Festival(f) => vec![f.date_in(y)],
                Target::Day {
                    month,
                    day,
                    leap_too,
                } => {
                    let leap = (leap_too && leap_month(y) == month)
                        .then(|| solar_date(y, month, true, day));
                    vec![solar_date(y, month, false, day), leap.flatten()]
                }
            })
            .flatten()
            .filter(|d| range.contains(*d))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The rule's first date on or after `from` (within ten years).
    pub fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let until = from.checked_add_days(Days::new(3660))?;
        self.dates(DateRange::new(from, until)).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    #[test]
    fn day_names_run_from_chu_yi_to_san_shi() {
        let names: Vec<String> = (1..=30)
            .map(|day| {
                LunarDate {
                    year: 2026,
                    month: 1,
                    leap: false,
                    day,
                }
                .day_zh()
            })
            .collect();
        assert_eq!(names[0], "初一");
        assert_eq!(names[9], "初十");
        assert_eq!(names[10], "十一");
        assert_eq!(names[18], "十九");
        assert_eq!(names[19], "二十");
        assert_eq!(names[20], "廿一");
        assert_eq!(names[23], "廿四");
        assert_eq!(names[29], "三十");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), 30);
    }

    #[test]
    fn term_table_agrees_with_the_crate() {
        for (i, (zh, _)) in TERMS.iter().enumerate() {
            assert_eq!(SolarTerm::from_index(2026, i as isize).get_name(), *zh);
        }
    }

    #[test]
    fn out_of_range_years_have_no_lunar_date_and_do_not_panic() {
        assert_eq!(lunar_date(d(1, 1, 1)), None);
        assert_eq!(lunar_date(d(9999, 12, 31)), None);
        assert_eq!(solar_date(9999, 1, false, 1), None);
        assert_eq!(solar_date(2026, 13, false, 1), None);
        assert_eq!(solar_date(2026, 6, true, 1), None, "2026 has no 闰六月");
        let r = LunarRule::on(9, 9);
        assert!(
            r.dates(DateRange::new(d(9990, 1, 1), d(9999, 12, 31)))
                .is_empty()
        );
    }
}
