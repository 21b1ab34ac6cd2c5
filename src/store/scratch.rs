//! The working copy [`super::more_problems`] repairs, at a cost that does
//! not grow with the file for each problem found.
//!
//! - [`Scratch`] is the text with its repairs, and a short list of the
//!   places repaired: any position maps back to the file as staff wrote it
//!   without a table per character (a 60 MiB file needs no gigabyte of
//!   bookkeeping).
//! - [`Lexer`] follows the text already read without error, item by item of
//!   the list it is in, so that the next reading can leave out the items
//!   before the one being repaired (they have read once; reading them again
//!   for every problem would cost the file's length each time).
//! - [`LineIndex`] turns byte offsets into lines and columns by binary
//!   search.

use super::spans::skip_block_comment;
use std::ops::Range;

/// Where each line of a text starts, for positions in large texts.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and character column of byte offset `at`.
    pub fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= at);
        let start = self.starts[line - 1];
        (line, text[start..at].chars().count() + 1)
    }

    /// Line `line` (1-based) without its line ending.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(text.len(), |e| e - 1);
        text.get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

/// The byte offset of a 1-based line and character column in `text`,
/// counting from the start: the cost is the offset's, not the text's.
/// A column past the line's end gives the line's end.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut at = 0;
    for _ in 1..line {
        match text[at..].find('\n') {
            Some(i) => at += i + 1,
            None => return text.len(),
        }
    }
    for (k, (i, c)) in text[at..].char_indices().enumerate() {
        if k + 1 == col || c == '\n' {
            return at + i;
        }
    }
    text.len()
}

/// Past blanks, line ends and comments from byte `at`.
pub fn skip_trivia(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i..].starts_with(b"//") {
            i = b[i..]
                .iter()
                .position(|c| *c == b'\n')
                .map_or(b.len(), |n| i + n);
        } else if b[i..].starts_with(b"/*") {
            i = skip_block_comment(b, i);
        } else {
            return i;
        }
    }
}

/// How a repaired range relates to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A character typed wrong, replaced by its right twin: it still stands
    /// at its own place in the file.
    Substituted,
    /// Text the repair made up; it stands for the file's next character.
    Inserted,
}

/// One repaired range: `at..at + len` of the scratch text came from
/// `orig..orig + orig_len` of the file.
#[derive(Debug, Clone, Copy)]
struct Splice {
    at: usize,
    len: usize,
    orig: usize,
    orig_len: usize,
    kind: Kind,
}

/// One change of a repair: a byte range of the scratch text and its new text.
#[derive(Debug, Clone)]
pub struct Edit {
    pub range: Range<usize>,
    pub with: String,
    pub kind: Kind,
}

/// A copy of the file's text with repairs in it.
pub struct Scratch {
    pub text: String,
    /// In order of position, not overlapping.
    splices: Vec<Splice>,
}

/// What [`Scratch::apply`] changed, to put it back.
pub struct Undo {
    replaced: Vec<(usize, usize, String)>,
    splices: Vec<Splice>,
}

impl Scratch {
    pub fn new(text: &str) -> Scratch {
        Scratch {
            text: text.to_owned(),
            splices: Vec::new(),
        }
    }

    /// The file's byte offset a scratch offset stands for, and whether the
    /// scratch text there was made up by a repair.
    pub fn to_orig(&self, at: usize) -> (usize, bool) {
        let mut shift: isize = 0;
        for s in &self.splices {
            if at < s.at {
                break;
            }
            if at < s.at + s.len {
                return match s.kind {
                    Kind::Substituted => (s.orig, false),
                    Kind::Inserted => (s.orig + s.orig_len, true),
                };
            }
            shift += s.orig_len as isize - s.len as isize;
        }
        (at.saturating_add_signed(shift), false)
    }

    /// The file's offset of a boundary between scratch characters: inside a
    /// repaired range, that range's start (`start`) or end.
    fn orig_boundary(&self, at: usize, start: bool) -> usize {
        let mut shift: isize = 0;
        for s in &self.splices {
            if at <= s.at {
                break;
            }
            if at < s.at + s.len {
                return if start { s.orig } else { s.orig + s.orig_len };
            }
            shift += s.orig_len as isize - s.len as isize;
        }
        at.saturating_add_signed(shift)
    }

