//! `check` reports what the views mark `!`: a room or a speaker booked
//! twice at once, as one warning per clash (however many activities it
//! holds) at the line of the activity that starts last; and seats offered
//! above a room's capacity. Warnings leave the exit code 0.

use std::path::Path;

use crate::support::{asset, copy_dir, sample_copy, stationcal, stdout};

/// Inserts `lines` into the `sessions` list of `file`, before its `],`.
fn add_sessions(file: &Path, lines: &str) {
    let text = std::fs::read_to_string(file).expect("lectures.ron");
    let at = text.find("    sessions: [").expect("a sessions list");
    let end = at + text[at..].find("\n    ],").expect("the list's end");
    let text = format!("{}\n{lines}{}", &text[..end], &text[end..]);
    std::fs::write(file, text).expect("write lectures.ron");
}

/// `check` on `dir` as of 2026-11-27; its exit code and output.
fn check(dir: &Path, lang: &str) -> (Option<i32>, String) {
    let out = stationcal(dir, &["check", "--today", "2026-11-27", "--lang", lang]);
    (out.status.code(), stdout(&out))
}

/// The line of `file` (1-based) that contains `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn a_lecture_in_the_screening_room_during_the_film_is_one_warning_at_the_lecture() {
    let dir = sample_copy();
    let lectures = dir.path().join("lectures.ron");
    // Wednesday 2 December: 南征北战 14:00-16:00 in 多功能厅.
    add_sessions(
        &lectures,
        "        Session(lecture: \"L23\", date: \"2026-12-02\", start: \"14:30\", end: \"15:10\", room: \"多功能厅\"),",
    );
    let line = line_of(&lectures, "date: \"2026-12-02\", start: \"14:30\"");
    let (code, out) = check(dir.path(), "zh");
    assert_eq!(code, Some(0), "{out}");
    let head = format!(
        "lectures.ron:{line}:9: 提醒: 2026-12-02 14:30-15:10 微党课《社会主义从空想到科学》 与 14:00-16:00 电影放映《南征北战》 同时使用 多功能厅"
    );
    assert!(out.contains(&head), "no {head:?} in\n{out}");
    assert_eq!(out.matches("提醒:").count(), 1, "{out}");
    assert!(out.trim_end().ends_with("1个提醒，没有错误"), "{out}");
    let (code, out) = check(dir.path(), "en");
    assert_eq!(code, Some(0));
    assert!(
        out.contains("uses 多功能厅 at the same time as 14:00-16:00 Film \"南征北战\""),
        "{out}"
    );
}

#[test]
fn a_speaker_in_two_rooms_at_once_is_reported_and_a_past_clash_is_not() {
    let dir = sample_copy();
    let lectures = dir.path().join("lectures.ron");
    // L23's speaker twice on 1 December, in two rooms; and twice on
    // 2 November, before "today".
    add_sessions(
        &lectures,
        "        Session(lecture: \"L23\", date: \"2026-12-01\", start: \"10:00\", end: \"10:45\", room: \"会议室\"),\n        \
         Session(lecture: \"L23\", date: \"2026-11-02\", start: \"09:00\", end: \"09:45\", room: \"会议室\"),\n        \
         Session(lecture: \"L23\", date: \"2026-11-02\", start: \"09:30\", end: \"10:15\", room: \"阅览室\"),",
    );
    let (code, out) = check(dir.path(), "zh");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.matches("提醒:").count(), 1, "{out}");
    assert!(
        out.contains("2026-12-01 10:00-10:45 微党课《社会主义从空想到科学》 的主讲人"),
        "{out}"
    );
    assert!(
        out.contains("同时还有 09:30-10:15 微党课《社会主义从空想到科学》"),
        "{out}"
    );
    assert!(!out.contains("2026-11-02"), "a past clash: {out}");
}

