//! The lunar calendar module against independent implementations: Python's
//! `cnlunar` (lunar month, day, leap flag and solar term) and `lunardate`
//! (lunar month, day and leap flag), for every day from 1950 on as far as
//! each reaches (both stop with lunar year 2099, i.e. on 2100-02-08); and
//! the lunar repeat rule on hand-checked dates. Skipped with a notice when
//! python3 or the packages are missing, except on CI (`CI` set), where
//! `.ci/run` installs them and a missing package is a failure.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use stationcal::i18n::Lang;
use stationcal::model::lunar::{
    self, Festival, LunarDate, LunarRule, RuleProblem, cell_label, describe, festival, lunar_date,
    solar_term,
};
use stationcal::model::recurrence::DateRange;

use crate::support::date;
use tyme4rs::tyme::util::ShouXingUtil;

/// One python process writes every day as CSV: date, cnlunar's month, day,
/// leap (0/1) and term (empty when none), then lunardate's month, day and
/// leap (empty past its range). cnlunar's constructor also works out
/// horoscope data and takes ~10 s for the whole range; the script calls
/// the two methods that compute what is compared and checks them against
/// the public constructor on the 1st of every month.
const DUMP: &str = r#"
import sys, datetime, cnlunar, lunardate
L = cnlunar.Lunar
def cn(d):
    o = object.__new__(L)
    o.date = datetime.datetime(d.year, d.month, d.day, 12)
    o.twohourNum = 6
    o._upper_year = ''
    o.isLunarLeapMonth = False
    y, m, day = o.get_lunarDateNum()
    t = o.get_todaySolarTerms()
    return (m, day, o.isLunarLeapMonth, t)
out = []
d = datetime.date(1950, 1, 1)
while True:
    try:
        c = cn(d)
        if d.day == 1:
            p = L(datetime.datetime(d.year, d.month, d.day, 12), godType='8char')
            assert c == (p.lunarMonth, p.lunarDay, p.isLunarLeapMonth, p.todaySolarTerms), (d, c)
    except IndexError:
        break
    try:
        l = lunardate.LunarDate.from_solar_date(d.year, d.month, d.day)
        ld = "%d,%d,%d" % (l.month, l.day, 1 if l.isLeapMonth else 0)
    except ValueError:
        ld = ",,"
    term = "" if c[3] == "无" else c[3]
    out.append("%s,%d,%d,%d,%s,%s" % (d.isoformat(), c[0], c[1], 1 if c[2] else 0, term, ld))
    d += datetime.timedelta(days=1)
sys.stdout.write("\n".join(out))
"#;

fn python_has_packages() -> bool {
    Command::new("python3")
        .args(["-c", "import cnlunar, lunardate"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Reference {
    month: u8,
    day: u8,
    leap: bool,
    term: Option<String>,
    /// lunardate's month, day and leap flag, where it reaches.
    other: Option<(u8, u8, bool)>,
}

fn reference() -> Option<BTreeMap<NaiveDate, Reference>> {
    if !python_has_packages() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with cnlunar and lunardate (pip install cnlunar lunardate)"
        );
        eprintln!("SKIPPED: python3 -c 'import cnlunar, lunardate' fails; pip install them");
        return None;
    }
    let out = Command::new("python3")
        .args(["-W", "ignore", "-c", DUMP])
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let num = |s: &str| s.parse::<u8>().expect("number");
    Some(
        text.lines()
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                assert_eq!(f.len(), 8, "{line}");
                let date = NaiveDate::parse_from_str(f[0], "%Y-%m-%d").expect("date");
                let other = (!f[5].is_empty()).then(|| (num(f[5]), num(f[6]), f[7] == "1"));
                let r = Reference {
                    month: num(f[1]),
                    day: num(f[2]),
                    leap: f[3] == "1",
                    term: (!f[4].is_empty()).then(|| f[4].to_owned()),
                    other,
                };
                (date, r)
            })
            .collect(),
    )
}

