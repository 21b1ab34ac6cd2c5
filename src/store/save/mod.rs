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

mod diff;
mod splice;
mod text;

use super::load::ron_options;
use super::lock::HeldBy;
use super::spans::{self, Node, NodeKind};
use crate::i18n::Lang;
use crate::tr;
use splice::Splicer;
use text::{indent_of, only_space_before};

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
            SaveError::Verify { detail } => tr!(
                lang,
                "保存前的检查没有通过：新写出的内容读回来和要保存的日程不一致（{detail}）。\
                     为了不弄坏文件，什么都没有写入，文件保持原样。",
                "The check before saving failed: the new text does not read back as the \
                     schedule being saved ({detail}). Nothing was written; the file is unchanged."
            ),
            SaveError::Unparseable { detail } => tr!(
                lang,
                "文件现在的内容读不懂（按 e 查看问题所在），没法只改动修改过的部分。\
                     什么都没有写入，文件保持原样。",
                "The file as it is now does not read ({detail}), so the changes cannot be \
                     put into it. Nothing was written; the file is unchanged."
            ),
            SaveError::Io {
                path,
                problem,
                detail,
            } => {
                let p = path.display();
                let why = match problem {
                    IoProblem::ReadOnlyFolder => {
                        tr!(lang, "文件夹是只读的，不能写入", "the folder is read-only")
                    }
                    IoProblem::NoSpace => tr!(lang, "磁盘空间已满", "the disk is full"),
                    IoProblem::IsDirectory => tr!(
                        lang,
                        "这个位置是一个文件夹，不是文件",
                        "this is a folder, not a file"
                    ),
                    IoProblem::PermissionDenied => tr!(lang, "没有读写权限", "permission denied"),
                    IoProblem::Missing => tr!(
                        lang,
                        "文件或文件夹已经不存在",
                        "the file or its folder no longer exists"
                    ),
                    IoProblem::NotAFile => tr!(
                        lang,
                        "这不是普通文件（可能是管道或设备），程序不写它",
                        "this is not a regular file (perhaps a pipe or a device)"
                    ),
                    IoProblem::LinkOutside => tr!(
                        lang,
                        "它是一个指向日程文件夹以外（{detail}）的链接，程序不写文件夹以外的文件",
                        "it is a link to {detail}, outside the schedule folder, which the program never writes"
                    ),
                    IoProblem::Other => tr!(lang, "出错：{detail}", "error: {detail}"),
                };
                tr!(
                    lang,
                    "无法保存 {p}：{why}。什么都没有写入，原文件保持不变。",
                    "Could not save {p}: {why}. Nothing was written; the file is unchanged."
                )
            }
            SaveError::ChangedOnDisk { path } => tr!(
                lang,
                "{} 在打开之后被别的程序或别人改过了。为了不覆盖这些修改，什么都没有写入。",
                "{} was changed by someone or something else after it was opened. To keep \
                     those changes, nothing was written.",
                path.display()
            ),
            SaveError::Locked(held) => tr!(
                lang,
                "{}什么都没有写入。",
                "{} Nothing was written.",
                held.message(lang)
            ),
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
    let old: T = read_as_loaded(body).map_err(|e| SaveError::Unparseable {
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

/// Reads a file's text into a value exactly as the loader does, in NFC
/// (see [`super::load::load_texts`]): so an entry written in another
/// normal form compares equal to what the app holds, and is left as
/// written when other entries change.
fn read_as_loaded<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    if super::load::is_nfc(text) {
        ron_options().from_str(text)
    } else {
        use unicode_normalization::UnicodeNormalization;
        ron_options().from_str(&text.nfc().collect::<String>())
    }
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
///
/// Both are compared as the loader reads them (in NFC): an entry the file
/// holds in another normal form is kept as written and still matches, and
/// a value typed in another form (a compatibility ideograph from an input
/// method) is written as typed and loads as it always would.
fn verify<T: Serialize + DeserializeOwned + PartialEq>(
    text: &str,
    new: &T,
) -> Result<(), SaveError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let loaded = read_as_loaded::<T>(body).map_err(|e| SaveError::Verify {
        detail: e.to_string(),
    })?;
    let expected = read_as_loaded::<T>(&canonical(new)?).map_err(|e| SaveError::Verify {
        detail: e.to_string(),
    })?;
    if loaded == expected {
        Ok(())
    } else {
        Err(SaveError::Verify {
            detail: "the text reads as a different schedule once loaded".into(),
        })
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
pub(super) struct Edit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
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
