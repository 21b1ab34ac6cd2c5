//! Saving an edited schedule back into the file staff wrote by hand.
//!
//! A serde round trip would throw away every comment, blank line and the
//! staff's own layout. Instead [`render`] splices: it serialises the new
//! value to canonical text, lines it up with the canonical text of what the
//! file holds now and with the file's own structure (byte spans from
//! [`super::spans`]), and replaces only what changed. Everything else —
//! comments, blank lines, ordering, indentation, spellings such as
//! `"2026/9/2"` or `"星期三"` — stays byte for byte.
//!
//! Three trees are walked together:
//! - `o`: the file as written (spans into the original text);
//! - `co`: the original *value* serialised canonically — same shape as `o`
//!   (fields by name, list items by position) but comparable as text;
//! - `cn`: the new value serialised canonically.
//!
//! Where `co` and `cn` agree nothing is touched. Struct fields are matched by
//! name; list items are aligned with a longest common subsequence over their
//! canonical texts, so an unchanged item keeps its bytes even when its
//! neighbours move. Before anything is returned the result is read back and
//! must give exactly the new value.

use std::fmt;
use std::path::PathBuf;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;
use unicode_width::UnicodeWidthStr;

use super::load::ron_options;
use super::lock::HeldBy;
use super::spans::{self, Node, NodeKind};
use crate::i18n::Lang;

/// Why a save did not happen. In every case nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The new text, read back, does not give the schedule being saved.
    Verify { detail: String },
    /// The file as it is now does not read, so it cannot be edited in place.
    /// The caller may offer to write the canonical text instead.
    Unparseable { detail: String },
    /// The file system refused.
    Io {
        path: PathBuf,
        problem: IoProblem,
        detail: String,
    },
    /// The file was changed on disk since it was loaded.
    ChangedOnDisk { path: PathBuf },
    /// Another copy of the program is editing the folder.
    Locked(HeldBy),
}

/// What kind of file-system failure stopped a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoProblem {
    /// The folder cannot be written to (read-only mount, no permission).
    ReadOnlyFolder,
    /// The disk (or quota) is full.
    NoSpace,
    /// The path is a folder, not a file.
    IsDirectory,
    /// The file itself may not be read or written.
    PermissionDenied,
    /// The file or its folder no longer exists.
    Missing,
    /// Not a regular file (a pipe, a device): never written.
    NotAFile,
    /// A link to somewhere outside the schedule folder: never followed.
    LinkOutside,
    /// Anything else; the detail says what.
    Other,
}

impl IoProblem {
    /// Classifies an I/O error.
    pub fn of(e: &std::io::Error) -> IoProblem {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::ReadOnlyFilesystem => IoProblem::ReadOnlyFolder,
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => IoProblem::NoSpace,
            K::IsADirectory => IoProblem::IsDirectory,
            K::PermissionDenied => IoProblem::PermissionDenied,
            K::NotFound => IoProblem::Missing,
            _ => IoProblem::Other,
        }
    }
}