/// Minutes either side of midnight (Beijing time) within which a new moon
/// or a term's instant may fall on either day, depending on the ephemeris
/// a calendar was computed with (and, before 1960, on the calendars as then
/// published, which tyme reproduces and the Python tables recompute).
const KNIFE_EDGE_MINUTES: f64 = 15.0;

/// Days since J2000 (2000-01-01 12:00) of `d`'s noon, as tyme counts.
fn j2000(d: NaiveDate) -> f64 {
    f64::from(i32::try_from((d - date(2000, 1, 1)).num_days()).expect("days"))
}

/// Whether an instant (days from J2000 noon, Beijing time) is within
/// [`KNIFE_EDGE_MINUTES`] of a midnight.
fn near_midnight(t: f64) -> bool {
    let minutes = (t + 0.5).rem_euclid(1.0) * 1440.0;
    !(KNIFE_EDGE_MINUTES..=1440.0 - KNIFE_EDGE_MINUTES).contains(&minutes)
}

/// Whether a new moon within two days of `around` falls near midnight:
/// a month starting then may start on either day.
fn new_moon_on_the_edge(around: NaiveDate) -> bool {
    let jd = j2000(around) + 2_451_545.0;
    (-1..=1).any(|k| {
        let n = ((jd - 2_451_551.0) / 29.5306).floor() + f64::from(k);
        let t = ShouXingUtil::shuo_high(n * std::f64::consts::TAU);
        (t - j2000(around)).abs() <= 2.0 && near_midnight(t)
    })
}

/// Whether the solar term nearest `around` falls near midnight.
fn term_on_the_edge(around: NaiveDate) -> bool {
    near_midnight(ShouXingUtil::qi_accurate2(j2000(around)))
}

#[test]
fn every_day_agrees_with_cnlunar_and_lunardate() {
    let Some(reference) = reference() else { return };
    let (first, last) = (
        *reference.keys().next().expect("days"),
        *reference.keys().last().expect("days"),
    );
    assert_eq!(first, date(1950, 1, 1));
    assert!(last >= date(2100, 2, 8), "reference stops at {last}");
    let mut disagreements = Vec::new();
    let mut on_the_edge = std::collections::BTreeSet::new();
    let mut terms = 0;
    let mut checked_other = 0;
    for (d, r) in &reference {
        let l = lunar_date(*d).expect("lunar date in range");
        let ours = (l.month, l.day, l.leap);
        let cn = (r.month, r.day, r.leap);
        checked_other += usize::from(r.other.is_some());
        // Two of three agreeing outvote the third; where both references
        // differ from us, the month must start on a knife edge.
        let both_differ = ours != cn && r.other.is_none_or(|o| o != ours);
        let one_differs = ours != cn || r.other.is_some_and(|o| o != ours);
        if one_differs {
            let month_start = *d - chrono::Days::new(u64::from(l.day) - 1);
            let next_start = month_start + chrono::Days::new(30);
            let edge = new_moon_on_the_edge(month_start) || new_moon_on_the_edge(next_start);
            if both_differ && !edge {
                disagreements.push(format!(
                    "{d}: ours {ours:?}, cnlunar {cn:?}, lunardate {:?}",
                    r.other
                ));
            }
            on_the_edge.insert(format!("{d} lunar (both differ: {both_differ})"));
        }
        let term = solar_term(*d).map(|t| t.name_zh().to_owned());
        if term != r.term {
            if !term_on_the_edge(*d) {
                disagreements.push(format!("{d}: term ours {term:?}, cnlunar {:?}", r.term));
            }
            on_the_edge.insert(format!("{d} term"));
        }
        terms += usize::from(term.is_some());
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements, first: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(40)]
    );
    // Knife-edge days are rare: a handful of months and terms in 150 years.
    eprintln!("tolerated: {on_the_edge:#?}");
    assert!(
        on_the_edge.len() < 300,
        "{} tolerated days",
        on_the_edge.len()
    );
    assert!(terms >= 150 * 24, "{terms} terms");
    assert!(
        checked_other > 54_700,
        "lunardate compared on {checked_other} days"
    );
}