#[test]
fn seats_above_the_room_are_a_warning_and_a_full_room_is_not() {
    let dir = sample_copy();
    let lectures = dir.path().join("lectures.ron");
    // 党员活动室 has 40 seats.
    add_sessions(
        &lectures,
        "        Session(lecture: \"L24\", date: \"2026-12-04\", start: \"09:30\", end: \"10:15\", room: \"党员活动室\", seats: 60),\n        \
         Session(lecture: \"L24\", date: \"2026-12-11\", start: \"09:30\", end: \"10:15\", room: \"党员活动室\", seats: 40),",
    );
    let line = line_of(&lectures, "seats: 60");
    let text = std::fs::read_to_string(&lectures).expect("read");
    let source = text.lines().nth(line - 1).expect("the line");
    // The column of `60`, in characters.
    let at = source.find("seats: 60").expect("seats") + "seats: ".len();
    let col = source[..at].chars().count() + 1;
    let (code, out) = check(dir.path(), "zh");
    assert_eq!(code, Some(0), "{out}");
    let want = format!("lectures.ron:{line}:{col}: 提醒: 座位数 60 超过了 党员活动室 的 40 座");
    assert!(out.contains(&want), "no {want:?} in\n{out}");
    assert_eq!(out.matches("提醒:").count(), 1, "{out}");
}

/// A thousand activities in one room at one hour are one clash: one
/// warning naming three of the others and counting the rest.
#[test]
fn a_thousand_bookings_of_one_room_are_one_warning() {
    let dir = sample_copy();
    let events = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&events).expect("events.ron");
    let mut extra = String::new();
    for n in 0..1000 {
        extra.push_str(&format!(
            "        Event(id: \"X{n:04}\", title: \"议事会{n}\", date: \"2026-12-05\", start: \"09:00\", end: \"10:00\", room: \"会议室\"),\n"
        ));
    }
    let at = text
        .rfind("    ],")
        .expect("the events list ends with `    ],`");
    std::fs::write(&events, format!("{}{extra}{}", &text[..at], &text[at..])).expect("write");
    let (code, out) = check(dir.path(), "zh");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.matches("提醒:").count(), 1, "{out}");
    assert!(out.contains("及另外 996 项 同时使用 会议室"), "{out}");
}

/// In a network a speaker is one person at every site: a clash across
/// sites names the other site.
#[test]
fn a_speaker_at_two_sites_at_once_names_the_other_site() {
    let tmp = tempfile::tempdir().expect("temp");
    copy_dir(&asset("assets/network"), tmp.path());
    // 沈国良 gives 中心's L01 on 2026-12-15 09:30; 东礁's D-L01 at that
    // hour becomes his lecture too.
    let centre = tmp.path().join("中心/lectures.ron");
    add_sessions(
        &centre,
        "        Session(lecture: \"L01\", date: \"2026-12-15\", start: \"09:30\", end: \"10:25\", room: \"党员活动室\"),",
    );
    let east = tmp.path().join("东礁居民区/lectures.ron");
    let text = std::fs::read_to_string(&east).expect("read");
    let text = text.replacen("speaker: \"王志强\"", "speaker: \"沈国良\"", 1);
    std::fs::write(&east, text).expect("write");
    let (code, out) = check(tmp.path(), "zh");
    assert_eq!(code, Some(0), "{out}");
    // The speaker's clash, at 东礁's session, naming 中心; and 中心's own
    // room clash (L27 is in 党员活动室 at 09:30 that day).
    assert_eq!(out.matches("提醒:").count(), 2, "{out}");
    let speaker = out
        .lines()
        .find(|l| l.starts_with("东礁居民区/lectures.ron:"))
        .expect("a warning in 东礁's file");
    assert!(
        speaker.contains("的主讲人 沈国良 同时还有 09:30-10:25 微党课《从“四史”看石化街道社区精神的传承与发展》（石化街道社区党群服务中心）"),
        "{out}"
    );
    assert!(out.contains("中心/lectures.ron:"), "{out}");
}
