//! How dates, times, weekdays and speaker groups are written in the schedule
//! files, and the value problems a hand edit can introduce.
//!
//! Values are written the way staff write them on paper: `"2026-11-25"`,
//! `"14:00"`, `"周三"`. A value that does not read is reported as a
//! [`Problem`], encoded into the serde error text so the storage layer can
//! show it, with the position RON already knows, in either language.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A value in a schedule file that is well-formed RON but not a valid value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not shaped like `2026-11-25`.
    DateFormat(String),
    /// Shaped like a date but not on the calendar (`2026-02-30`, `2026-13-01`).
    DateImpossible(String),
    /// Not shaped like `14:00`.
    TimeFormat(String),
    /// Hour over 23 or minute over 59.
    TimeImpossible(String),
    /// Not a weekday name; carries the nearest valid name, if any is close.
    Weekday(String, Option<&'static str>),
    /// Not shaped like `2026-11`.
    Month(String),
    /// Not one of the three speaker groups.
    SpeakerGroup(String),
}

const PREFIX: &str = "stationcal-problem";
const SEP: char = '\u{1f}';

impl Problem {
    /// The text carried through serde's error; [`Problem::decode`] reads it back.
    pub fn encode(&self) -> String {
        let (code, value, extra) = match self {
            Problem::DateFormat(v) => ("date-format", v, ""),
            Problem::DateImpossible(v) => ("date-impossible", v, ""),
            Problem::TimeFormat(v) => ("time-format", v, ""),
            Problem::TimeImpossible(v) => ("time-impossible", v, ""),
            Problem::Weekday(v, near) => ("weekday", v, near.unwrap_or("")),
            Problem::Month(v) => ("month", v, ""),
            Problem::SpeakerGroup(v) => ("speaker-group", v, ""),
        };
        format!("{PREFIX}{SEP}{code}{SEP}{value}{SEP}{extra}")
    }

    /// Reads a problem back out of an error message made by [`Problem::encode`].
    pub fn decode(message: &str) -> Option<Problem> {
        let rest = message.strip_prefix(PREFIX)?.strip_prefix(SEP)?;
        let mut parts = rest.split(SEP);
        let code = parts.next()?;
        let value = parts.next()?.to_owned();
        let extra = parts.next().unwrap_or("");
        Some(match code {
            "date-format" => Problem::DateFormat(value),
            "date-impossible" => Problem::DateImpossible(value),
            "time-format" => Problem::TimeFormat(value),
            "time-impossible" => Problem::TimeImpossible(value),
            "weekday" => Problem::Weekday(value, nearest_weekday_name(extra)),
            "month" => Problem::Month(value),
            "speaker-group" => Problem::SpeakerGroup(value),
            _ => return None,
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

fn problem<E: de::Error>(p: &Problem) -> E {
    E::custom(p.encode())
}

/// Reads `2026-11-25`. Also accepts `2026/11/25` and single-digit parts,
/// since that is how dates are often typed.
pub fn parse_date(text: &str) -> Result<NaiveDate, Problem> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let nums: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            parts.iter().map(|p| p.parse::<u32>().ok()).collect()
        }
        _ => None,
    };
    let Some(nums) = nums else {
        return Err(Problem::DateFormat(text.to_owned()));
    };
    let year = i32::try_from(nums[0]).map_err(|_| Problem::DateFormat(text.to_owned()))?;
    NaiveDate::from_ymd_opt(year, nums[1], nums[2])
        .ok_or_else(|| Problem::DateImpossible(text.to_owned()))
}

/// Reads `14:00` (also `9:30` and `14：00` is *not* accepted: the loader
/// hints about full-width colons separately).
pub fn parse_time(text: &str) -> Result<NaiveTime, Problem> {
    let t = text.trim();
    let Some((h, m)) = t.split_once(':') else {
        return Err(Problem::TimeFormat(text.to_owned()));
    };
    let ok_digits = |s: &str, max_len| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok_digits(h, 2) || !ok_digits(m, 2) || m.len() != 2 {
        return Err(Problem::TimeFormat(text.to_owned()));
    }
    let (h, m): (u32, u32) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| Problem::TimeImpossible(text.to_owned()))
}

/// Reads `2026-11` as the first day of that month.
pub fn parse_month(text: &str) -> Result<NaiveDate, Problem> {
    let t = text.trim();
    let bad = || Problem::Month(text.to_owned());
    let (y, m) = t.split_once(['-', '/']).ok_or_else(bad)?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return Err(bad());
    }
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)
}