/// The tolerance itself: a day whose new moon is far from midnight is not
/// on the edge, so the cross-check above cannot wave a real error through.
#[test]
fn knife_edge_is_narrow() {
    // 2057-09-29 00:00:36: the famous 中秋 of 2057.
    assert!(new_moon_on_the_edge(date(2057, 9, 29)));
    // 2026-11-09 (十月初一): the new moon is at 15:02.
    assert!(!new_moon_on_the_edge(date(2026, 11, 9)));
    assert!(term_on_the_edge(date(1951, 12, 22)));
    assert!(!term_on_the_edge(date(2026, 12, 22)));
    // 2026-10-10's new moon is at 23:50 and 雨水 on 2026-02-18 at 23:52:
    // real edges; over fifty years edges are a small share of the days.
    assert!(new_moon_on_the_edge(date(2026, 10, 10)));
    assert!(term_on_the_edge(date(2026, 2, 18)));
    let years = DateRange::new(date(2000, 1, 1), date(2049, 12, 31));
    let edges = years
        .days()
        .filter(|d| new_moon_on_the_edge(*d) || term_on_the_edge(*d))
        .count();
    assert!(edges * 8 < years.days().count(), "{edges} days on an edge");
}

#[test]
fn spot_values_checked_by_hand() {
    assert_eq!(
        solar_term(date(2026, 12, 22)).map(lunar::Term::name_zh),
        Some("冬至")
    );
    assert_eq!(
        solar_term(date(2026, 11, 22)).map(lunar::Term::name_zh),
        Some("小雪")
    );
    assert_eq!(
        solar_term(date(2027, 2, 4)).map(lunar::Term::name_zh),
        Some("立春")
    );
    assert_eq!(solar_term(date(2026, 11, 27)), None);
    assert_eq!(festival(date(2026, 9, 25)), Some(Festival::ZhongQiu));
    assert_eq!(festival(date(2026, 10, 18)), Some(Festival::ChongYang));
    assert_eq!(festival(date(2027, 10, 8)), Some(Festival::ChongYang));
    assert_eq!(festival(date(2026, 12, 22)), Some(Festival::DongZhi));
    let l = lunar_date(date(2026, 11, 27)).expect("in range");
    assert_eq!(
        l,
        LunarDate {
            year: 2026,
            month: 10,
            leap: false,
            day: 19
        }
    );
    assert_eq!(l.long(Lang::Zh), "农历十月十九");
    assert_eq!(l.long(Lang::En), "Lunar 10/19");
    assert_eq!(
        cell_label(date(2026, 11, 27), Lang::Zh).as_deref(),
        Some("十九")
    );
    assert_eq!(
        cell_label(date(2026, 9, 25), Lang::Zh).as_deref(),
        Some("中秋")
    );
    assert_eq!(
        describe(date(2026, 10, 18), Lang::Zh).as_deref(),
        Some("农历九月初九 重阳")
    );
    assert_eq!(
        describe(date(2026, 12, 22), Lang::En).as_deref(),
        Some("Lunar 11/14 Winter Solstice")
    );
    // 2026-12-09 is 冬月初一, 2027-01-08 腊月初一; 2025-07-25 is 闰六月初一.
    assert_eq!(
        cell_label(date(2026, 12, 9), Lang::Zh).as_deref(),
        Some("冬月")
    );
    assert_eq!(
        cell_label(date(2027, 1, 8), Lang::Zh).as_deref(),
        Some("腊月")
    );
    assert_eq!(
        cell_label(date(2025, 7, 25), Lang::Zh).as_deref(),
        Some("闰六月")
    );
    assert_eq!(
        cell_label(date(2025, 7, 25), Lang::En).as_deref(),
        Some("L6/1")
    );
    // 小年 as Shanghai keeps it (腊月廿四, 2027-01-31), 除夕 on 腊月廿九 in
    // 2027 (2027-02-05; 2027-02-06 is 春节).
    assert_eq!(festival(date(2027, 1, 31)), Some(Festival::XiaoNian));
    assert_eq!(festival(date(2027, 1, 30)), None);
    assert_eq!(festival(date(2027, 2, 5)), Some(Festival::ChuXi));
    assert_eq!(lunar_date(date(2027, 2, 5)).map(|l| l.day), Some(29));
    assert_eq!(festival(date(2027, 2, 6)), Some(Festival::ChunJie));
}

