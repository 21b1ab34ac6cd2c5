//! Characters inside the files' text that cannot be seen or that would act
//! on a terminal: a TAB or line break pasted from a spreadsheet into a
//! title, an ESC, a bidirectional control, a zero-width space copied from a
//! web page. The program shows them as escapes (see [`crate::sanitize`]);
//! `check` says where each one is and what to do about it.
//!
//! Found by a scan of the file's text rather than of the values read from
//! it, so that every string of every file is covered and the position is
//! that of the character itself (or of the escape written for it, `\t`).

use crate::i18n::Lang;
use crate::model::validate::Severity;
use crate::sanitize::{self, Hidden};

use super::diagnostics::{self, Cause, Diagnostic};

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
pub fn scan(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
    };
    let mut field: Option<String> = None;
    let mut ident = String::new();
    while let Some(c) = lexer.peek(0) {
        match c {
            '/' if lexer.peek(1) == Some('/') => lexer.skip_line(),
            '/' if lexer.peek(1) == Some('*') => lexer.skip_block_comment(),
            'r' if ident.is_empty() && raw_string_start(&lexer) => {
                let found = lexer.raw_string();
                report(file, text, field.as_deref(), found, &mut out);
            }
            '"' => {
                lexer.bump();
                let found = lexer.string();
                report(file, text, field.as_deref(), found, &mut out);
                ident.clear();
            }
            '\'' => {
                lexer.bump();
                lexer.char_literal();
                ident.clear();
            }
            ':' => {
                field = (!ident.is_empty()).then(|| std::mem::take(&mut ident));
                lexer.bump();
            }
            c if c.is_alphanumeric() || c == '_' => {
                ident.push(c);
                lexer.bump();
            }
            c if c.is_whitespace() => {
                lexer.bump();
            }
            _ => {
                ident.clear();
                lexer.bump();
            }
        }
    }
    out
}

/// A hidden character found in a string: where, how long its text is, and
/// whether it was written as an escape.
struct Found {
    c: char,
    line: usize,
    col: usize,
    span: usize,
    escaped: bool,
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
    text: &str,
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
        out.push(Diagnostic {
            file: file.to_owned(),
            line: f.line,
            col: f.col,
            span: f.span,
            source_line: diagnostics::source_line(text, f.line),
            severity: Severity::Warning,
            cause: Cause::Hidden(HiddenChar {
                c,
                field: field.map(str::to_owned),
                escaped: f.escaped,
            }),
        });
    }
}

/// `r"`, `r#"`, `r##"`...: a raw string starts here.
fn raw_string_start(lexer: &Lexer) -> bool {
    let mut k = 1;
    while lexer.peek(k) == Some('#') {
        k += 1;
    }
    lexer.peek(k) == Some('"')
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
}

