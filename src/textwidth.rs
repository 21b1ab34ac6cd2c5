//! Text measured, cut and padded the way a terminal shows it: Chinese
//! characters take two columns. Never `len()` or `chars().count()` for layout.
//!
//! One definition of width serves every function here, so they always agree
//! (the program once crashed padding a title with a TAB, because cutting
//! counted the TAB as 0 columns and measuring as 1):
//!
//! - text is measured as shown: through [`sanitize::line`], so a control
//!   character counts as its visible escape (`\t` = 2 columns), and every
//!   function that returns text returns it in that shown form;
//! - the shown text is measured by grapheme (what a reader sees as one
//!   character: `e` + accent, an emoji with its variation selector or a
//!   family joined by ZWJ), each as ratatui draws it into a cell
//!   (`ratatui-core`'s `set_stringn`/`cell_width`: the grapheme's
//!   `unicode-width`, a half-width sound mark one column more, a grapheme
//!   with a control character or of no width not drawn at all);
//! - text is cut only between graphemes, never inside one.
//!
//! Pure helpers shared by the terminal views and the plain-text week sheet.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;

/// Display width in terminal columns of `s` as shown.
pub fn width(s: &str) -> usize {
    shown_width(&sanitize::line(s))
}

/// The columns one grapheme takes when drawn (see the module's comment).
fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else if g.len() == 1 {
        1
    } else {
        UnicodeWidthStr::width(g)
            + g.chars()
                .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
                .count()
    }
}

/// The width of text already in its shown form.
fn shown_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of shown text that fits in `max` columns.
fn fit(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// `s` as shown, cut to its longest start that fits in `max` columns.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    match sanitize::line(s) {
        Cow::Borrowed(b) => Cow::Borrowed(fit(b, max)),
        Cow::Owned(o) => Cow::Owned(fit(&o, max).to_owned()),
    }
}

/// `s` as shown, cut to `max` columns, ending in `..` when something was
/// cut (ASCII, because `…` is ambiguous-width in CJK terminals).
pub fn ellipsize(s: &str, max: usize) -> String {
    let shown = sanitize::line(s);
    if shown_width(&shown) <= max {
        return shown.into_owned();
    }
    if max <= 2 {
        return fit(&shown, max).to_owned();
    }
    format!("{}..", fit(&shown, max - 2))
}

/// [`ellipsize`] that keeps the end of a path: when `s` names a folder or
/// file (`/` or `\\` in it) the cut is in the middle, before the last part
/// of the path, so `已写入示例：/home/站/.local/share/stationcal/schedule`
/// stays recognisable as `已写入示例：/home/站/.local../schedule`.
pub fn ellipsize_path(s: &str, max: usize) -> String {
    let shown = sanitize::line(s);
    if shown_width(&shown) <= max {
        return shown.into_owned();
    }
    let trimmed = shown.trim_end_matches(['/', '\\']);
    let Some(cut) = trimmed.rfind(['/', '\\']) else {
        return ellipsize(s, max);
    };
    let tail = &shown[cut..];
    let tail_w = shown_width(tail);
    // Some of the start must show too, or the message says nothing.
    if tail_w + 2 + 4 > max {
        return ellipsize(s, max);
    }
    format!("{}..{tail}", fit(&shown[..cut], max - 2 - tail_w))
}

/// `s` as shown, padded with spaces (or cut) to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let shown = sanitize::line(s);
    let t = fit(&shown, w);
    format!("{t}{}", " ".repeat(w.saturating_sub(shown_width(t))))
}

/// Wraps text to `w` columns, breaking between Chinese characters as well as
/// at spaces (ratatui's own wrapping only breaks at spaces). A line break
/// in `s` starts a new line (this is for prose that may have several); any
/// other control character is shown as its escape.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    if w == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for line in s.lines() {
        let shown = sanitize::line(line);
        if shown.is_empty() {
            out.push(String::new());
        } else {
            wrap_line(&shown, w, &mut out);
        }
    }
    out
}

