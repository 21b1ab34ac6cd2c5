//! More than the first problem of a file.
//!
//! RON stops at the first syntax error, and serde at the first value that
//! does not read. Staff fixing a file by hand want every problem at once, so
//! after the first error this module repairs a scratch copy of the text at
//! the place of that error — the full-width `，` becomes `,`, a missing comma
//! is put in, an impossible date becomes a valid placeholder, a misspelt field
//! gets its nearest name — and reads the copy again, collecting the next
//! error, up to [`MAX_PER_FILE`] per file. Each scratch character remembers
//! the character of the original text it came from, so every position
//! reported is a position in the file as staff wrote it.
//!
//! A repair is a guess. An error that only the guess caused (one at or before
//! the repaired place, inside inserted text, or the same error again) ends
//! the search: a file gets fewer reports rather than wrong ones. When the
//! search ends at an error it cannot repair (a missing bracket, a cut-off
//! file), the rest of the file is still scanned for full-width punctuation
//! outside strings and comments, each reported at its own place.

use ron::error::{Error as RonError, Position, SpannedError};
use serde::de::DeserializeOwned;

use super::diagnostics::{self, Cause, Diagnostic};
use super::load::ron_options;

/// At most this many problems are reported per file.
pub const MAX_PER_FILE: usize = 20;

/// Full-width punctuation an input method types, and what RON wants instead.
pub const FULL_WIDTH: [(char, char); 16] = [
    ('，', ','),
    ('：', ':'),
    ('（', '('),
    ('）', ')'),
    ('“', '"'),
    ('”', '"'),
    ('‘', '"'),
    ('’', '"'),
    ('；', ','),
    ('、', ','),
    ('【', '['),
    ('】', ']'),
    ('［', '['),
    ('］', ']'),
    ('＂', '"'),
    ('\u{3000}', ' '),
];

/// The ASCII twin of a full-width punctuation character.
pub fn ascii_twin(c: char) -> Option<char> {
    FULL_WIDTH.iter().find(|(w, _)| *w == c).map(|(_, a)| *a)
}

/// A copy of the text being repaired; each character knows where it came from.
#[derive(Clone)]
struct Scratch {
    chars: Vec<char>,
    /// The original character index of each character; `None` for inserted text.
    orig: Vec<Option<usize>>,
}

impl Scratch {
    fn new(text: &str) -> Scratch {
        let chars: Vec<char> = text.chars().collect();
        let orig = (0..chars.len()).map(Some).collect();
        Scratch { chars, orig }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The character index of a RON position (1-based line, character column).
    fn index_of(&self, pos: Position) -> usize {
        index_of(&self.chars, pos.line, pos.col)
    }

    /// Replaces `range` with `with`, all of it marked as inserted.
    fn splice(&mut self, range: std::ops::Range<usize>, with: &str) {
        let range = range.start.min(self.chars.len())..range.end.min(self.chars.len());
        let n = with.chars().count();
        self.chars.splice(range.clone(), with.chars());
        self.orig
            .splice(range, std::iter::repeat_n(None, n))
            .for_each(drop);
    }

    /// Replaces one character in place; it keeps its original position.
    fn set(&mut self, at: usize, c: char) {
        if let Some(x) = self.chars.get_mut(at) {
            *x = c;
        }
    }

    /// The original index a scratch index stands for: its own, or, for
    /// inserted text, the next original character's.
    fn original(&self, at: usize) -> (usize, bool) {
        if let Some(Some(o)) = self.orig.get(at) {
            return (*o, false);
        }
        let next = self.orig.iter().skip(at).flatten().next();
        let end = self.orig.iter().flatten().max().map_or(0, |m| m + 1);
        (next.copied().unwrap_or(end), true)
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_blank(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }
}

/// The character index of a 1-based line and character column in `chars`.
fn index_of(chars: &[char], line: usize, col: usize) -> usize {
    let mut i = 0;
    let mut l = 1;
    while l < line && i < chars.len() {
        if chars[i] == '\n' {
            l += 1;
        }
        i += 1;
    }
    let mut c = 1;
    while c < col && i < chars.len() && chars[i] != '\n' {
        i += 1;
        c += 1;
    }
    // Columns past the line's end (RON's end of file) stay past it.
    i + (col - c)
}

/// 1-based line and character column of character index `at` in `chars`.
fn line_col(chars: &[char], at: usize) -> (usize, usize) {
    let at = at.min(chars.len());
    let line = chars[..at].iter().filter(|c| **c == '\n').count() + 1;
    let start = chars[..at]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |i| i + 1);
    (line, at - start + 1)
}

/// A placeholder value that reads as the field `name`'s type.
fn placeholder(name: &str) -> Option<&'static str> {
    Some(match name {
        "date" | "from" | "until" | "to" => "\"2000-01-03\"",
        "start" => "\"00:00\"",
        "end" => "\"00:01\"",
        "weekday" => "\"周一\"",
        "month" => "\"2000-01\"",
        "group" => "\"街道老领导\"",
        "seats" | "year" | "minutes" | "nth" => "1",
        "rooms" | "films" | "programme" | "exceptions" | "changes" | "partners" | "services"
        | "catalogue" | "sessions" | "events" | "weekdays" | "skip" | "years" | "festivals"
        | "work" => "[]",
        "name" | "title" | "id" | "film" | "lecture" | "room" | "reason" | "speaker" | "series"
        | "host" | "theme" | "notice" | "contact" | "note" | "summary" | "place" | "organiser"
        | "source" | "skipped" => "\"\"",
        _ => return None,
    })
}

