//! Characters inside the files' text that cannot be seen or that would act
//! on a terminal: a TAB or line break pasted from a spreadsheet into a
//! title, an ESC, a bidirectional control, a zero-width space copied from a
//! web page. The program shows them as escapes (see [`crate::sanitize`]);
//! `check` says where each one is and what to do about it.
//!
//! Found by a scan of the file's text rather than of the values read from
//! it, so that every string of every file is covered and the position is
//! that of the character itself (or of the escape written for it, `\t`).

use super::spans::skip_block_comment;
use crate::i18n::Lang;
use crate::model::validate::Severity;
use crate::sanitize::{self, Hidden};

use super::diagnostics::{Cause, Diagnostic};
use crate::tr;

/// Fields whose text may run over several lines: a line break there is
/// meant, not a paste.
const PROSE: [&str; 4] = ["note", "summary", "contact", "about"];

/// A character of one kind inside a string of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenChar {
    pub c: char,
    /// The field the string belongs to (`title`), when there is one.
    pub field: Option<String>,
    /// Written as an escape (`\t`, `\u{200b}`) rather than raw.
    pub escaped: bool,
}

/// Every string of `text` (a RON file) with a hidden character: one
/// warning per string and kind of character, at the first of that kind.
///
/// A pass over the bytes (RON's syntax is ASCII); characters are decoded
/// only inside strings, and line and column worked out only for findings.
pub fn scan(file: &str, text: &str) -> Vec<Diagnostic> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut places = Places::new(text);
    let mut field: Option<&str> = None;
    let mut ident: &str = "";
    let mut i = 0;
    while i < b.len() {
        let ident_char = |k: usize| {
            b.get(k)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        };
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i),
            b'r' if !ident_char(i.wrapping_sub(1)) && raw_string_hashes(b, i).is_some() => {
                let hashes = raw_string_hashes(b, i).unwrap_or(0);
                let (end, found) = raw_string(text, i + 2 + hashes, hashes);
                report(file, &mut places, field, found, &mut out);
                i = end;
                ident = "";
            }
            b'"' => {
                let (end, found) = string(text, i + 1);
                report(file, &mut places, field, found, &mut out);
                i = end;
                ident = "";
            }
            b'\'' => {
                i = char_literal_end(text, i + 1);
                ident = "";
            }
            b':' => {
                field = (!ident.is_empty()).then_some(ident);
                ident = "";
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while ident_char(i) {
                    i += 1;
                }
                ident = &text[start..i];
            }
            c if c.is_ascii_whitespace() => {
                i += b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .unwrap_or(b.len() - i);
            }
            _ => {
                ident = "";
                i += 1;
            }
        }
    }
    out
}

/// A hidden character found in a string: its byte offset, how many
/// characters its text takes, and whether it was written as an escape.
struct Found {
    c: char,
    at: usize,
    span: usize,
    escaped: bool,
}

/// Line and column of byte offsets, asked for in increasing order.
struct Places<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Places<'a> {
    fn new(text: &'a str) -> Self {
        Places {
            text,
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and character column of byte `offset`.
    fn of(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.clamp(self.at, self.text.len());
        for (k, c) in self.text[self.at..offset].bytes().enumerate() {
            if c == b'\n' {
                self.line += 1;
                self.line_start = self.at + k + 1;
            }
        }
        self.at = offset;
        let col = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, col)
    }

    /// The text of the line of the last offset asked for, as
    /// [`super::diagnostics::source_line`] gives it, found from where that line
    /// starts: looking it up from the top for each warning cost the
    /// square of a file with a hidden character on every line.
    fn current_line(&self) -> &'a str {
        let rest = &self.text[self.line_start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    }
}

/// What a warning is about: one of each per string is enough to find
/// the rest (a text pasted with thirty controls gets one warning, not
/// thirty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tab,
    LineBreak,
    Other(Hidden),
}

fn kind(c: char) -> Option<Kind> {
    match c {
        '\t' => Some(Kind::Tab),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(Kind::LineBreak),
        c => hidden_kind(c).map(Kind::Other),
    }
}