impl SaveError {
    /// What happened, and that nothing was written, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SaveError::Verify { detail } => match lang {
                Lang::Zh => format!(
                    "保存前的检查没有通过：新写出的内容读回来和要保存的日程不一致（{detail}）。\
                     为了不弄坏文件，什么都没有写入，文件保持原样。"
                ),
                Lang::En => format!(
                    "The check before saving failed: the new text does not read back as the \
                     schedule being saved ({detail}). Nothing was written; the file is unchanged."
                ),
            },
            SaveError::Unparseable { detail } => match lang {
                Lang::Zh => format!(
                    "文件现在的内容读不懂（{detail}），没法只改动修改过的部分。\
                     什么都没有写入，文件保持原样。"
                ),
                Lang::En => format!(
                    "The file as it is now does not read ({detail}), so the changes cannot be \
                     put into it. Nothing was written; the file is unchanged."
                ),
            },
            SaveError::Io {
                path,
                problem,
                detail,
            } => {
                let p = path.display();
                let why = match (problem, lang) {
                    (IoProblem::ReadOnlyFolder, Lang::Zh) => "文件夹是只读的，不能写入".to_owned(),
                    (IoProblem::ReadOnlyFolder, Lang::En) => "the folder is read-only".to_owned(),
                    (IoProblem::NoSpace, Lang::Zh) => "磁盘空间已满".to_owned(),
                    (IoProblem::NoSpace, Lang::En) => "the disk is full".to_owned(),
                    (IoProblem::IsDirectory, Lang::Zh) => {
                        "这个位置是一个文件夹，不是文件".to_owned()
                    }
                    (IoProblem::IsDirectory, Lang::En) => "this is a folder, not a file".to_owned(),
                    (IoProblem::PermissionDenied, Lang::Zh) => "没有读写权限".to_owned(),
                    (IoProblem::PermissionDenied, Lang::En) => "permission denied".to_owned(),
                    (IoProblem::Missing, Lang::Zh) => "文件或文件夹已经不存在".to_owned(),
                    (IoProblem::Missing, Lang::En) => {
                        "the file or its folder no longer exists".to_owned()
                    }
                    (IoProblem::NotAFile, Lang::Zh) => {
                        "这不是普通文件（可能是管道或设备），程序不写它".to_owned()
                    }
                    (IoProblem::NotAFile, Lang::En) => {
                        "this is not a regular file (perhaps a pipe or a device)".to_owned()
                    }
                    (IoProblem::LinkOutside, Lang::Zh) => format!(
                        "它是一个指向日程文件夹以外（{detail}）的链接，程序不写文件夹以外的文件"
                    ),
                    (IoProblem::LinkOutside, Lang::En) => format!(
                        "it is a link to {detail}, outside the schedule folder, which the program never writes"
                    ),
                    (IoProblem::Other, Lang::Zh) => format!("出错：{detail}"),
                    (IoProblem::Other, Lang::En) => format!("error: {detail}"),
                };
                match lang {
                    Lang::Zh => format!("无法保存 {p}：{why}。什么都没有写入，原文件保持不变。"),
                    Lang::En => {
                        format!(
                            "Could not save {p}: {why}. Nothing was written; the file is unchanged."
                        )
                    }
                }
            }
            SaveError::ChangedOnDisk { path } => match lang {
                Lang::Zh => format!(
                    "{} 在打开之后被别的程序或别人改过了。为了不覆盖这些修改，什么都没有写入。",
                    path.display()
                ),
                Lang::En => format!(
                    "{} was changed by someone or something else after it was opened. To keep \
                     those changes, nothing was written.",
                    path.display()
                ),
            },
            SaveError::Locked(held) => match lang {
                Lang::Zh => format!("{}什么都没有写入。", held.message(lang)),
                Lang::En => format!("{} Nothing was written.", held.message(lang)),
            },
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SaveError {}

/// The header written at the top of a file the program creates.
const NEW_FILE_HEADER: &str =
    "// 这个文件由 stationcal 写出。以 // 开头的行是注释，程序不读，可以随便写说明。\n\n";

/// Widest line (in terminal columns) a new list item is written on one line.
const MAX_COMPACT_WIDTH: usize = 100;

/// The new text of a schedule file: `original` with only what differs from
/// `new` replaced, checked by reading it back.
///
/// An empty `original` (a new file) gives the whole value in the house
/// style under a short header comment.
pub fn render<T: Serialize + DeserializeOwned + PartialEq>(
    original: &str,
    new: &T,
) -> Result<String, SaveError> {
    let (bom, body) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let cn = canonical(new)?;
    let cn_root = spans::parse(&cn).ok_or_else(|| SaveError::Verify {
        detail: "canonical text has no structure".into(),
    })?;
    if body.trim().is_empty() {
        // A new file gets the platform's line endings (see `newline`); a
        // blank file that exists keeps the mark and the CRLF it has.
        let nl = if body.contains('\n') {
            line_ending(body)
        } else {
            super::newline::NATIVE
        };
        let attempt = |omit_empty: bool| {
            let mut s = Splicer::new("", "", &cn, "\n", "    ".to_owned());
            s.omit_empty = omit_empty;
            let text = format!("{NEW_FILE_HEADER}{}\n", s.pretty(&cn_root, ""));
            let text = format!("{bom}{}", super::newline::with_endings(&text, nl));
            verify(&text, new).map(|()| text)
        };
        return attempt(true).or_else(|_| attempt(false));
    }
    let old: T = ron_options()
        .from_str(body)
        .map_err(|e| SaveError::Unparseable {
            detail: e.to_string(),
        })?;
    if old == *new {
        return Ok(original.to_owned());
    }
    let co = canonical(&old)?;
    let o_root = spans::parse(body).ok_or_else(|| SaveError::Unparseable {
        detail: "unbalanced brackets or quotes".into(),
    })?;
    let co_root = spans::parse(&co).ok_or_else(|| SaveError::Verify {
        detail: "canonical text has no structure".into(),
    })?;
    let nl = line_ending(body);
    let unit = indent_unit(body, &o_root);
    let attempt = |omit_empty: bool| {
        let mut s = Splicer::new(body, &co, &cn, nl, unit.clone());
        s.omit_empty = omit_empty;
        s.merge(&o_root, &co_root, &cn_root);
        let out = apply(body, s.edits)?;
        verify(&out, new).map(|()| out)
    };
    // New entries leave out empty lists (`partners: []`) when the type
    // allows it, which verifying tells.
    let out = attempt(true).or_else(|_| attempt(false))?;
    Ok(format!("{bom}{out}"))
}

