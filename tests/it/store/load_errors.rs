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

use crate::support::{line_col, sample_copy, sample_text, table_tests};

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

// ----- one slip, one diagnostic -----
//
// Most mistakes are one edit in one file that must give exactly one
// diagnostic: [`Slip`] is such an edit and what its diagnostic must say,
// [`check_slip`] checks it. Each row of the tables below is a test of its
// own (`table_tests!`); the tests that check more call [`check_slip`] first.

/// What the rest of the schedule does after the slip.
#[derive(Clone, Copy)]
enum Rest {
    /// The file with the slip did not load (a syntax or value error); every
    /// other file loaded as in the sample.
    Dropped,
    /// Everything loaded, the file with the slip included (a check failed).
    Kept,
}

/// What the diagnostic says about full-width characters.
#[derive(Clone, Copy)]
enum Hint {
    /// Not looked at.
    Any,
    /// No hint (nothing full-width on the line).
    None,
    /// A Chinese hint containing each of these.
    Zh(&'static [&'static str]),
}

/// A mistake made by hand: in `file` the unique `from` (or, with `after`,
/// the first `from` after the unique `after`) becomes `to`.
struct Slip {
    file: &'static str,
    after: Option<&'static str>,
    from: &'static str,
    to: &'static str,
    /// Where the diagnostic points: the first `at` inside `to`.
    at: &'static str,
    cause: fn(&Cause) -> bool,
    /// Words each message must hold.
    zh: &'static [&'static str],
    en: &'static [&'static str],
    /// The whole of `at` is underlined.
    underlined: bool,
    hint: Hint,
    rest: Rest,
}

/// Makes the slip in a copy of the sample, loads it and checks the one
/// diagnostic: file, line and column, cause, both messages, hint,
/// underline, and the rest of the schedule. Returns what loaded, the
/// edited text and where `to` starts in it, for tests that check more.
fn check_slip(slip: &Slip) -> (Loaded, String, usize) {
    let original = sample_text(slip.file);
    let (text, at) = match slip.after {
        None => replace_unique(&original, slip.from, slip.to),
        Some(anchor) => replace_after(&original, anchor, slip.from, slip.to),
    };
    let dir = dir_with(slip.file, &text);
    let loaded = load_dir(dir.path());
    let d = only(&loaded);
    assert!((slip.cause)(&d.cause), "unexpected cause {:?}", d.cause);
    assert_diag(
        d,
        slip.file,
        pos_in(&text, at, slip.to, slip.at),
        slip.zh,
        slip.en,
    );
    match slip.hint {
        Hint::Any => {}
        Hint::None => assert_eq!(d.hint(Lang::Zh), None),
        Hint::Zh(words) => {
            let hint = d
                .hint(Lang::Zh)
                .expect("a hint about the full-width character");
            for w in words {
                assert!(hint.contains(w), "the hint lacks {w:?}: {hint}");
            }
        }
    }
    if slip.underlined {
        assert_underlines(d, slip.at);
    }
    let part = Part::ALL
        .into_iter()
        .find(|p| p.file_name() == slip.file)
        .expect("a schedule file");
    assert_rest_intact(&loaded, part, matches!(slip.rest, Rest::Dropped));
    (loaded, text, at)
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

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
    assert!(s.records.is_some());
    assert_eq!(loaded.files.len(), 6);
}

// ----- full-width punctuation and other syntax slips -----

const FULL_WIDTH_COMMA: &str = "Showing(date: \"2026-11-25\"， film: \"F17\")";

#[test]
fn full_width_comma_outside_a_string() {
    let (loaded, ..) = check_slip(&Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: FULL_WIDTH_COMMA,
        at: "，",
        cause: |c| *c == Cause::Syntax(RonError::ExpectedComma),
        zh: &["逗号"],
        en: &["comma"],
        underlined: false,
        hint: Hint::Zh(&["，", ","]),
        rest: Rest::Dropped,
    });
    let d = &loaded.diagnostics[0];
    let hint_en = d.hint(Lang::En).expect("an English hint too");
    assert!(
        hint_en.contains('，') && hint_en.contains("\",\""),
        "{hint_en}"
    );
    assert!(
        d.source_line.contains(FULL_WIDTH_COMMA),
        "{:?}",
        d.source_line
    );
}

