//! Text measured the way a terminal draws it: Chinese characters take two
//! columns. Never `len()` or `chars().count()` for layout.
//!
//! Pure helpers shared by the terminal views and the plain-text week sheet.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` that fits in `max` columns, never splitting a character.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// `s` cut to `max` columns, ending in `..` when something was cut (ASCII,
/// because `…` is ambiguous-width in CJK terminals).
pub fn ellipsize(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max <= 2 {
        return truncate(s, max).to_owned();
    }
    format!("{}..", truncate(s, max - 2))
}

/// `s` padded with spaces (or cut) to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    format!("{t}{}", " ".repeat(w - width(t)))
}

/// Wraps text to `w` columns, breaking between Chinese characters as well as
/// at spaces (ratatui's own wrapping only breaks at spaces).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    if w == 0 {
        return Vec::new();
    }
    let opts = textwrap::Options::new(w)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .break_words(true);
    s.lines()
        .flat_map(|line| {
            if line.is_empty() {
                vec![String::new()]
            } else {
                textwrap::wrap(line, &opts)
                    .into_iter()
                    .map(std::borrow::Cow::into_owned)
                    .collect()
            }
        })
        .collect()
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
    fn wrapping_breaks_between_chinese_characters() {
        let lines = wrap("石化街道的创业故事 and more", 8);
        assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "石化街道的创业故事andmore");
    }
}
