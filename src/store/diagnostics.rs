//! Problems found in schedule files, with their exact place and a message a
//! staffer can act on, in Chinese or English.

use std::fmt::Write as _;

use ron::error::{Error as RonError, SpannedError};

use crate::i18n::Lang;
use crate::model::Problem;
use crate::model::validate::{Issue, Severity};

/// What went wrong, before it is put into words.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// RON could not read the file.
    Syntax(RonError),
    /// RON read it, but a value is not valid (a date, a weekday, ...).
    Value(Problem),
    /// A semantic check failed.
    Check(Issue),
    /// `station.ron` is missing.
    MissingStation,
    /// The folder could not be read or does not exist.
    NoFolder(String),
    /// The file could not be read (permissions, ...).
    Unreadable(String),
    /// The bytes are not UTF-8; probably GBK from an old editor.
    NotUtf8,
    /// Larger than we are willing to read.
    TooLarge(u64),
    /// Not a regular file (a FIFO, a device, a folder): never read.
    NotAFile(super::fsio::FileKind),
    /// A symbolic link to somewhere outside the schedule folder (or to
    /// nothing): never followed.
    LinkOutside(String),
    /// Nothing in the file at all.
    Empty,
    /// `config.ron` `keys:` names an action that does not exist.
    UnknownAction(String),
    /// `config.ron` `keys:` has a key that cannot be read.
    UnknownKey(String),
    /// Full-width punctuation outside strings, found after an earlier error.
    FullWidth(char),
    /// A new entry starts where a field was expected: the entry before it
    /// lacks its closing bracket.
    Unclosed,
    /// A string seems to have swallowed text up to a later quote: its own
    /// closing quote is missing.
    UnclosedQuote,
    /// A problem of a network's `network.ron` or of a site's folder.
    Network(super::network::NetworkIssue),
    /// A control, bidi or invisible character inside a text.
    Hidden(super::hidden::HiddenChar),
}

impl Cause {
    /// Whether the file's text did not read (syntax or a value), as opposed
    /// to a check on what it holds or a problem with the file as a whole.
    pub fn is_unreadable_text(&self) -> bool {
        matches!(
            self,
            Cause::Syntax(_)
                | Cause::Value(_)
                | Cause::FullWidth(_)
                | Cause::Unclosed
                | Cause::UnclosedQuote
        )
    }
}

/// A problem at a place in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// How many characters from `col` the problem covers (at least 1).
    pub span: usize,
    /// The text of that line, for showing with a caret.
    pub source_line: String,
    pub severity: Severity,
    pub cause: Cause,
}

/// Full-width punctuation an input method types where RON wants ASCII.
const LOOKALIKES: [(char, char); 11] = [
    ('，', ','),
    ('：', ':'),
    ('（', '('),
    ('）', ')'),
    ('“', '"'),
    ('”', '"'),
    // RON has no `;`: the list separator meant is a comma.
    ('；', ','),
    ('【', '['),
    ('】', ']'),
    ('‘', '\''),
    ('’', '\''),
];

