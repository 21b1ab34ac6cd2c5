//! `store::load_dir` on a copy of the sample with one hand-editing mistake
//! at a time: every problem is reported in the right file, at the exact line
//! and (character) column, with a Chinese and an English message, and every
//! other file still loads as if nothing had happened.
//!
//! Expected positions are not hard-coded line numbers: each test finds the
//! place it edited in the edited text and computes the line and column from
//! it, so the tests keep working when the sample's comments change.


use chrono::NaiveTime;
use ron::error::Error as RonError;
use tempfile::TempDir;

use stationcal::i18n::Lang;
use stationcal::model::validate::{Issue, Part, Severity};
use stationcal::model::{Problem, Schedule};
use stationcal::store::{Cause, Diagnostic, Loaded, load_dir};

use crate::support::{sample_copy, sample_text};

// ----- helpers -----

/// A copy of the sample where `file` holds `text` instead.
fn dir_with(file: &str, text: &str) -> TempDir {
    let dir = sample_copy();
    std::fs::write(dir.path().join(file), text).expect("write the edited file");
    dir
}

/// The schedule of the untouched sample, which must load without problems.
fn reference() -> Schedule {
    let dir = sample_copy();
    let loaded = load_dir(dir.path());
    assert!(
        loaded.diagnostics.is_empty(),
        "the untouched sample must load cleanly:\n{}",
        dump(&loaded)
    );
    loaded.schedule
}

/// Replaces the single occurrence of `from` in `text`; returns the new text
/// and the byte offset where `to` starts.
fn replace_unique(text: &str, from: &str, to: &str) -> (String, usize) {
    let mut hits = text.match_indices(from);
    let (at, _) = hits
        .next()
        .unwrap_or_else(|| panic!("{from:?} is not in the sample any more"));
    assert!(
        hits.next().is_none(),
        "{from:?} occurs more than once in the sample: pick a longer anchor"
    );
    let mut out = String::with_capacity(text.len() + to.len());
    out.push_str(&text[..at]);
    out.push_str(to);
    out.push_str(&text[at + from.len()..]);
    (out, at)
}

/// Replaces the first `from` after the single occurrence of `anchor`.
fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> (String, usize) {
    let (_, anchor_at) = replace_unique(text, anchor, anchor);
    let at = anchor_at
        + text[anchor_at..]
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} after {anchor:?}"));
    let mut out = String::with_capacity(text.len() + to.len());
    out.push_str(&text[..at]);
    out.push_str(to);
    out.push_str(&text[at + from.len()..]);
    (out, at)
}

/// 1-based line and character column of a byte offset, counted here
/// independently of the code under test.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The position of `marker` inside the replacement text `to` written at `at`.
fn pos_in(text: &str, at: usize, to: &str, marker: &str) -> (usize, usize) {
    let inner = to
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} is not in {to:?}"));
    line_col(text, at + inner)
}

fn dump(loaded: &Loaded) -> String {
    loaded
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?}\n{}", d.location(), d.cause, d.render(Lang::En)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one diagnostic a single edit must produce.
fn only(loaded: &Loaded) -> &Diagnostic {
    assert_eq!(
        loaded.diagnostics.len(),
        1,
        "expected exactly one diagnostic, got:\n{}",
        dump(loaded)
    );
    &loaded.diagnostics[0]
}

/// Checks file, position, severity and that both messages hold the key words.
fn assert_diag(d: &Diagnostic, file: &str, pos: (usize, usize), zh: &[&str], en: &[&str]) {
    assert_eq!(d.file, file, "file of {d:?}");
    assert_eq!(
        (d.line, d.col),
        pos,
        "line:col of {:?}: {}",
        d.cause,
        d.render(Lang::En)
    );
    assert_eq!(d.severity, Severity::Error);
    let (mz, me) = (d.message(Lang::Zh), d.message(Lang::En));
    for w in zh {
        assert!(mz.contains(w), "Chinese message lacks {w:?}: {mz}");
    }
    for w in en {
        assert!(me.contains(w), "English message lacks {w:?}: {me}");
    }
    assert_ne!(mz, me, "the two languages must differ");
}