fn report(
    file: &str,
    places: &mut Places<'_>,
    field: Option<&str>,
    found: Vec<Found>,
    out: &mut Vec<Diagnostic>,
) {
    let prose = field.is_some_and(|f| PROSE.contains(&f));
    let mut seen: Vec<Kind> = Vec::new();
    for f in found {
        let Some(k) = kind(f.c) else { continue };
        if (prose && k == Kind::LineBreak) || seen.contains(&k) {
            continue;
        }
        seen.push(k);
        // `\r\n` is a line break like `\n`, and said so.
        let c = if f.c == '\r' { '\n' } else { f.c };
        let (line, col) = places.of(f.at);
        out.push(Diagnostic {
            file: file.to_owned(),
            line,
            col,
            span: f.span,
            source_line: places.current_line().to_owned(),
            severity: Severity::Warning,
            cause: Cause::Hidden(HiddenChar {
                c,
                field: field.map(str::to_owned),
                escaped: f.escaped,
            }),
        });
    }
}

/// `r"`, `r#"`, `r##"`... at `i`: how many `#`.
fn raw_string_hashes(b: &[u8], i: usize) -> Option<usize> {
    let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
    (b.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Whether a byte inside a string may end it, start an escape or start a
/// hidden character: every hidden character beyond ASCII starts with one
/// of these lead bytes (U+0080-00BF, U+061C, U+180E, U+2000-2FFF,
/// U+F000-FFFF); Chinese text (U+4E00 on) never does.
fn may_matter(b: u8) -> bool {
    b < 0x20 || matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef)
}

/// The character at byte `i` of a string, if it is one to report, and
/// its length in bytes.
fn raw_at(text: &str, i: usize) -> (Option<Found>, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    let found = hidden_kind(c).map(|_| Found {
        c,
        at: i,
        span: 1,
        escaped: false,
    });
    (found, c.len_utf8())
}

/// A `"` string from byte `i`, just after its opening quote: where it
/// ends (after the closing quote) and what it holds.
fn string(text: &str, mut i: usize) -> (usize, Vec<Found>) {
    let b = text.as_bytes();
    let mut found = Vec::new();
    while i < b.len() {
        match b[i] {
            b'"' => return (i + 1, found),
            b'\\' => {
                let (c, len) = escape(&text[i + 1..]);
                if let Some(c) = c.filter(|c| hidden_kind(*c).is_some()) {
                    // An escape is ASCII: its bytes are its characters.
                    found.push(Found {
                        c,
                        at: i,
                        span: 1 + len,
                        escaped: true,
                    });
                }
                i += 1 + len;
            }
            // Plain ASCII and Chinese text need no look: on to the next
            // byte that may matter.
            c if !may_matter(c) => {
                i += b[i..]
                    .iter()
                    .position(|c| may_matter(*c))
                    .unwrap_or(b.len() - i);
            }
            _ => {
                let (f, len) = raw_at(text, i);
                found.extend(f);
                i += len;
            }
        }
    }
    (i, found)
}

/// The character an escape stands for (after its backslash, at the start
/// of `rest`), and how many bytes the escape takes there.
fn escape(rest: &str) -> (Option<char>, usize) {
    let b = rest.as_bytes();
    match b.first() {
        Some(b'n') => (Some('\n'), 1),
        Some(b'r') => (Some('\r'), 1),
        Some(b't') => (Some('\t'), 1),
        Some(b'0') => (Some('\0'), 1),
        Some(b'x') => {
            let digits = b[1..]
                .iter()
                .take(2)
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            let c = u8::from_str_radix(&rest[1..=digits], 16)
                .ok()
                .filter(u8::is_ascii)
                .map(char::from);
            (c, 1 + digits)
        }
        Some(b'u') if b.get(1) == Some(&b'{') => {
            let digits = b[2..]
                .iter()
                .take(6)
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            let c = u32::from_str_radix(&rest[2..2 + digits], 16)
                .ok()
                .and_then(char::from_u32);
            let close = usize::from(b.get(2 + digits) == Some(&b'}'));
            (c, 2 + digits + close)
        }
        // Any other escape is one character (`\"`, `\\`, ...).
        Some(_) => (None, rest.chars().next().map_or(1, char::len_utf8)),
        None => (None, 0),
    }
}

/// A raw string's text from byte `i`, closed by `"` and `hashes` `#`.
fn raw_string(text: &str, mut i: usize, hashes: usize) -> (usize, Vec<Found>) {
    let b = text.as_bytes();
    let mut found = Vec::new();
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == b'#')
                .count()
                == hashes
        {
            return (i + 1 + hashes, found);
        }
        if (0x20..0x7f).contains(&b[i]) {
            i += 1;
        } else {
            let (f, len) = raw_at(text, i);
            found.extend(f);
            i += len;
        }
    }
    (i, found)
}

