//! The printed forms of fixed weeks of the sample schedule: snapshots of
//! text, HTML and iCalendar, and the properties each form promises.

use crate::support;

use chrono::{TimeZone, Utc};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::support::{date as day, today, week48};
use stationcal::i18n::Lang;
use stationcal::model::Schedule;
use stationcal::model::labels;
use stationcal::model::recurrence::DateRange;
use stationcal::model::{Programme, Status};
use stationcal::print::{self, WeekSheet, flyer, html, ics, image, month, text};
use stationcal::store;

fn sample() -> Schedule {
    let loaded = store::load_dir(&support::sample_dir());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.schedule
}

fn sheet(week: DateRange, lang: Lang) -> WeekSheet {
    print::week_sheet(&sample(), week, today(), lang)
}

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 1, 30, 0)
        .single()
        .expect("valid stamp")
}

// ---------- snapshots ----------

#[test]
fn text_week48_zh() {
    insta::assert_snapshot!(text::render(&sheet(week48(), Lang::Zh), None));
}

#[test]
fn text_week48_zh_width_60() {
    insta::assert_snapshot!(text::render(&sheet(week48(), Lang::Zh), Some(60)));
}

#[test]
fn text_week48_en() {
    insta::assert_snapshot!(text::render(&sheet(week48(), Lang::En), None));
}

/// A week with a moved screening and a moved service day.
#[test]
fn text_week43_moved_zh() {
    let week = DateRange::week_of(day(2026, 10, 19));
    insta::assert_snapshot!(text::render(&sheet(week, Lang::Zh), None));
}

/// A week with a skipped screening (国庆放假) and empty holiday days.
#[test]
fn text_week40_skipped_zh() {
    let week = DateRange::week_of(day(2026, 9, 28));
    insta::assert_snapshot!(text::render(&sheet(week, Lang::Zh), None));
}

#[test]
fn text_short_week48_zh() {
    insta::assert_snapshot!(text::render_short(&sheet(week48(), Lang::Zh)));
}

fn month_sheet(first: chrono::NaiveDate, lang: Lang) -> WeekSheet {
    print::week_sheet(&sample(), print::month_range(first), today(), lang)
}

#[test]
fn month_html_2026_12_zh() {
    let mut s = month_sheet(day(2026, 12, 1), Lang::Zh);
    s.subscribe_url = Some("https://example.org/shihua/calendar.ics".to_owned());
    insta::assert_snapshot!(month::render(&s));
}

#[test]
fn flyer_html_2026_12_zh() {
    let f = flyer::flyer(&month_sheet(day(2026, 12, 1), Lang::Zh)).expect("a service day");
    insta::assert_snapshot!(flyer::render(&f));
}

#[test]
fn html_week48_zh() {
    insta::assert_snapshot!(html::render(&sheet(week48(), Lang::Zh)));
}

#[test]
fn html_week40_skipped_zh() {
    let week = DateRange::week_of(day(2026, 9, 28));
    insta::assert_snapshot!(html::render(&sheet(week, Lang::Zh)));
}

#[test]
fn ics_week48_zh() {
    insta::assert_snapshot!(ics::render(&sheet(week48(), Lang::Zh), stamp()));
}

// ---------- text: alignment by display width ----------

/// The display column at which byte `i` of `line` starts.
fn col(line: &str, i: usize) -> usize {
    UnicodeWidthStr::width(&line[..i])
}

/// The byte index of the character starting exactly at display column `c`,
/// if one does (none when `c` falls inside a wide character).
fn at_col(line: &str, c: usize) -> Option<usize> {
    let mut w = 0;
    for (i, ch) in line.char_indices() {
        if w == c {
            return Some(i);
        }
        if w > c {
            return None;
        }
        w += ch.width().unwrap_or(0);
    }
    (w == c).then_some(line.len())
}