/// Display width as a terminal draws it: ASCII one column, the Chinese
/// characters used in these tests two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The diagnostic covers exactly `value` (as written, quotes included) and
/// the caret line underlines all of it, aligned by display width.
fn assert_underlines(d: &Diagnostic, value: &str) {
    let n = value.chars().count();
    assert_eq!(d.span, n, "span of {}", d.render(Lang::En));
    let covered: String = d.source_line.chars().skip(d.col - 1).take(n).collect();
    assert_eq!(covered, value, "{}", d.render(Lang::En));
    let prefix: String = d.source_line.chars().take(d.col - 1).collect();
    let (_, caret) = d.caret_lines().expect("a caret line");
    assert_eq!(
        caret,
        format!("{}{}", " ".repeat(width(&prefix)), "^".repeat(width(value))),
        "\n{}",
        d.render(Lang::En)
    );
}

/// Every part except `broken` is exactly as in the untouched sample; the
/// broken one is absent (`None`, or the empty station) when `dropped`.
fn assert_rest_intact(loaded: &Loaded, broken: Part, dropped: bool) {
    let want = reference();
    let got = &loaded.schedule;
    let check = |part: Part, same: bool, absent: bool| {
        if part == broken {
            if dropped {
                assert!(absent, "{} should not have loaded", part.file_name());
            } else {
                assert!(!absent, "{} should still have loaded", part.file_name());
            }
        } else {
            assert!(same, "{} did not load as in the sample", part.file_name());
        }
    };
    check(
        Part::Station,
        got.station == want.station,
        got.station.name.is_empty() && got.station.rooms.is_empty(),
    );
    check(
        Part::Screenings,
        got.screenings == want.screenings,
        got.screenings.is_none(),
    );
    check(
        Part::ServiceDays,
        got.service_days == want.service_days,
        got.service_days.is_none(),
    );
    check(
        Part::Lectures,
        got.lectures == want.lectures,
        got.lectures.is_none(),
    );
    check(
        Part::Events,
        got.events == want.events,
        got.events.is_none(),
    );
    if broken != Part::Station {
        assert_eq!(got.station.name, "石化街道社区党群服务中心");
    }
}

/// The Showing line of 2026-11-25 in screenings.ron, edited.
fn edit_screenings(from: &str, to: &str) -> (String, usize) {
    replace_unique(&sample_text("screenings.ron"), from, to)
}

const SHOWING_1125: &str = "Showing(date: \"2026-11-25\", film: \"F17\")";

// ----- the untouched sample -----

#[test]
fn untouched_sample_loads_every_file_without_diagnostics() {
    let dir = sample_copy();
    let loaded = load_dir(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
    let s = &loaded.schedule;
    assert_eq!(s.station.name, "石化街道社区党群服务中心");
    assert!(s.screenings.is_some() && s.service_days.is_some());
    assert!(s.lectures.is_some() && s.events.is_some());
    assert_eq!(loaded.files.len(), 5);
}

// ----- full-width punctuation and other syntax slips -----

#[test]
fn full_width_comma_outside_a_string() {
    let to = "Showing(date: \"2026-11-25\"， film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedComma));
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "，"),
        &["逗号"],
        &["comma"],
    );
    let hint = d.hint(Lang::Zh).expect("a hint about the full-width comma");
    assert!(hint.contains('，') && hint.contains(','), "{hint}");
    let hint_en = d.hint(Lang::En).expect("an English hint too");
    assert!(
        hint_en.contains('，') && hint_en.contains("\",\""),
        "{hint_en}"
    );
    assert!(d.source_line.contains(to), "{:?}", d.source_line);
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn full_width_colon() {
    let to = "Showing(date: \"2026-11-25\", film： \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedMapColon));
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "："),
        &["冒号", "\":\""],
        &["colon"],
    );
    let hint = d.hint(Lang::Zh).expect("a hint about the full-width colon");
    assert!(hint.contains('：') && hint.contains("\":\""), "{hint}");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn full_width_parenthesis() {
    let to = "Showing（date: \"2026-11-25\", film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert!(
        matches!(
            d.cause,
            Cause::Syntax(RonError::ExpectedNamedStructLike("Showing"))
        ),
        "{:?}",
        d.cause
    );
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "（"),
        &["Showing(...)", "半角"],
        &["Showing(...)", "ASCII"],
    );
    let hint = d
        .hint(Lang::Zh)
        .expect("a hint about the full-width bracket");
    assert!(hint.contains('（') && hint.contains("\"(\""), "{hint}");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn chinese_quotes_used_as_string_quotes() {
    let to = "Showing(date: \"2026-11-25\", film:“F17”)";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedString));
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "“"),
        &["半角双引号"],
        &["double quotes"],
    );
    let hint = d.hint(Lang::Zh).expect("a hint about Chinese quotes");
    assert!(hint.contains('“') && hint.contains("\"\"\""), "{hint}");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

