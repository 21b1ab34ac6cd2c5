//! Text from the schedule files made safe to show: no character of it can
//! act on a terminal, start a new line of output, reorder what is shown, or
//! hide in it unseen.
//!
//! The schedule itself is never changed: it keeps its text byte for byte,
//! and only what is written out goes through here.
//!
//! What is neutralised, and how:
//! - control characters (C0, DEL, C1: TAB, line breaks, NUL, ESC, BEL, the
//!   CSI of C1, ...) act on a terminal or end a line of output: shown as
//!   ASCII escapes, `\t`, `\n`, `\r`, `\0`, else `\u{1b}`. ASCII, because
//!   control pictures (␉) or `·` are missing from many CJK fonts or drawn at
//!   another width there; escapes read the same in every terminal.
//! - bidirectional controls (U+202A-202E, U+2066-2069, U+200E, U+200F,
//!   U+061C) reorder the text around them in terminals and viewers that do
//!   bidi: shown as `\u{202e}` everywhere.
//! - invisible format characters (zero-width space U+200B, word joiner
//!   U+2060, byte-order mark U+FEFF, soft hyphen, the line and paragraph
//!   separators U+2028/2029, ...) hide in text: two titles that look the
//!   same differ, a search does not find what it shows. Shown as escapes
//!   everywhere, so what is shown is what is there.
//! - the joiners U+200C and U+200D are part of emoji sequences (👨‍👩‍👧) and of
//!   some scripts, and change nothing on their own: kept, except in
//!   [`strict`], `check`'s echo of a source line, which shows them too.
//!
//! A backslash of the text itself is left alone, so `\t` can also be those
//! two characters typed; `check` says which it is (see
//! [`crate::store::hidden`]).
//!
//! Where a line break or TAB means a break or a space (HTML, iCalendar,
//! prose wrapped on several lines), those formats keep that meaning with
//! their own escaping and use [`line`] for the rest.

use std::borrow::Cow;

/// What kind of character needs neutralising, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A C0 or C1 control character or DEL.
    Control,
    /// A bidirectional control: reorders the text around it.
    Bidi,
    /// An invisible format character (zero-width space, BOM, ...).
    Invisible,
    /// ZWJ / ZWNJ: invisible, but part of emoji sequences.
    Joiner,
}

/// The kind of `c`, when it is one that is neutralised.
pub fn hidden(c: char) -> Option<Hidden> {
    match c {
        c if c.is_control() => Some(Hidden::Control),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        '\u{200c}' | '\u{200d}' => Some(Hidden::Joiner),
        '\u{00ad}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => Some(Hidden::Invisible),
        _ => None,
    }
}

/// Whether `c` is shown as its escape on every output (all but the joiners).
pub fn shown_escaped(c: char) -> bool {
    hidden(c).is_some_and(|h| h != Hidden::Joiner)
}

/// How `c` is shown: `\t`, `\n`, `\r`, `\0`, else `\u{1b}` (lower-case
/// hex, as Rust and many tools write it).
pub fn escape(c: char) -> String {
    match c {
        '\t' => "\\t".to_owned(),
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\0' => "\\0".to_owned(),
        c => format!("\\u{{{:x}}}", u32::from(c)),
    }
}

/// `s` for one line of a terminal or of line-based output: every control,
/// bidi and invisible format character shown as an escape; joiners kept.
pub fn line(s: &str) -> Cow<'_, str> {
    neutralise(s, |h| h != Hidden::Joiner)
}

/// As [`line`], and the joiners shown too: for `check`'s echo of a source
/// line, where every character that is there must be seen.
pub fn strict(s: &str) -> Cow<'_, str> {
    neutralise(s, |_| true)
}

/// A source line for `check`'s echo, as one piece per character (so a
/// caret can be put under any of them): as [`strict`], except that a TAB
/// outside quotes (indentation, alignment) is four spaces, as editors show
/// it; inside quotes a TAB is text and shown as `\t`.
pub fn echo(source_line: &str) -> Vec<String> {
    let mut in_string = false;
    let mut escaped = false;
    let mut comment = false;
    let mut prev = None;
    let mut out = Vec::with_capacity(source_line.len());
    for c in source_line.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !comment {
            in_string = c == '"';
            comment = c == '/' && prev == Some('/');
        }
        out.push(match c {
            '\t' if !in_string => "    ".to_owned(),
            c if hidden(c).is_some() => escape(c),
            c => c.to_string(),
        });
        prev = Some(c);
    }
    out
}

fn neutralise(s: &str, show: impl Fn(Hidden) -> bool) -> Cow<'_, str> {
    let needs = |c: char| hidden(c).is_some_and(&show);
    // Nearly all text has nothing to neutralise: no copy then.
    let Some(first) = s.find(needs) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if needs(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON as `serde_json` writes it, with the characters it leaves raw (DEL,
/// C1 controls, bidi and invisible format characters; it escapes only
/// those below U+0020, so any of those left are its own line breaks and
/// indentation) written as `\uXXXX` escapes. Such characters can only
/// stand inside JSON strings, so the document reads back to the very same
/// values.
pub fn json(text: &str) -> Cow<'_, str> {
    let needs = |c: char| c >= ' ' && shown_escaped(c);
    let Some(first) = text.find(needs) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if needs(c) {
            // All of them are in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(line("a\tb"), "a\\tb");
        assert_eq!(line("一\n二\r\n"), "一\\n二\\r\\n");
        assert_eq!(line("\0\u{1b}]0;x\u{7}"), "\\0\\u{1b}]0;x\\u{7}");
        assert_eq!(line("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
    }

    #[test]
    fn bidi_and_invisible_are_shown_but_joiners_only_strictly() {
        assert_eq!(line("ab\u{202e}cd"), "ab\\u{202e}cd");
        assert_eq!(line("a\u{200b}b\u{feff}"), "a\\u{200b}b\\u{feff}");
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(line(family), family);
        assert_eq!(strict(family), "👨\\u{200d}👩\\u{200d}👧");
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        for s in ["开国大典", "“8+3”夜间志愿服务", "e\u{301}", "❤\u{fe0f}", ""] {
            assert!(matches!(line(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn echo_shows_tabs_in_text_but_indents_with_spaces() {
        let pieces = echo("\tX(title: \"a\tb\u{200d}\"), // \tnote");
        assert_eq!(
            pieces.len(),
            "\tX(title: \"a\tb\u{200d}\"), // \tnote".chars().count()
        );
        assert_eq!(
            pieces.concat(),
            "    X(title: \"a\\tb\\u{200d}\"), //     note"
        );
    }

    #[test]
    fn json_keeps_its_values_and_leaves_no_raw_c1_or_bidi() {
        let value = serde_json::json!({ "title": "a\u{9b}2J\u{202e}b\u{7f}\t👨\u{200d}👩" });
        for raw in [
            value.to_string(),
            serde_json::to_string_pretty(&value).unwrap_or_default(),
        ] {
            let safe = json(&raw);
            assert!(
                !safe.contains(|c: char| c != '\n' && shown_escaped(c)),
                "{safe}"
            );
            let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
            assert_eq!(back, value);
        }
    }
}