/// Every festival falls where its definition says, every year 1950–2100.
#[test]
fn festivals_fall_on_their_lunar_days_every_year() {
    for d in DateRange::new(date(1950, 1, 1), date(2100, 12, 31)).days() {
        let l = lunar_date(d).expect("in range");
        let f = festival(d);
        let next = lunar_date(d.succ_opt().expect("next")).expect("in range");
        let chuxi = (next.month, next.day, next.leap) == (1, 1, false);
        let want = if chuxi {
            Some(Festival::ChuXi)
        } else if l.leap {
            None
        } else {
            Festival::from_name(&lunar_name(l.month, l.day)).filter(|f| f.lunar_day().is_some())
        };
        let term = solar_term(d).map(lunar::Term::name_zh);
        let want = want.or(match term {
            Some("清明") => Some(Festival::QingMing),
            Some("冬至") => Some(Festival::DongZhi),
            _ => None,
        });
        assert_eq!(f, want, "{d} {l:?}");
    }
}

/// The festival a lunar month and day names, written out independently of
/// the module's table.
fn lunar_name(month: u8, day: u8) -> String {
    match (month, day) {
        (1, 1) => "春节",
        (1, 15) => "元宵节",
        (2, 2) => "龙抬头",
        (5, 5) => "端午节",
        (7, 7) => "七夕",
        (7, 15) => "中元节",
        (8, 15) => "中秋节",
        (9, 9) => "重阳节",
        (12, 8) => "腊八节",
        (12, 24) => "小年",
        _ => "",
    }
    .to_owned()
}

fn dates(rule: &LunarRule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    rule.dates(DateRange::new(from, to))
}

#[test]
fn lunar_rule_lands_on_the_lunar_day_each_year() {
    let chong_yang = LunarRule::on(9, 9);
    assert_eq!(
        dates(&chong_yang, date(2026, 1, 1), date(2027, 12, 31)),
        [date(2026, 10, 18), date(2027, 10, 8)]
    );
    let by_name = LunarRule::festival(Festival::ChongYang);
    assert_eq!(
        dates(&by_name, date(2026, 1, 1), date(2027, 12, 31)),
        [date(2026, 10, 18), date(2027, 10, 8)]
    );
    let mid_autumn = LunarRule {
        festival: Some("中秋节".into()),
        ..LunarRule::default()
    };
    assert_eq!(
        dates(&mid_autumn, date(2026, 1, 1), date(2026, 12, 31)),
        [date(2026, 9, 25)]
    );
    // 冬至 by festival name: the solar term, once a Gregorian year.
    let winter = LunarRule::festival(Festival::DongZhi);
    assert_eq!(
        dates(&winter, date(2026, 1, 1), date(2027, 12, 31)),
        [date(2026, 12, 22), date(2027, 12, 22)]
    );
    // 春节 of 2027 falls in January's range only through the year before.
    let new_year = LunarRule::on(1, 1);
    assert_eq!(
        dates(&new_year, date(2027, 2, 1), date(2027, 2, 28)),
        [date(2027, 2, 6)]
    );
}