fn check_alignment(out: &str, lang: Lang, width: Option<usize>) {
    let label_w = Programme::ALL
        .iter()
        .map(|p| labels::programme_label(*p, lang).width())
        .max()
        .unwrap_or(0);
    let label_col = 2 + 11 + 2;
    let wide_col = label_col + label_w + 2;
    let narrow = width.is_some_and(|w| w < wide_col + 20);
    let text_col = wide_col;
    let mut activities = 0;
    for line in out.lines() {
        if let Some(w) = width {
            assert!(line.width() <= w, "wider than {w}: {line:?}");
        }
        let is_head = line.len() > 3
            && line.starts_with("  ")
            && line.as_bytes()[2].is_ascii_digit()
            && line.as_bytes()[4] == b':';
        if is_head {
            activities += 1;
            // The time, the programme and the text each start at their column.
            assert_eq!(&line[2..13].len(), &11, "{line:?}");
            assert_eq!(col(line, 2), 2);
            let l = at_col(line, label_col).expect("label starts on a column");
            assert!(!line[l..].starts_with(' '), "{line:?}");
            assert!(
                Programme::ALL
                    .iter()
                    .any(|p| line[l..].starts_with(labels::programme_label(*p, lang))),
                "{line:?}"
            );
            if !narrow {
                let t = at_col(line, text_col)
                    .unwrap_or_else(|| panic!("text not at column {text_col}: {line:?}"));
                assert!(line[..t].ends_with("  "), "{line:?}");
                assert!(!line[t..].starts_with(' '), "{line:?}");
            }
        } else if line.starts_with("   ") {
            // A continuation: only when wrapping to a width, and then a
            // short indent under its activity, never out to the text column.
            assert!(
                width.is_some(),
                "without a width an activity is one line: {line:?}"
            );
            let first = line.len() - line.trim_start().len();
            assert_eq!(col(line, first), 4, "{line:?}");
        }
    }
    assert!(activities > 0);
}

#[test]
fn text_columns_align_by_display_width() {
    for week in [
        week48(),
        DateRange::week_of(day(2026, 10, 19)),
        DateRange::week_of(day(2026, 9, 28)),
    ] {
        for lang in [Lang::Zh, Lang::En] {
            let s = sheet(week, lang);
            for width in [None, Some(120), Some(80), Some(60), Some(44), Some(30)] {
                check_alignment(&text::render(&s, width), lang, width);
            }
        }
    }
}

#[test]
fn crowded_text_aligns_and_fits() {
    let dir = support::crowded_copy();
    let schedule = store::load_dir(dir.path()).schedule;
    for lang in [Lang::Zh, Lang::En] {
        let s = print::week_sheet(&schedule, week48(), today(), lang);
        for width in [None, Some(100), Some(72), Some(50), Some(30)] {
            check_alignment(&text::render(&s, width), lang, width);
        }
    }
}

/// The layout adds no ambiguous-width characters: any there are come from
/// the schedule's own text (here the sample's “8+3”).
#[test]
fn text_layout_uses_no_ambiguous_width_characters() {
    let schedule = sample();
    let user_text = format!("{schedule:?}");
    for lang in [Lang::Zh, Lang::En] {
        for first in [day(2026, 9, 28), day(2026, 10, 19), day(2026, 11, 23)] {
            let s = print::week_sheet(&schedule, DateRange::week_of(first), today(), lang);
            for width in [None, Some(40)] {
                for c in text::render(&s, width).chars() {
                    if c.width() != c.width_cjk() {
                        assert!(user_text.contains(c), "{c:?} is not from the schedule");
                    }
                    assert!(!('\u{2500}'..='\u{257f}').contains(&c), "box drawing {c:?}");
                }
            }
        }
    }
}

// ---------- holidays, lunar marks, the short form ----------

