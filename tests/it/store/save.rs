//! Saving edits into hand-written schedule files: only the changed entries
//! change, every other byte (comments, blank lines, layout, spellings)
//! stays as it was, and the result always reads back as the new schedule.

use std::path::PathBuf;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use stationcal::i18n::Lang;
use stationcal::model::validate::{Pointer, Step};
use stationcal::model::{
    Event, Events, Exception, Film, Lecture, Lectures, Room, Screenings, ServiceDays, Session,
    Showing, Station,
};
use stationcal::store::load::ron_options;
use stationcal::store::save::{SaveError, render};
use stationcal::store::spans::{self, NodeKind};

use crate::support::{asset, sample_text};

fn fixture_path(name: &str) -> PathBuf {
    asset("tests/fixtures/commented").join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture is readable")
}

fn parse<T: DeserializeOwned>(text: &str) -> T {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron_options().from_str(body).expect("text reads")
}

/// Renders and checks the result reads back as `new`.
fn save<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    original: &str,
    new: &T,
) -> String {
    let out = match render(original, new) {
        Ok(out) => out,
        Err(e) => panic!("render failed: {e}"),
    };
    assert_eq!(&parse::<T>(&out), new, "result reads back as the new value");
    out
}

/// The lines removed from `a` and the lines added in `b` (a line diff by
/// longest common subsequence). Lines keep their `\r`.
fn changed_lines<'x>(a: &'x str, b: &'x str) -> (Vec<&'x str>, Vec<&'x str>) {
    let a: Vec<&str> = a.split('\n').collect();
    let b: Vec<&str> = b.split('\n').collect();
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            removed.push(a[i]);
            i += 1;
        } else {
            added.push(b[j]);
            j += 1;
        }
    }
    removed.extend(&a[i..]);
    added.extend(&b[j..]);
    (removed, added)
}

#[track_caller]
fn assert_lines(original: &str, out: &str, removed: &[&str], added: &[&str]) {
    let (r, a) = changed_lines(original, out);
    assert_eq!(
        (r.as_slice(), a.as_slice()),
        (removed, added),
        "changed lines differ; whole result:\n{out}"
    );
}

// ---------------------------------------------------------------------------
// Nothing changed: nothing changes.

const FIXTURES: [&str; 5] = [
    "station.ron",
    "screenings.ron",
    "service-days.ron",
    "lectures.ron",
    "events.ron",
];

fn render_same(name: &str, text: &str) {
    let same = |out: Result<String, SaveError>| {
        assert_eq!(out.as_deref(), Ok(text), "{name} renders unchanged");
    };
    match name {
        "station.ron" => same(render(text, &parse::<Station>(text))),
        "screenings.ron" => same(render(text, &parse::<Screenings>(text))),
        "service-days.ron" => same(render(text, &parse::<ServiceDays>(text))),
        "lectures.ron" => same(render(text, &parse::<Lectures>(text))),
        "events.ron" => same(render(text, &parse::<Events>(text))),
        _ => unreachable!("unknown file {name}"),
    }
}

#[test]
fn rendering_the_unchanged_schedule_gives_the_file_back_byte_for_byte() {
    for name in FIXTURES {
        render_same(name, &fixture(name));
        render_same(name, &sample_text(name));
        render_same(name, &fixture(name).replace('\n', "\r\n"));
    }
}

// ---------------------------------------------------------------------------
// screenings.ron

#[test]
fn changing_a_film_title_changes_only_that_title() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.films[1].title = "建国大业（修复版）".into();
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[r#"        Film(id: "F02", title: "建国大业", year: 2009, minutes: 138), // 没有简介"#],
        &[
            r#"        Film(id: "F02", title: "建国大业（修复版）", year: 2009, minutes: 138), // 没有简介"#,
        ],
    );
    // In a film written over several lines, too.
    let mut s: Screenings = parse(&original);
    s.films[2].title = "建党伟业 4K".into();
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[r#"            title: "建党伟业","#],
        &[r#"            title: "建党伟业 4K","#],
    );
}

#[test]
fn adding_a_film_writes_it_in_the_siblings_style() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    let film = Film {
        id: "F29".into(),
        title: "长津湖".into(),
        year: 2021,
        minutes: 176,
        note: Some("志愿军第9兵团“长津湖战役”".into()),
    };
    s.films.push(film.clone());
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            r#"        Film(id: "F29", title: "长津湖", year: 2021, minutes: 176, note: "志愿军第9兵团“长津湖战役”"),"#,
        ],
    );
    assert!(out.contains(
        "        Film(id: \"F12\", title: \"上甘岭\", year: 1956, minutes: 124),\n        Film(id: \"F29\""
    ));
    // After a film written over several lines, the new one is too.
    let mut s: Screenings = parse(&original);
    s.films.insert(3, film);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            "        Film(",
            r#"            id: "F29","#,
            r#"            title: "长津湖","#,
            "            year: 2021,",
            "            minutes: 176,",
            r#"            note: "志愿军第9兵团“长津湖战役”","#,
            "        ),",
        ],
    );
    assert!(out.contains("        ),\n        Film(\n            id: \"F29\""));
}