const WEEKDAY_NAMES: [(&str, Weekday); 28] = [
    ("周一", Weekday::Mon),
    ("周二", Weekday::Tue),
    ("周三", Weekday::Wed),
    ("周四", Weekday::Thu),
    ("周五", Weekday::Fri),
    ("周六", Weekday::Sat),
    ("周日", Weekday::Sun),
    ("星期一", Weekday::Mon),
    ("星期二", Weekday::Tue),
    ("星期三", Weekday::Wed),
    ("星期四", Weekday::Thu),
    ("星期五", Weekday::Fri),
    ("星期六", Weekday::Sat),
    ("星期日", Weekday::Sun),
    ("Mon", Weekday::Mon),
    ("Tue", Weekday::Tue),
    ("Wed", Weekday::Wed),
    ("Thu", Weekday::Thu),
    ("Fri", Weekday::Fri),
    ("Sat", Weekday::Sat),
    ("Sun", Weekday::Sun),
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// Reads a weekday written `周三`, `星期三`, `Wed` or `Wednesday` (also `周天`).
pub fn parse_weekday(text: &str) -> Result<Weekday, Problem> {
    let t = text.trim();
    if t == "周天" || t == "星期天" {
        return Ok(Weekday::Sun);
    }
    WEEKDAY_NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(t))
        .map(|(_, wd)| *wd)
        .ok_or_else(|| Problem::Weekday(text.to_owned(), nearest_weekday_name(t)))
}

/// The valid weekday name closest to what was typed, for "did you mean".
fn nearest_weekday_name(typed: &str) -> Option<&'static str> {
    if typed.is_empty() {
        return None;
    }
    let lower = typed.to_lowercase();
    WEEKDAY_NAMES
        .iter()
        .map(|(name, _)| (edit_distance(&lower, &name.to_lowercase()), *name))
        .filter(|(d, name)| *d <= 2.max(name.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The Chinese short name of a weekday, as written in files and shown in the UI.
pub fn weekday_zh(wd: Weekday) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][wd.num_days_from_monday() as usize]
}

/// The English short name of a weekday.
pub fn weekday_en(wd: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][wd.num_days_from_monday() as usize]
}

/// Where a micro-lecture speaker comes from (the three groups of the series).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpeakerGroup {
    /// 街道老领导
    RetiredLeader,
    /// 机关青年党员
    YoungOfficial,
    /// 石化"化二代"
    SecondGeneration,
}

impl SpeakerGroup {
    pub const ALL: [SpeakerGroup; 3] = [
        SpeakerGroup::RetiredLeader,
        SpeakerGroup::YoungOfficial,
        SpeakerGroup::SecondGeneration,
    ];

    /// As written in files and shown in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            SpeakerGroup::RetiredLeader => "街道老领导",
            SpeakerGroup::YoungOfficial => "机关青年党员",
            SpeakerGroup::SecondGeneration => "石化化二代",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            SpeakerGroup::RetiredLeader => "retired subdistrict leader",
            SpeakerGroup::YoungOfficial => "young official",
            SpeakerGroup::SecondGeneration => "petrochemical second generation",
        }
    }

    /// Accepts the full names, short forms, and the quoted form 石化"化二代";
    /// and the English names (any case), for a schedule kept in English.
    pub fn parse(text: &str) -> Result<SpeakerGroup, Problem> {
        let squeeze = |s: &str| -> String {
            s.trim()
                .chars()
                .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | ' '))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let t = squeeze(text);
        match t.as_str() {
            "街道老领导" | "老领导" => Ok(SpeakerGroup::RetiredLeader),
            "机关青年党员" | "青年党员" => Ok(SpeakerGroup::YoungOfficial),
            "石化化二代" | "化二代" => Ok(SpeakerGroup::SecondGeneration),
            _ => SpeakerGroup::ALL
                .into_iter()
                .find(|g| squeeze(g.en()) == t)
                .ok_or_else(|| Problem::SpeakerGroup(text.to_owned())),
        }
    }
}

/// A visitor that takes a string and converts it, reporting a [`Problem`].
struct StrVisitor<T>(fn(&str) -> Result<T, Problem>, &'static str);

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(|p| problem(&p))
    }
}

macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident, $inner:ty, $parse:path, $expect:literal, $show:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub $inner);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(StrVisitor($parse, $expect)).map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let show: fn(&$inner) -> String = $show;
                s.serialize_str(&show(&self.0))
            }
        }

        impl From<$inner> for $name {
            fn from(v: $inner) -> Self {
                $name(v)
            }
        }

        impl std::ops::Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }
    };
}