impl Diagnostic {
    /// A problem with a file as a whole (no line to point at).
    pub fn whole_file(file: impl Into<String>, cause: Cause) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 0,
            col: 0,
            span: 0,
            source_line: String::new(),
            severity: Severity::Error,
            cause,
        }
    }

    /// The message in the chosen language: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        message(&self.cause, lang)
    }

    /// A hint when the line holds full-width punctuation outside strings.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        if !matches!(self.cause, Cause::Syntax(_)) {
            return None;
        }
        let (wide, ascii) = lookalike_outside_strings(&self.source_line, self.col)?;
        if wide == '\u{3000}' {
            return Some(full_width_message(wide, lang));
        }
        Some(match lang {
            Lang::Zh => format!(
                "这一行有中文全角标点 \"{wide}\"，请切换到英文输入法改为半角 \"{ascii}\"（引号内的文字不受影响）"
            ),
            Lang::En => format!(
                "this line has the full-width \"{wide}\" typed by a Chinese input method: use the ASCII \"{ascii}\" instead"
            ),
        })
    }

    /// `file:line:col` as editors understand it.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.col)
        }
    }

    /// The source line and a caret under the exact character, aligned by
    /// display width (a Chinese character takes two columns). The line is
    /// shown with every hidden character visible (see
    /// [`crate::sanitize::echo`]): a file's text never reaches a terminal raw.
    pub fn caret_lines(&self) -> Option<(String, String)> {
        if self.line == 0 {
            return None;
        }
        let pieces = crate::sanitize::echo(&self.source_line);
        let at = self.col.saturating_sub(1).min(pieces.len());
        let end = (at + self.span.max(1)).min(pieces.len());
        let pad = crate::textwidth::width(&pieces[..at].concat());
        let under = crate::textwidth::width(&pieces[at..end].concat()).max(1);
        Some((
            pieces.concat(),
            format!("{}{}", " ".repeat(pad), "^".repeat(under)),
        ))
    }

    /// The whole report as plain text lines, for `check` and stderr.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = String::new();
        let label = match self.severity {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("提醒", "warning"),
        };
        // Messages quote the files' text and paths: shown, never raw.
        let head = format!("{}: {label}: {}", self.location(), self.message(lang));
        let _ = writeln!(s, "{}", crate::sanitize::line(&head));
        if let Some((line, caret)) = self.caret_lines() {
            let gutter = self.line.to_string();
            let _ = writeln!(s, "{gutter} | {line}");
            let _ = writeln!(s, "{} | {caret}", " ".repeat(gutter.len()));
        }
        if let Some(h) = self.hint(lang) {
            let _ = writeln!(
                s,
                "  {}: {}",
                lang.pick("提示", "hint"),
                crate::sanitize::line(&h)
            );
        }
        s
    }
}

/// The first full-width look-alike on the line that is not inside a string,
/// preferring one at or before the reported column.
fn lookalike_outside_strings(line: &str, col: usize) -> Option<(char, char)> {
    let mut in_string = false;
    let mut escaped = false;
    let mut found = Vec::new();
    for (i, c) in line.chars().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        } else if c == '/' && line.chars().nth(i + 1) == Some('/') {
            break;
        } else if let Some(pair) = LOOKALIKES.iter().find(|(w, _)| *w == c) {
            found.push((i + 1, *pair));
        } else if let Some(a) = super::more_problems::ascii_twin(c) {
            found.push((i + 1, (c, a)));
        }
    }
    found
        .iter()
        .rfind(|(at, _)| *at <= col)
        .or(found.first())
        .map(|(_, p)| *p)
}

fn message(cause: &Cause, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match cause {
        Cause::Syntax(e) => syntax_message(e, lang),
        Cause::Value(p) => value_message(p, lang),
        Cause::Check(issue) => issue.message(lang),
        Cause::Network(issue) => issue.message(lang),
        Cause::Hidden(h) => h.message(lang),
        Cause::MissingStation => lang
            .pick(
                "缺少 station.ron：每个日程文件夹都需要它（服务站名称和场地）。可用 stationcal init 生成示例",
                "station.ron is missing: every schedule folder needs it (station name and rooms). `stationcal init` writes an example",
            )
            .to_owned(),
        Cause::NoFolder(why) => if zh { format!("无法打开日程文件夹：{why}") } else { format!("cannot open the schedule folder: {why}") },
        Cause::Unreadable(why) => if zh { format!("无法读取文件：{why}") } else { format!("cannot read the file: {why}") },
        Cause::NotUtf8 => lang
            .pick(
                "文件不是 UTF-8 编码（可能是旧编辑器保存的 GBK）：请用编辑器以 UTF-8 编码另存",
                "the file is not UTF-8 (perhaps GBK from an old editor): save it again as UTF-8",
            )
            .to_owned(),
        Cause::TooLarge(n) => if zh {
            format!("文件太大（{} MiB），不予读取：日程文件通常不到 1 MiB，请检查是否选错了文件", n / (1024 * 1024))
        } else {
            format!("the file is too large ({} MiB) and was not read: schedule files are usually under 1 MiB", n / (1024 * 1024))
        },
        Cause::NotAFile(kind) => not_a_file_message(*kind, lang),
        Cause::LinkOutside(target) => if zh {
            format!("这个文件是一个链接，指向日程文件夹以外的 {target}：为了安全，程序不读也不写文件夹以外的文件。请把文件本身复制进日程文件夹，替换这个链接")
        } else {
            format!("this file is a link to {target}, outside the schedule folder: for safety the program neither reads nor writes files outside the folder. Copy the file itself into the folder in place of the link")
        },
        Cause::Empty => lang
            .pick("文件是空的：请写入内容，或删除这个文件", "the file is empty: fill it in or delete it")
            .to_owned(),
        Cause::UnknownAction(a) => if zh {
            format!("按键设置 keys 里没有叫 \"{a}\" 的动作：动作名见帮助（按 ?）；这一项不起作用")
        } else {
            format!("keys: there is no action \"{a}\" (see the help screen, ?); this entry is ignored")
        },
        Cause::FullWidth(c) => full_width_message(*c, lang),
        Cause::Unclosed => lang
            .pick(
                "上一项没有用 \")\" 结束：请在上一项的末尾补上 \")\"",
                "the entry before this one is not closed: add \")\" at its end",
            )
            .to_owned(),
        Cause::UnclosedQuote => lang
            .pick(
                "这段文字的引号没有闭合：请在文字末尾补上半角双引号 \"",
                "this text's closing quote is missing: add an ASCII \" at its end",
            )
            .to_owned(),
        Cause::UnknownKey(k) => if zh {
            format!("看不懂按键 \"{k}\"：请写成 \"h\"、\"Ctrl-r\"、\"PageUp\"、\"F1\" 这样；这个按键不起作用")
        } else {
            format!("cannot read the key \"{k}\": write keys like \"h\", \"Ctrl-r\", \"PageUp\", \"F1\"; it is ignored")
        },
    }
}

