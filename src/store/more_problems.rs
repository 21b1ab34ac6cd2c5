//! More than the first problem of a file.
//!
//! RON stops at the first syntax error, and serde at the first value that
//! does not read. Staff fixing a file by hand want every problem at once, so
//! after the first error this module repairs a working copy of the text at
//! the place of that error — the full-width `，` becomes `,`, a missing comma
//! is put in, an impossible date becomes a valid placeholder, a misspelt field
//! gets its nearest name (see [`super::repairs`]) — and reads the copy again,
//! collecting the next error, up to [`MAX_PER_FILE`] per file; when there are
//! more, a last note says so. The copy remembers where its repairs are, so
//! every position reported is a position in the file as staff wrote it.
//!
//! A repair is a guess. An error that only the guess caused (one at or before
//! the repaired place, inside inserted text, or the same error again) ends
//! the search: a file gets fewer reports rather than wrong ones. When the
//! search ends at an error it cannot repair (a missing bracket, a cut-off
//! file), the rest of the file is still scanned for full-width punctuation
//! outside strings and comments, each reported at its own place.
//!
//! A wrong quote is repaired with the quote that really ends its string
//! (see [`super::fullwidth`]), so the copy is read on inside or outside a
//! string as staff meant: one slip, one report.
//!
//! The cost of each problem does not grow with the file: each reading after
//! a repair leaves out the list items before the one repaired (they read
//! once already), positions are found by a line index, and the copy is
//! changed in place. A 60 MiB file with a mistake on every line is checked in
//! about the time it takes to read it once (see docs/PERFORMANCE.md).

use std::borrow::Cow;

use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;

use super::diagnostics::{self, Cause, Diagnostic};
use super::fullwidth;
use super::load::ron_options;
use super::repairs::{repairs, skip_spaces};
use super::scratch::{Lexer, LineIndex, Scratch, offset_of};

/// At most this many problems are reported per file.
pub const MAX_PER_FILE: usize = 20;

/// The text RON reads next: the working copy, or, when the error is in an
/// item of a long list, the copy without the items before that one.
struct Reading<'s> {
    text: Cow<'s, str>,
    /// The list's `[` and how many bytes after it were left out.
    cut: Option<(usize, usize)>,
}

