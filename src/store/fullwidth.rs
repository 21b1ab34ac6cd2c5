//! Punctuation a Chinese input method types where RON wants ASCII: one
//! table for the messages, the hints and the repairs, and the rules that
//! tell where a string typed with a wrong quote really ends, so that one
//! slip gives one report and reading goes on inside or outside a string as
//! staff meant.

/// Full-width punctuation, and what RON wants instead. Curly single quotes
/// stand for `"` too: RON has no single-quoted text.
pub const FULL_WIDTH: [(char, char); 16] = [
    ('，', ','),
    ('：', ':'),
    ('（', '('),
    ('）', ')'),
    ('“', '"'),
    ('”', '"'),
    ('‘', '"'),
    ('’', '"'),
    // RON has no `;`: the list separator meant is a comma.
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

/// A quote mark an input method types for `"`.
pub fn is_wrong_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '＂')
}

/// Whether `rest` (the text after a quote mark) shows that the quote closed
/// a value: blanks, then the end of the line, a comment, a closing bracket,
/// or a comma followed by what starts RON (a field name and its `:`, a
/// name and `(`, a string, a bracket, the end of the line). Only ASCII
/// counts: a Chinese text often has `”，`, `”、` or `“四史”）` inside it.
fn ends_value(rest: &str) -> bool {
    let t = rest.trim_start_matches([' ', '\t']);
    match t.as_bytes().first() {
        None | Some(b'\n' | b'\r' | b')' | b']' | b'}') => true,
        Some(b'/') => t.starts_with("//") || t.starts_with("/*"),
        Some(b',') => starts_ron(t[1..].trim_start_matches([' ', '\t'])),
        _ => false,
    }
}

/// Whether `t` starts the way a RON value or field does.
fn starts_ron(t: &str) -> bool {
    match t.as_bytes().first() {
        None | Some(b'\n' | b'\r' | b'"' | b'[' | b'(' | b')' | b']' | b'}') => true,
        Some(b'/') => t.starts_with("//") || t.starts_with("/*"),
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            let word = t.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
            matches!(word.trim_start().as_bytes().first(), Some(b':' | b'('))
        }
        _ => false,
    }
}

/// Where the string opened at byte `open` (a wrong quote mark) ends: the
/// offset of its closing quote, the first quote mark after it on the line,
/// ASCII or not, that ends a value. Quotes inside the text (`“创业”故事`)
/// are followed by more text, so they are passed over.
pub fn closing_quote(text: &str, open: usize) -> Option<usize> {
    let start = open + text[open..].chars().next()?.len_utf8();
    let mut escaped = false;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        match c {
            '\n' => return None,
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' if ends_value(&text[at + 1..]) => return Some(at),
            c if is_wrong_quote(c) && ends_value(&text[at + c.len_utf8()..]) => return Some(at),
            _ => {}
        }
    }
    None
}

/// When RON's error at byte `at` comes after a string that ran on past a
/// wrong quote meant as its end (`"陆建华”, group: "` read as one string):
/// the offset of that quote.
pub fn swallowing_quote(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?.trim_end();
    let close = before
        .len()
        .checked_sub(1)
        .filter(|_| before.ends_with('"'))?;
    slip_inside(text, opening_quote(text, close)?, close)
}

/// When RON's value error at byte `at` (in a string, or at its opening
/// quote) is about a string that ran on past a wrong quote meant as its end
/// (`date: "2026-12-23”, film: "` read as a date): the offset of that quote.
pub fn swallowing_value(text: &str, at: usize) -> Option<usize> {
    let open = if text.as_bytes().get(at) == Some(&b'"') {
        at
    } else {
        text.get(..at)?.rfind('"')?
    };
    let b = text.as_bytes();
    let mut close = open + 1;
    while *b.get(close)? != b'"' {
        close += if b[close] == b'\\' { 2 } else { 1 };
    }
    slip_inside(text, open, close)
}

/// In the string between the quotes at `open` and `close`: the first wrong
/// quote that ends a value (see [`ends_value`]: a quote inside a Chinese
/// text is followed by more text or Chinese punctuation).
fn slip_inside(text: &str, open: usize, close: usize) -> Option<usize> {
    let inner = text.get(open + 1..close)?;
    inner
        .char_indices()
        .map(|(i, c)| (open + 1 + i, c))
        .find(|&(at, c)| is_wrong_quote(c) && ends_value(&text[at + c.len_utf8()..]))
        .map(|(at, _)| at)
}

/// When a string starting at byte `open` (a `"`) never closes: the offset
/// of a wrong quote on its line that ends a value (`contact: "x”)`).
pub fn unclosed_by_wrong_quote(text: &str, open: usize) -> Option<usize> {
    let rest = text.get(open + 1..)?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    line.char_indices()
        .find(|&(i, c)| is_wrong_quote(c) && ends_value(&line[i + c.len_utf8()..]))
        .map(|(i, _)| open + 1 + i)
}

