//! Guesses at what staff meant where RON stopped: the repairs
//! [`super::more_problems`] makes in its working copy to read on and find
//! the next problem. All positions are byte offsets into the working text.

use std::ops::Range;

use ron::error::{Error as RonError, SpannedError};

use super::fullwidth::{self, ascii_twin};
use super::messages;
use super::scratch::{Edit, Kind};

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

/// The character at byte `i`.
fn at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

fn skip_blank(s: &str, mut i: usize) -> usize {
    while let Some(c) = at(s, i).filter(|c| c.is_whitespace()) {
        i += c.len_utf8();
    }
    i
}

/// Past spaces and tabs on the line: RON's error spans may start at the
/// blank before the character at fault.
pub fn skip_spaces(s: &str, mut i: usize) -> usize {
    while matches!(s.as_bytes().get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The end of the string starting at `at` (a `"`): the offset after its
/// closing quote.
fn string_end(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = at + 1;
    loop {
        match *b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            b'\n' => return None,
            _ => i += 1,
        }
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_')
}

/// The end of the value starting at `at`: a string, a bracketed value
/// (with what is inside), or a run of word characters.
fn value_end(s: &str, at: usize) -> Option<usize> {
    let first = self::at(s, at)?;
    if first == '"' {
        return string_end(s, at);
    }
    let mut i = at;
    if word_char(first) {
        while let Some(c) = self::at(s, i).filter(|c| word_char(*c)) {
            i += c.len_utf8();
        }
        if self::at(s, skip_blank(s, i)) != Some('(') {
            return Some(i);
        }
        i = skip_blank(s, i);
    }
    let b = s.as_bytes();
    let mut depth = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i = string_end(s, i)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
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

/// The identifier at `at` and where it ends.
fn ident_end(s: &str, at: usize) -> usize {
    let mut i = at;
    while let Some(c) = self::at(s, i).filter(|c| c.is_alphanumeric() || *c == '_') {
        i += c.len_utf8();
    }
    i
}

/// The range of `name: value,` starting at the field name at `at`.
fn field_range(s: &str, at: usize) -> Option<Range<usize>> {
    let i = skip_blank(s, ident_end(s, at));
    if self::at(s, i) != Some(':') {
        return None;
    }
    let end = value_end(s, skip_blank(s, i + 1))?;
    let after = skip_blank(s, end);
    Some(
        at..if self::at(s, after) == Some(',') {
            after + 1
        } else {
            end
        },
    )
}

/// One way to repair the text at an error.
pub struct Repair {
    pub edits: Vec<Edit>,
    /// A field name the repair gave (to spot a duplicate the repair made).
    pub renamed: Option<String>,
}

impl Repair {
    fn new(range: Range<usize>, with: &str) -> Repair {
        Repair {
            edits: vec![Edit {
                range,
                with: with.to_owned(),
                kind: Kind::Inserted,
            }],
            renamed: None,
        }
    }

    /// Wrong punctuation at `places` replaced by its ASCII twin, each
    /// character keeping its own place.
    fn twins(s: &str, places: &[usize]) -> Repair {
        let edits = places
            .iter()
            .filter_map(|&i| {
                let c = at(s, i)?;
                Some(Edit {
                    range: i..i + c.len_utf8(),
                    with: ascii_twin(c)?.to_string(),
                    kind: Kind::Substituted,
                })
            })
            .collect();
        Repair {
            edits,
            renamed: None,
        }
    }

    /// Where the repaired text ends once the repair is made: an error before
    /// it is the repair's own.
    pub fn end(&self) -> usize {
        let mut shift: isize = 0;
        let mut end = 0;
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| e.range.start);
        for e in edits {
            end = e.range.start.saturating_add_signed(shift) + e.with.len();
            shift += e.with.len() as isize - e.range.len() as isize;
        }
        end
    }

    /// Where the repair starts.
    pub fn start(&self) -> usize {
        self.edits.iter().map(|e| e.range.start).min().unwrap_or(0)
    }
}

/// Candidate repairs for error `e` at bytes `p..end` of `s`, best first;
/// empty when the error cannot be repaired with any confidence.
// Long on purpose: one arm per kind of RON error, each the repair that
// lets reading go on; they are alternatives, read side by side.
pub fn repairs(s: &str, e: &SpannedError, p: usize, end: usize) -> Vec<Repair> {
    let mut p = skip_spaces(s, p);
    // A missing value's span may start at the end of the line before it.
    if matches!(
        e.code,
        RonError::ExpectedString
            | RonError::ExpectedArray
            | RonError::ExpectedNamedStructLike(_)
            | RonError::ExpectedStructLike
            | RonError::ExpectedIdentifier
    ) {
        p = super::scratch::skip_trivia(s, p);
    }
    let mut out = Vec::new();
    // A wrong quote meant to end a string, which let the string run on.
    let slip = match &e.code {
        RonError::Message(_) => fullwidth::swallowing_value(s, p),
        RonError::ExpectedStringEnd => fullwidth::unclosed_by_wrong_quote(s, p),
        _ => fullwidth::swallowing_quote(s, p),
    };
    if let Some(q) = slip {
        out.push(Repair::twins(s, &[q]));
        return out;
    }
    // Full-width punctuation at the error: its ASCII twin. A wrong opening
    // quote closes where the value ends: there, a wrong quote is the second
    // half of the same slip, and an ASCII one needs nothing.
    if let Some(c) = at(s, p)
        && let Some(a) = ascii_twin(c)
    {
        let mut places = vec![p];
        if a == '"'
            && let Some(q) = fullwidth::closing_quote(s, p)
            && at(s, q) != Some('"')
        {
            places.push(q);
        }
        out.push(Repair::twins(s, &places));
        return out;
    }
    let starts_item = |c: char| c.is_alphanumeric() || matches!(c, '"' | '(' | '[' | '_' | '-');
    match &e.code {
        RonError::ExpectedComma if at(s, p).is_some_and(starts_item) => {
            out.push(Repair::new(p..p, ","));
        }
        RonError::ExpectedMapColon if at(s, p).is_some_and(starts_item) => {
            out.push(Repair::new(p..p, ":"));
        }
        RonError::Message(m) => {
            if let Some(problem) = crate::model::Problem::decode(m) {
                // The span starts inside the string; find its opening quote.
                let q = if at(s, p) == Some('"') {
                    Some(p)
                } else {
                    s.get(..p).and_then(|h| h.rfind('"'))
                };
                if let Some(q) = q
                    && let Some(qe) = string_end(s, q)
                {
                    out.push(Repair::new(q..qe, value_placeholder(&problem)));
                }
            }
        }
        RonError::NoSuchStructField {
            expected, found, ..
        } => {
            if at(s, skip_blank(s, ident_end(s, p))) != Some(':') {
                // `Film(` where a field was expected: an earlier bracket is
                // not closed. Not a guess worth making.
                return out;
            }
            if let Some(near) = messages::nearest_name(found, expected) {
                let mut r = Repair::new(p..ident_end(s, p), near);
                r.renamed = Some(near.to_owned());
                out.push(r);
            }
            if let Some(range) = field_range(s, p) {
                out.push(Repair::new(range, ""));
            }
        }
        RonError::DuplicateStructField { .. } => {
            if let Some(range) = field_range(s, p) {
                out.push(Repair::new(range, ""));
            }
        }
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let name = messages::nearest_name(found, expected).or(expected.first().copied());
            if let Some(name) = name {
                out.push(Repair::new(p..ident_end(s, p), name));
            }
        }
        RonError::ExpectedDifferentStructName { expected, .. } => {
            out.push(Repair::new(p..ident_end(s, p), expected));
        }
        RonError::MissingStructField { field, .. } => {
            if at(s, p) == Some(')')
                && let Some(value) = placeholder(field)
            {
                let sep = match s[..p].trim_end().chars().last() {
                    Some(',' | '(') => "",
                    _ => ", ",
                };
                out.push(Repair::new(p..p, &format!("{sep}{field}: {value}, ")));
            }
        }
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            // RON's span starts after a sign: the sign goes too.
            let from = if p > 0 && matches!(s.as_bytes()[p - 1], b'-' | b'+') {
                p - 1
            } else {
                p
            };
            if let Some(ve) = value_end(s, p) {
                out.push(Repair::new(from..ve.max(end), "1"));
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
                out.push(Repair::new(p..ve, with));
            }
        }
        RonError::ExpectedString if at(s, p).is_some_and(|c| c != '"') => {
            // Text written without quotes: quote it up to the end of the
            // value; the text itself keeps its places.
            let rest = &s[p..];
            let mut j = rest
                .char_indices()
                .find(|&(i, c)| {
                    matches!(c, ',' | ')' | ']' | '\n' | '"') || rest[i..].starts_with("//")
                })
                .map_or(s.len(), |(i, _)| p + i);
            j = p + s[p..j].trim_end().len();
            let mut r = Repair::new(p..p, "\"");
            r.edits.push(Edit {
                range: j..j,
                with: "\"".into(),
                kind: Kind::Inserted,
            });
            out.push(r);
        }
        _ => {}
    }
    out
}