/// As typed with the usual space after the colon: `film: “F17”`.
#[test]
fn chinese_quotes_after_a_space_are_pointed_at_exactly() {
    let to = "Showing(date: \"2026-11-25\", film: “F17”)";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedString));
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "“"),
        &["半角双引号"],
        &["double quotes"],
    );
    let (_, caret) = d.caret_lines().expect("caret");
    let (_, under) = d.source_line.split_at(
        d.source_line
            .char_indices()
            .nth(d.col - 1)
            .map_or(d.source_line.len(), |(i, _)| i),
    );
    assert!(under.starts_with('“'), "caret {caret:?} is not under “");
}

#[test]
fn missing_comma_between_fields() {
    let to = "Showing(date: \"2026-11-25\" film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedComma));
    // Reported at the token where the comma was expected.
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "film"),
        &["缺少逗号"],
        &["comma", "missing"],
    );
    // Nothing full-width on the line: no full-width hint.
    assert_eq!(d.hint(Lang::Zh), None);
    assert_rest_intact(&loaded, Part::Screenings, true);
}

/// End of file is reported right after the last thing written (comments
/// included), so the caret line shows where the bracket is missing.
fn end_of_content(text: &str) -> (usize, usize) {
    line_col(text, text.trim_end().len())
}

#[test]
fn missing_closing_parenthesis_at_the_end_is_eof() {
    let original = sample_text("screenings.ron");
    let end = original.trim_end();
    assert!(end.ends_with(')'), "the sample ends with `)`");
    let text = format!("{}\n\n", &end[..end.len() - 1]);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::Eof));
    assert_diag(
        d,
        "screenings.ron",
        end_of_content(&text),
        &["文件意外结束", "右括号"],
        &["ends too early"],
    );
    assert_eq!(d.source_line.trim(), "],");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn truncated_inside_a_string_points_at_the_open_quote() {
    let original = sample_text("screenings.ron");
    // Cut in the middle of a date, as a failed copy would.
    let start = original.find(SHOWING_1125).expect("the 11-25 showing");
    let text = original[..start + "Showing(date: \"2026".len()].to_owned();
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::ExpectedStringEnd));
    assert_diag(
        d,
        "screenings.ron",
        line_col(&text, start + "Showing(date: ".len()),
        &["半角双引号"],
        &["double quotes"],
    );
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn truncated_after_a_complete_line_is_eof() {
    let original = sample_text("screenings.ron");
    let start = original.find(SHOWING_1125).expect("the 11-25 showing");
    let cut = start + original[start..].find('\n').expect("end of line") + 1;
    let text = original[..cut].to_owned();
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::Eof));
    assert_diag(
        d,
        "screenings.ron",
        end_of_content(&text),
        &["文件意外结束"],
        &["ends too early"],
    );
}

#[test]
fn empty_file() {
    for text in ["", "\n   \n\t\n"] {
        let dir = dir_with("lectures.ron", text);
        let loaded = load_dir(dir.path());
        let d = only(&loaded);
        assert_eq!(d.cause, Cause::Empty);
        assert_eq!((d.file.as_str(), d.line, d.col), ("lectures.ron", 0, 0));
        assert!(
            d.message(Lang::Zh).contains("空"),
            "{}",
            d.message(Lang::Zh)
        );
        assert!(d.message(Lang::En).contains("empty"));
        assert_eq!(d.caret_lines(), None);
        assert_eq!(d.location(), "lectures.ron");
        assert_rest_intact(&loaded, Part::Lectures, true);
    }
}

// ----- names and values -----
//
// A value that does not read (a date, a time, a weekday) is reported at its
// opening quote, and the whole value, quotes included, is underlined.