    /// Makes the edits (not overlapping, any order); what was there can be
    /// put back with [`Scratch::undo`].
    pub fn apply(&mut self, edits: &[Edit]) -> Undo {
        let mut undo = Undo {
            replaced: Vec::new(),
            splices: self.splices.clone(),
        };
        let mut edits: Vec<&Edit> = edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            let r = e.range.start.min(self.text.len())..e.range.end.min(self.text.len());
            if !self.text.is_char_boundary(r.start) || !self.text.is_char_boundary(r.end) {
                continue;
            }
            undo.replaced.push((
                r.start,
                r.start + e.with.len(),
                self.text[r.clone()].to_owned(),
            ));
            self.splice(r, &e.with, e.kind);
        }
        undo
    }

    pub fn undo(&mut self, undo: Undo) {
        // Edits were made from the back: put them back from the front.
        for (start, end, old) in undo.replaced.into_iter().rev() {
            self.text.replace_range(start..end, &old);
        }
        self.splices = undo.splices;
    }

    fn splice(&mut self, r: Range<usize>, with: &str, kind: Kind) {
        let orig = self.orig_boundary(r.start, true);
        let orig_end = self.orig_boundary(r.end, false);
        // Earlier repairs this one overlaps become part of it.
        let absorbed = self
            .splices
            .iter()
            .any(|s| s.at < r.end.max(r.start + 1) && r.start < s.at + s.len);
        self.splices
            .retain(|s| !(s.at < r.end.max(r.start + 1) && r.start < s.at + s.len));
        let grow = with.len() as isize - r.len() as isize;
        for s in &mut self.splices {
            if s.at >= r.end {
                s.at = s.at.saturating_add_signed(grow);
            }
        }
        let at = self.splices.partition_point(|s| s.at < r.start);
        self.splices.insert(
            at,
            Splice {
                at: r.start,
                len: with.len(),
                orig,
                orig_len: orig_end.saturating_sub(orig),
                kind: if absorbed { Kind::Inserted } else { kind },
            },
        );
        self.text.replace_range(r, with);
    }
}

/// Follows RON text that has read without error, remembering the last place
/// between two items of the list it is in (a list that is a field of the
/// top value: `events: [`, `sessions: [`, ...).
#[derive(Default)]
pub struct Lexer {
    pos: usize,
    stack: Vec<u8>,
    /// The `[` of the list being followed, and the offset just after the
    /// last `,` between two of its items.
    list: Option<(usize, usize)>,
    /// Something it cannot follow was met: it says nothing any more.
    lost: bool,
}

impl Lexer {
    /// Where the text may be cut for reading from an item before `upto`:
    /// the list's `[` and the start of the cut. `upto` must lie in text
    /// that has read without error; an earlier `upto` than last time starts
    /// over.
    pub fn cut_before(&mut self, t: &[u8], upto: usize) -> Option<(usize, usize)> {
        if upto < self.pos {
            *self = Lexer::default();
        }
        while !self.lost && self.pos < upto.min(t.len()) {
            self.step(t);
        }
        if self.lost {
            return None;
        }
        self.list
            .filter(|_| self.stack.len() >= 2 && self.stack[1] == b'[')
    }

    /// The text from `at` on was changed: what was followed past it no
    /// longer holds.
    pub fn edited_at(&mut self, at: usize) {
        if at < self.pos {
            *self = Lexer::default();
        }
    }