/// The value in RON as the serializer writes it: struct names, optional
/// values bare (the loader enables `implicit_some`), no `#![enable]` header.
fn canonical<T: Serialize>(value: &T) -> Result<String, SaveError> {
    let config = PrettyConfig::new()
        .struct_names(true)
        .new_line("\n")
        .indentor("    ")
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron_options()
        .to_string_pretty(value, config)
        .map_err(|e| SaveError::Verify {
            detail: e.to_string(),
        })?;
    let mut rest = text.as_str();
    while rest.starts_with("#![") {
        rest = rest.find('\n').map_or("", |i| &rest[i + 1..]);
    }
    Ok(rest.to_owned())
}

/// Reads `text` back the way the loader does and requires exactly `new`.
fn verify<T: DeserializeOwned + PartialEq>(text: &str, new: &T) -> Result<(), SaveError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match ron_options().from_str::<T>(body) {
        Ok(v) if v == *new => Ok(()),
        Ok(_) => Err(SaveError::Verify {
            detail: "the text reads as a different schedule".into(),
        }),
        Err(e) => Err(SaveError::Verify {
            detail: e.to_string(),
        }),
    }
}

/// `"\r\n"` when most lines of the file end that way.
fn line_ending(text: &str) -> &'static str {
    let lf = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    if crlf * 2 > lf { "\r\n" } else { "\n" }
}

/// The file's indentation step: how far the top value's first field is
/// indented; four spaces when that cannot be seen.
fn indent_unit(text: &str, root: &Node) -> String {
    let first = match &root.kind {
        NodeKind::Fields(f) => f.first().map(|f| f.name_start),
        NodeKind::Items(i) => i.first().map(|n| n.start),
        NodeKind::Scalar => None,
    };
    if let Some(s) = first.filter(|s| only_space_before(text, *s)) {
        let inner = indent_of(text, s);
        let outer = indent_of(text, root.start);
        if let Some(step) = inner.strip_prefix(outer).filter(|x| !x.is_empty()) {
            return step.to_owned();
        }
    }
    "    ".to_owned()
}

/// One replacement of `start..end` in the original text.
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Applies non-overlapping edits; insertions at a position go before a
/// replacement starting there, in the order they were made.
fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, SaveError> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut pos = 0;
    for e in edits {
        let (Some(keep), true) = (text.get(pos..e.start), e.end <= text.len()) else {
            return Err(SaveError::Verify {
                detail: "changes overlap".into(),
            });
        };
        out.push_str(keep);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    Ok(out)
}

// ---------------------------------------------------------------------------
// Text helpers. Offsets always sit on ASCII structure characters, so slicing
// never splits a character.