#[test]
fn misspelt_field_suggests_the_right_name() {
    let (text, at) = replace_unique(
        &sample_text("screenings.ron"),
        "weekday: \"周三\"",
        "wekday: \"周三\"",
    );
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert!(
        matches!(&d.cause, Cause::Syntax(RonError::NoSuchStructField { found, .. }) if found == "wekday"),
        "{:?}",
        d.cause
    );
    assert_diag(
        d,
        "screenings.ron",
        line_col(&text, at),
        &["\"wekday\"", "是不是 \"weekday\""],
        &["\"wekday\"", "did you mean \"weekday\""],
    );
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn misspelt_weekday_in_chinese() {
    let (text, at) = replace_unique(
        &sample_text("service-days.ron"),
        "weekday: \"周六\",",
        "weekday: \"周8\",",
    );
    let dir = dir_with("service-days.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert!(
        matches!(&d.cause, Cause::Value(Problem::Weekday(v, _)) if v == "周8"),
        "{:?}",
        d.cause
    );
    assert_diag(
        d,
        "service-days.ron",
        pos_in(&text, at, "weekday: \"周8\",", "\"周8\""),
        &["\"周8\" 不是星期", "周一..周日"],
        &["\"周8\" is not a weekday"],
    );
    assert_underlines(d, "\"周8\"");
    assert_rest_intact(&loaded, Part::ServiceDays, true);
}

#[test]
fn misspelt_weekday_in_english_suggests_the_nearest() {
    let to = "weekday: \"Wendesday\"";
    let (text, at) = replace_unique(&sample_text("screenings.ron"), "weekday: \"周三\"", to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(
        d.cause,
        Cause::Value(Problem::Weekday("Wendesday".into(), Some("Wednesday")))
    );
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "\"Wendesday\""),
        &["不是星期", "是不是 \"Wednesday\""],
        &["did you mean \"Wednesday\""],
    );
    assert_underlines(d, "\"Wendesday\"");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn impossible_date_february_30() {
    let to = "Showing(date: \"2026-02-30\", film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(
        d.cause,
        Cause::Value(Problem::DateImpossible("2026-02-30".into()))
    );
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "\"2026-02-30\""),
        &["\"2026-02-30\" 不存在"],
        &["there is no date \"2026-02-30\""],
    );
    assert_underlines(d, "\"2026-02-30\"");
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn impossible_date_month_13() {
    let (text, at) = replace_unique(
        &sample_text("events.ron"),
        "date: \"2026-12-13\"",
        "date: \"2026-13-01\"",
    );
    let dir = dir_with("events.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(
        d.cause,
        Cause::Value(Problem::DateImpossible("2026-13-01".into()))
    );
    assert_diag(
        d,
        "events.ron",
        pos_in(&text, at, "date: \"2026-13-01\"", "\"2026-13-01\""),
        &["日期 \"2026-13-01\" 不存在", "月份"],
        &["there is no date", "month"],
    );
    assert_underlines(d, "\"2026-13-01\"");
    assert_rest_intact(&loaded, Part::Events, true);
}

#[test]
fn impossible_time_25_00() {
    let anchor = "lecture: \"L22\", date: \"2026-11-26\", start: \"19:00\"";
    let to = "lecture: \"L22\", date: \"2026-11-26\", start: \"25:00\"";
    let (text, at) = replace_unique(&sample_text("lectures.ron"), anchor, to);
    let dir = dir_with("lectures.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(
        d.cause,
        Cause::Value(Problem::TimeImpossible("25:00".into()))
    );
    assert_diag(
        d,
        "lectures.ron",
        pos_in(&text, at, to, "\"25:00\""),
        &["时间 \"25:00\" 不存在", "00-23"],
        &["there is no time \"25:00\""],
    );
    assert_underlines(d, "\"25:00\"");
    assert_rest_intact(&loaded, Part::Lectures, true);
}

#[test]
fn impossible_time_14_60() {
    let (text, at) = replace_unique(
        &sample_text("service-days.ron"),
        "end: \"11:30\",",
        "end: \"14:60\",",
    );
    let dir = dir_with("service-days.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(
        d.cause,
        Cause::Value(Problem::TimeImpossible("14:60".into()))
    );
    assert_diag(
        d,
        "service-days.ron",
        pos_in(&text, at, "end: \"14:60\",", "\"14:60\""),
        &["时间 \"14:60\" 不存在", "00-59"],
        &["there is no time \"14:60\"", "minutes"],
    );
    assert_underlines(d, "\"14:60\"");
    assert_rest_intact(&loaded, Part::ServiceDays, true);
}