#[test]
fn a_leap_month_fires_only_when_asked() {
    // 2025 has 闰六月: 六月十五 is 2025-07-09, 闰六月十五 2025-08-08.
    assert_eq!(lunar::leap_month(2025), 6);
    let plain = LunarRule::on(6, 15);
    let year = (date(2025, 1, 1), date(2025, 12, 31));
    assert_eq!(dates(&plain, year.0, year.1), [date(2025, 7, 9)]);
    let both = LunarRule {
        leap_too: true,
        ..LunarRule::on(6, 15)
    };
    assert_eq!(
        dates(&both, year.0, year.1),
        [date(2025, 7, 9), date(2025, 8, 8)]
    );
    // In a year without a leap sixth month, leap_too changes nothing.
    assert_eq!(
        dates(&both, date(2026, 1, 1), date(2026, 12, 31)),
        dates(&plain, date(2026, 1, 1), date(2026, 12, 31))
    );
    // A festival never falls in a leap month: 端午 of 2020 (闰四月) once.
    let duan_wu = LunarRule::festival(Festival::DuanWu);
    assert_eq!(
        dates(&duan_wu, date(2020, 1, 1), date(2020, 12, 31)),
        [date(2020, 6, 25)]
    );
}

#[test]
fn a_thirtieth_that_does_not_exist_is_the_months_last_day() {
    // 腊月 of lunar 2026 has 29 days: 腊月三十 is 除夕, 2027-02-05; of
    // 2027 it has 30: 2028-01-25.
    let rule = LunarRule::on(12, 30);
    assert_eq!(
        dates(&rule, date(2027, 1, 1), date(2028, 12, 31)),
        [date(2027, 2, 5), date(2028, 1, 25)]
    );
    let eve = LunarRule::festival(Festival::ChuXi);
    for y in 1950..2100 {
        let range = (date(y, 1, 1), date(y, 12, 31));
        assert_eq!(
            dates(&rule, range.0, range.1),
            dates(&eve, range.0, range.1),
            "{y}"
        );
    }
}

#[test]
fn every_lunar_rule_date_is_its_lunar_day_or_the_months_end() {
    // For every month and day, over 1950–2100: the date's lunar day is the
    // rule's, or the rule asked for the 30th and the month has 29 days.
    let range = DateRange::new(date(1950, 3, 1), date(2100, 12, 31));
    for month in 1..=12u8 {
        for day in [1u8, 9, 15, 29, 30] {
            let got = LunarRule::on(month, day).dates(range);
            assert!(got.len() >= 150, "{month}/{day}: {}", got.len());
            for d in got {
                let l = lunar_date(d).expect("in range");
                assert_eq!((l.month, l.leap), (month, false), "{d}");
                let ok = l.day == day || (day == 30 && l.day == 29);
                assert!(ok, "{month}/{day} -> {d} is {l:?}");
            }
        }
    }
}

#[test]
fn rule_problems_are_named() {
    let p = |r: LunarRule| r.problem();
    assert_eq!(p(LunarRule::on(9, 9)), None);
    assert_eq!(p(LunarRule::on(13, 9)), Some(RuleProblem::BadMonth));
    assert_eq!(p(LunarRule::on(9, 31)), Some(RuleProblem::BadDay));
    assert_eq!(p(LunarRule::on(0, 1)), Some(RuleProblem::BadMonth));
    assert_eq!(p(LunarRule::default()), Some(RuleProblem::Shape));
    let both = LunarRule {
        festival: Some("重阳".into()),
        ..LunarRule::on(9, 9)
    };
    assert_eq!(p(both), Some(RuleProblem::Shape));
    assert_eq!(
        p(LunarRule {
            festival: Some("重九节日".into()),
            ..LunarRule::default()
        }),
        Some(RuleProblem::UnknownFestival)
    );
    assert!(
        LunarRule::on(13, 1)
            .dates(DateRange::new(date(2026, 1, 1), date(2026, 12, 31)))
            .is_empty()
    );
    for p in [
        RuleProblem::Shape,
        RuleProblem::BadMonth,
        RuleProblem::BadDay,
        RuleProblem::UnknownFestival,
    ] {
        assert!(!p.message(Lang::Zh).is_empty() && !p.message(Lang::En).is_empty());
    }
}