table_tests! {
    check_slip;
    full_width_colon: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-11-25\", film： \"F17\")",
        at: "：",
        cause: |c| *c == Cause::Syntax(RonError::ExpectedMapColon),
        zh: &["冒号", "\":\""],
        en: &["colon"],
        underlined: false,
        hint: Hint::Zh(&["：", "\":\""]),
        rest: Rest::Dropped,
    },
    full_width_parenthesis: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing（date: \"2026-11-25\", film: \"F17\")",
        at: "（",
        cause: |c| matches!(c, Cause::Syntax(RonError::ExpectedNamedStructLike("Showing"))),
        zh: &["Showing(...)", "半角"],
        en: &["Showing(...)", "ASCII"],
        underlined: false,
        hint: Hint::Zh(&["（", "\"(\""]),
        rest: Rest::Dropped,
    },
    chinese_quotes_used_as_string_quotes: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-11-25\", film:“F17”)",
        at: "“",
        cause: |c| *c == Cause::Syntax(RonError::ExpectedString),
        zh: &["半角双引号"],
        en: &["double quotes"],
        underlined: false,
        hint: Hint::Zh(&["“", "\"\"\""]),
        rest: Rest::Dropped,
    },
    missing_comma_between_fields: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-11-25\" film: \"F17\")",
        // Reported at the token where the comma was expected.
        at: "film",
        cause: |c| *c == Cause::Syntax(RonError::ExpectedComma),
        zh: &["缺少逗号"],
        en: &["comma", "missing"],
        underlined: false,
        // Nothing full-width on the line: no full-width hint.
        hint: Hint::None,
        rest: Rest::Dropped,
    },
}

/// As typed with the usual space after the colon: `film: “F17”`.
#[test]
fn chinese_quotes_after_a_space_are_pointed_at_exactly() {
    let (loaded, ..) = check_slip(&Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-11-25\", film: “F17”)",
        at: "“",
        cause: |c| *c == Cause::Syntax(RonError::ExpectedString),
        zh: &["半角双引号"],
        en: &["double quotes"],
        underlined: false,
        hint: Hint::Any,
        rest: Rest::Dropped,
    });
    let d = &loaded.diagnostics[0];
    let (_, caret) = d.caret_lines().expect("caret");
    let (_, under) = d.source_line.split_at(
        d.source_line
            .char_indices()
            .nth(d.col - 1)
            .map_or(d.source_line.len(), |(i, _)| i),
    );
    assert!(under.starts_with('“'), "caret {caret:?} is not under “");
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