fn line_start(t: &str, pos: usize) -> usize {
    t[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The leading spaces and tabs of the line holding `pos`.
fn indent_of(t: &str, pos: usize) -> &str {
    let ls = line_start(t, pos);
    let rest = &t[ls..];
    let n = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..n]
}

fn only_space_before(t: &str, pos: usize) -> bool {
    t[line_start(t, pos)..pos]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// Past a (possibly nested) block comment starting at `i`.
fn skip_block_comment(t: &[u8], mut i: usize) -> usize {
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

/// Past whitespace and comments from `i`.
fn skip_trivia(t: &[u8], mut i: usize) -> usize {
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
fn comma_after(t: &str, end: usize) -> Option<usize> {
    let i = skip_trivia(t.as_bytes(), end);
    (t.as_bytes().get(i) == Some(&b',')).then_some(i)
}

/// When a value ending at `end` is followed on its line only by a `,` and
/// comments: the start of the next line (past those comments).
fn trail_end(t: &str, end: usize) -> Option<usize> {
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
enum LineKind {
    Blank,
    Comment,
    Code,
}

/// Classifies the lines from `from` to `to` (both line starts).
fn line_kinds(t: &[u8], from: usize, to: usize) -> Vec<(usize, LineKind)> {
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
fn is_divider(line: &str) -> bool {
    ["---", "===", "***", "###", "~~~", "———", "───", "━━━"]
        .iter()
        .any(|d| line.contains(d))
}

/// Writes a string the way staff write them: literal characters (Chinese
/// punctuation, the ideographic space), escaping only what must be.
fn house_string(s: &str) -> String {
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
fn opener<'t>(t: &'t str, n: &Node) -> &'t str {
    let rest = &t[n.start..n.end];
    rest.find(['(', '[', '{']).map_or(rest, |i| &rest[..=i])
}

/// Just after the opening bracket of a compound value in the original text.
fn open_after(t: &str, n: &Node) -> usize {
    let b = t.as_bytes();
    let mut i = n.start;
    while i < n.end && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'#') {
        i += 1;
    }
    i = skip_trivia(b, i);
    (i + 1).min(n.end)
}

/// The entries of a struct or list in the original text, and how they sit.
struct Container {
    open_after: usize,
    close: usize,
    /// `(start, end)` of each field (from its name) or item.
    entries: Vec<(usize, usize)>,
    /// Every entry has its own line(s), followed only by `,` and comments.
    lines: bool,
}

impl Container {
    fn of(t: &str, n: &Node) -> Container {
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

/// A field or list item to be written new.
enum NewEntry<'n> {
    Item(&'n Node),
    Field(&'n str, &'n Node),
}

enum Op {
    Keep(usize),
    Del(usize),
    Ins(usize),
}

/// Longest-common-subsequence alignment of two lists of canonical texts.
fn diff(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let mut pre = 0;
    while pre < n && pre < m && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf] {
        suf += 1;
    }
    let (a2, b2) = (&a[pre..n - suf], &b[pre..m - suf]);
    let (p, q) = (a2.len(), b2.len());
    let w = q + 1;
    let mut dp = vec![0u32; (p + 1) * w];
    for i in (0..p).rev() {
        for j in (0..q).rev() {
            dp[i * w + j] = if a2[i] == b2[j] {
                dp[(i + 1) * w + j + 1] + 1
            } else {
                dp[(i + 1) * w + j].max(dp[i * w + j + 1])
            };
        }
    }
    let mut ops: Vec<Op> = (0..pre).map(Op::Keep).collect();
    let (mut i, mut j) = (0, 0);
    while i < p && j < q {
        if a2[i] == b2[j] {
            ops.push(Op::Keep(pre + i));
            i += 1;
            j += 1;
        } else if dp[(i + 1) * w + j] >= dp[i * w + j + 1] {
            ops.push(Op::Del(pre + i));
            i += 1;
        } else {
            ops.push(Op::Ins(pre + j));
            j += 1;
        }
    }
    ops.extend((i..p).map(|i| Op::Del(pre + i)));
    ops.extend((j..q).map(|j| Op::Ins(pre + j)));
    ops.extend((n - suf..n).map(Op::Keep));
    ops
}

/// Collects the edits that turn the original text into the new value.
struct Splicer<'a> {
    o: &'a str,
    co: &'a str,
    cn: &'a str,
    nl: &'static str,
    unit: String,
    /// New values are written without fields holding an empty list.
    omit_empty: bool,
    edits: Vec<Edit>,
}

impl<'a> Splicer<'a> {
    fn new(o: &'a str, co: &'a str, cn: &'a str, nl: &'static str, unit: String) -> Self {
        Splicer {
            o,
            co,
            cn,
            nl,
            unit,
            omit_empty: false,
            edits: Vec::new(),
        }
    }

    fn edit(&mut self, start: usize, end: usize, text: String) {
        self.edits.push(Edit { start, end, text });
    }

    fn co_text(&self, n: &Node) -> &'a str {
        &self.co[n.start..n.end]
    }

    fn cn_text(&self, n: &Node) -> &'a str {
        &self.cn[n.start..n.end]
    }

    /// Makes the original value `o` (whose value serialises as `co`) into `cn`.
    fn merge(&mut self, o: &Node, co: &Node, cn: &Node) {
        if self.co_text(co) == self.cn_text(cn) {
            return;
        }
        match (&o.kind, &co.kind, &cn.kind) {
            (NodeKind::Fields(of), NodeKind::Fields(cof), NodeKind::Fields(cnf))
                if opener(self.co, co) == opener(self.cn, cn) =>
            {
                self.merge_fields(o, of, cof, cnf);
            }
            (NodeKind::Items(oi), NodeKind::Items(coi), NodeKind::Items(cni))
                if oi.len() == coi.len()
                    && opener(self.co, co) == opener(self.cn, cn)
                    && self.o[open_after(self.o, o).saturating_sub(1)..]
                        .chars()
                        .next()
                        == opener(self.co, co).chars().last() =>
            {
                self.merge_items(o, coi, cni);
            }
            _ => self.replace(o, cn),
        }
    }

    /// Replaces a whole value, keeping its layout: one line stays one line.
    /// A value that was on one line but whose new text is too wide for one
    /// goes over several lines.
    fn replace(&mut self, o: &Node, cn: &Node) {
        let indent = indent_of(self.o, o.start).to_owned();
        let one = self.compact(cn);
        let line_so_far = &self.o[line_start(self.o, o.start)..o.start];
        let fits = line_so_far.width() + one.width() < MAX_COMPACT_WIDTH;
        let text = if self.o[o.start..o.end].contains('\n') || !fits {
            self.pretty(cn, &indent)
        } else {
            one
        };
        self.edit(o.start, o.end, text);
    }

    fn merge_fields(
        &mut self,
        o: &Node,
        of: &[spans::Field],
        cof: &[spans::Field],
        cnf: &[spans::Field],
    ) {
        let mut names: Vec<&str> = cnf.iter().map(|f| f.name.as_str()).collect();
        for f in cof {
            if !names.contains(&f.name.as_str()) {
                names.push(&f.name);
            }
        }
        let mut deleted = vec![false; of.len()];
        let mut inserts: Vec<(Option<usize>, NewEntry)> = Vec::new();
        for name in names {
            let co_f = cof.iter().find(|f| f.name == name);
            let cn_i = cnf.iter().position(|f| f.name == name);
            let cn_f = cn_i.map(|i| &cnf[i]);
            let o_i = of.iter().position(|f| f.name == name);
            let same = match (co_f, cn_f) {
                (Some(a), Some(b)) => self.co_text(&a.value) == self.cn_text(&b.value),
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            match (o_i, cn_f, cn_i) {
                (Some(oi), Some(nf), _) => match co_f {
                    Some(cf) => self.merge(&of[oi].value, &cf.value, &nf.value),
                    None => self.replace(&of[oi].value, &nf.value),
                },
                (Some(oi), None, _) => deleted[oi] = true,
                (None, Some(nf), Some(ni)) => {
                    // After the nearest earlier field (in the new order) the file has.
                    let anchor = cnf[..ni].iter().rev().find_map(|p| {
                        of.iter()
                            .position(|f| f.name == p.name)
                            .filter(|&k| !deleted[k])
                    });
                    inserts.push((anchor, NewEntry::Field(&nf.name, &nf.value)));
                }
                _ => {}
            }
        }
        let c = Container::of(self.o, o);
        self.delete_entries(&c, &deleted);
        self.insert_entries(&c, &deleted, &inserts);
    }

    fn merge_items(&mut self, o: &Node, coi: &[Node], cni: &[Node]) {
        let NodeKind::Items(oi) = &o.kind else {
            return;
        };
        let a: Vec<&str> = coi.iter().map(|n| self.co_text(n)).collect();
        let b: Vec<&str> = cni.iter().map(|n| self.cn_text(n)).collect();
        let ops = diff(&a, &b);
        let mut deleted = vec![false; coi.len()];
        let mut inserts: Vec<(Option<usize>, NewEntry)> = Vec::new();
        let mut anchor: Option<usize> = None;
        let mut k = 0;
        while k < ops.len() {
            if let Op::Keep(i) = ops[k] {
                anchor = Some(i);
                k += 1;
                continue;
            }
            let (mut dels, mut ins) = (Vec::new(), Vec::new());
            while k < ops.len() {
                match ops[k] {
                    Op::Keep(_) => break,
                    Op::Del(i) => dels.push(i),
                    Op::Ins(j) => ins.push(j),
                }
                k += 1;
            }
            // An item that was changed, not replaced, keeps its place and comments.
            let mut from = 0;
            let mut partner: Vec<Option<usize>> = vec![None; ins.len()];
            for (x, &j) in ins.iter().enumerate() {
                if let Some(q) = (from..dels.len()).find(|&q| self.similar(&coi[dels[q]], &cni[j]))
                {
                    partner[x] = Some(dels[q]);
                    from = q + 1;
                }
            }
            for &i in &dels {
                deleted[i] = !partner.contains(&Some(i));
            }
            for (x, &j) in ins.iter().enumerate() {
                match partner[x] {
                    Some(i) => {
                        self.merge(&oi[i], &coi[i], &cni[j]);
                        anchor = Some(i);
                    }
                    None => inserts.push((anchor, NewEntry::Item(&cni[j]))),
                }
            }
        }
        let c = Container::of(self.o, o);
        self.delete_entries(&c, &deleted);
        self.insert_entries(&c, &deleted, &inserts);
    }

    /// Whether a new item is the old one changed (same kind, same first
    /// field or at least half its fields), rather than another item.
    fn similar(&self, co: &Node, cn: &Node) -> bool {
        match (&co.kind, &cn.kind) {
            (NodeKind::Scalar, NodeKind::Scalar) | (NodeKind::Items(_), NodeKind::Items(_)) => true,
            (NodeKind::Fields(a), NodeKind::Fields(b)) => {
                if opener(self.co, co) != opener(self.cn, cn) {
                    return false;
                }
                let equal = |x: &spans::Field, y: &spans::Field| {
                    x.name == y.name && self.co_text(&x.value) == self.cn_text(&y.value)
                };
                let first = matches!((a.first(), b.first()), (Some(x), Some(y)) if equal(x, y));
                let same = a.iter().filter(|x| b.iter().any(|y| equal(x, y))).count();
                first || 2 * same >= a.len().max(b.len())
            }
            _ => false,
        }
    }

    /// Where the comment lines directly above entry `k` begin (its own line
    /// if there are none): up to a blank line, code, or a divider comment.
    /// Only used for entries on their own lines.
    fn block_start(&self, c: &Container, k: usize) -> usize {
        let (s, _) = c.entries[k];
        let region = if k == 0 {
            trail_end(self.o, c.open_after)
        } else {
            trail_end(self.o, c.entries[k - 1].1)
        };
        let own = line_start(self.o, s);
        let Some(region) = region.filter(|r| *r <= own) else {
            return own;
        };
        let mut start = own;
        for (ls, kind) in line_kinds(self.o.as_bytes(), region, own).into_iter().rev() {
            let line = self.o[ls..].lines().next().unwrap_or("");
            if kind != LineKind::Comment || is_divider(line) {
                break;
            }
            start = ls;
        }
        start
    }

    /// Removes entries; on their own lines with their leading comment lines
    /// and trailing `,` and comment, else just the entry and one separator.
    fn delete_entries(&mut self, c: &Container, deleted: &[bool]) {
        let n = c.entries.len();
        if c.lines {
            for k in (0..n).filter(|&k| deleted[k]) {
                let start = self.block_start(c, k);
                let end = trail_end(self.o, c.entries[k].1).unwrap_or(c.entries[k].1);
                self.edit(start, end, String::new());
            }
            return;
        }
        let mut i = 0;
        while i < n {
            if !deleted[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && deleted[j + 1] {
                j += 1;
            }
            let (_, e_j) = c.entries[j];
            let comma_j = comma_after(self.o, e_j);
            let (start, end) = if i > 0 {
                let (_, e_p) = c.entries[i - 1];
                let end = comma_j.map_or(e_j, |q| q + 1);
                let start = if j == n - 1 && comma_j.is_none() {
                    e_p
                } else {
                    comma_after(self.o, e_p).map_or(e_p, |q| q + 1)
                };
                (start, end)
            } else {
                let mut end = comma_j.map_or(e_j, |q| q + 1);
                if j < n - 1 {
                    let b = self.o.as_bytes();
                    while end < b.len() && matches!(b[end], b' ' | b'\t') {
                        end += 1;
                    }
                }
                (c.entries[0].0, end)
            };
            self.edit(start, end, String::new());
            i = j + 1;
        }
    }

    fn insert_entries(
        &mut self,
        c: &Container,
        deleted: &[bool],
        inserts: &[(Option<usize>, NewEntry)],
    ) {
        if inserts.is_empty() {
            return;
        }
        if c.entries.is_empty() {
            self.fill_empty(c, inserts);
            return;
        }
        let last = c.entries.len() - 1;
        let last_comma = comma_after(self.o, c.entries[last].1).is_some();
        let final_new_at_end = inserts.iter().rposition(|(a, _)| *a == Some(last));
        let mut comma_added = false;
        for (x, (anchor, entry)) in inserts.iter().enumerate() {
            let reference = anchor.unwrap_or(0);
            let (rs, re) = c.entries[reference];
            if c.lines {
                let indent = indent_of(self.o, rs).to_owned();
                let multiline = self.o[rs..re].contains('\n');
                let body = self.like_sibling(entry, rs, &indent, multiline);
                let comma = if final_new_at_end == Some(x) && !last_comma {
                    ""
                } else {
                    ","
                };
                let text = format!("{indent}{body}{comma}{}", self.nl);
                if let Some(k) = anchor {
                    let (_, e) = c.entries[*k];
                    if *k == last && !last_comma && !comma_added {
                        // The old last entry had no `,`: it is no longer last.
                        self.edit(e, e, ",".into());
                        comma_added = true;
                    }
                    let pos = trail_end(self.o, e).unwrap_or(e);
                    self.edit(pos, pos, text);
                } else {
                    let pos = self.block_start(c, 0);
                    self.edit(pos, pos, text);
                }
            } else {
                let body = self.like_sibling(entry, rs, "", false);
                match anchor {
                    Some(k) => {
                        let e = c.entries[*k].1;
                        self.edit(e, e, format!(", {body}"));
                    }
                    // Before the first entry; when every old entry goes,
                    // the last new one needs no separator.
                    None if deleted.iter().all(|d| *d)
                        && !inserts[x + 1..].iter().any(|(a, _)| a.is_none()) =>
                    {
                        self.edit(rs, rs, body);
                    }
                    None => self.edit(rs, rs, format!("{body}, ")),
                }
            }
        }
    }

    /// New entries into `[]` or `Name()` with nothing in it yet.
    fn fill_empty(&mut self, c: &Container, inserts: &[(Option<usize>, NewEntry)]) {
        let inner = &self.o[c.open_after..c.close];
        let all_scalar = inserts.iter().all(|(_, e)| match e {
            NewEntry::Item(n) => matches!(n.kind, NodeKind::Scalar),
            NewEntry::Field(..) => false,
        });
        if all_scalar && inner.trim().is_empty() {
            let parts: Vec<String> = inserts
                .iter()
                .map(|(_, e)| self.entry_text(e, "", false))
                .collect();
            self.edit(c.open_after, c.close, parts.join(", "));
            return;
        }
        let outer = indent_of(self.o, c.close).to_owned();
        let indent = format!("{outer}{}", self.unit);
        let mut lines = String::new();
        for (_, e) in inserts {
            let body = match e {
                NewEntry::Item(n) => self.item(n, &indent),
                NewEntry::Field(..) => self.entry_text(e, &indent, true),
            };
            lines.push_str(&format!("{indent}{body},{}", self.nl));
        }
        if inner.contains('\n') {
            let pos = line_start(self.o, c.close);
            self.edit(pos, pos, lines);
        } else {
            let open_indent = indent_of(self.o, c.open_after - 1).to_owned();
            let kept = inner.trim();
            let kept = if kept.is_empty() {
                String::new()
            } else {
                format!(" {kept}")
            };
            let nl = self.nl;
            self.edit(
                c.open_after,
                c.close,
                format!("{kept}{nl}{lines}{open_indent}"),
            );
        }
    }

    /// A new entry written like the sibling at `rs`: without the struct
    /// name when the sibling leaves it out (`(name: "…", seats: 40)`). Only
    /// plain structs can leave it out, and all items of a list are of one
    /// type, so the new one can too.
    fn like_sibling(&self, e: &NewEntry, rs: usize, indent: &str, multiline: bool) -> String {
        let text = self.entry_text(e, indent, multiline);
        if matches!(e, NewEntry::Item(_))
            && self.o[rs..].starts_with('(')
            && let Some(i) = text.find('(')
            && i > 0
            && text[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return text[i..].to_owned();
        }
        text
    }

    /// The text of a new entry. `multiline`: as its line-mode siblings are
    /// (several lines each) or, for fields, a struct with a field per line.
    fn entry_text(&self, e: &NewEntry, indent: &str, multiline: bool) -> String {
        match e {
            NewEntry::Item(n) => {
                if multiline {
                    self.pretty(n, indent)
                } else {
                    self.compact(n)
                }
            }
            NewEntry::Field(name, v) => {
                let value = if multiline || !indent.is_empty() {
                    self.pretty(v, indent)
                } else {
                    self.compact(v)
                };
                format!("{name}: {value}")
            }
        }
    }

    /// A canonical scalar as staff write it.
    fn scalar(&self, n: &Node) -> String {
        let tok = self.cn_text(n);
        if tok.starts_with('"')
            && let Ok(s) = ron::from_str::<String>(tok)
        {
            return house_string(&s);
        }
        tok.to_owned()
    }

    /// A new value on one line: `Film(id: "F01", title: "…")`.
    fn compact(&self, n: &Node) -> String {
        match &n.kind {
            NodeKind::Scalar => self.scalar(n),
            NodeKind::Fields(fields) => {
                let parts: Vec<String> = self
                    .written_fields(fields)
                    .map(|f| format!("{}: {}", f.name, self.compact(&f.value)))
                    .collect();
                format!("{}{})", opener(self.cn, n), parts.join(", "))
            }
            NodeKind::Items(items) => {
                let open = opener(self.cn, n);
                let parts: Vec<String> = if open.ends_with('{') {
                    items
                        .chunks(2)
                        .map(|kv| {
                            let v = kv.get(1).map(|v| self.compact(v)).unwrap_or_default();
                            format!("{}: {v}", self.compact(&kv[0]))
                        })
                        .collect()
                } else {
                    items.iter().map(|x| self.compact(x)).collect()
                };
                format!("{open}{}{}", parts.join(", "), closer(self.cn, n))
            }
        }
    }

    /// The fields of a new value that are written.
    fn written_fields<'f>(
        &self,
        fields: &'f [spans::Field],
    ) -> impl Iterator<Item = &'f spans::Field> + use<'f, 'a> {
        let cn = self.cn;
        let omit = self.omit_empty;
        fields.iter().filter(move |f| {
            !(omit
                && matches!(&f.value.kind, NodeKind::Items(i) if i.is_empty())
                && opener(cn, &f.value) == "[")
        })
    }

    /// A new list item: on one line when it fits, else over several.
    fn item(&self, n: &Node, indent: &str) -> String {
        let one = self.compact(n);
        if indent.width() + one.width() < MAX_COMPACT_WIDTH {
            one
        } else {
            self.pretty(n, indent)
        }
    }

    /// A new value over several lines in the house style: a field per line,
    /// lists of plain values on one line, list items on one line each when
    /// they fit.
    fn pretty(&self, n: &Node, indent: &str) -> String {
        let nl = self.nl;
        let inner = format!("{indent}{}", self.unit);
        match &n.kind {
            NodeKind::Scalar => self.scalar(n),
            NodeKind::Fields(fields) => {
                let mut s = format!("{}{nl}", opener(self.cn, n));
                for f in self.written_fields(fields) {
                    s.push_str(&format!(
                        "{inner}{}: {},{nl}",
                        f.name,
                        self.pretty(&f.value, &inner)
                    ));
                }
                s.push_str(indent);
                s.push(')');
                s
            }
            NodeKind::Items(items) => {
                let open = opener(self.cn, n);
                if items.is_empty()
                    || open.ends_with('{')
                    || items.iter().all(|x| matches!(x.kind, NodeKind::Scalar))
                {
                    return self.compact(n);
                }
                let mut s = format!("{open}{nl}");
                for x in items {
                    s.push_str(&format!("{inner}{},{nl}", self.item(x, &inner)));
                }
                s.push_str(indent);
                s.push_str(closer(self.cn, n));
                s
            }
        }
    }
}

fn closer<'t>(t: &'t str, n: &Node) -> &'t str {
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

    #[test]
    fn diff_aligns_by_longest_common_subsequence() {
        let ops = diff(&["a", "b", "c", "d"], &["a", "c", "x", "d"]);
        let s: Vec<String> = ops
            .iter()
            .map(|o| match o {
                Op::Keep(i) => format!("k{i}"),
                Op::Del(i) => format!("d{i}"),
                Op::Ins(j) => format!("i{j}"),
            })
            .collect();
        assert_eq!(s, ["k0", "d1", "k2", "i2", "k3"]);
    }
}
