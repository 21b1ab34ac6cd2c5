//! Problems found in schedule files, with their exact place and a message a
//! staffer can act on, in Chinese or English.

use std::fmt::Write as _;

use ron::error::{Error as RonError, SpannedError};

use crate::i18n::Lang;
use crate::model::Problem;
use crate::model::validate::{Issue, Severity};
use crate::tr;

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
    /// The file has more problems than are listed for it
    /// ([`super::more_problems::MAX_PER_FILE`]).
    MoreNotListed,
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
        super::messages::message(&self.cause, lang)
    }

    /// A hint when the line holds full-width punctuation outside strings.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        if !matches!(self.cause, Cause::Syntax(_)) {
            return None;
        }
        let (wide, ascii) = lookalike_outside_strings(&self.source_line, self.col)?;
        if wide == '\u{3000}' {
            return Some(super::messages::full_width_message(wide, lang));
        }
        Some(tr!(
            lang,
            "这一行有中文全角标点 \"{wide}\"，请切换到英文输入法改为半角 \"{ascii}\"（引号内的文字不受影响）",
            "this line has the full-width \"{wide}\" typed by a Chinese input method: use the ASCII \"{ascii}\" instead"
        ))
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
        } else if let Some(a) = super::fullwidth::ascii_twin(c) {
            found.push((i + 1, (c, a)));
        }
    }
    found
        .iter()
        .rfind(|(at, _)| *at <= col)
        .or(found.first())
        .map(|(_, p)| *p)
}

/// Whether only whitespace and comments follow line `line`, column `col`.
/// Stops at the first other character: the cost is the error's position.
fn only_trivia_after(text: &str, line: usize, col: usize) -> bool {
    let mut rest = &text[super::scratch::offset_of(text, line, col)..];
    loop {
        let t = rest.trim_start();
        if let Some(after) = t.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = t.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
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
    let (mut line, mut col) = (e.span.start.line, e.span.start.col);
    let mut span = if e.span.end.line == line && e.span.end.col > col {
        e.span.end.col - col
    } else {
        1
    };
    // RON's span of a missing value may start at the end of the line before
    // it: point at what stands there instead.
    if matches!(
        e.code,
        RonError::ExpectedString
            | RonError::ExpectedArray
            | RonError::ExpectedNamedStructLike(_)
            | RonError::ExpectedStructLike
            | RonError::ExpectedIdentifier
    ) {
        let at = super::scratch::offset_of(text, line, col);
        let next = super::scratch::skip_trivia(text, at);
        if text[at..next].contains('\n') && next < text.len() {
            (line, col) = super::spans::line_col(text, next);
            span = 1;
        }
    }
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
    // A wrong quote meant to end a string, which let the string run on: the
    // problem is that quote, wherever RON noticed.
    let at = super::scratch::offset_of(text, e.span.start.line, e.span.start.col);
    let slip = match &e.code {
        RonError::Message(_) => super::fullwidth::swallowing_value(text, at),
        RonError::ExpectedStringEnd => super::fullwidth::unclosed_by_wrong_quote(text, at),
        _ => super::fullwidth::swallowing_quote(text, at),
    };
    if let Some(q) = slip {
        let (line, col) = super::spans::line_col(text, q);
        return Diagnostic {
            file: file.to_owned(),
            line,
            col,
            span: 1,
            source_line: source_line(text, line),
            severity: Severity::Error,
            cause: Cause::FullWidth(text[q..].chars().next().unwrap_or('"')),
        };
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
}