/// A valid value of the kind a value problem is about.
fn value_placeholder(p: &crate::model::Problem) -> &'static str {
    use crate::model::Problem as P;
    match p {
        P::DateFormat(_) | P::DateImpossible(_) => "\"2000-01-03\"",
        P::TimeFormat(_) | P::TimeImpossible(_) => "\"00:00\"",
        P::Weekday(..) => "\"周一\"",
        P::Month(_) => "\"2000-01\"",
        P::SpeakerGroup(_) => "\"街道老领导\"",
    }
}

/// The end of the string starting at `at` (a `"`): the index after its closing quote.
fn string_end(s: &Scratch, at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match s.at(i)? {
            '\\' => i += 2,
            '"' => return Some(i + 1),
            '\n' => return None,
            _ => i += 1,
        }
    }
}

/// The end of the value starting at `at`: a string, a bracketed value
/// (with what is inside), or a run of word characters.
fn value_end(s: &Scratch, at: usize) -> Option<usize> {
    let first = s.at(at)?;
    if first == '"' {
        return string_end(s, at);
    }
    let mut i = at;
    if first.is_alphanumeric() || matches!(first, '-' | '+' | '.' | '_') {
        while s
            .at(i)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            i += 1;
        }
        if s.at(s.skip_blank(i)) != Some('(') {
            return Some(i);
        }
        i = s.skip_blank(i);
    }
    let mut depth = 0usize;
    loop {
        match s.at(i)? {
            '"' => {
                i = string_end(s, i)?;
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
}

/// The range of `name: value,` starting at the field name at `at`.
fn field_range(s: &Scratch, at: usize) -> Option<std::ops::Range<usize>> {
    let mut i = at;
    while s.at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
        i += 1;
    }
    i = s.skip_blank(i);
    if s.at(i) != Some(':') {
        return None;
    }
    let end = value_end(s, s.skip_blank(i + 1))?;
    let after = s.skip_blank(end);
    Some(
        at..if s.at(after) == Some(',') {
            after + 1
        } else {
            end
        },
    )
}

/// The identifier at `at` and where it ends.
fn ident_end(s: &Scratch, at: usize) -> usize {
    let mut i = at;
    while s.at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
        i += 1;
    }
    i
}

/// One way to repair the scratch text at an error: the repaired copy, the
/// end of the repaired range, and a field name the repair gave (to spot a duplicate
/// the repair itself made).
struct Repair {
    scratch: Scratch,
    /// Where the repaired text ends: an error before it is the repair's own.
    end: usize,
    renamed: Option<String>,
}

fn repaired(mut scratch: Scratch, range: std::ops::Range<usize>, with: &str) -> Repair {
    let start = range.start;
    scratch.splice(range, with);
    Repair {
        end: start + with.chars().count(),
        scratch,
        renamed: None,
    }
}