/// A year whose holidays are not announced is said once on every form,
/// never on each day.
#[test]
fn unannounced_holidays_are_said_once_per_sheet() {
    for first in [day(2027, 1, 4), day(2027, 3, 1), day(2026, 12, 28)] {
        for lang in [Lang::Zh, Lang::En] {
            let s = sheet(DateRange::week_of(first), lang);
            let note = s.unannounced_note().expect("2027 is not announced");
            for (what, out) in [
                ("text", text::render(&s, None)),
                ("text 40", text::render(&s, Some(40))),
                ("html", html::render(&s)),
                ("image", image::week_svg(&s)),
            ] {
                // Wrapped at 40 columns the note may go on two lines.
                let start: String = note.chars().take(6).collect();
                let once = match what {
                    "text 40" => out.matches(&start).count(),
                    _ => out.matches(&note).count(),
                };
                assert_eq!(once, 1, "{what} {first} {lang:?}:\n{out}");
                assert!(!out.contains("假期尚未公布"), "{what}");
            }
        }
    }
    let m = month_sheet(day(2027, 1, 1), Lang::Zh);
    assert_eq!(
        month::render(&m)
            .matches("2027年节假日安排尚未公布")
            .count(),
        1
    );
    // An announced year says nothing of the kind.
    assert_eq!(sheet(week48(), Lang::Zh).unannounced_note(), None);
}

#[test]
fn the_month_sheet_marks_days_off_and_working_days() {
    let page = month::render(&month_sheet(day(2026, 10, 1), Lang::Zh));
    assert_eq!(
        page.matches("<span class=\"hol\">休 国庆节</span>").count(),
        7
    );
    assert_eq!(
        page.matches("<span class=\"hol\">班 国庆节</span>").count(),
        1
    );
    assert!(page.contains("@page { size: A4 landscape; margin: 10mm; }"));
    // Every date of the month is a cell, every activity a line.
    let s = month_sheet(day(2026, 10, 1), Lang::Zh);
    assert_eq!(page.matches("<span class=\"num\">").count(), 31);
    assert_eq!(page.matches("<div class=\"mi ").count(), s.items().count());
}

/// The lunar calendar (a separate issue) fills `SheetDay::lunar`; every
/// sheet prints it, escaped.
#[test]
fn a_lunar_mark_is_printed_on_every_sheet_escaped() {
    let mut s = sheet(week48(), Lang::Zh);
    s.days[2].lunar = Some("十月初七<b>&".to_owned());
    let shown = "十月初七&lt;b&gt;&amp;";
    assert!(html::render(&s).contains(shown));
    assert!(image::week_svg(&s).contains(shown));
    let mut m = month_sheet(day(2026, 12, 1), Lang::Zh);
    m.days[21].lunar = Some("冬至".to_owned());
    assert!(month::render(&m).contains("<span class=\"lunar\">冬至</span>"));
}

#[test]
fn the_short_form_is_time_title_place_and_fits_a_phone() {
    for first in [day(2026, 9, 28), day(2026, 10, 19), day(2026, 11, 23)] {
        let s = sheet(DateRange::week_of(first), Lang::Zh);
        let out = text::render_short(&s);
        let activity_lines = out
            .lines()
            .filter(|l| l.len() > 5 && l.as_bytes()[2] == b':')
            .count();
        assert_eq!(activity_lines, s.items().count(), "{out}");
        for item in s.items() {
            let t = item.title.clone().unwrap_or_default();
            assert!(out.contains(&t), "{t} missing");
        }
        // No padding, no details: short lines (a skipped activity
        // without a title is named by its programme).
        for l in out
            .lines()
            .filter(|l| l.len() > 5 && l.as_bytes()[2] == b':')
        {
            assert!(!l.contains("  ") && !l.contains("地点"), "{l}");
        }
        assert!(out.lines().all(|l| l.width() <= 80), "{out}");
    }
}

// ---------- the 乐淘淘 flyer ----------

