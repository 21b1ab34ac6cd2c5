//! Where each value sits in a RON text.
//!
//! serde discards positions once a value is read, but semantic problems
//! (a dangling film id, a duplicate id) must still point at a line and
//! column. This is a small, forgiving reader of RON's structure that keeps
//! byte ranges for every field and list element. It is only asked about
//! texts that `ron` has already accepted, and never panics on others.

use crate::model::validate::{Pointer, Step};

/// A value's byte range and, for compound values, its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Scalar,
    /// A struct or struct-like enum variant: `Name(field: value, ...)`.
    Fields(Vec<Field>),
    /// A list, tuple or map (map entries are (key, value) pairs flattened).
    Items(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    /// Byte offset of the field name.
    pub name_start: usize,
    pub value: Node,
}

impl Node {
    /// Follows a pointer as far as it goes; the deepest node reached.
    pub fn find(&self, pointer: &Pointer) -> &Node {
        let mut node = self;
        for step in &pointer.0 {
            let next = match (step, &node.kind) {
                (Step::Field(f), NodeKind::Fields(fields)) => {
                    fields.iter().find(|x| x.name == *f).map(|x| &x.value)
                }
                (Step::Index(i), NodeKind::Items(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }
}

/// Reads the structure of a RON text; `None` if it is not well formed.
pub fn parse(text: &str) -> Option<Node> {
    let mut r = Reader {
        s: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    r.skip_trivia();
    // Leading `#![enable(...)]` attributes.
    while r.peek() == Some(b'#') {
        while r.peek().is_some_and(|b| b != b']') {
            r.pos += 1;
        }
        r.pos += 1;
        r.skip_trivia();
    }
    r.value()
}

struct Reader<'a> {
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 128;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.s.get(self.pos + 1).copied()) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut level = 0usize;
                    while self.pos < self.s.len() {
                        if self.s[self.pos..].starts_with(b"/*") {
                            level += 1;
                            self.pos += 2;
                        } else if self.s[self.pos..].starts_with(b"*/") {
                            level = level.saturating_sub(1);
                            self.pos += 2;
                            if level == 0 {
                                break;
                            }
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> Option<(usize, String)> {
        let start = self.pos;
        if self.s[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| {
            let name = String::from_utf8_lossy(&self.s[start..self.pos]);
            (start, name.trim_start_matches("r#").to_owned())
        })
    }

    fn string(&mut self) -> Option<()> {
        // At `"`, or at `r` of a raw string.
        if self.peek() == Some(b'r') {
            self.pos += 1;
            let mut hashes = 0;
            while self.peek() == Some(b'#') {
                hashes += 1;
                self.pos += 1;
            }
            self.expect(b'"')?;
            loop {
                match self.peek()? {
                    b'"' if self
                        .s
                        .get(self.pos + 1..self.pos + 1 + hashes)
                        .is_some_and(|h| h.iter().all(|b| *b == b'#')) =>
                    {
                        self.pos += 1 + hashes;
                        return Some(());
                    }
                    _ => self.pos += 1,
                }
            }
        }
        let quote = self.peek()?;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b if b == quote => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn at_raw_string(&self) -> bool {
        let rest = &self.s[self.pos + 1..];
        let hashes = rest.iter().take_while(|b| **b == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn value(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.skip_trivia();
        let start = self.pos;
        let kind = match self.peek()? {
            b'"' | b'\'' => {
                self.string()?;
                NodeKind::Scalar
            }
            b'r' if self.at_raw_string() => {
                self.string()?;
                NodeKind::Scalar
            }
            b'[' => {
                self.pos += 1;
                NodeKind::Items(self.items(b']')?)
            }
            b'{' => {
                self.pos += 1;
                NodeKind::Items(self.map()?)
            }
            b'(' => self.parens()?,
            b if b.is_ascii_alphabetic() || b == b'_' => {
                self.ident()?;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parens()?
                } else {
                    NodeKind::Scalar
                }
            }
            _ => {
                while self.peek().is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.' | b'_')
                }) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                NodeKind::Scalar
            }
        };
        self.depth -= 1;
        Some(Node {
            start,
            end: self.pos,
            kind,
        })
    }

    /// At `(`: named fields if it starts with `name:`, else a tuple.
    fn parens(&mut self) -> Option<NodeKind> {
        self.pos += 1;
        self.skip_trivia();
        let save = self.pos;
        if let Some((_, _)) = self.ident() {
            self.skip_trivia();
            let is_field = self.peek() == Some(b':') && self.s.get(self.pos + 1) != Some(&b':');
            self.pos = save;
            if is_field {
                return self.fields().map(NodeKind::Fields);
            }
        }
        self.pos = save;
        self.items(b')').map(NodeKind::Items)
    }

    fn fields(&mut self) -> Option<Vec<Field>> {
        let mut out = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b')' {
                self.pos += 1;
                return Some(out);
            }
            let (name_start, name) = self.ident()?;
            self.skip_trivia();
            self.expect(b':')?;
            let value = self.value()?;
            out.push(Field {
                name,
                name_start,
                value,
            });
            self.skip_trivia();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }

    fn items(&mut self, close: u8) -> Option<Vec<Node>> {
        let mut out = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == close {
                self.pos += 1;
                return Some(out);
            }
            out.push(self.value()?);
            self.skip_trivia();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }

    fn map(&mut self) -> Option<Vec<Node>> {
        let mut out = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b'}' {
                self.pos += 1;
                return Some(out);
            }
            out.push(self.value()?);
            self.skip_trivia();
            self.expect(b':')?;
            out.push(self.value()?);
            self.skip_trivia();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }
}

/// The offset just after a block comment starting at `i` (RON's block
/// comments nest), or the end of the text when it is not closed. Shared by
/// everything that scans a file's text outside the parser.
pub fn skip_block_comment(t: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < t.len() {
        if t[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if t[i..].starts_with(b"*/") {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::Step;

    const TEXT: &str = r##"// 片单
Screenings(
    slot: Slot(weekday: "周三", start: "14:00"),
    films: [
        Film(id: "F01", title: "开国大典"), /* 注释 */
        Film(id: "F02", title: "长津湖", note: r#"带"引号"#),
    ],
    exceptions: [Skip(date: "2026-09-30", reason: "国庆")],
    map: { "a": 1, "b": [2, 3] },
)
"##;

    #[test]
    fn finds_fields_and_list_items_with_their_positions() {
        let root = parse(TEXT).expect("parses");
        let p = Pointer(vec![
            Step::Field("films"),
            Step::Index(1),
            Step::Field("title"),
        ]);
        let node = root.find(&p);
        assert_eq!(&TEXT[node.start..node.end], "\"长津湖\"");
        assert_eq!(line_col(TEXT, node.start), (6, 32));
        let p = Pointer(vec![
            Step::Field("exceptions"),
            Step::Index(0),
            Step::Field("reason"),
        ]);
        assert_eq!(&TEXT[root.find(&p).start..root.find(&p).end], "\"国庆\"");
    }

    #[test]
    fn a_pointer_past_the_tree_stops_at_the_deepest_node() {
        let root = parse(TEXT).expect("parses");
        let p = Pointer(vec![Step::Field("films"), Step::Index(9)]);
        assert!(TEXT[root.find(&p).start..].starts_with('['));
    }

    #[test]
    fn broken_text_gives_none_not_a_panic() {
        for t in [
            "",
            "(",
            "Film(id: ",
            "[1, 2",
            "\"abc",
            "r#\"x",
            "/* x",
            "{ a: }",
        ] {
            let _ = parse(t);
        }
        assert!(parse("(").is_none());
    }
}