/// Candidate repairs for error `e` in `s`, best first; empty when the error
/// cannot be repaired with any confidence.
fn repairs(s: &Scratch, e: &SpannedError) -> Vec<Repair> {
    let p = s.index_of(e.span.start);
    let end = s.index_of(e.span.end).max(p);
    let mut out = Vec::new();
    // Full-width punctuation at the error: its ASCII twin (quotes in pairs).
    if let Some(c) = s.at(p)
        && let Some(a) = ascii_twin(c)
    {
        let mut t = s.clone();
        t.set(p, a);
        if a == '"' {
            let mut i = p + 1;
            while let Some(x) = t.at(i) {
                if x == '\n' || x == '"' {
                    break;
                }
                if matches!(x, '”' | '“' | '’' | '‘' | '＂') {
                    t.set(i, '"');
                    break;
                }
                i += 1;
            }
        }
        out.push(Repair {
            scratch: t,
            end: p + 1,
            renamed: None,
        });
        return out;
    }
    let starts_item = |c: char| c.is_alphanumeric() || matches!(c, '"' | '(' | '[' | '_' | '-');
    match &e.code {
        RonError::ExpectedComma if s.at(p).is_some_and(starts_item) => {
            out.push(repaired(s.clone(), p..p, ","));
        }
        RonError::ExpectedMapColon if s.at(p).is_some_and(starts_item) => {
            out.push(repaired(s.clone(), p..p, ":"));
        }
        RonError::Message(m) => {
            if let Some(problem) = crate::model::Problem::decode(m) {
                // The span starts inside the string; find its opening quote.
                let q = (0..=p).rev().find(|i| s.at(*i) == Some('"'));
                if let Some(q) = q
                    && let Some(qe) = string_end(s, q)
                {
                    out.push(repaired(s.clone(), q..qe, value_placeholder(&problem)));
                }
            }
        }
        RonError::NoSuchStructField {
            expected, found, ..
        } => {
            let after = s.skip_blank(ident_end(s, p));
            if s.at(after) != Some(':') {
                // `Film(` where a field was expected: an earlier bracket is
                // not closed. Not a guess worth making.
                return out;
            }
            if let Some(near) = diagnostics::nearest_name(found, expected) {
                let mut r = repaired(s.clone(), p..ident_end(s, p), near);
                r.renamed = Some(near.to_owned());
                out.push(r);
            }
            if let Some(range) = field_range(s, p) {
                out.push(repaired(s.clone(), range, ""));
            }
        }
        RonError::DuplicateStructField { .. } => {
            if let Some(range) = field_range(s, p) {
                out.push(repaired(s.clone(), range, ""));
            }
        }
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let name = diagnostics::nearest_name(found, expected).or(expected.first().copied());
            if let Some(name) = name {
                out.push(repaired(s.clone(), p..ident_end(s, p), name));
            }
        }
        RonError::ExpectedDifferentStructName { expected, .. } => {
            out.push(repaired(s.clone(), p..ident_end(s, p), expected));
        }
        RonError::MissingStructField { field, .. } => {
            if s.at(p) == Some(')')
                && let Some(value) = placeholder(field)
            {
                let before = (0..p)
                    .rev()
                    .find(|i| !s.at(*i).is_some_and(char::is_whitespace));
                let sep = match before.and_then(|i| s.at(i)) {
                    Some(',' | '(') => "",
                    _ => ", ",
                };
                out.push(repaired(
                    s.clone(),
                    p..p,
                    &format!("{sep}{field}: {value}, "),
                ));
            }
        }
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            // RON's span starts after a sign: the sign goes too.
            let from = if p > 0 && matches!(s.at(p - 1), Some('-' | '+')) {
                p - 1
            } else {
                p
            };
            if let Some(ve) = value_end(s, p) {
                out.push(repaired(s.clone(), from..ve.max(end), "1"));
            }
        }
        RonError::InvalidValueForType { expected, .. } => {
            let with = if expected.contains("string") {
                "\"\""
            } else if expected.contains("integer")
                || expected.starts_with('u')
                || expected.starts_with('i')
            {
                "1"
            } else if expected.contains("sequence") {
                "[]"
            } else {
                return out;
            };
            if let Some(ve) = value_end(s, p) {
                out.push(repaired(s.clone(), p..ve, with));
            }
        }
        RonError::ExpectedString if s.at(p).is_some_and(|c| c != '"') => {
            // Text written without quotes: quote it up to the end of the value.
            let mut i = p;
            while s
                .at(i)
                .is_some_and(|c| !matches!(c, ',' | ')' | ']' | '\n' | '"'))
                && !(s.at(i) == Some('/') && s.at(i + 1) == Some('/'))
            {
                i += 1;
            }
            let mut j = i;
            while j > p && s.at(j - 1).is_some_and(char::is_whitespace) {
                j -= 1;
            }
            let inner: String = s.chars[p..j].iter().collect();
            let mut r = repaired(s.clone(), p..j, &format!("\"{inner}\""));
            // Keep the quoted text's characters at their own places.
            for (k, o) in (p..j).enumerate() {
                r.scratch.orig[p + 1 + k] = Some(s.orig[o].unwrap_or(o));
            }
            out.push(r);
        }
        _ => {}
    }
    out
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<(), SpannedError> {
    ron_options().from_str::<T>(text).map(|_| ())
}

/// A diagnostic made on the scratch text, moved to the original text.
fn map_back(
    d: &Diagnostic,
    scratch: &Scratch,
    original: &[char],
    text: &str,
) -> Option<Diagnostic> {
    let at = index_of(&scratch.chars, d.line, d.col);
    let (o, synthetic) = scratch.original(at);
    if synthetic && scratch.at(at).is_some() {
        return None;
    }
    let (line, col) = line_col(original, o);
    let last = index_of(&scratch.chars, d.line, d.col + d.span.max(1) - 1);
    let (oe, _) = scratch.original(last);
    let (end_line, end_col) = line_col(original, oe);
    let span = if end_line == line && end_col >= col {
        end_col - col + 1
    } else {
        1
    };
    Some(Diagnostic {
        line,
        col,
        span,
        source_line: super::diagnostics::source_line(text, line),
        ..d.clone()
    })
}

