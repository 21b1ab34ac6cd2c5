//! Reading the file's own text around the values: where lines start, what
//! is blank, comments and trailing commas, the kinds of lines between
//! entries, and how the house writes a string. Offsets always sit on ASCII
//! structure characters, so slicing never splits a character.

use crate::store::spans::skip_block_comment;
use crate::store::spans::{Node, NodeKind};

pub(super) fn line_start(t: &str, pos: usize) -> usize {
    t[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The leading spaces and tabs of the line holding `pos`.
pub(super) fn indent_of(t: &str, pos: usize) -> &str {
    let ls = line_start(t, pos);
    let rest = &t[ls..];
    let n = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..n]
}

pub(super) fn only_space_before(t: &str, pos: usize) -> bool {
    t[line_start(t, pos)..pos]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

pub(super) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// Past whitespace and comments from `i`.
pub(super) fn skip_trivia(t: &[u8], mut i: usize) -> usize {
    loop {
        if i >= t.len() {
            return i;
        }
        if t[i].is_ascii_whitespace() {
            i += 1;
        } else if t[i..].starts_with(b"//") {
            while i < t.len() && t[i] != b'\n' {
                i += 1;
            }
        } else if t[i..].starts_with(b"/*") {
            i = skip_block_comment(t, i);
        } else {
            return i;
        }
    }
}

/// The `,` that follows a value ending at `end`, if any.
pub(super) fn comma_after(t: &str, end: usize) -> Option<usize> {
    let i = skip_trivia(t.as_bytes(), end);
    (t.as_bytes().get(i) == Some(&b',')).then_some(i)
}

/// When a value ending at `end` is followed on its line only by a `,` and
/// comments: the start of the next line (past those comments).
pub(super) fn trail_end(t: &str, end: usize) -> Option<usize> {
    let b = t.as_bytes();
    let mut i = end;
    while i < b.len() && is_blank(b[i]) {
        i += 1;
    }
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    loop {
        while i < b.len() && is_blank(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return Some(i);
        }
        if b[i] == b'\n' {
            return Some(i + 1);
        }
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i = skip_block_comment(b, i);
        } else {
            return None;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
    Blank,
    Comment,
    Code,
}

/// Classifies the lines from `from` to `to` (both line starts).
pub(super) fn line_kinds(t: &[u8], from: usize, to: usize) -> Vec<(usize, LineKind)> {
    let mut out = Vec::new();
    let mut i = from;
    let mut depth = 0usize;
    let mut start = from;
    let mut kind = LineKind::Blank;
    let mark = |kind: &mut LineKind| {
        if *kind == LineKind::Blank {
            *kind = LineKind::Comment;
        }
    };
    while i < to {
        if t[i] == b'\n' {
            out.push((start, kind));
            i += 1;
            start = i;
            kind = if depth > 0 {
                LineKind::Comment
            } else {
                LineKind::Blank
            };
        } else if depth > 0 {
            if t[i..].starts_with(b"*/") {
                depth -= 1;
                i += 2;
            } else if t[i..].starts_with(b"/*") {
                depth += 1;
                i += 2;
            } else {
                i += 1;
            }
            mark(&mut kind);
        } else if t[i..].starts_with(b"//") {
            mark(&mut kind);
            while i < to && t[i] != b'\n' {
                i += 1;
            }
        } else if t[i..].starts_with(b"/*") {
            mark(&mut kind);
            depth = 1;
            i += 2;
        } else if t[i].is_ascii_whitespace() {
            i += 1;
        } else {
            kind = LineKind::Code;
            i += 1;
        }
    }
    if start < to {
        out.push((start, kind));
    }
    out
}

/// A comment line that heads a group of entries, `// ---- 2026年9月 ----`,
/// rather than describing the entry below it: it stays when that entry goes.
pub(super) fn is_divider(line: &str) -> bool {
    ["---", "===", "***", "###", "~~~", "———", "───", "━━━"]
        .iter()
        .any(|d| line.contains(d))
}

/// Writes a string the way staff write them: literal characters (Chinese
/// punctuation, the ideographic space), escaping only what must be.
pub(super) fn house_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a compound value up to and including its opening bracket,
/// e.g. `Film(`, `[`, `Some(`. Canonical text has no comments in between.
pub(super) fn opener<'t>(t: &'t str, n: &Node) -> &'t str {
    let rest = &t[n.start..n.end];
    rest.find(['(', '[', '{']).map_or(rest, |i| &rest[..=i])
}

/// Just after the opening bracket of a compound value in the original text.
pub(super) fn open_after(t: &str, n: &Node) -> usize {
    let b = t.as_bytes();
    let mut i = n.start;
    while i < n.end && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'#') {
        i += 1;
    }
    i = skip_trivia(b, i);
    (i + 1).min(n.end)
}

/// The entries of a struct or list in the original text, and how they sit.
pub(super) struct Container {
    pub(super) open_after: usize,
    pub(super) close: usize,
    /// `(start, end)` of each field (from its name) or item.
    pub(super) entries: Vec<(usize, usize)>,
    /// Every entry has its own line(s), followed only by `,` and comments.
    pub(super) lines: bool,
}

impl Container {
    pub(super) fn of(t: &str, n: &Node) -> Container {
        let entries: Vec<(usize, usize)> = match &n.kind {
            NodeKind::Fields(f) => f.iter().map(|f| (f.name_start, f.value.end)).collect(),
            NodeKind::Items(i) => i.iter().map(|x| (x.start, x.end)).collect(),
            NodeKind::Scalar => Vec::new(),
        };
        let lines = !entries.is_empty()
            && entries
                .iter()
                .all(|&(s, e)| only_space_before(t, s) && trail_end(t, e).is_some());
        Container {
            open_after: open_after(t, n),
            close: n.end.saturating_sub(1),
            entries,
            lines,
        }
    }
}

pub(super) fn closer<'t>(t: &'t str, n: &Node) -> &'t str {
    &t[n.end.saturating_sub(1)..n.end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds_tell_comments_from_blank_lines() {
        let t = "  // a\n\n  /* b\n  c */\n  x\n";
        let kinds: Vec<LineKind> = line_kinds(t.as_bytes(), 0, t.len())
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        assert_eq!(
            kinds,
            [
                LineKind::Comment,
                LineKind::Blank,
                LineKind::Comment,
                LineKind::Comment,
                LineKind::Code
            ]
        );
    }

    #[test]
    fn trail_end_accepts_only_commas_and_comments() {
        let t = "A, // x\nB /* y\n z */\nC, D\n";
        assert_eq!(trail_end(t, 1), Some(8));
        assert_eq!(trail_end(t, 9), Some(21));
        assert_eq!(trail_end(t, 22), None);
    }

    #[test]
    fn house_strings_keep_chinese_and_escape_quotes() {
        assert_eq!(house_string("a\u{3000}“b”\"c"), "\"a\u{3000}“b”\\\"c\"");
        let back: String = ron::from_str(&house_string("x\u{1}\n\\")).expect("reads back");
        assert_eq!(back, "x\u{1}\n\\");
    }
}