impl<'s> Reading<'s> {
    fn new(s: &'s Scratch, cut: Option<(usize, usize)>) -> Reading<'s> {
        match cut {
            Some((open, from)) if from > open + 1 => Reading {
                text: Cow::Owned(format!("{}{}", &s.text[..=open], &s.text[from..])),
                cut: Some((open, from - open - 1)),
            },
            _ => Reading {
                text: Cow::Borrowed(&s.text),
                cut: None,
            },
        }
    }

    /// The working copy's offset of an offset in this text.
    fn to_scratch(&self, at: usize) -> usize {
        match self.cut {
            Some((open, left_out)) if at > open => at + left_out,
            _ => at,
        }
    }

    /// The working copy's offset of a RON position in this text.
    fn offset(&self, line: usize, col: usize) -> usize {
        self.to_scratch(offset_of(&self.text, line, col))
    }
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<(), SpannedError> {
    ron_options().from_str::<T>(text).map(|_| ())
}

/// A diagnostic made on the text read, moved to the file as written;
/// `None` when it points into text a repair made up.
fn map_back(
    d: &Diagnostic,
    reading: &Reading,
    scratch: &Scratch,
    text: &str,
    lines: &LineIndex,
) -> Option<Diagnostic> {
    let at = reading.offset(d.line, d.col);
    let (o, made_up) = scratch.to_orig(at);
    if made_up && at < scratch.text.len() {
        return None;
    }
    let (line, col) = lines.line_col(text, o);
    let last = reading.offset(d.line, d.col + d.span.max(1) - 1);
    let (oe, _) = scratch.to_orig(last);
    let (end_line, end_col) = lines.line_col(text, oe);
    let span = if end_line == line && end_col >= col {
        end_col - col + 1
    } else {
        1
    };
    Some(Diagnostic {
        line,
        col,
        span,
        source_line: lines.line(text, line).to_owned(),
        ..d.clone()
    })
}

/// The error being repaired: RON's error and its byte range in the copy.
struct Current {
    error: SpannedError,
    start: usize,
    end: usize,
}

/// Problems after the first one (`first`, already reported) in a file that
/// reads as `T`: each at its place in `text`, at most [`MAX_PER_FILE`] in
/// all, then a note when there are more.
pub fn further<T: DeserializeOwned>(
    file: &str,
    text: &str,
    first: &SpannedError,
) -> Vec<Diagnostic> {
    let first_d = diagnostics::from_ron(file, text, first);
    let mut out = Vec::new();
    // After a quote left open, which text is inside a string is a guess:
    // nothing further is reported. After a bracket left open the structure
    // is: no repairs, but full-width punctuation is still listed.
    if first_d.cause == Cause::UnclosedQuote {
        return out;
    }
    let lines = LineIndex::new(text);
    let mut seen = vec![(first_d.line, first_d.col)];
    let mut scratch = Scratch::new(text);
    let mut lexer = Lexer::default();
    let mut cur = Current {
        start: offset_of(text, first.span.start.line, first.span.start.col),
        end: offset_of(text, first.span.end.line, first.span.end.col),
        error: first.clone(),
    };
    // Where the last error was, in the original text: the full-width scan
    // below starts after it.
    let mut last_at = cur.start;
    let lost = |c: &Cause| matches!(c, Cause::Unclosed | Cause::UnclosedQuote);
    let mut clean = false;
    // A problem was found past the limit.
    let mut more = false;
    'search: while !lost(&first_d.cause) {
        let p = skip_spaces(&scratch.text, cur.start);
        for repair in repairs(&scratch.text, &cur.error, cur.start, cur.end) {
            let from = repair.start().min(p);
            lexer.edited_at(from);
            let undo = scratch.apply(&repair.edits);
            let cut = lexer.cut_before(scratch.text.as_bytes(), from);
            let reading = Reading::new(&scratch, cut);
            let next = match parse::<T>(&reading.text) {
                Ok(()) => {
                    clean = true;
                    break 'search;
                }
                Err(next) => next,
            };
            let at = reading.offset(next.span.start.line, next.span.start.col);
            let made_by_repair = at < repair.end()
                || matches!(
                    (&next.code, &repair.renamed),
                    (RonError::DuplicateStructField { field, .. }, Some(r)) if field == r
                );
            if made_by_repair {
                drop(reading);
                scratch.undo(undo);
                continue;
            }
            let d = diagnostics::from_ron(file, &reading.text, &next);
            let mapped = map_back(&d, &reading, &scratch, text, &lines);
            let Some(d) = mapped.filter(|d| !seen.contains(&(d.line, d.col))) else {
                drop(reading);
                scratch.undo(undo);
                break 'search;
            };
            if seen.len() >= MAX_PER_FILE {
                more = true;
                break 'search;
            }
            seen.push((d.line, d.col));
            last_at = scratch.to_orig(at).0;
            let stop = lost(&d.cause);
            let quote = d.cause == Cause::UnclosedQuote;
            out.push(d);
            if quote {
                return out;
            }
            if stop {
                break 'search;
            }
            let end = reading.offset(next.span.end.line, next.span.end.col);
            cur = Current {
                error: next,
                start: at,
                end,
            };
            continue 'search;
        }
        break;
    }
    if !clean && !more {
        more = full_width_after(file, text, &lines, &scratch, last_at, &mut seen, &mut out);
    }
    if more {
        out.push(Diagnostic::whole_file(file, Cause::MoreNotListed));
    }
    out
}

/// Full-width punctuation outside strings and comments after `last_at`,
/// each reported at its place, up to the limit; whether there was more.
fn full_width_after(
    file: &str,
    text: &str,
    lines: &LineIndex,
    scratch: &Scratch,
    last_at: usize,
    seen: &mut Vec<(usize, usize)>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    for (i, c) in fullwidth::OutsideStrings::new(&scratch.text) {
        let (o, made_up) = scratch.to_orig(i);
        if made_up || o <= last_at {
            continue;
        }
        let (line, col) = lines.line_col(text, o);
        if seen.contains(&(line, col)) {
            continue;
        }
        if seen.len() >= MAX_PER_FILE {
            return true;
        }
        seen.push((line, col));
        out.push(Diagnostic {
            file: file.to_owned(),
            line,
            col,
            span: 1,
            source_line: lines.line(text, line).to_owned(),
            severity: crate::model::validate::Severity::Error,
            cause: Cause::FullWidth(c),
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Station;

    fn all(text: &str) -> Vec<Diagnostic> {
        all_as::<Station>(text)
    }

    fn all_as<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> Vec<Diagnostic> {
        let e = ron_options()
            .from_str::<T>(text)
            .expect_err("the text is broken");
        let mut v = vec![diagnostics::from_ron("x.ron", text, &e)];
        v.extend(further::<T>("x.ron", text, &e));
        v
    }

    /// `n` events, one a line, with comments between them; `broken(i, line)`
    /// may spoil event `i`.
    fn events(n: usize, broken: impl Fn(usize, String) -> String) -> String {
        let mut s = String::from("Events(\n    events: [\n");
        for i in 0..n {
            if i.is_multiple_of(7) {
                s.push_str(&format!("        // 第{i}项，含“引号”和 [括号]\n"));
            }
            if i.is_multiple_of(11) {
                s.push_str("        /* 块注释 ] ) */\n");
            }
            let line = format!(
                "        Event(id: \"E{i}\", title: \"标题，第{i}期（“好”）\", date: \"2026-11-14\", start: \"14:30\", end: \"16:00\", skip: [\"2026-11-21\"]),\n"
            );
            s.push_str(&broken(i, line));
        }
        s.push_str("    ],\n)\n");
        s
    }

    fn places(ds: &[Diagnostic]) -> Vec<(usize, usize)> {
        ds.iter().map(|d| (d.line, d.col)).collect()
    }

    /// Line and column of the `nth` (0-based) `needle` in `text`.
    fn pos(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (at, _) = text.match_indices(needle).nth(nth).expect("needle");
        crate::store::spans::line_col(text, at)
    }

    #[test]
    fn every_full_width_comma_is_reported_at_its_place() {
        let text = "Station(\n  name: \"石化，中心\"，\n  rooms: [\n    Room(name: \"多功能厅\"， seats: 1)，\n  ],\n)\n";
        let ds = all(text);
        assert_eq!(
            places(&ds),
            vec![pos(text, "，", 1), pos(text, "，", 2), pos(text, "，", 3)],
            "{ds:#?}"
        );
    }

    #[test]
    fn a_bad_value_after_a_syntax_error_is_found_too() {
        let text = "Station(\n  name：\"x\",\n  rooms: [Room(name: \"a\", seats: -3), Room(name: \"b\", seets: 2)],\n)\n";
        let ds = all(text);
        assert_eq!(
            places(&ds),
            vec![
                pos(text, "：", 0),
                pos(text, "-3", 0),
                pos(text, "seets", 0)
            ],
            "{ds:#?}"
        );
        assert!(matches!(
            ds[2].cause,
            Cause::Syntax(RonError::NoSuchStructField { .. })
        ));
    }

    #[test]
    fn a_misspelt_field_beside_the_right_one_is_not_reported_twice() {
        let text = "Station(name: \"x\", rooms: [Room(name: \"a\", seats: 1, seets: 1), Room(nme: \"b\", seats: 2)])";
        let ds = all(text);
        assert_eq!(
            places(&ds),
            vec![pos(text, "seets", 0), pos(text, "nme", 0)],
            "{ds:#?}"
        );
    }

    #[test]
    fn a_missing_field_and_a_later_problem() {
        let text = "Station(name: \"x\", rooms: [Room(name: \"a\"), Room(name: \"b\" seats: 2)])";
        let ds = all(text);
        assert_eq!(
            places(&ds),
            vec![pos(text, ")", 0), pos(text, "seats", 0)],
            "{ds:#?}"
        );
    }

    #[test]
    fn after_an_unrepairable_error_full_width_punctuation_is_still_listed() {
        let text = "Station(\n  name: \"x\",\n  rooms: [Room(name: \"a\", seats: 1,\n    Room(name：\"b\"， seats: 2),\n  ],\n)\n";
        let ds = all(text);
        assert_eq!(
            places(&ds),
            vec![pos(text, "Room", 1), pos(text, "：", 0), pos(text, "，", 0)],
            "{ds:#?}"
        );
        assert_eq!(ds[1].cause, Cause::FullWidth('：'));
    }

    #[test]
    fn one_mistake_gives_one_report() {
        for text in [
            "Station(name: \"x\", rooms: [Room(name: \"a\"， seats: 1)])",
            "Station(name: \"x\" rooms: [])",
            "Station(name: \"x\", rooms: [Room(name: \"a\", seats: 1))])",
            "Station(name: \"x\", rooms: [Room(name: \"a\", seats: 1.5)])",
            "Station(name: \"x\", rooms: [Room(name: \"a\", seats: 1)",
            "Station(name: “x”, rooms: [])",
        ] {
            let ds = all(text);
            assert_eq!(ds.len(), 1, "{text}: {ds:#?}");
        }
    }

    #[test]
    fn problems_deep_in_a_long_list_are_placed_exactly() {
        use crate::model::Events;
        let text = events(300, |i, line| match i {
            5 => line.replacen("\", date", "\"， date", 1),
            120 => line.replacen("2026-11-14", "2026-02-30", 1),
            121 => line.replacen("start:", "strat:", 1),
            200 => line.replacen("title: \"", "title: “", 1),
            299 => line.replacen("end: \"16:00\"", "end: \"16:00”", 1),
            _ => line,
        });
        let ds = all_as::<Events>(&text);
        assert_eq!(
            places(&ds),
            vec![
                pos(&text, "， date", 0),
                pos(&text, "\"2026-02-30", 0),
                pos(&text, "strat", 0),
                pos(&text, "“标题", 0),
                pos(&text, "”, skip", 0),
            ],
            "{ds:#?}"
        );
    }

    #[test]
    fn more_than_the_limit_ends_with_a_note_and_the_limit_itself_does_not() {
        use crate::model::Events;
        let comma = |i: usize, line: String| {
            if i.is_multiple_of(2) {
                line.replacen("\", date", "\"， date", 1)
            } else {
                line
            }
        };
        let ds = all_as::<Events>(&events(2 * MAX_PER_FILE, comma));
        assert_eq!(ds.len(), MAX_PER_FILE, "{ds:#?}");
        assert!(ds.iter().all(|d| d.line > 0));
        let ds = all_as::<Events>(&events(2 * MAX_PER_FILE + 2, comma));
        assert_eq!(ds.len(), MAX_PER_FILE + 1, "{ds:#?}");
        assert_eq!(ds[MAX_PER_FILE].cause, Cause::MoreNotListed);
        assert_eq!(ds[MAX_PER_FILE].line, 0);
        // Past an error that cannot be repaired, the full-width scan is
        // limited the same way.
        let ds = all_as::<Events>(&events(2 * MAX_PER_FILE + 2, |i, line| match i {
            0 => line.replacen("Event(", "Event(Event(", 1),
            _ => comma(i, line),
        }));
        assert_eq!(ds.len(), MAX_PER_FILE + 1, "{ds:#?}");
        assert_eq!(ds[MAX_PER_FILE].cause, Cause::MoreNotListed);
    }
}