/// The `"` that opens the string closing at byte `close`: the one before it
/// that is not escaped.
fn opening_quote(text: &str, close: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = close;
    while i > 0 {
        i -= 1;
        if b[i] == b'"' {
            let slashes = b[..i].iter().rev().take_while(|x| **x == b'\\').count();
            if slashes % 2 == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Full-width punctuation outside strings and comments, with byte offsets,
/// in order: one pass over the text, however long. Schedule files write
/// each string on one line, so a string is taken to end with its line.
pub struct OutsideStrings<'t> {
    text: &'t str,
    i: usize,
}

impl<'t> OutsideStrings<'t> {
    pub fn new(text: &'t str) -> OutsideStrings<'t> {
        OutsideStrings { text, i: 0 }
    }
}

impl Iterator for OutsideStrings<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let b = self.text.as_bytes();
        while self.i < b.len() {
            let i = self.i;
            let next = b.get(i + 1).copied();
            self.i = match b[i] {
                // A string ends with its line here: after a stray quote the
                // scan is wrong about strings only up to the end of its line,
                // not for the rest of the file.
                b'"' => {
                    let mut j = i + 1;
                    while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    if b.get(j) == Some(&b'\n') { j } else { j + 1 }
                }
                b'r' if matches!(next, Some(b'"' | b'#'))
                    && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) =>
                {
                    let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                    if b.get(i + 1 + hashes) == Some(&b'"') {
                        let mut j = i + hashes + 2;
                        while j < b.len()
                            && !(b[j] == b'"'
                                && b[j + 1..].iter().take_while(|c| **c == b'#').count() >= hashes)
                        {
                            j += 1;
                        }
                        j + hashes + 1
                    } else {
                        i + 1
                    }
                }
                b'/' if next == Some(b'/') => b[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |n| i + n + 1),
                b'/' if next == Some(b'*') => {
                    let mut depth = 0usize;
                    let mut j = i;
                    while j < b.len() {
                        if b[j..].starts_with(b"/*") {
                            depth += 1;
                            j += 2;
                        } else if b[j..].starts_with(b"*/") {
                            depth -= 1;
                            j += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            j += 1;
                        }
                    }
                    j
                }
                c if c >= 0x80 && self.text.is_char_boundary(i) => {
                    let ch = self.text[i..].chars().next()?;
                    self.i = i + ch.len_utf8();
                    if ascii_twin(ch).is_some() {
                        return Some((i, ch));
                    }
                    continue;
                }
                _ => i + 1,
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str, nth: usize) -> usize {
        text.match_indices(needle).nth(nth).expect("needle").0
    }

    #[test]
    fn a_wrong_opening_quote_ends_at_the_quote_that_ends_the_value() {
        let t = "title: “石化街道的“创业”故事\", speaker: \"陆建华\",";
        assert_eq!(closing_quote(t, at(t, "“", 0)), Some(at(t, "\"", 0)));
        let t = "title: “石化街道的“创业”故事”, speaker: \"陆建华\",";
        assert_eq!(closing_quote(t, at(t, "“", 0)), Some(at(t, "”", 1)));
        let t = "title: ‘读书’)\n";
        assert_eq!(closing_quote(t, at(t, "‘", 0)), Some(at(t, "’", 0)));
        assert_eq!(closing_quote("x: “abc\n\"", 3), None);
        // Chinese punctuation after a quote inside the text ends nothing.
        let t = "summary: “学“四史”、讲“四史”，谈“四史”, 有体会。\",";
        assert_eq!(closing_quote(t, at(t, "“", 0)), Some(at(t, "\"", 0)));
    }

    #[test]
    fn a_wrong_closing_quote_is_found_in_the_string_that_swallowed_the_next_field() {
        let t = "Lecture(speaker: \"陆建华”, group: \"街道老领导\")";
        assert_eq!(swallowing_quote(t, at(t, "街", 0)), Some(at(t, "”", 0)));
        let t = "    Room(name: \"a”, seats: 1),\n    Room(name: \"b\")";
        assert_eq!(swallowing_quote(t, at(t, "b\"", 0)), Some(at(t, "”", 0)));
        let t = "services: [\"理发”, // 注释\n \"量血压\"]";
        assert_eq!(swallowing_quote(t, at(t, "量", 0)), Some(at(t, "”", 0)));
        // A real quote inside a text, then a missing comma: not a quote slip.
        let t = "title: \"创业“故事”, 上集\" date: \"2026-11-14\"";
        assert_eq!(swallowing_quote(t, at(t, "date", 0)), None);
        let t = "Showing(date: \"2026-12-23”, film: \"F01\"),";
        assert_eq!(swallowing_value(t, at(t, "2026", 0)), Some(at(t, "”", 0)));
        let t = "Station(contact: \"x”)";
        assert_eq!(
            unclosed_by_wrong_quote(t, at(t, "\"", 0)),
            Some(at(t, "”", 0))
        );
    }

    #[test]
    fn full_width_inside_strings_and_comments_is_fine() {
        let t = "a: \"，（\" // ，\n/* ： */ r#\"（\"# ，；";
        let found: Vec<(usize, char)> = OutsideStrings::new(t).collect();
        assert_eq!(found, [(at(t, "，；", 0), '，'), (at(t, "；", 0), '；')]);
    }
}