fn negative_seats() -> (String, usize, &'static str) {
    let to = "Room(name: \"会议室\", seats: -24)";
    let (text, at) = replace_unique(
        &sample_text("station.ron"),
        "Room(name: \"会议室\", seats: 24)",
        to,
    );
    (text, at, to)
}

#[test]
fn negative_seats_is_a_number_error() {
    let (text, at, to) = negative_seats();
    let dir = dir_with("station.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Syntax(RonError::IntegerOutOfBounds));
    assert_eq!(d.file, "station.ron");
    let (line, col) = pos_in(&text, at, to, "-24");
    assert_eq!(d.line, line);
    // Somewhere on the number (see the ignored test below for the exact column).
    assert!((col..=col + 1).contains(&d.col), "{}", d.render(Lang::En));
    assert!(
        d.message(Lang::Zh).contains("整数"),
        "{}",
        d.message(Lang::Zh)
    );
    assert!(d.message(Lang::En).contains("whole number"));
    // The programme files still load, and their rooms are not reported as
    // unknown just because station.ron did not read.
    assert_rest_intact(&loaded, Part::Station, true);
}

#[test]
fn negative_seats_caret_is_at_the_minus_sign() {
    let (text, at, to) = negative_seats();
    let dir = dir_with("station.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_diag(
        d,
        "station.ron",
        pos_in(&text, at, to, "-24"),
        &["整数"],
        &["whole number"],
    );
    assert_underlines(d, "-24");
}

// ----- semantic checks (the file reads, the schedule does not add up) -----

fn slot_end_before_start() -> (String, usize) {
    replace_unique(
        &sample_text("screenings.ron"),
        "end: \"16:00\",",
        "end: \"13:00\",",
    )
}

#[test]
fn end_before_start_is_located_at_end() {
    let (text, at) = slot_end_before_start();
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    assert!(!loaded.diagnostics.is_empty());
    let d = &loaded.diagnostics[0];
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("valid time");
    let cause = Cause::Check(Issue::EndNotAfterStart {
        start: time(14),
        end: time(13),
    });
    assert_eq!(d.cause, cause);
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, "end: \"13:00\",", "\"13:00\""),
        &["13:00", "14:00", "end"],
        &["end 13:00 is not after start 14:00"],
    );
    assert_underlines(d, "\"13:00\"");
    assert!(d.source_line.contains("end: \"13:00\""));
    // Whatever else is reported is the same problem in the same file.
    for other in &loaded.diagnostics {
        assert_eq!(
            (other.file.as_str(), &other.cause),
            ("screenings.ron", &cause)
        );
    }
    // A semantic problem does not drop the file.
    assert_rest_intact(&loaded, Part::Screenings, false);
}

#[test]
fn end_before_start_in_the_slot_is_reported_once() {
    let (text, _) = slot_end_before_start();
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    only(&loaded);
}

#[test]
fn end_before_start_in_the_monthly_rule_is_reported_once() {
    let (text, at) = replace_unique(
        &sample_text("service-days.ron"),
        "end: \"11:30\",",
        "end: \"08:00\",",
    );
    let dir = dir_with("service-days.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_diag(
        d,
        "service-days.ron",
        pos_in(&text, at, "end: \"08:00\",", "\"08:00\""),
        &["08:00", "09:00"],
        &["end 08:00 is not after start 09:00"],
    );
    assert_underlines(d, "\"08:00\"");
}

#[test]
fn unknown_film_in_programme_is_located_at_the_film_value() {
    let to = "Showing(date: \"2026-11-25\", film: \"F99\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Check(Issue::UnknownFilm("F99".into())));
    assert_diag(
        d,
        "screenings.ron",
        pos_in(&text, at, to, "\"F99\""),
        &["\"F99\"", "films"],
        &["no film with id \"F99\""],
    );
    assert_underlines(d, "\"F99\"");
    assert_rest_intact(&loaded, Part::Screenings, false);
}