    fn step(&mut self, t: &[u8]) {
        let i = self.pos;
        let next = t.get(i + 1).copied();
        self.pos = match t[i] {
            b'"' => skip_string(t, i + 1),
            b'\'' => {
                // A character literal: 'x', '中', '\n', '\''; anything else
                // is not followed.
                let body = i + 1;
                let close = if next == Some(b'\\') {
                    t.get(body + 2..)
                        .and_then(|r| r.iter().take(8).position(|b| *b == b'\''))
                        .map(|n| body + 2 + n)
                } else {
                    let len = match next {
                        Some(0..=0x7F) => 1,
                        Some(0xC0..=0xDF) => 2,
                        Some(0xE0..=0xEF) => 3,
                        _ => 4,
                    };
                    (t.get(body + len) == Some(&b'\'')).then_some(body + len)
                };
                close.map_or_else(
                    || {
                        self.lost = true;
                        i + 1
                    },
                    |c| c + 1,
                )
            }
            b'r' if matches!(next, Some(b'"' | b'#'))
                && (i == 0 || !(t[i - 1].is_ascii_alphanumeric() || t[i - 1] == b'_')) =>
            {
                skip_raw_string(t, i + 1).unwrap_or_else(|| {
                    self.lost = true;
                    t.len()
                })
            }
            b'/' if next == Some(b'/') => t[i..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(t.len(), |n| i + n + 1),
            b'/' if next == Some(b'*') => skip_block_comment(t, i),
            b'(' | b'[' | b'{' => {
                if t[i] == b'[' && self.stack.len() == 1 {
                    self.list = Some((i, i + 1));
                }
                self.stack.push(t[i]);
                i + 1
            }
            b')' | b']' | b'}' => {
                if self.stack.pop().is_none() {
                    self.lost = true;
                }
                if self.stack.len() < 2 {
                    self.list = None;
                }
                i + 1
            }
            b',' => {
                if self.stack.len() == 2
                    && let Some((open, _)) = self.list
                {
                    self.list = Some((open, i + 1));
                }
                i + 1
            }
            _ => i + 1,
        };
    }
}

/// Past the string whose text starts at `i` (after its `"`).
fn skip_string(t: &[u8], mut i: usize) -> usize {
    while i < t.len() {
        match t[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    t.len()
}

/// Past the raw string `r##"..."##` whose hashes start at `i`.
fn skip_raw_string(t: &[u8], i: usize) -> Option<usize> {
    let hashes = t[i..].iter().take_while(|b| **b == b'#').count();
    if t.get(i + hashes) != Some(&b'"') {
        return None;
    }
    let mut j = i + hashes + 1;
    while j < t.len() {
        if t[j] == b'"'
            && t[j + 1..]
                .iter()
                .take(hashes)
                .filter(|b| **b == b'#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_back_through_repairs() {
        let text = "a，b“c”d";
        let mut s = Scratch::new(text);
        let comma = text.find('，').expect("comma");
        s.apply(&[Edit {
            range: comma..comma + '，'.len_utf8(),
            with: ",".into(),
            kind: Kind::Substituted,
        }]);
        assert_eq!(s.text, "a,b“c”d");
        let q = s.text.find('“').expect("quote");
        let q2 = s.text.find('”').expect("quote");
        s.apply(&[
            Edit {
                range: q..q + 3,
                with: "\"".into(),
                kind: Kind::Substituted,
            },
            Edit {
                range: q2..q2 + 3,
                with: "\"".into(),
                kind: Kind::Substituted,
            },
        ]);
        assert_eq!(s.text, "a,b\"c\"d");
        // Every scratch character stands at its own place in the file.
        for (i, c) in s.text.char_indices() {
            let (o, made_up) = s.to_orig(i);
            assert!(!made_up);
            let want = text
                .char_indices()
                .nth(s.text[..i].chars().count())
                .expect("char");
            assert_eq!(o, want.0, "{c}");
        }
        let undo = s.apply(&[Edit {
            range: 1..1,
            with: "xy".into(),
            kind: Kind::Inserted,
        }]);
        assert_eq!(s.text, "axy,b\"c\"d");
        assert_eq!(s.to_orig(1), (1, true));
        assert_eq!(s.to_orig(3), (1, false));
        s.undo(undo);
        assert_eq!(s.text, "a,b\"c\"d");
        assert_eq!(s.to_orig(1), (1, false));
    }

    #[test]
    fn lines_and_offsets() {
        let text = "ab\n中文x\r\n\nz";
        let idx = LineIndex::new(text);
        let x = text.find('x').expect("x");
        assert_eq!(idx.line_col(text, x), (2, 3));
        assert_eq!(offset_of(text, 2, 3), x);
        assert_eq!(idx.line(text, 2), "中文x");
        assert_eq!(idx.line(text, 4), "z");
        assert_eq!(idx.line(text, 9), "");
    }

    #[test]
    fn the_lexer_cuts_between_items_of_the_top_list() {
        let t = "#![enable(implicit_some)]\nE(a: 1, events: [X(s: \"],\"), /* ] */ X(c: 'x'), // ,\n X(d: r#\"\"]\"#), X(e: [1, 2])])";
        let b = t.as_bytes();
        let mut lx = Lexer::default();
        let last = t.rfind("X(e").expect("item");
        let (open, cut) = lx.cut_before(b, last).expect("a cut");
        assert_eq!(&t[open..=open], "[");
        assert_eq!(t[cut..].trim_start(), &t[last..]);
        // Inside the last item's own list, the cut stays before the item.
        let inner = t.rfind("2]").expect("inner");
        assert_eq!(lx.cut_before(b, inner).map(|c| c.1), Some(cut));
    }
}