/// Fills lines of `w` columns with the words of one shown line (break
/// opportunities after the Unicode line-breaking rules, as textwrap finds
/// them); a word longer than a line is cut between graphemes.
fn wrap_line(s: &str, w: usize, out: &mut Vec<String>) {
    let lines_before = out.len();
    let mut current = String::new();
    let mut used = 0;
    let mut started = false;
    let mut space = "";
    for word in textwrap::WordSeparator::UnicodeBreakProperties.find_words(s) {
        let ww = shown_width(word.word);
        // `space` is ASCII spaces: one column each.
        if started && used + space.len() + ww <= w {
            current.push_str(space);
            current.push_str(word.word);
            used += space.len() + ww;
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            let mut rest = word.word;
            while shown_width(rest) > w {
                let mut head = fit(rest, w);
                if head.is_empty() {
                    // A grapheme wider than the line: it goes on a line alone.
                    head = rest.graphemes(true).next().unwrap_or(rest);
                }
                out.push(head.to_owned());
                rest = &rest[head.len()..];
            }
            current.push_str(rest);
            used = shown_width(rest);
        }
        started = true;
        space = word.whitespace;
    }
    // A line of blanks still takes a line.
    if !current.is_empty() || out.len() == lines_before {
        out.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_never_splits_a_chinese_character() {
        assert_eq!(truncate("开国大典", 5), "开国");
        assert_eq!(truncate("开国大典", 4), "开国");
        assert_eq!(truncate("A开国", 2), "A");
        assert_eq!(ellipsize("我深爱的这座城", 9), "我深爱..");
        assert_eq!(width(&ellipsize("我深爱的这座城", 9)), 8);
        assert_eq!(pad("开国", 5), "开国 ");
        assert_eq!(pad("开国大典", 5), "开国 ");
    }

    #[test]
    fn a_long_path_is_cut_in_the_middle_keeping_its_last_folder() {
        let msg = "已写入示例：/home/站务/.local/share/stationcal/schedule";
        assert_eq!(ellipsize_path(msg, 100), msg);
        let cut = ellipsize_path(msg, 40);
        assert_eq!(cut, "已写入示例：/home/站务/.local../schedule");
        assert_eq!(width(&cut), 40);
        // A trailing separator still keeps the folder's name.
        assert!(
            ellipsize_path("写入：C:\\Users\\王\\AppData\\schedule\\", 30)
                .ends_with("\\schedule\\")
        );
        // No room for the last part: cut at the end as usual.
        assert_eq!(
            ellipsize_path("写入：/a/很长很长很长的文件夹", 12),
            "写入：/a/.."
        );
        // No path at all: as `ellipsize`.
        assert_eq!(ellipsize_path("我深爱的这座城", 9), "我深爱..");
    }

    #[test]
    fn wrapping_breaks_between_chinese_characters() {
        let lines = wrap("石化街道的创业故事 and more", 8);
        assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "石化街道的创业故事andmore");
    }

    #[test]
    fn control_characters_are_measured_as_their_escapes() {
        // The TAB of a title pasted from a spreadsheet: once a crash.
        assert_eq!(width("a\tb"), 4);
        assert_eq!(pad("a\t\tb", 3), "a\\t");
        assert_eq!(pad("座谈\t会", 7), "座谈\\t ");
        assert_eq!(truncate("a\u{1b}[2J", 4), "a\\u{");
        assert_eq!(ellipsize("标题\n第二行", 8), "标题\\n..");
    }

    #[test]
    fn graphemes_are_kept_whole() {
        // An emoji with VS16 is two columns, and never cut from its selector.
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(pad("❤\u{fe0f}x", 2), "❤\u{fe0f}");
        assert_eq!(truncate("e\u{301}f", 1), "e\u{301}");
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(width(family), 2);
        assert_eq!(truncate(&format!("{family}a"), 2), family);
    }

    #[test]
    fn wrapping_shows_controls_and_keeps_line_breaks() {
        assert_eq!(wrap("一\t二\n三", 10), ["一\\t二", "三"]);
        assert_eq!(wrap("ab\r\ncd", 10), ["ab", "cd"]);
        // A grapheme wider than the line still comes out, alone.
        assert_eq!(wrap("开国", 1), ["开", "国"]);
    }
}