fn not_a_file_message(kind: super::fsio::FileKind, lang: Lang) -> String {
    use super::fsio::FileKind;
    let (zh, en) = match kind {
        FileKind::Folder => ("这是一个文件夹，不是文件", "this is a folder, not a file"),
        FileKind::Pipe => (
            "这是一个管道（FIFO），不是普通文件",
            "this is a pipe (FIFO), not a regular file",
        ),
        FileKind::Device => (
            "这是一个设备，不是普通文件",
            "this is a device, not a regular file",
        ),
        FileKind::Socket => (
            "这是一个套接字，不是普通文件",
            "this is a socket, not a regular file",
        ),
        FileKind::Other => ("这不是普通文件", "this is not a regular file"),
    };
    match lang {
        Lang::Zh => format!("{zh}，程序不读它：请换成一个普通的文本文件"),
        Lang::En => format!("{en}, so it is not read: put an ordinary text file in its place"),
    }
}

fn value_message(p: &Problem, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match p {
        Problem::DateFormat(v) => {
            if zh {
                format!("\"{v}\" 不是日期：日期应写成 \"2026-11-25\"")
            } else {
                format!("\"{v}\" is not a date: write dates like \"2026-11-25\"")
            }
        }
        Problem::DateImpossible(v) => {
            if zh {
                format!("日期 \"{v}\" 不存在：请检查月份（1-12）和这个月的天数")
            } else {
                format!(
                    "there is no date \"{v}\": check the month (1-12) and the days in that month"
                )
            }
        }
        Problem::TimeFormat(v) => {
            if zh {
                format!("\"{v}\" 不是时间：时间应写成 \"14:00\"（半角冒号）")
            } else {
                format!("\"{v}\" is not a time: write times like \"14:00\"")
            }
        }
        Problem::TimeImpossible(v) => {
            if zh {
                format!("时间 \"{v}\" 不存在：小时应为 00-23，分钟应为 00-59")
            } else {
                format!("there is no time \"{v}\": hours go 00-23, minutes 00-59")
            }
        }
        Problem::Weekday(v, near) => {
            let base = if zh {
                format!("\"{v}\" 不是星期：应为 周一..周日 之一")
            } else {
                format!("\"{v}\" is not a weekday: expected one of Mon..Sun (or 周一..周日)")
            };
            match near {
                Some(n) if zh => format!("{base}，是不是 \"{n}\"？"),
                Some(n) => format!("{base}; did you mean \"{n}\"?"),
                None => base,
            }
        }
        Problem::Month(v) => {
            if zh {
                format!("\"{v}\" 不是月份：月份应写成 \"2026-11\"")
            } else {
                format!("\"{v}\" is not a month: write months like \"2026-11\"")
            }
        }
        Problem::SpeakerGroup(v) => {
            if zh {
                format!(
                    "\"{v}\" 不是主讲人类别：应为 \"街道老领导\"、\"机关青年党员\"、\"石化化二代\" 之一"
                )
            } else {
                format!(
                    "\"{v}\" is not a speaker group: expected \"街道老领导\", \"机关青年党员\" or \"石化化二代\""
                )
            }
        }
    }
}