text_value!(
    /// A calendar date, written `"2026-11-25"`.
    Date, NaiveDate, parse_date, "a date like \"2026-11-25\"",
    |d| d.format("%Y-%m-%d").to_string()
);
text_value!(
    /// A time of day, written `"14:00"`.
    Time, NaiveTime, parse_time, "a time like \"14:00\"",
    |t| t.format("%H:%M").to_string()
);
text_value!(
    /// A weekday, written `"周三"`.
    Day, Weekday, parse_weekday, "a weekday like \"Wed\"",
    |w| weekday_zh(*w).to_owned()
);
text_value!(
    /// A month, written `"2026-11"`; held as the first day of the month.
    Month, NaiveDate, parse_month, "a month like \"2026-11\"",
    |d| format!("{:04}-{:02}", d.year(), d.month())
);
text_value!(
    /// A speaker group, written `"街道老领导"`, `"机关青年党员"` or `"石化化二代"`.
    Group, SpeakerGroup, SpeakerGroup::parse, "a speaker group like \"young official\"",
    |g| g.zh().to_owned()
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_written_and_impossible_ones_are_named() {
        assert_eq!(
            parse_date("2026-11-25"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid"))
        );
        assert_eq!(
            parse_date("2026/1/5"),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid"))
        );
        assert_eq!(
            parse_date("2026-02-30"),
            Err(Problem::DateImpossible("2026-02-30".into()))
        );
        assert_eq!(
            parse_date("2026-13-01"),
            Err(Problem::DateImpossible("2026-13-01".into()))
        );
        assert_eq!(
            parse_date("2028-02-29"),
            Ok(NaiveDate::from_ymd_opt(2028, 2, 29).expect("leap"))
        );
        assert_eq!(
            parse_date("11月25日"),
            Err(Problem::DateFormat("11月25日".into()))
        );
    }

    #[test]
    fn times_reject_25_00_and_14_60() {
        assert_eq!(
            parse_time("14:00"),
            Ok(NaiveTime::from_hms_opt(14, 0, 0).expect("valid"))
        );
        assert_eq!(
            parse_time("9:30"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).expect("valid"))
        );
        assert_eq!(
            parse_time("25:00"),
            Err(Problem::TimeImpossible("25:00".into()))
        );
        assert_eq!(
            parse_time("14:60"),
            Err(Problem::TimeImpossible("14:60".into()))
        );
        assert_eq!(parse_time("1400"), Err(Problem::TimeFormat("1400".into())));
        assert_eq!(parse_time("14:0"), Err(Problem::TimeFormat("14:0".into())));
    }

    #[test]
    fn weekdays_in_three_spellings_and_suggestions() {
        assert_eq!(parse_weekday("周三"), Ok(Weekday::Wed));
        assert_eq!(parse_weekday("星期日"), Ok(Weekday::Sun));
        assert_eq!(parse_weekday("wed"), Ok(Weekday::Wed));
        assert_eq!(
            parse_weekday("Wendesday"),
            Err(Problem::Weekday("Wendesday".into(), Some("Wednesday")))
        );
        assert_eq!(
            parse_weekday("周8"),
            Err(Problem::Weekday("周8".into(), Some("周一")))
        );
    }

    #[test]
    fn problems_survive_the_trip_through_serde_error_text() {
        for p in [
            Problem::DateImpossible("2026-02-30".into()),
            Problem::Weekday("Wendesday".into(), Some("Wednesday")),
            Problem::Weekday("xyz".into(), None),
            Problem::SpeakerGroup("老干部".into()),
        ] {
            assert_eq!(Problem::decode(&p.encode()), Some(p));
        }
        assert_eq!(Problem::decode("something else"), None);
    }

    #[test]
    fn speaker_groups_accept_the_quoted_article_form() {
        assert_eq!(
            SpeakerGroup::parse("石化“化二代”"),
            Ok(SpeakerGroup::SecondGeneration)
        );
        assert_eq!(
            SpeakerGroup::parse("老领导"),
            Ok(SpeakerGroup::RetiredLeader)
        );
        assert!(SpeakerGroup::parse("专家").is_err());
        for g in SpeakerGroup::ALL {
            assert_eq!(SpeakerGroup::parse(g.en()), Ok(g));
            assert_eq!(SpeakerGroup::parse(&g.en().to_uppercase()), Ok(g));
        }
        assert!(SpeakerGroup::parse("retired").is_err());
    }
}