#[test]
fn the_flyer_tells_a_skipped_month_and_refuses_a_month_without_one() {
    let f = flyer::flyer(&month_sheet(day(2027, 2, 1), Lang::Zh)).expect("February's entry");
    assert!(f.skipped);
    assert_eq!(f.status.as_deref(), Some("暂停：春节假期暂停"));
    let page = flyer::render(&f);
    assert!(page.contains("暂停：春节假期暂停"));
    assert!(
        !page.contains("服务项目"),
        "a skipped day lists no services"
    );
    assert_eq!(
        flyer::flyer(&month_sheet(day(2027, 8, 1), Lang::Zh)),
        Err(flyer::NoFlyer::None)
    );
    let moved = flyer::flyer(&month_sheet(day(2026, 10, 1), Lang::Zh)).expect("October");
    assert_eq!(moved.date, day(2026, 10, 24));
    assert!(flyer::render(&moved).contains("由10月17日改期"));
}

#[test]
fn the_flyer_escapes_and_neutralises_its_text() {
    let mut f = flyer::flyer(&month_sheet(day(2026, 12, 1), Lang::Zh)).expect("December");
    f.theme = "<script>alert(1)</script>\u{1b}[2J".to_owned();
    f.services = vec!["a\tb\u{202e}c".to_owned()];
    let page = flyer::render(&f);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\u{1b}[2J"));
    assert!(page.contains("a b\\u{202e}c"));
    // The image wraps the long headline: its pieces, escaped.
    let svg = image::flyer_svg(&f);
    for piece in ["&lt;script&gt;", "\\u{1b}", "a b\\u{202e}c"] {
        assert!(svg.contains(piece), "{piece}");
    }
    for out in [page, svg] {
        assert!(!out.contains("<script"));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    }
}

// ---------- HTML ----------

#[test]
fn html_is_self_contained_and_for_a4_landscape() {
    let page = html::render(&sheet(week48(), Lang::Zh));
    assert!(page.contains("@page { size: A4 landscape; margin: 10mm; }"));
    assert!(page.contains("table-layout: fixed"));
    assert!(page.contains("print-color-adjust: exact"));
    for font in ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"] {
        assert!(page.contains(font), "{font}");
    }
    for outside in [
        "<script", "http:", "https:", "src=", "url(", "@import", "<link",
    ] {
        assert!(!page.contains(outside), "{outside}");
    }
    // Heading, seven days Monday first, the week's titles, footer.
    assert!(page.contains("<h1>石化街道社区党群服务中心</h1>"));
    assert!(page.contains("2026年11月23日—29日"));
    let mon = page.find("周一").expect("周一");
    let sun = page.find("周日").expect("周日");
    assert!(mon < sun);
    for t in [
        "焦裕禄",
        "浦东开发开放与上海的腾飞",
        "电影放映",
        "微党课",
        "乐淘淘",
    ] {
        assert!(page.contains(t), "{t}");
    }
    assert!(page.contains("咨询电话 021-57941921"));
    assert!(page.contains("打印日期：2026年11月27日"));
}

#[test]
fn html_shows_skips_with_their_reason() {
    let page = html::render(&sheet(DateRange::week_of(day(2026, 9, 28)), Lang::Zh));
    assert!(page.contains("act film skipped"));
    assert!(page.contains("暂停：国庆放假"));
}

#[test]
fn html_escapes_every_schedule_text() {
    let mut schedule = sample();
    let nasty = r#"<script>alert('x')</script> & "引号""#;
    schedule.station.name = nasty.to_owned();
    schedule.station.contact = Some(nasty.to_owned());
    if let Some(l) = schedule.lectures.as_mut() {
        for lecture in &mut l.catalogue {
            lecture.title = nasty.to_owned();
            lecture.speaker = nasty.to_owned();
        }
    }
    let page = html::render(&print::week_sheet(&schedule, week48(), today(), Lang::Zh));
    assert!(!page.contains("<script"));
    assert!(!page.contains("alert('x')"));
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot;")
    );
}