/// What to say about a full-width character typed where RON wants ASCII.
fn full_width_message(c: char, lang: Lang) -> String {
    let ascii = super::more_problems::ascii_twin(c).unwrap_or(' ');
    match (c, lang) {
        ('\u{3000}', Lang::Zh) => "这里有一个全角空格：请删掉它，或改为半角空格".to_owned(),
        ('\u{3000}', Lang::En) => {
            "a full-width space (typed by a Chinese input method): delete it or use an ASCII space"
                .to_owned()
        }
        (_, Lang::Zh) => format!(
            "这里是中文全角标点 \"{c}\"：请切换到英文输入法改为半角 \"{ascii}\"（引号内的文字不受影响）"
        ),
        (_, Lang::En) => format!(
            "full-width \"{c}\" typed by a Chinese input method: use the ASCII \"{ascii}\" instead"
        ),
    }
}

/// The expected name nearest to `found`, if one is close enough to suggest.
pub(crate) fn nearest_name(found: &str, expected: &'static [&'static str]) -> Option<&'static str> {
    nearest(found, expected)
}

fn nearest<'a>(found: &str, expected: &'a [&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (crate::model::values::edit_distance(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn syntax_message(e: &RonError, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let list = |xs: &[&str]| xs.join(", ");
    match e {
        RonError::Message(m) => match Problem::decode(m) {
            Some(p) => value_message(&p, lang),
            None => m.clone(),
        },
        RonError::ExpectedComma => lang.pick("这里缺少逗号 \",\"（或有一个全角逗号）", "a comma \",\" is missing here").to_owned(),
        RonError::ExpectedMapColon => lang.pick("这里应为半角冒号 \":\"", "a colon \":\" is expected here").to_owned(),
        RonError::ExpectedString | RonError::ExpectedStringEnd => lang.pick("这里应为用半角双引号 \"...\" 括起来的文字", "a text in ASCII double quotes \"...\" is expected here").to_owned(),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike => {
            let name = if let RonError::ExpectedNamedStructLike(n) = e { *n } else { "" };
            if zh { format!("这里应为 {name}(...)：检查括号是否为半角 \"(\"") } else { format!("expected {name}(...) here: check the bracket is an ASCII \"(\"") }
        }
        RonError::ExpectedStructLikeEnd | RonError::ExpectedArrayEnd | RonError::ExpectedMapEnd => lang
            .pick("括号没有正确闭合：检查这里是否多了或少了 \")\" \"]\"，或少了逗号", "a bracket is not closed properly: check for a missing or extra \")\" or \"]\", or a missing comma")
            .to_owned(),
        RonError::Eof => lang.pick("文件意外结束：可能少了右括号 \")\" 或 \"]\"，或文件被截断", "the file ends too early: a closing \")\" or \"]\" is missing, or the file was cut off").to_owned(),
        RonError::ExpectedArray => lang.pick("这里应为列表 [...]：检查方括号是否为半角 \"[\"", "a list [...] is expected here: check the bracket is an ASCII \"[\"").to_owned(),
        RonError::UnclosedBlockComment => lang.pick("注释 /* 没有用 */ 结束", "a /* comment is not closed with */").to_owned(),
        RonError::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("");
            if zh { format!("{outer} 缺少必填字段 \"{field}\"：请补上 {field}: ...") } else { format!("{outer} is missing the required field \"{field}\": add {field}: ...") }
        }
        RonError::NoSuchStructField { expected, found, outer } => {
            let outer = outer.as_deref().unwrap_or("");
            let near = nearest(found, expected);
            match (zh, near) {
                (true, Some(n)) => format!("{outer} 没有字段 \"{found}\"，是不是 \"{n}\"？可用字段：{}", list(expected)),
                (true, None) => format!("{outer} 没有字段 \"{found}\"：可用字段：{}", list(expected)),
                (false, Some(n)) => format!("{outer} has no field \"{found}\"; did you mean \"{n}\"? Fields: {}", list(expected)),
                (false, None) => format!("{outer} has no field \"{found}\". Fields: {}", list(expected)),
            }
        }
        RonError::NoSuchEnumVariant { expected, found, .. } => {
            let near = nearest(found, expected);
            match (zh, near) {
                (true, Some(n)) => format!("没有 \"{found}\" 这一项，是不是 \"{n}\"？应为 {} 之一", list(expected)),
                (true, None) => format!("没有 \"{found}\" 这一项：应为 {} 之一", list(expected)),
                (false, Some(n)) => format!("\"{found}\" is not allowed; did you mean \"{n}\"? Expected one of {}", list(expected)),
                (false, None) => format!("\"{found}\" is not allowed: expected one of {}", list(expected)),
            }
        }
        RonError::DuplicateStructField { field, .. } => if zh { format!("字段 \"{field}\" 写了两次：请删掉一个") } else { format!("the field \"{field}\" appears twice: remove one") },
        RonError::InvalidValueForType { expected, found } => if zh { format!("这里应为{}，但写的是 {found}", expected_zh(expected)) } else { format!("expected {expected} here, found {found}") },
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => lang.pick("这里应为一个整数（不带引号），且在合理范围内", "a whole number (without quotes) in a sensible range is expected here").to_owned(),
        RonError::ExpectedIdentifier => lang.pick("这里应为不带引号的名称（如字段名，或 Weekly、Monthly 这样的选项）：检查是否多了引号、有全角标点或多余的符号", "a name without quotes is expected here (a field name, or a choice like Weekly or Monthly): check for quotes, full-width punctuation or stray characters").to_owned(),
        RonError::TrailingCharacters => lang.pick("文件末尾还有多余内容：检查括号是否提前闭合", "there is more text after the end: a bracket was closed too early").to_owned(),
        // Windows paths: `"D:\活动"` reads `\活` as an escape.
        RonError::InvalidEscape(_) => lang.pick("引号里的反斜杠 \\ 有特殊含义：要写一个 \\ 请写成 \\\\，路径也可以用 / 分隔，如 \"D:/活动/照片\"", "a backslash \\ in quotes starts an escape: write \\\\ for one backslash, or use / in paths, e.g. \"D:/活动/照片\"").to_owned(),
        other => if zh { format!("格式错误：{other}") } else { format!("syntax error: {other}") },
    }
}

fn expected_zh(expected: &str) -> String {
    if expected.contains("string") {
        "用引号括起来的文字".into()
    } else if expected.contains("integer")
        || expected.contains("u16")
        || expected.contains("u32")
        || expected.contains("i8")
    {
        "整数".into()
    } else if expected.contains("sequence") {
        "列表 [...]".into()
    } else {
        expected.to_owned()
    }
}

/// Whether only whitespace and comments follow line `line`, column `col`.
fn only_trivia_after(text: &str, line: usize, col: usize) -> bool {
    let mut rest = text
        .lines()
        .skip(line.saturating_sub(1))
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.chars().skip(col.saturating_sub(1)).collect::<String>()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    loop {
        let t = rest.trim_start();
        if let Some(after) = t.strip_prefix("//") {
            rest = after
                .split_once('\n')
                .map_or(String::new(), |(_, r)| r.to_owned());
        } else if let Some(after) = t.strip_prefix("/*") {
            rest = after
                .split_once("*/")
                .map_or(String::new(), |(_, r)| r.to_owned());
        } else {
            return t.is_empty();
        }
    }
}

/// The 1-based column of the opening quote of a string ending just before
/// `col` whose text looks like swallowed RON (`陆建华, group: `).
fn swallowed_quote(chars: &[char], col: usize) -> Option<usize> {
    let before: Vec<char> = chars.get(..col.saturating_sub(1))?.to_vec();
    let mut end = before.len();
    while end > 0 && before[end - 1].is_whitespace() {
        end -= 1;
    }
    if end == 0 || before[end - 1] != '"' {
        return None;
    }
    let open = before[..end - 1].iter().rposition(|c| *c == '"')?;
    let inner: String = before[open + 1..end - 1].iter().collect();
    let looks_like_ron = inner.contains(", ") && inner.trim_end().ends_with(':');
    looks_like_ron.then_some(open + 1)
}

/// Line `line` (1-based) of `text`, without its line ending, for showing.
pub fn source_line(text: &str, line: usize) -> String {
    text.lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_owned()
}

/// Builds a diagnostic from RON's error, with the position RON reports.
pub fn from_ron(file: &str, text: &str, e: &SpannedError) -> Diagnostic {
    let (line, mut col) = (e.span.start.line, e.span.start.col);
    let mut span = if e.span.end.line == line && e.span.end.col > col {
        e.span.end.col - col
    } else {
        1
    };
    let source = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    // RON places a string value's span after its opening quote: include the
    // quote, so the whole value is underlined.
    if span > 1 && col > 1 && source.chars().nth(col - 2) == Some('"') {
        col -= 1;
        span += 1;
    }
    let chars: Vec<char> = source.chars().collect();
    // Point at the offending character, not the blank before it (a
    // full-width space is itself the offending character).
    while chars
        .get(col.saturating_sub(1))
        .is_some_and(|c| c.is_whitespace() && *c != '\u{3000}')
        && col < chars.len()
    {
        col += 1;
    }
    // A sign belongs to the number it stands before.
    if matches!(
        e.code,
        RonError::IntegerOutOfBounds
            | RonError::ExpectedInteger
            | RonError::InvalidValueForType { .. }
    ) && col > 1
        && matches!(chars.get(col - 2), Some('-' | '+'))
    {
        col -= 1;
        span += 1;
    }
    let cause = match &e.code {
        RonError::Message(m) => match Problem::decode(m) {
            Some(p) => Cause::Value(p),
            None => Cause::Syntax(e.code.clone()),
        },
        // Nothing but blanks and comments after the error: the file was cut off.
        _ if only_trivia_after(text, line, col) => Cause::Syntax(RonError::Eof),
        // `Room(` where a field name was expected: the entry before is not closed.
        RonError::NoSuchStructField { found, .. }
            if found.starts_with(|c: char| c.is_ascii_uppercase())
                && chars
                    .iter()
                    .skip(col.saturating_sub(1) + found.chars().count())
                    .find(|c| !c.is_whitespace())
                    == Some(&'(') =>
        {
            Cause::Unclosed
        }
        // Text after a string that itself holds `, name: "`: the string
        // before lacks its closing quote and ran on to the next one.
        RonError::ExpectedComma | RonError::ExpectedMapColon
            if swallowed_quote(&chars, col).is_some() =>
        {
            let at = swallowed_quote(&chars, col).unwrap_or(col);
            span = 1;
            col = at;
            Cause::UnclosedQuote
        }
        // A comma expected where a bracket closes: a bracket too many.
        RonError::ExpectedComma if matches!(chars.get(col.saturating_sub(1)), Some(')' | ']')) => {
            Cause::Syntax(RonError::ExpectedStructLikeEnd)
        }
        code => Cause::Syntax(code.clone()),
    };
    Diagnostic {
        file: file.to_owned(),
        line,
        col,
        span,
        source_line: source_line(text, line),
        severity: Severity::Error,
        cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(line: &str, col: usize) -> Diagnostic {
        Diagnostic {
            file: "x.ron".into(),
            line: 3,
            col,
            span: 1,
            source_line: line.into(),
            severity: Severity::Error,
            cause: Cause::Syntax(RonError::ExpectedComma),
        }
    }

    #[test]
    fn caret_sits_under_the_character_by_display_width() {
        // "标题" is four columns wide, then `"` and `，`.
        let d = diag("    title: \"标题\"，", 16);
        let (shown, caret) = d.caret_lines().expect("has a line");
        assert_eq!(shown, "    title: \"标题\"，");
        assert_eq!(caret, format!("{}^^", " ".repeat(4 + 7 + 1 + 4 + 1)));
    }

    #[test]
    fn a_span_underlines_the_whole_value_by_display_width() {
        let mut d = diag("    weekday: \"星期八\",", 15);
        d.span = 3;
        let (_, caret) = d.caret_lines().expect("has a line");
        assert_eq!(caret, format!("{}{}", " ".repeat(14), "^".repeat(6)));
    }

    #[test]
    fn full_width_comma_outside_strings_gets_a_hint_but_inside_does_not() {
        let d = diag("    title: \"标题\"，", 16);
        let hint = d.hint(Lang::Zh).expect("hint");
        assert!(hint.contains('，') && hint.contains("\",\""), "{hint}");
        let inside = diag("    title: \"我深爱的这座城，我与石化\",", 20);
        assert_eq!(inside.hint(Lang::Zh), None);
    }

    #[test]
    fn misspelt_field_suggests_the_nearest() {
        let e = RonError::NoSuchStructField {
            expected: &["weekday", "start", "end", "room", "from", "until"],
            found: "wekday".into(),
            outer: Some("WeeklySlot".into()),
        };
        let m = syntax_message(&e, Lang::Zh);
        assert!(m.contains("是不是 \"weekday\""), "{m}");
        assert!(syntax_message(&e, Lang::En).contains("did you mean \"weekday\""));
    }
}