impl Lexer {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    /// RON's block comments nest.
    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.bump();
            } else if c == '*' && self.peek(1) == Some('/') {
                depth = depth.saturating_sub(1);
                self.bump();
                if depth == 0 {
                    self.bump();
                    return;
                }
            }
            self.bump();
        }
    }

    /// A hidden character at the current place, as it stands in the text.
    fn raw_here(&self, c: char) -> Option<Found> {
        hidden_kind(c).map(|_| Found {
            c,
            line: self.line,
            col: self.col,
            span: 1,
            escaped: false,
        })
    }

    /// The rest of a `"` string, after its opening quote.
    fn string(&mut self) -> Vec<Found> {
        let mut found = Vec::new();
        while let Some(c) = self.peek(0) {
            match c {
                '"' => {
                    self.bump();
                    break;
                }
                '\\' => {
                    let (line, col, start) = (self.line, self.col, self.i);
                    self.bump();
                    let decoded = self.escape();
                    if let Some(d) = decoded.filter(|d| hidden_kind(*d).is_some()) {
                        found.push(Found {
                            c: d,
                            line,
                            col,
                            span: self.i - start,
                            escaped: true,
                        });
                    }
                }
                c => {
                    found.extend(self.raw_here(c));
                    self.bump();
                }
            }
        }
        found
    }

    /// The character an escape stands for, after its backslash.
    fn escape(&mut self) -> Option<char> {
        let c = self.bump()?;
        match c {
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '0' => Some('\0'),
            'x' => {
                let hex: String = [self.bump()?, self.bump()?].iter().collect();
                u8::from_str_radix(&hex, 16)
                    .ok()
                    .filter(u8::is_ascii)
                    .map(char::from)
            }
            'u' if self.peek(0) == Some('{') => {
                self.bump();
                let mut hex = String::new();
                while let Some(h) = self.peek(0).filter(char::is_ascii_hexdigit) {
                    hex.push(h);
                    self.bump();
                    if hex.len() > 6 {
                        return None;
                    }
                }
                if self.peek(0) == Some('}') {
                    self.bump();
                }
                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
            }
            _ => None,
        }
    }

    /// A raw string `r#"..."#`, from its `r`.
    fn raw_string(&mut self) -> Vec<Found> {
        self.bump();
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.bump();
        }
        self.bump();
        let mut found = Vec::new();
        while let Some(c) = self.peek(0) {
            if c == '"' && (1..=hashes).all(|k| self.peek(k) == Some('#')) {
                for _ in 0..=hashes {
                    self.bump();
                }
                break;
            }
            found.extend(self.raw_here(c));
            self.bump();
        }
        found
    }

    /// A character literal `'x'` or `'\n'`, after its opening quote.
    fn char_literal(&mut self) {
        if self.peek(0) == Some('\\') {
            self.bump();
            self.escape();
        } else {
            self.bump();
        }
        if self.peek(0) == Some('\'') {
            self.bump();
        }
    }
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
        match (lang, self.c, hidden_kind(self.c)) {
            (Lang::Zh, '\t', _) => format!(
                "{place}有一个制表符（TAB）{}：请把它改成空格",
                if pasted {
                    "，多半是从表格里粘贴来的"
                } else {
                    ""
                }
            ),
            (Lang::En, '\t', _) => format!(
                "{place} has a TAB{}: replace it with a space",
                if pasted {
                    ", most likely pasted from a spreadsheet"
                } else {
                    ""
                }
            ),
            (Lang::Zh, '\n' | '\r' | '\u{2028}' | '\u{2029}', _) => format!(
                "{place}有一个换行{}：请删掉它，让文字写在一行里",
                if pasted {
                    "，多半是粘贴时带进来的"
                } else {
                    ""
                }
            ),
            (Lang::En, '\n' | '\r' | '\u{2028}' | '\u{2029}', _) => format!(
                "{place} has a line break{}: remove it so the text is on one line",
                if pasted {
                    ", most likely from a paste"
                } else {
                    ""
                }
            ),
            (Lang::Zh, _, Some(Hidden::Bidi)) => format!(
                "{place}有一个文字方向控制符 {code}（显示为 {shown}），它会让文字颠倒或错位显示：请删掉它"
            ),
            (Lang::En, _, Some(Hidden::Bidi)) => format!(
                "{place} has a text-direction control {code} (shown as {shown}), which makes text show reversed or out of order: delete it"
            ),
            (Lang::Zh, _, Some(Hidden::Invisible)) => format!(
                "{place}有一个看不见的字符 {code}（显示为 {shown}）{}，会让查找和比较出错：请删掉它",
                if pasted {
                    "，多半是从网页或聊天软件里复制来的"
                } else {
                    ""
                }
            ),
            (Lang::En, _, Some(Hidden::Invisible)) => format!(
                "{place} has an invisible character {code} (shown as {shown}){}: it makes searching and comparing fail; delete it",
                if pasted {
                    ", most likely copied from a web page or a chat"
                } else {
                    ""
                }
            ),
            (Lang::Zh, _, _) => format!(
                "{place}有一个看不见的控制字符 {code}（显示为 {shown}），它可能扰乱终端的显示：请删掉它"
            ),
            (Lang::En, _, _) => format!(
                "{place} has an invisible control character {code} (shown as {shown}), which can upset a terminal: delete it"
            ),
        }
    }

    /// `标题 title` / `the title`: the field the text belongs to.
    fn place(&self, lang: Lang) -> String {
        let Some(f) = self.field.as_deref() else {
            return lang.pick("这段文字", "this text").to_owned();
        };
        match lang {
            Lang::Zh => match field_zh(f) {
                Some(zh) => format!("{zh} {f} "),
                None => format!("文字 {f} "),
            },
            Lang::En => format!("the {f}"),
        }
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