#[test]
fn crowded_days_get_a_smaller_font_than_quiet_ones() {
    let dir = support::crowded_copy();
    let schedule = store::load_dir(dir.path()).schedule;
    let quiet = print::week_sheet(&sample(), week48(), today(), Lang::Zh);
    let crowded = print::week_sheet(&schedule, week48(), today(), Lang::Zh);
    let (quiet_pt, crowded_pt) = (html::day_sizes(&quiet), html::day_sizes(&crowded));
    for ((qs, cs), c) in quiet_pt.iter().zip(&crowded_pt).zip(&crowded.days) {
        assert!(cs < qs, "{}: {cs} !< {qs}", c.date);
        assert!(*cs >= html::MIN_PT);
    }
    // A normal week reads from two metres: its details (0.92 em) at 14 pt
    // or more, the whole week at one size.
    assert!(quiet_pt.iter().all(|pt| pt * 0.92 >= 14.0), "{quiet_pt:?}");
    assert!(
        quiet_pt
            .windows(2)
            .all(|w| (w[0] - w[1]).abs() < f32::EPSILON)
    );
}

// ---------- iCalendar ----------

#[test]
fn ics_lines_are_crlf_folded_and_balanced() {
    let cal = ics::render(&sheet(week48(), Lang::Zh), stamp());
    assert!(cal.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(cal.ends_with("END:VCALENDAR\r\n"));
    assert!(!cal.replace("\r\n", "").contains('\n'));
    for line in cal.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(cal.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"));
    let events = cal.matches("BEGIN:VEVENT").count();
    assert_eq!(events, cal.matches("END:VEVENT").count());
    assert_eq!(events, sheet(week48(), Lang::Zh).items().count());
    assert!(cal.contains("DTSTART;TZID=Asia/Shanghai:20261125T140000\r\n"));
    assert!(cal.contains("DTEND;TZID=Asia/Shanghai:20261125T160000\r\n"));
}

fn uids(cal: &str) -> Vec<String> {
    cal.replace("\r\n ", "")
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn ics_uids_are_unique_and_stable_across_exports() {
    let a = ics::render(&sheet(week48(), Lang::Zh), stamp());
    let b = ics::render(&sheet(week48(), Lang::En), Utc::now());
    let ua = uids(&a);
    assert_eq!(
        ua,
        uids(&b),
        "language and time of export do not change UIDs"
    );
    let mut dedup = ua.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), ua.len(), "{ua:?}");
    // A longer export holds the same activities under the same UIDs.
    let month = DateRange::new(day(2026, 11, 1), day(2026, 11, 30));
    let um = uids(&ics::render(&sheet(month, Lang::Zh), stamp()));
    for u in &ua {
        assert!(um.contains(u), "{u}");
    }
    assert!(ua.iter().any(|u| u.starts_with("screening-20261125-")));
    assert!(
        ua.iter()
            .any(|u| u.starts_with("lecture-L21-20261124-0930-"))
    );
    assert!(ua.iter().any(|u| u.starts_with("event-E01-20261123-")));
}

#[test]
fn ics_marks_skipped_activities_cancelled_and_keeps_moved_uids() {
    let weeks = DateRange::new(day(2026, 9, 28), day(2026, 10, 25));
    let s = sheet(weeks, Lang::Zh);
    let cal = ics::render(&s, stamp()).replace("\r\n ", "");
    let skipped = s
        .items()
        .filter(|i| matches!(i.occurrence.status, Status::Skipped(_)))
        .count();
    assert_eq!(skipped, 2);
    assert_eq!(cal.matches("STATUS:CANCELLED").count(), skipped);
    assert!(cal.contains("SUMMARY:【暂停】电影放映\r\n"));
    // The 10-21 screening moved to 10-23 keeps the UID of its series date.
    let moved = s
        .items()
        .find(|i| {
            i.occurrence.date == day(2026, 10, 23) && i.occurrence.programme == Programme::Screening
        })
        .expect("moved screening");
    assert!(moved.uid.starts_with("screening-20261021-"));
    assert!(
        cal.contains(
            "DESCRIPTION:由10月21日改期：多功能厅召开社区代表会议\\n影片：上甘岭（1956年）"
        ),
        "{cal}"
    );
}