#[test]
fn unknown_lecture_in_a_session() {
    let to = "lecture: \"L99\", date: \"2026-11-26\"";
    let (text, at) = replace_unique(
        &sample_text("lectures.ron"),
        "lecture: \"L22\", date: \"2026-11-26\"",
        to,
    );
    let dir = dir_with("lectures.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Check(Issue::UnknownLecture("L99".into())));
    assert_diag(
        d,
        "lectures.ron",
        pos_in(&text, at, to, "\"L99\""),
        &["\"L99\"", "微党课"],
        &["no lecture with id \"L99\""],
    );
    assert_underlines(d, "\"L99\"");
    assert_rest_intact(&loaded, Part::Lectures, false);
}

#[test]
fn unknown_room_in_an_event() {
    let to = "room: \"多功能室\"";
    let (text, at) = replace_after(
        &sample_text("events.ron"),
        "id: \"E07\"",
        "room: \"多功能厅\"",
        to,
    );
    let dir = dir_with("events.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Check(Issue::UnknownRoom("多功能室".into())));
    assert_diag(
        d,
        "events.ron",
        pos_in(&text, at, to, "\"多功能室\""),
        &["\"多功能室\"", "station.ron"],
        &["no room named \"多功能室\""],
    );
    assert_underlines(d, "\"多功能室\"");
    assert_rest_intact(&loaded, Part::Events, false);
}

#[test]
fn duplicate_film_id_is_located_at_the_second_one() {
    let added =
        "\n        Film(id: \"F01\", title: \"开国大典（重映）\", year: 1989, minutes: 163),\n";
    let (text, at) = replace_after(&sample_text("screenings.ron"), "Film(id: \"F34\"", "\n", added);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Check(Issue::DuplicateId("F01".into())));
    let pos = pos_in(&text, at, added, "\"F01\"");
    let first = line_col(&text, text.find("\"F01\"").expect("the first F01"));
    assert!(pos.0 > first.0, "the second F01 is further down");
    assert_diag(
        d,
        "screenings.ron",
        pos,
        &["\"F01\" 重复"],
        &["\"F01\" is used twice"],
    );
    assert_underlines(d, "\"F01\"");
    assert_rest_intact(&loaded, Part::Screenings, false);
}

#[test]
fn absurd_seats() {
    let to = "Room(name: \"会议室\", seats: 5000)";
    let (text, at) = replace_unique(
        &sample_text("station.ron"),
        "Room(name: \"会议室\", seats: 24)",
        to,
    );
    let dir = dir_with("station.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::Check(Issue::AbsurdSeats(5000)));
    assert_diag(
        d,
        "station.ron",
        pos_in(&text, at, to, "5000"),
        &["座位数 5000 不合理", "2000"],
        &["5000 seats is not plausible"],
    );
    assert_underlines(d, "5000");
    assert_eq!(loaded.schedule.station.rooms.len(), 5);
    assert_rest_intact(&loaded, Part::Station, false);
}

// ----- files and folders -----

#[test]
fn missing_station_ron() {
    let dir = sample_copy();
    std::fs::remove_file(dir.path().join("station.ron")).expect("remove station.ron");
    let loaded = load_dir(dir.path());
    let missing: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.cause == Cause::MissingStation)
        .collect();
    assert_eq!(missing.len(), 1, "{}", dump(&loaded));
    let d = missing[0];
    assert_eq!((d.file.as_str(), d.line, d.col), ("station.ron", 0, 0));
    assert!(d.message(Lang::Zh).contains("缺少 station.ron"));
    assert!(d.message(Lang::En).contains("station.ron is missing"));
    assert_rest_intact(&loaded, Part::Station, true);
}

#[test]
fn missing_station_ron_is_the_only_diagnostic() {
    let dir = sample_copy();
    std::fs::remove_file(dir.path().join("station.ron")).expect("remove station.ron");
    let loaded = load_dir(dir.path());
    assert_eq!(only(&loaded).cause, Cause::MissingStation);
}

#[test]
fn file_that_is_not_utf8() {
    // "中文" in GBK, as an old Windows editor would save it.
    let dir = sample_copy();
    std::fs::write(
        dir.path().join("lectures.ron"),
        b"Lectures(series: \"\xd6\xd0\xce\xc4\")\n",
    )
    .expect("write GBK bytes");
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!(d.cause, Cause::NotUtf8);
    assert_eq!((d.file.as_str(), d.line, d.col), ("lectures.ron", 0, 0));
    assert!(d.message(Lang::Zh).contains("UTF-8") && d.message(Lang::Zh).contains("GBK"));
    assert!(d.message(Lang::En).contains("not UTF-8"));
    assert_rest_intact(&loaded, Part::Lectures, true);
}

#[test]
fn bom_and_crlf_are_accepted_silently() {
    let dir = tempfile::tempdir().expect("temp folder");
    for part in Part::ALL {
        let name = part.file_name();
        let text = format!("\u{feff}{}", sample_text(name).replace('\n', "\r\n"));
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let loaded = load_dir(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
    assert_eq!(loaded.schedule, reference());
}

#[test]
fn crlf_file_with_an_error_reports_the_same_position_without_cr() {
    let to = "Showing(date: \"2026-11-25\"， film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let want = pos_in(&text, at, to, "，");
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let dir = dir_with("screenings.ron", &crlf);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert_eq!((d.line, d.col), want, "{}", d.render(Lang::En));
    assert!(!d.source_line.contains('\r'), "{:?}", d.source_line);
    assert!(d.source_line.ends_with("// 焦裕禄"), "{:?}", d.source_line);
}

#[test]
fn a_folder_named_like_a_file_is_unreadable() {
    let dir = sample_copy();
    let path = dir.path().join("screenings.ron");
    std::fs::remove_file(&path).expect("remove screenings.ron");
    std::fs::create_dir(&path).expect("make a folder in its place");
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert!(
        matches!(
            d.cause,
            Cause::NotAFile(stationcal::store::fsio::FileKind::Folder)
        ),
        "{:?}",
        d.cause
    );
    assert_eq!((d.file.as_str(), d.line, d.col), ("screenings.ron", 0, 0));
    assert!(d.message(Lang::Zh).contains("文件夹，不是文件"));
    assert!(d.message(Lang::En).contains("folder, not a file"));
    assert_rest_intact(&loaded, Part::Screenings, true);
}

#[test]
fn a_missing_folder_is_no_folder() {
    let dir = tempfile::tempdir().expect("temp folder");
    let loaded = load_dir(&dir.path().join("nowhere"));
    let d = only(&loaded);
    assert!(matches!(d.cause, Cause::NoFolder(_)), "{:?}", d.cause);
    assert!(d.message(Lang::Zh).contains("无法打开日程文件夹"));
}

// ----- showing a diagnostic -----

#[test]
fn caret_sits_under_the_character_after_chinese_text() {
    let from = "title: \"焦裕禄\", year: 1990, minutes";
    let to = "title: \"焦裕禄\", year: 1990， minutes";
    let (text, at) = replace_unique(&sample_text("screenings.ron"), from, to);
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    let (line, col) = pos_in(&text, at, to, "，");
    assert_eq!((d.line, d.col), (line, col), "{}", d.render(Lang::En));
    let (shown, caret) = d
        .caret_lines()
        .expect("a positioned diagnostic has a caret");
    let source = text.lines().nth(line - 1).expect("the line");
    assert_eq!(shown, source);
    // Display width of everything before the error: ASCII is one column,
    // the Chinese characters of this line two.
    let prefix: String = source.chars().take(col - 1).collect();
    assert!(
        prefix.contains("焦裕禄"),
        "Chinese before the error: {prefix}"
    );
    let pad: usize = prefix
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    assert_eq!(
        caret,
        format!("{}^^", " ".repeat(pad)),
        "\n{shown}\n{caret}"
    );
    // The full-width comma inside the note's text is not the one hinted at.
    let hint = d.hint(Lang::Zh).expect("a hint");
    assert!(hint.contains('，'));
}

#[test]
fn render_in_english_starts_with_file_line_col() {
    let to = "Showing(date: \"2026-11-25\"， film: \"F17\")";
    let (text, at) = edit_screenings(SHOWING_1125, to);
    let (line, col) = pos_in(&text, at, to, "，");
    let dir = dir_with("screenings.ron", &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    let out = d.render(Lang::En);
    let mut lines = out.lines();
    let first = lines.next().expect("a first line");
    assert!(
        first.starts_with(&format!("screenings.ron:{line}:{col}: error: ")),
        "{out}"
    );
    assert!(first.contains("comma"), "{out}");
    let second = lines.next().expect("the source line");
    assert_eq!(second, format!("{line} | {}", d.source_line));
    let third = lines.next().expect("the caret line");
    assert!(third.trim_end().ends_with("^^"), "{out}");
    assert!(out.contains("hint:"), "{out}");
    assert_eq!(d.location(), format!("screenings.ron:{line}:{col}"));
    let zh = d.render(Lang::Zh);
    assert!(
        zh.starts_with(&format!("screenings.ron:{line}:{col}: 错误: ")),
        "{zh}"
    );
    assert!(zh.contains("提示"), "{zh}");
}