#[test]
fn deleting_a_film_takes_its_leading_comment_and_nothing_else() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.films.remove(0);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[
            "        // 开国大典：片长较长",
            r#"        Film(id: "F01", title: "开国大典", year: 1989, minutes: 163, note: "李前宽、肖桂云导演"),"#,
        ],
        &[],
    );
    // A film over several lines, with a block comment above it.
    let mut s: Screenings = parse(&original);
    s.films.remove(2);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[
            "        /* 块注释：下面一部跨行写 */",
            "        Film(",
            r#"            id: "F03","#,
            r#"            title: "建党伟业","#,
            "            year: 2011,",
            "            minutes: 124,",
            r#"            note: "从辛亥革命讲到中共一大在上海召开", // 简介"#,
            "        ),",
        ],
        &[],
    );
}

#[test]
fn deleting_the_first_showing_of_a_month_keeps_the_month_heading() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.programme.remove(0);
    s.programme.remove(2);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[
            r#"        Showing(date: "2026-09-02", film: "F01"), // 开学第一场"#,
            r#"        Showing(date: "2026-10-14", film: "F03"),"#,
        ],
        &[],
    );
}

#[test]
fn adding_a_showing_puts_it_in_its_place_in_the_programme() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    let showing: Showing = parse(r#"Showing(date: "2026-09-16", film: "F03")"#);
    s.programme.insert(2, showing);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[],
        &[r#"        Showing(date: "2026-09-16", film: "F03"),"#],
    );
    assert!(out.contains(
        "        Showing(date: \"2026-09-09\", film: \"F02\"),\n        Showing(date: \"2026-09-16\", film: \"F03\"),\n        Showing(date: \"2026-09-23\""
    ));
}

#[test]
fn changing_the_slot_start_time_changes_that_value_only() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.slot.start = parse(r#""13:30""#);
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[r#"        start: "14:00","#],
        &[r#"        start: "13:30","#],
    );
    // The other spellings ("星期三", "2026/9/2") are left as staff wrote them.
    assert!(out.contains(r#"weekday: "星期三""#) && out.contains(r#"from: "2026/9/2""#));
}

#[test]
fn an_exception_goes_into_a_missing_exceptions_list() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.exceptions.push(parse(
        r#"Move(date: "2026-10-14", end: "17:00", reason: "片长较长")"#,
    ));
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            "    exceptions: [",
            r#"        Move(date: "2026-10-14", end: "17:00", reason: "片长较长"),"#,
            "    ],",
        ],
    );
}

