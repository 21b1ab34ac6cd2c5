//! Text measured the way a terminal draws it: Chinese characters take two
//! columns. Never `len()` or `chars().count()` for layout.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
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

/// Before an overlay is drawn over `area`, blanks any wide character that
/// straddles its left or right edge: otherwise the terminal draws the wide
/// character's second half over the overlay's border (ratatui #2526).
pub fn blank_wide_cells_at_edges(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        // A wide character starting just left of the overlay spills into it.
        if area.left() > buf.area.left() {
            let x = area.left() - 1;
            if let Some(cell) = buf.cell_mut(Position::new(x, y))
                && width(cell.symbol()) > 1
            {
                cell.set_symbol(" ");
            }
        }
        // A wide character on the overlay's last column spills out of it:
        // the cell after it is only its hidden half; make it a real blank.
        let last = area.right() - 1;
        if let Some(cell) = buf.cell_mut(Position::new(last, y))
            && width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
            if let Some(next) = buf.cell_mut(Position::new(last + 1, y)) {
                next.set_symbol(" ");
            }
        }
    }
}

/// A one-line text field that knows where its caret is in display columns,
/// so the real terminal cursor (and the input method's candidate window)
/// can be placed there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Caret position as a byte index, always on a character boundary.
    caret: usize,
}

impl LineInput {
    pub fn with_text(text: &str) -> Self {
        LineInput {
            text: text.to_owned(),
            caret: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret's column from the start of the text.
    pub fn caret_column(&self) -> usize {
        width(&self.text[..self.caret])
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
    }

    /// Pasted text: line breaks become spaces, since the field is one line.
    pub fn paste(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
            self.text.remove(self.caret);
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.text.len() {
            self.text.remove(self.caret);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.caret..].chars().next() {
            self.caret += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    /// The part of the text to show in `w` columns, keeping the caret
    /// visible, and the caret's column within it.
    pub fn visible(&self, w: usize) -> (&str, usize) {
        let caret_col = self.caret_column();
        if caret_col < w {
            return (truncate(&self.text, w), caret_col);
        }
        // Scroll: drop characters from the start until the caret fits.
        let mut start = 0;
        let mut dropped = 0;
        for c in self.text.chars() {
            if caret_col.saturating_sub(dropped) < w {
                break;
            }
            dropped += UnicodeWidthChar::width(c).unwrap_or(0);
            start += c.len_utf8();
        }
        (
            truncate(&self.text[start..], w),
            caret_col.saturating_sub(dropped),
        )
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
    fn wrapping_breaks_between_chinese_characters() {
        let lines = wrap("石化街道的创业故事 and more", 8);
        assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "石化街道的创业故事andmore");
    }

    #[test]
    fn caret_column_counts_display_width() {
        let mut input = LineInput::default();
        for c in "微党课ab".chars() {
            input.insert(c);
        }
        assert_eq!(input.caret_column(), 8);
        input.left();
        input.left();
        input.left();
        assert_eq!(input.caret_column(), 4);
        input.backspace();
        assert_eq!(input.text(), "微课ab");
        assert_eq!(input.caret_column(), 2);
        input.paste("党\n员");
        assert_eq!(input.text(), "微党 员课ab");
    }

    #[test]
    fn long_input_scrolls_to_keep_the_caret_visible() {
        let input = LineInput::with_text("从四史看石化街道社区精神的传承与发展");
        let (shown, col) = input.visible(10);
        assert!(width(shown) <= 10);
        assert!(col <= 10);
        assert!(input.text().ends_with(shown));
    }

    #[test]
    fn wide_character_cut_by_a_popup_edge_is_blanked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "开国大典", ratatui::style::Style::default());
        // Popup starting at x=3: "国" starts at x=2 and spills into x=3.
        blank_wide_cells_at_edges(&mut buf, Rect::new(3, 0, 4, 1));
        assert_eq!(
            buf.cell(Position::new(2, 0))
                .map(ratatui::buffer::Cell::symbol),
            Some(" ")
        );
        assert_eq!(
            buf.cell(Position::new(0, 0))
                .map(ratatui::buffer::Cell::symbol),
            Some("开")
        );
        // "典" starts at x=6 = the popup's last column and spills out of it.
        assert_eq!(
            buf.cell(Position::new(6, 0))
                .map(ratatui::buffer::Cell::symbol),
            Some(" ")
        );
    }
}