table_tests! {
    check_slip;
    misspelt_field_suggests_the_right_name: Slip {
        file: "screenings.ron",
        after: None,
        from: "weekday: \"周三\"",
        to: "wekday: \"周三\"",
        at: "wekday",
        cause: |c| matches!(c, Cause::Syntax(RonError::NoSuchStructField { found, .. }) if found == "wekday"),
        zh: &["\"wekday\"", "是不是 \"weekday\""],
        en: &["\"wekday\"", "did you mean \"weekday\""],
        underlined: false,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    misspelt_weekday_in_chinese: Slip {
        file: "service-days.ron",
        after: None,
        from: "weekday: \"周六\",",
        to: "weekday: \"周8\",",
        at: "\"周8\"",
        cause: |c| matches!(c, Cause::Value(Problem::Weekday(v, _)) if v == "周8"),
        zh: &["\"周8\" 不是星期", "周一..周日"],
        en: &["\"周8\" is not a weekday"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    misspelt_weekday_in_english_suggests_the_nearest: Slip {
        file: "screenings.ron",
        after: None,
        from: "weekday: \"周三\"",
        to: "weekday: \"Wendesday\"",
        at: "\"Wendesday\"",
        cause: |c| *c == Cause::Value(Problem::Weekday("Wendesday".into(), Some("Wednesday"))),
        zh: &["不是星期", "是不是 \"Wednesday\""],
        en: &["did you mean \"Wednesday\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    impossible_date_february_30: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-02-30\", film: \"F17\")",
        at: "\"2026-02-30\"",
        cause: |c| *c == Cause::Value(Problem::DateImpossible("2026-02-30".into())),
        zh: &["\"2026-02-30\" 不存在"],
        en: &["there is no date \"2026-02-30\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    impossible_date_month_13: Slip {
        file: "events.ron",
        after: None,
        from: "date: \"2026-12-13\"",
        to: "date: \"2026-13-01\"",
        at: "\"2026-13-01\"",
        cause: |c| *c == Cause::Value(Problem::DateImpossible("2026-13-01".into())),
        zh: &["日期 \"2026-13-01\" 不存在", "月份"],
        en: &["there is no date", "month"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    impossible_time_25_00: Slip {
        file: "lectures.ron",
        after: None,
        from: "lecture: \"L22\", date: \"2026-11-26\", start: \"19:00\"",
        to: "lecture: \"L22\", date: \"2026-11-26\", start: \"25:00\"",
        at: "\"25:00\"",
        cause: |c| *c == Cause::Value(Problem::TimeImpossible("25:00".into())),
        zh: &["时间 \"25:00\" 不存在", "00-23"],
        en: &["there is no time \"25:00\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
    impossible_time_14_60: Slip {
        file: "service-days.ron",
        after: None,
        from: "end: \"11:30\",",
        to: "end: \"14:60\",",
        at: "\"14:60\"",
        cause: |c| *c == Cause::Value(Problem::TimeImpossible("14:60".into())),
        zh: &["时间 \"14:60\" 不存在", "00-59"],
        en: &["there is no time \"14:60\"", "minutes"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Dropped,
    },
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

table_tests! {
    check_slip;
    end_before_start_in_the_monthly_rule_is_reported_once: Slip {
        file: "service-days.ron",
        after: None,
        from: "end: \"11:30\",",
        to: "end: \"08:00\",",
        at: "\"08:00\"",
        cause: |c| {
            *c == Cause::Check(Issue::EndNotAfterStart {
                start: time(9, 0),
                end: time(8, 0),
            })
        },
        zh: &["08:00", "09:00"],
        en: &["end 08:00 is not after start 09:00"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    },
    unknown_film_in_programme_is_located_at_the_film_value: Slip {
        file: "screenings.ron",
        after: None,
        from: SHOWING_1125,
        to: "Showing(date: \"2026-11-25\", film: \"F99\")",
        at: "\"F99\"",
        cause: |c| *c == Cause::Check(Issue::UnknownFilm("F99".into())),
        zh: &["\"F99\"", "films"],
        en: &["no film with id \"F99\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    },
    unknown_lecture_in_a_session: Slip {
        file: "lectures.ron",
        after: None,
        from: "lecture: \"L22\", date: \"2026-11-26\"",
        to: "lecture: \"L99\", date: \"2026-11-26\"",
        at: "\"L99\"",
        cause: |c| *c == Cause::Check(Issue::UnknownLecture("L99".into())),
        zh: &["\"L99\"", "微党课"],
        en: &["no lecture with id \"L99\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    },
    unknown_room_in_an_event: Slip {
        file: "events.ron",
        after: Some("id: \"E07\""),
        from: "room: \"多功能厅\"",
        to: "room: \"多功能室\"",
        at: "\"多功能室\"",
        cause: |c| *c == Cause::Check(Issue::UnknownRoom("多功能室".into())),
        zh: &["\"多功能室\"", "station.ron"],
        en: &["no room named \"多功能室\""],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    },
}

#[test]
fn duplicate_film_id_is_located_at_the_second_one() {
    let (_, text, at) = check_slip(&Slip {
        file: "screenings.ron",
        after: Some("Film(id: \"F34\""),
        from: "\n",
        to: "\n        Film(id: \"F01\", title: \"开国大典（重映）\", year: 1989, minutes: 163),\n",
        at: "\"F01\"",
        cause: |c| *c == Cause::Check(Issue::DuplicateId("F01".into())),
        zh: &["\"F01\" 重复"],
        en: &["\"F01\" is used twice"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    });
    let second = line_col(
        &text,
        at + text[at..].find("\"F01\"").expect("the added F01"),
    );
    let first = line_col(&text, text.find("\"F01\"").expect("the first F01"));
    assert!(second.0 > first.0, "the second F01 is further down");
}

#[test]
fn absurd_seats() {
    let (loaded, ..) = check_slip(&Slip {
        file: "station.ron",
        after: None,
        from: "Room(name: \"会议室\", seats: 24)",
        to: "Room(name: \"会议室\", seats: 5000)",
        at: "5000",
        cause: |c| *c == Cause::Check(Issue::AbsurdSeats(5000)),
        zh: &["座位数 5000 不合理", "2000"],
        en: &["5000 seats is not plausible"],
        underlined: true,
        hint: Hint::Any,
        rest: Rest::Kept,
    });
    assert_eq!(loaded.schedule.station.rooms.len(), 5);
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