#[test]
fn an_exception_goes_into_an_empty_exceptions_list() {
    let original = fixture("screenings.ron").replace(
        "    // 例外：现在还没有（没写 exceptions）\n",
        "    exceptions: [], // 例外：现在还没有\n",
    );
    let mut s: Screenings = parse(&original);
    s.exceptions
        .push(parse(r#"Skip(date: "2026-09-30", reason: "国庆放假")"#));
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &["    exceptions: [], // 例外：现在还没有"],
        &[
            "    exceptions: [",
            r#"        Skip(date: "2026-09-30", reason: "国庆放假"),"#,
            "    ], // 例外：现在还没有",
        ],
    );
    // An empty list already over two lines keeps its comment inside.
    let original = fixture("screenings.ron").replace(
        "    // 例外：现在还没有（没写 exceptions）\n",
        "    exceptions: [\n        // 例外：现在还没有\n    ],\n",
    );
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[],
        &[r#"        Skip(date: "2026-09-30", reason: "国庆放假"),"#],
    );
}

#[test]
fn setting_and_clearing_an_optional_field() {
    let original = fixture("screenings.ron");
    // Set, in a film written on one line.
    let mut s: Screenings = parse(&original);
    s.films[1].note = Some("韩三平、黄建新导演".into());
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[r#"        Film(id: "F02", title: "建国大业", year: 2009, minutes: 138), // 没有简介"#],
        &[
            r#"        Film(id: "F02", title: "建国大业", year: 2009, minutes: 138, note: "韩三平、黄建新导演"), // 没有简介"#,
        ],
    );
    // Clear, in a film written over several lines: the line goes, comment and all.
    let mut s: Screenings = parse(&original);
    s.films[2].note = None;
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[r#"            note: "从辛亥革命讲到中共一大在上海召开", // 简介"#],
        &[],
    );
    // Clear, on one line.
    let mut s: Screenings = parse(&original);
    s.films[0].note = None;
    let out = save(&original, &s);
    assert_lines(
        &original,
        &out,
        &[
            r#"        Film(id: "F01", title: "开国大典", year: 1989, minutes: 163, note: "李前宽、肖桂云导演"),"#,
        ],
        &[r#"        Film(id: "F01", title: "开国大典", year: 1989, minutes: 163),"#],
    );
    // Clear the slot's `until`, then set it again.
    let mut s: Screenings = parse(&original);
    s.slot.until = None;
    let cleared = save(&original, &s);
    assert_lines(
        &original,
        &cleared,
        &[r#"        until: "2027-07-28","#],
        &[],
    );
    let mut s: Screenings = parse(&cleared);
    s.slot.until = Some(parse(r#""2027-06-30""#));
    let out = save(&cleared, &s);
    assert_lines(&cleared, &out, &[], &[r#"        until: "2027-06-30","#]);
}

// ---------------------------------------------------------------------------
// station.ron

#[test]
fn station_edits_keep_every_comment() {
    let original = fixture("station.ron");
    // Clear the contact: its line goes, the block comment above it with it.
    let mut st: Station = parse(&original);
    st.contact = None;
    let out = save(&original, &st);
    assert_lines(
        &original,
        &out,
        &[
            "    /* 字段之间的块注释 */",
            r#"    contact: "上海市金山区石化街道蒙山路 500 号　咨询电话 021-57941921","#,
        ],
        &[],
    );
    // Add a room after the last one, which had no comma.
    let mut st: Station = parse(&original);
    st.rooms.push(Room {
        name: "二楼活动室".into(),
        seats: 36,
    });
    let out = save(&original, &st);
    assert_lines(
        &original,
        &out,
        &[r#"        Room(name: "四村居民区党群服务站活动室", seats: 50) /* 最后一个没有逗号 */"#],
        &[
            r#"        Room(name: "四村居民区党群服务站活动室", seats: 50), /* 最后一个没有逗号 */"#,
            r#"        Room(name: "二楼活动室", seats: 36)"#,
        ],
    );
    // Delete the room written over several lines with the comment above it;
    // the blank line before that comment stays.
    let mut st: Station = parse(&original);
    st.rooms.remove(2);
    let out = save(&original, &st);
    assert_lines(
        &original,
        &out,
        &[
            "        // 空行之后的注释",
            "        Room(",
            r#"            name: "阅览室","#,
            "            seats: 30, // 跨行写的场地",
            "        ),",
        ],
        &[],
    );
    // Delete the first room: its comment goes, the list's own comment stays.
    let mut st: Station = parse(&original);
    st.rooms.remove(0);
    let out = save(&original, &st);
    assert_lines(
        &original,
        &out,
        &[
            "        // 第一个场地的注释",
            r#"        Room(name: "多功能厅", seats: 120), // 一楼"#,
        ],
        &[],
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let original = fixture("station.ron").replace('\n', "\r\n");
    let mut st: Station = parse(&original);
    st.rooms[1].seats = 45;
    st.rooms.insert(
        2,
        Room {
            name: "二楼活动室".into(),
            seats: 36,
        },
    );
    let out = save(&original, &st);
    assert_lines(
        &original,
        &out,
        &["        Room(name: \"党员活动室\", seats: 40),\r"],
        &[
            "        Room(name: \"党员活动室\", seats: 45),\r",
            "        Room(name: \"二楼活动室\", seats: 36),\r",
        ],
    );
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
}

// ---------------------------------------------------------------------------
// service-days.ron

#[test]
fn changing_a_month_theme_and_the_rule() {
    let original = fixture("service-days.ron");
    let mut sd: ServiceDays = parse(&original);
    sd.months[1].theme = "节水护水乐".into();
    let out = save(&original, &sd);
    assert_lines(
        &original,
        &out,
        &[r#"            theme: "便民水务乐","#],
        &[r#"            theme: "节水护水乐","#],
    );
    let mut sd: ServiceDays = parse(&original);
    sd.months[0].theme = "心理健康乐".into();
    sd.months[0].services.push("老年人情绪疏导".into());
    sd.rule.until = Some(parse(r#""2027-07-31""#));
    let out = save(&original, &sd);
    assert_lines(
        &original,
        &out,
        &[
            r#"        MonthEntry(month: "2026-09", theme: "心灵之窗乐", services: ["心理健康咨询", "亲子沟通小讲堂"]),"#,
        ],
        &[
            r#"        until: "2027-07-31","#,
            r#"        MonthEntry(month: "2026-09", theme: "心理健康乐", services: ["心理健康咨询", "亲子沟通小讲堂", "老年人情绪疏导"]),"#,
        ],
    );
    // "9:00" is still written as staff wrote it.
    assert!(out.contains(r#"start: "9:00""#));
}

#[test]
fn partners_go_into_an_empty_list_on_its_line_and_fields_on_a_shared_line() {
    let original = fixture("service-days.ron");
    let mut sd: ServiceDays = parse(&original);
    sd.partners = vec![
        "金山区自来水公司石化营业所".into(),
        "石化街道社区卫生服务中心".into(),
    ];
    sd.host = "四村居民区党委".into();
    let out = save(&original, &sd);
    assert_lines(
        &original,
        &out,
        &[
            r#"    name: "乐淘淘", host: "四村居民区党总支", // 两个字段写在一行"#,
            "    partners: [], // 暂时没有长期联建单位",
        ],
        &[
            r#"    name: "乐淘淘", host: "四村居民区党委", // 两个字段写在一行"#,
            r#"    partners: ["金山区自来水公司石化营业所", "石化街道社区卫生服务中心"], // 暂时没有长期联建单位"#,
        ],
    );
}

#[test]
fn month_entries_are_added_and_deleted() {
    let original = fixture("service-days.ron");
    let mut sd: ServiceDays = parse(&original);
    let removed = sd.months.remove(1);
    sd.months.push(parse(
        r#"MonthEntry(month: "2027-03", theme: "健康义诊乐", services: ["测血压、血糖"])"#,
    ));
    let out = save(&original, &sd);
    let mut expected_removed = vec!["        // 十月改期"];
    expected_removed.extend(
        original
            .lines()
            .skip_while(|l| !l.contains(r#"month: "2026-10""#))
            .take(9),
    );
    expected_removed.insert(1, "        MonthEntry(");
    assert_eq!(removed.month, parse(r#""2026-10""#));
    assert_lines(
        &original,
        &out,
        &expected_removed[..10],
        &[
            r#"        MonthEntry(month: "2027-03", theme: "健康义诊乐", services: ["测血压、血糖"]),"#,
        ],
    );
}

// ---------------------------------------------------------------------------
// lectures.ron (indented by two spaces)

#[test]
fn sessions_are_added_and_deleted_in_the_files_indentation() {
    let original = fixture("lectures.ron");
    let mut l: Lectures = parse(&original);
    let session: Session = parse(
        r#"Session(lecture: "L02", date: "2026-10-15", start: "19:00", end: "19:50", room: "四村居民区党群服务站活动室")"#,
    );
    l.sessions.push(session);
    let out = save(&original, &l);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            r#"    Session(lecture: "L02", date: "2026-10-15", start: "19:00", end: "19:50", room: "四村居民区党群服务站活动室"),"#,
        ],
    );
    // Delete the session written over two lines, with its comments.
    let mut l: Lectures = parse(&original);
    l.sessions.remove(1);
    let out = save(&original, &l);
    assert_lines(
        &original,
        &out,
        &[
            "    // 跨两行写的一场",
            r#"    Session(lecture: "L02", date: "2026-09-10", start: "19:00", end: "19:50","#,
            r#"            room: "四村居民区党群服务站活动室"), // 周四"#,
        ],
        &[],
    );
    // Give it seats: the field goes after `room`, where it belongs.
    let mut l: Lectures = parse(&original);
    l.sessions[1].seats = Some(30);
    let out = save(&original, &l);
    assert_lines(
        &original,
        &out,
        &[r#"            room: "四村居民区党群服务站活动室"), // 周四"#],
        &[r#"            room: "四村居民区党群服务站活动室", seats: 30), // 周四"#],
    );
}

#[test]
fn a_new_lecture_is_written_over_several_lines_like_its_sibling() {
    let original = fixture("lectures.ron");
    let mut l: Lectures = parse(&original);
    let lecture: Lecture = parse(
        r#"Lecture(id: "L03", title: "我深爱的这座城，我与石化的这些年", speaker: "徐卫东", group: "化二代", minutes: 35)"#,
    );
    l.catalogue.insert(1, lecture);
    let out = save(&original, &l);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            "    Lecture(",
            r#"      id: "L03","#,
            r#"      title: "我深爱的这座城，我与石化的这些年","#,
            r#"      speaker: "徐卫东","#,
            r#"      group: "石化化二代","#,
            "      minutes: 35,",
            "    ),",
        ],
    );
}

// ---------------------------------------------------------------------------
// events.ron (indented by tabs)

fn new_event() -> Event {
    parse(
        r#"Event(id: "E09", title: "元旦迎新联欢会", date: "2026-12-31", start: "14:00", end: "16:00", room: "多功能厅", note: "欢迎报名出节目")"#,
    )
}

#[test]
fn events_are_added_and_deleted_with_tabs() {
    let original = fixture("events.ron");
    let mut ev: Events = parse(&original);
    ev.events.push(new_event());
    let out = save(&original, &ev);
    assert_lines(
        &original,
        &out,
        &[],
        &[
            "\t\tEvent(",
            "\t\t\tid: \"E09\",",
            "\t\t\ttitle: \"元旦迎新联欢会\",",
            "\t\t\tdate: \"2026-12-31\",",
            "\t\t\tstart: \"14:00\",",
            "\t\t\tend: \"16:00\",",
            "\t\t\troom: \"多功能厅\",",
            "\t\t\tnote: \"欢迎报名出节目\",",
            "\t\t),",
        ],
    );
    // Delete the one-line event: its comment goes, the blank line above stays.
    let mut ev: Events = parse(&original);
    ev.events.remove(1);
    let out = save(&original, &ev);
    assert_lines(
        &original,
        &out,
        &[
            "\t\t// 一次性的活动",
            "\t\tEvent(id: \"E07\", title: \"重阳节敬老活动\", date: \"2026-10-18\", start: \"09:00\", end: \"11:00\", room: \"多功能厅\"),",
        ],
        &[],
    );
}

#[test]
fn event_lists_and_options_change_in_place() {
    let original = fixture("events.ron");
    let mut ev: Events = parse(&original);
    ev.events[0].skip = vec![parse(r#""2026-10-02""#)];
    ev.events[0].weekdays.pop();
    ev.events[0].organiser = Some("石化街道党员志愿者服务队".into());
    ev.events[2].note = None;
    let out = save(&original, &ev);
    assert_lines(
        &original,
        &out,
        &[
            "\t\t\tweekdays: [\"周一\", \"周三\", \"周五\"],",
            "\t\t\tskip: [], // 暂不跳过",
            "\t\t\tnote: \"默哀、重温历史\",",
        ],
        &[
            "\t\t\torganiser: \"石化街道党员志愿者服务队\",",
            "\t\t\tweekdays: [\"周一\", \"周三\"],",
            "\t\t\tskip: [\"2026-10-02\"], // 暂不跳过",
        ],
    );
    // The organiser goes where it belongs: after `place`.
    assert!(out.contains("// 户外\n\t\t\torganiser:"));
}

// ---------------------------------------------------------------------------
// Other cases.

#[test]
fn a_skip_that_becomes_a_move_is_rewritten_in_its_layout() {
    let original = sample_text("screenings.ron");
    let mut s: Screenings = parse(&original);
    let i = s
        .exceptions
        .iter()
        .position(|e| matches!(e, Exception::Skip { .. }))
        .expect("the sample has a skip");
    let date = s.exceptions[i].date();
    s.exceptions[i] = Exception::Move {
        date,
        to: None,
        start: None,
        end: Some(parse(r#""17:00""#)),
        room: None,
        reason: None,
    };
    let out = save(&original, &s);
    let (removed, added) = changed_lines(&original, &out);
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert_eq!(
        added,
        [r#"        Move(date: "2026-09-30", end: "17:00"),"#]
    );
}

#[test]
fn a_new_file_gets_a_header_and_the_house_style() {
    let st = Station {
        name: "四村居民区党群服务站".into(),
        contact: Some("蒙山路　100 号".into()),
        rooms: vec![Room {
            name: "活动室".into(),
            seats: 50,
        }],
    };
    let out = save("", &st);
    assert!(out.starts_with("// "), "{out}");
    assert!(out.contains("    rooms: [\n        Room(name: \"活动室\", seats: 50),\n    ],"));
    // The ideographic space is written as is, not as an escape.
    assert!(out.contains("蒙山路　100 号"));
    let mut ev = Events::default();
    ev.events.push(new_event());
    let out = save("", &ev);
    // Too wide for one line: one field a line.
    assert!(
        out.contains("\n        Event(\n            id: \"E09\",\n"),
        "{out}"
    );
}

#[test]
fn unusual_spellings_are_replaced_whole_when_they_change() {
    // `Some(...)`, an empty root, and items written without their type name.
    let original = "Station(\n    name: \"站\",\n    contact: Some(\"旧地址\"), // 地址\n    rooms: [\n        (name: \"甲\", seats: 10),\n    ],\n)\n";
    let mut st: Station = parse(original);
    st.contact = Some("新地址".into());
    st.rooms.push(Room {
        name: "乙".into(),
        seats: 20,
    });
    let out = save(original, &st);
    assert_lines(
        original,
        &out,
        &["    contact: Some(\"旧地址\"), // 地址"],
        &[
            "    contact: \"新地址\", // 地址",
            "        (name: \"乙\", seats: 20),",
        ],
    );
    let original = "// 活动\nEvents()\n";
    let mut ev: Events = parse(original);
    ev.events.push(new_event());
    let out = save(original, &ev);
    assert!(
        out.starts_with("// 活动\nEvents(\n    events: [\n        Event(\n"),
        "{out}"
    );
}

#[test]
fn lists_written_on_one_line_stay_on_one_line() {
    let original = fixture("screenings.ron").replace(
        "    // 例外：现在还没有（没写 exceptions）\n",
        "    exceptions: [Skip(date: \"2026-09-30\", reason: \"国庆\"), Skip(date: \"2026-10-07\", reason: \"国庆\")], // 两条\n",
    );
    let line = |out: &str| {
        out.lines()
            .find(|l| l.contains("exceptions"))
            .expect("the line is there")
            .to_owned()
    };
    let mut s: Screenings = parse(&original);
    let skip = s.exceptions.remove(0);
    s.exceptions.push(skip);
    let out = save(&original, &s);
    assert_eq!(
        line(&out),
        r#"    exceptions: [Skip(date: "2026-10-07", reason: "国庆"), Skip(date: "2026-09-30", reason: "国庆")], // 两条"#
    );
    let mut s: Screenings = parse(&original);
    s.exceptions = vec![parse(r#"Move(date: "2026-10-14", end: "17:00")"#)];
    let out = save(&original, &s);
    assert_eq!(
        line(&out),
        r#"    exceptions: [Move(date: "2026-10-14", end: "17:00")], // 两条"#
    );
    let mut s: Screenings = parse(&original);
    s.exceptions.clear();
    let out = save(&original, &s);
    assert_eq!(line(&out), "    exceptions: [], // 两条");
    let mut s: Screenings = parse(&original);
    s.exceptions
        .insert(1, parse(r#"Skip(date: "2026-10-01", reason: "国庆")"#));
    let out = save(&original, &s);
    assert_eq!(
        line(&out),
        r#"    exceptions: [Skip(date: "2026-09-30", reason: "国庆"), Skip(date: "2026-10-01", reason: "国庆"), Skip(date: "2026-10-07", reason: "国庆")], // 两条"#
    );
}

#[test]
fn a_byte_order_mark_stays() {
    let original = format!("\u{feff}{}", fixture("station.ron"));
    let mut st: Station = parse(&original);
    st.name = "石化街道党群服务中心".into();
    let out = save(&original, &st);
    assert!(out.starts_with('\u{feff}'));
    assert_eq!(changed_lines(&original, &out).0.len(), 1);
}

#[test]
fn an_unreadable_original_is_reported_not_overwritten() {
    let st: Station = parse(&fixture("station.ron"));
    let err = render("Station(name: \"x\", rooms: [", &st).expect_err("does not read");
    assert!(matches!(err, SaveError::Unparseable { .. }), "{err:?}");
    for lang in [Lang::Zh, Lang::En] {
        let m = err.message(lang);
        assert!(
            m.contains("什么都没有写入") || m.contains("Nothing was written"),
            "{m}"
        );
    }
}

#[test]
fn strings_needing_escapes_are_written_so_they_read_back() {
    let original = fixture("screenings.ron");
    let mut s: Screenings = parse(&original);
    s.films[0].title = "带\"引号\"和\\反斜杠\t的片名".into();
    save(&original, &s);
}

// ---------------------------------------------------------------------------
// Random edits on the sample files.

/// The original text of each item of the list at `field`.
fn item_texts(text: &str, field: &'static str) -> Vec<String> {
    let root = spans::parse(text).expect("sample parses");
    let node = root.find(&Pointer(vec![Step::Field(field)]));
    match &node.kind {
        NodeKind::Items(items) => items
            .iter()
            .map(|n| text[n.start..n.end].to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Debug, Clone)]
enum ListEdit {
    Remove(usize),
    Insert(usize, u16),
    Change(usize, u16),
}

fn list_edits() -> impl Strategy<Value = Vec<ListEdit>> {
    prop::collection::vec(
        prop_oneof![
            any::<usize>().prop_map(ListEdit::Remove),
            (any::<usize>(), any::<u16>()).prop_map(|(i, n)| ListEdit::Insert(i, n)),
            (any::<usize>(), any::<u16>()).prop_map(|(i, n)| ListEdit::Change(i, n)),
        ],
        0..8,
    )
}

fn apply_edits<I: Clone>(
    list: &mut Vec<I>,
    edits: &[ListEdit],
    make: impl Fn(u16) -> I,
    change: impl Fn(&mut I, u16),
) {
    for e in edits {
        match *e {
            ListEdit::Remove(i) if !list.is_empty() => {
                let i = i % list.len();
                list.remove(i);
            }
            ListEdit::Insert(i, n) => {
                let i = i % (list.len() + 1);
                list.insert(i, make(n));
            }
            ListEdit::Change(i, n) if !list.is_empty() => {
                let i = i % list.len();
                change(&mut list[i], n);
            }
            _ => {}
        }
    }
}

/// Every item of `before` still in `after` unchanged keeps its bytes.
fn assert_kept<I: PartialEq>(before: &[I], after: &[I], texts: &[String], out: &str) {
    for (item, text) in before.iter().zip(texts) {
        if after.contains(item) {
            assert!(
                out.contains(text.as_str()),
                "kept item lost its text: {text}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_the_sample_screenings_read_back(
        films in list_edits(), programme in list_edits(), exceptions in list_edits(),
    ) {
        let original = sample_text("screenings.ron");
        let before: Screenings = parse(&original);
        let mut s = before.clone();
        apply_edits(&mut s.films, &films,
            |n| Film { id: format!("N{n}"), title: format!("新片{n}"), year: 2000 + n % 30, minutes: 90 + n % 60,
                       note: (n % 2 == 0).then(|| format!("说明“{n}”")) },
            |f, n| { f.title = format!("{}·{n}", f.title); if n % 3 == 0 { f.note = None; } });
        apply_edits(&mut s.programme, &programme,
            |n| Showing { date: parse(&format!("\"2027-08-{:02}\"", 1 + n % 28)), film: format!("F{:02}", 1 + n % 34) },
            |sh, n| sh.film = format!("F{:02}", 1 + n % 34));
        apply_edits(&mut s.exceptions, &exceptions,
            |n| if n % 2 == 0 {
                Exception::Skip { date: parse(&format!("\"2027-09-{:02}\"", 1 + n % 28)), reason: format!("原因{n}") }
            } else {
                Exception::Move { date: parse(&format!("\"2027-09-{:02}\"", 1 + n % 28)), to: None, start: None,
                                  end: Some(parse("\"17:00\"")), room: Some("会议室".into()), reason: None }
            },
            |e, n| if let Exception::Skip { reason, .. } = e { *reason = format!("改{n}"); }
                   else { *e = Exception::Skip { date: e.date(), reason: format!("改{n}") }; });
        let out = save(&original, &s);
        assert_kept(&before.films, &s.films, &item_texts(&original, "films"), &out);
        assert_kept(&before.programme, &s.programme, &item_texts(&original, "programme"), &out);
        assert_kept(&before.exceptions, &s.exceptions, &item_texts(&original, "exceptions"), &out);
    }

    #[test]
    fn random_edits_on_the_sample_lectures_and_events_read_back(
        catalogue in list_edits(), sessions in list_edits(), events in list_edits(),
    ) {
        let original = sample_text("lectures.ron");
        let before: Lectures = parse(&original);
        let mut l = before.clone();
        apply_edits(&mut l.catalogue, &catalogue,
            |n| parse(&format!(r#"Lecture(id: "N{n}", title: "新课{n}", speaker: "讲者", group: "青年党员", minutes: {})"#, 20 + n % 40)),
            |x: &mut Lecture, n| { x.minutes = 20 + n % 40; x.summary = (n % 2 == 0).then(|| format!("简介{n}")); });
        apply_edits(&mut l.sessions, &sessions,
            |n| parse(&format!(r#"Session(lecture: "L01", date: "2027-08-{:02}", start: "09:30", end: "10:20", room: "多功能厅")"#, 1 + n % 28)),
            |x: &mut Session, n| x.seats = (n % 2 == 0).then_some(u32::from(n % 100) + 1));
        let out = save(&original, &l);
        assert_kept(&before.catalogue, &l.catalogue, &item_texts(&original, "catalogue"), &out);
        assert_kept(&before.sessions, &l.sessions, &item_texts(&original, "sessions"), &out);

        let original = sample_text("events.ron");
        let before: Events = parse(&original);
        let mut ev = before.clone();
        apply_edits(&mut ev.events, &events,
            |n| { let mut e = new_event(); e.id = format!("N{n}"); e.skip = vec![parse("\"2027-01-01\"")]; e },
            |e, n| { e.title = format!("{}{n}", e.title); e.skip.clear(); e.room = None; e.place = Some(format!("地点{n}")); });
        let out = save(&original, &ev);
        assert_kept(&before.events, &ev.events, &item_texts(&original, "events"), &out);
    }

    #[test]
    fn random_edits_on_lists_written_on_one_line_read_back(
        exceptions in list_edits(), weekdays in list_edits(), services in list_edits(),
    ) {
        let original = fixture("screenings.ron").replace(
            "    // 例外：现在还没有（没写 exceptions）\n",
            "    exceptions: [Skip(date: \"2026-09-30\", reason: \"国庆\"), /* 中间 */ Move(date: \"2026-10-14\", end: \"17:00\"), Skip(date: \"2027-02-10\", reason: \"春节\"),],\n",
        );
        let before: Screenings = parse(&original);
        let mut s = before.clone();
        apply_edits(&mut s.exceptions, &exceptions,
            |n| parse(&format!(r#"Skip(date: "2027-03-{:02}", reason: "原因{n}")"#, 1 + n % 28)),
            |e, n| *e = parse(&format!(r#"Move(date: "{}", room: "会议室{n}")"#, e.date().format("%Y-%m-%d"))));
        let out = save(&original, &s);
        assert_kept(&before.exceptions, &s.exceptions, &item_texts(&original, "exceptions"), &out);

        let original = fixture("events.ron");
        let before: Events = parse(&original);
        let mut ev = before.clone();
        let days = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        apply_edits(&mut ev.events[0].weekdays, &weekdays,
            |n| parse(&format!("\"{}\"", days[usize::from(n) % 7])),
            |d, n| *d = parse(&format!("\"{}\"", days[usize::from(n) % 7])));
        save(&original, &ev);

        let original = fixture("service-days.ron");
        let before: ServiceDays = parse(&original);
        let mut sd = before.clone();
        apply_edits(&mut sd.months[0].services, &services, |n| format!("服务{n}"), |x, n| *x = format!("改{n}"));
        apply_edits(&mut sd.months[1].services, &services, |n| format!("服务{n}"), |x, n| *x = format!("改{n}"));
        save(&original, &sd);
    }

    #[test]
    fn random_edits_on_the_commented_fixtures_read_back(
        films in list_edits(), programme in list_edits(), rooms in list_edits(), months in list_edits(),
    ) {
        let original = fixture("screenings.ron");
        let before: Screenings = parse(&original);
        let mut s = before.clone();
        apply_edits(&mut s.films, &films,
            |n| Film { id: format!("N{n}"), title: format!("新片{n}"), year: 2000, minutes: 100, note: None },
            |f, n| f.note = (n % 2 == 0).then(|| format!("说明{n}")));
        apply_edits(&mut s.programme, &programme,
            |n| Showing { date: parse(&format!("\"2027-08-{:02}\"", 1 + n % 28)), film: "F01".into() },
            |sh, n| sh.date = parse(&format!("\"2027-09-{:02}\"", 1 + n % 28)));
        let out = save(&original, &s);
        assert_kept(&before.films, &s.films, &item_texts(&original, "films"), &out);
        assert_kept(&before.programme, &s.programme, &item_texts(&original, "programme"), &out);

        let original = fixture("station.ron");
        let before: Station = parse(&original);
        let mut st = before.clone();
        apply_edits(&mut st.rooms, &rooms,
            |n| Room { name: format!("房间{n}"), seats: u32::from(n % 200) + 1 },
            |r, n| r.seats = u32::from(n % 200) + 1);
        let out = save(&original, &st);
        assert_kept(&before.rooms, &st.rooms, &item_texts(&original, "rooms"), &out);

        let original = fixture("service-days.ron");
        let before: ServiceDays = parse(&original);
        let mut sd = before.clone();
        apply_edits(&mut sd.months, &months,
            |n| parse(&format!(r#"MonthEntry(month: "2028-{:02}", theme: "主题{n}")"#, 1 + n % 12)),
            |m, n| { m.services.push(format!("服务{n}")); m.skipped = None; });
        let out = save(&original, &sd);
        assert_kept(&before.months, &sd.months, &item_texts(&original, "months"), &out);
    }
}