/// Problems after the first one (`first`, already reported) in a file that
/// reads as `T`: each at its place in `text`, at most [`MAX_PER_FILE`] in all.
pub fn further<T: DeserializeOwned>(
    file: &str,
    text: &str,
    first: &SpannedError,
) -> Vec<Diagnostic> {
    let original: Vec<char> = text.chars().collect();
    let first_d = diagnostics::from_ron(file, text, first);
    let mut seen = vec![(first_d.line, first_d.col)];
    let mut out = Vec::new();
    let mut scratch = Scratch::new(text);
    let mut error = first.clone();
    // Where the last error was, in the original text: the full-width scan
    // below starts after it.
    let mut last_at = scratch.original(scratch.index_of(first.span.start)).0;
    // After a quote left open, which text is inside a string is a guess:
    // nothing further is reported. After a bracket left open the structure
    // is: no repairs, but full-width punctuation is still listed.
    if first_d.cause == Cause::UnclosedQuote {
        return out;
    }
    let lost = |c: &Cause| matches!(c, Cause::Unclosed | Cause::UnclosedQuote);
    let mut clean = false;
    'search: while seen.len() < MAX_PER_FILE && !lost(&first_d.cause) {
        for repair in repairs(&scratch, &error) {
            let t = repair.scratch.text();
            let next = match parse::<T>(&t) {
                Ok(()) => {
                    clean = true;
                    break 'search;
                }
                Err(next) => next,
            };
            let at = repair.scratch.index_of(next.span.start);
            let made_by_repair = at < repair.end
                || matches!(
                    (&next.code, &repair.renamed),
                    (RonError::DuplicateStructField { field, .. }, Some(r)) if field == r
                );
            if made_by_repair {
                continue;
            }
            let d = diagnostics::from_ron(file, &t, &next);
            let Some(d) = map_back(&d, &repair.scratch, &original, text) else {
                break 'search;
            };
            if seen.contains(&(d.line, d.col)) {
                break 'search;
            }
            seen.push((d.line, d.col));
            last_at = repair.scratch.original(at).0;
            let stop = lost(&d.cause);
            let quote = d.cause == Cause::UnclosedQuote;
            out.push(d);
            if quote {
                return out;
            }
            if stop {
                break 'search;
            }
            scratch = repair.scratch;
            error = next;
            continue 'search;
        }
        break;
    }
    if !clean {
        for (i, c) in full_width_outside_strings(&scratch.chars) {
            let (o, synthetic) = scratch.original(i);
            if synthetic || o <= last_at || seen.len() >= MAX_PER_FILE {
                continue;
            }
            let (line, col) = line_col(&original, o);
            if seen.contains(&(line, col)) {
                continue;
            }
            seen.push((line, col));
            out.push(Diagnostic {
                file: file.to_owned(),
                line,
                col,
                span: 1,
                source_line: super::diagnostics::source_line(text, line),
                severity: crate::model::validate::Severity::Error,
                cause: Cause::FullWidth(c),
            });
        }
    }
    out
}

/// Every full-width punctuation character outside strings and comments,
/// with its character index.
pub fn full_width_outside_strings(chars: &[char]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            'r' if matches!(next, Some('"' | '#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric()) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    i += 1;
                    continue;
                }
                i += hashes + 2;
                while i < chars.len() {
                    if chars[i] == '"'
                        && chars[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|c| **c == '#')
                            .count()
                            == hashes
                    {
                        i += hashes;
                        break;
                    }
                    i += 1;
                }
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0usize;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 1;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            _ if ascii_twin(c).is_some() => out.push((i, c)),
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Station;

    fn all(text: &str) -> Vec<Diagnostic> {
        let e = ron_options()
            .from_str::<Station>(text)
            .expect_err("the text is broken");
        let mut v = vec![diagnostics::from_ron("station.ron", text, &e)];
        v.extend(further::<Station>("station.ron", text, &e));
        v
    }

    fn places(ds: &[Diagnostic]) -> Vec<(usize, usize)> {
        ds.iter().map(|d| (d.line, d.col)).collect()
    }

    /// Line and column of the `nth` (0-based) `needle` in `text`.
    fn pos(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (at, _) = text.match_indices(needle).nth(nth).expect("needle");
        let chars: Vec<char> = text[..at].chars().collect();
        line_col(&chars, chars.len())
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
    fn full_width_inside_strings_and_comments_is_fine() {
        let chars: Vec<char> = "a: \"，（\" // ，\n/* ： */ r#\"（\"# ，".chars().collect();
        let found = full_width_outside_strings(&chars);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, '，');
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
}