/// After a character literal `'x'` or `'\n'`, from just after its quote.
fn char_literal_end(text: &str, mut i: usize) -> usize {
    if text.as_bytes().get(i) == Some(&b'\\') {
        i += 1 + escape(&text[i + 1..]).1;
    } else {
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if text.as_bytes().get(i) == Some(&b'\'') {
        i += 1;
    }
    i
}

/// The kinds worth a warning: a joiner (ZWJ, ZWNJ) on its own is part of
/// emoji and some scripts, not a mistake.
fn hidden_kind(c: char) -> Option<Hidden> {
    sanitize::hidden(c).filter(|h| *h != Hidden::Joiner)
}

impl HiddenChar {
    /// What is there and what to do, in staff's words.
    pub fn message(&self, lang: Lang) -> String {
        let code = format!("U+{:04X}", u32::from(self.c));
        let shown = sanitize::escape(self.c);
        let place = self.place(lang);
        let pasted = !self.escaped;
        // Why it is there, when a paste most likely brought it in.
        let why = |zh: &'static str, en: &'static str| if pasted { lang.pick(zh, en) } else { "" };
        match (self.c, hidden_kind(self.c)) {
            ('\t', _) => {
                let why = why(
                    "，多半是从表格里粘贴来的",
                    ", most likely pasted from a spreadsheet",
                );
                tr!(
                    lang,
                    "{place}有一个制表符（TAB）{why}：请把它改成空格",
                    "{place} has a TAB{why}: replace it with a space"
                )
            }
            ('\n' | '\r' | '\u{2028}' | '\u{2029}', _) => {
                let why = why("，多半是粘贴时带进来的", ", most likely from a paste");
                tr!(
                    lang,
                    "{place}有一个换行{why}：请删掉它，让文字写在一行里",
                    "{place} has a line break{why}: remove it so the text is on one line"
                )
            }
            (_, Some(Hidden::Bidi)) => tr!(
                lang,
                "{place}有一个文字方向控制符 {code}（显示为 {shown}），它会让文字颠倒或错位显示：请删掉它",
                "{place} has a text-direction control {code} (shown as {shown}), which makes text show reversed or out of order: delete it"
            ),
            (_, Some(Hidden::Invisible)) => {
                let why = why(
                    "，多半是从网页或聊天软件里复制来的",
                    ", most likely copied from a web page or a chat",
                );
                tr!(
                    lang,
                    "{place}有一个看不见的字符 {code}（显示为 {shown}）{why}，会让查找和比较出错：请删掉它",
                    "{place} has an invisible character {code} (shown as {shown}){why}: it makes searching and comparing fail; delete it"
                )
            }
            _ => tr!(
                lang,
                "{place}有一个看不见的控制字符 {code}（显示为 {shown}），它可能扰乱终端的显示：请删掉它",
                "{place} has an invisible control character {code} (shown as {shown}), which can upset a terminal: delete it"
            ),
        }
    }

    /// `标题 title` / `the title`: the field the text belongs to.
    fn place(&self, lang: Lang) -> String {
        let Some(f) = self.field.as_deref() else {
            return tr!(lang, "这段文字", "this text");
        };
        let name = field_zh(f).unwrap_or("文字");
        tr!(lang, "{name} {f} ", "the {f}")
    }
}

/// The Chinese name of a field, for the common ones.
fn field_zh(field: &str) -> Option<&'static str> {
    Some(match field {
        "title" => "标题",
        "name" => "名称",
        "room" => "场地",
        "reason" => "原因",
        "note" => "备注",
        "summary" => "内容简介",
        "speaker" => "主讲人",
        "contact" => "联系方式",
        "host" => "主办",
        "place" => "地点",
        "organiser" => "组织者",
        "short" => "简称",
        "folder" => "文件夹",
        "services" => "服务项目",
        "partners" => "联建单位",
        "theme" => "主题",
        "series" => "系列",
        "id" | "film" | "lecture" => "编号",
        "skipped" => "暂停原因",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, usize, char, Option<String>)> {
        scan("x.ron", text)
            .into_iter()
            .filter_map(|d| match d.cause {
                Cause::Hidden(h) => Some((d.line, d.col, h.c, h.field)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn finds_a_pasted_tab_at_its_column_with_its_field() {
        let text = "Events(\n\tevents: [Event(id: \"E1\", title: \"读书\t沙龙\")],\n)";
        assert_eq!(found(text), [(2, 37, '\t', Some("title".into()))]);
    }

    #[test]
    fn escapes_and_raw_strings_count_and_comments_and_indentation_do_not() {
        let text = "// a\ttab \u{202e} in a comment\n\tX(a: \"x\\u{202E}y\", b: r#\"p\u{200b}q\"#, c: 'x')";
        let f = found(text);
        assert_eq!(
            f,
            [
                (2, 9, '\u{202e}', Some("a".into())),
                (2, 28, '\u{200b}', Some("b".into()))
            ]
        );
    }

    #[test]
    fn line_breaks_are_meant_in_notes_but_not_in_titles() {
        let text = "E(title: \"一\r\n二\", note: \"三\n四\")";
        assert_eq!(found(text), [(1, 12, '\n', Some("title".into()))]);
    }

    #[test]
    fn emoji_joiners_are_no_warning() {
        assert!(found("E(title: \"👨\u{200d}👩\u{200d}👧 家庭日\")").is_empty());
    }

    proptest::proptest! {
        /// Any text, RON or not: no panic, and each warning points at the
        /// character itself or at the backslash of its escape.
        #[test]
        fn every_warning_points_at_its_character(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "\"", "\\", "\\t", "\\u{202e}", "\\x1b", "\\u{", "r#\"", "\"#", "'", "//", "/*", "*/",
                "\n", "\r\n", "\t", "\u{1b}", "\u{202e}", "\u{200b}", "\u{85}", "title: ", "note: ",
                "(", ")", ",", "开", "国", "a", " ", "👨\u{200d}👩",
            ]), 0..60)
        ) {
            let text: String = parts.concat();
            for d in scan("x.ron", &text) {
                let line = text.split('\n').nth(d.line - 1).unwrap_or_default();
                let at = line.chars().nth(d.col - 1);
                let Cause::Hidden(h) = &d.cause else { continue };
                let ok = if h.escaped {
                    at == Some('\\')
                } else {
                    at == Some(h.c) || (h.c == '\n' && matches!(at, None | Some('\r')))
                };
                proptest::prop_assert!(ok, "{:?} at {}:{} in {:?}", h, d.line, d.col, text);
            }
        }
    }

    #[test]
    fn messages_say_what_to_do_in_both_languages() {
        let tab = HiddenChar {
            c: '\t',
            field: Some("title".into()),
            escaped: false,
        };
        let zh = tab.message(Lang::Zh);
        assert!(
            zh.contains("标题 title") && zh.contains("制表符") && zh.contains("粘贴"),
            "{zh}"
        );
        assert!(tab.message(Lang::En).contains("replace it with a space"));
        let esc = HiddenChar {
            c: '\u{1b}',
            field: None,
            escaped: false,
        };
        assert!(esc.message(Lang::Zh).contains("U+001B（显示为 \\u{1b}）"));
    }
}
