//! Text measured the way a terminal draws it: Chinese characters take two
//! columns. Never `len()` or `chars().count()` for layout.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use std::borrow::Cow;

use ratatui::text::{Line, Span};

pub use crate::textwidth::{ellipsize, ellipsize_path, pad, truncate, width, wrap};

/// `line` with the text of every span as shown (see [`crate::sanitize`]):
/// for lines built from the schedule's text and drawn as they are.
pub fn shown_line(line: Line<'_>) -> Line<'static> {
    let Line {
        spans,
        style,
        alignment,
    } = line;
    Line {
        spans: spans
            .into_iter()
            .map(|s| Span::styled(shown(&s.content).into_owned(), s.style))
            .collect(),
        style,
        alignment,
    }
}

/// Text from the schedule as shown on the terminal.
pub fn shown(s: &str) -> Cow<'_, str> {
    crate::sanitize::line(s)
}

/// Wraps a styled line to `w` columns by display width, at the last place
/// on the row where the Unicode line-breaking rules allow a break: after a
/// space (the space is dropped) or between two Chinese characters, but not
/// before a closing mark such as `”` `，` `）` nor after an opening one such
/// as `“` `（` (a row never starts with `”到…`). A row with no such place is
/// cut between any two characters, never inside one. Every piece keeps its
/// style; the text is shown as everywhere (see [`shown_line`]).
pub fn wrap_line(line: &Line<'_>, w: usize) -> Vec<Line<'static>> {
    use unicode_segmentation::UnicodeSegmentation;
    let w = w.max(1);
    // (grapheme, style) of the whole line, as shown, and the plain text.
    // Graphemes of the whole line (a mark at the start of one span joins
    // the character ending the one before, as the terminal draws them),
    // each with the style of the span it starts in.
    let mut plain = String::new();
    let mut styles: Vec<(usize, ratatui::style::Style)> = Vec::new();
    for span in &line.spans {
        styles.push((plain.len(), line.style.patch(span.style)));
        plain.push_str(&shown(&span.content));
    }
    let mut cells: Vec<(String, ratatui::style::Style)> = Vec::new();
    let mut span = 0;
    for (at, g) in plain.grapheme_indices(true) {
        while styles.get(span + 1).is_some_and(|(start, _)| *start <= at) {
            span += 1;
        }
        let style = styles.get(span).map_or(line.style, |(_, st)| *st);
        cells.push((g.to_owned(), style));
    }
    let breaks = break_before(&plain, &cells);
    let mut rows: Vec<&[(String, ratatui::style::Style)]> = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (k, cell) in cells.iter().enumerate() {
        let cw = width(&cell.0);
        // A loop: after a break far back, what moved down and this cell
        // may still not fit.
        while used + cw > w && k > start {
            // The last allowed break on the row that leaves something
            // before it; else right here, in the middle of a word.
            let at = (start + 1..=k).rev().find(|&j| breaks[j]).unwrap_or(k);
            let mut end = at;
            while end > start && cells[end - 1].0 == " " {
                end -= 1;
            }
            rows.push(&cells[start..end.max(start + 1).min(at)]);
            start = at;
            used = cells[start..k].iter().map(|(g, _)| width(g)).sum();
        }
        used += cw;
    }
    rows.push(&cells[start..]);
    rows.into_iter()
        .map(|r| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (g, st) in r {
                match spans.last_mut() {
                    Some(last) if last.style == *st => last.content.to_mut().push_str(g),
                    _ => spans.push(Span::styled(g.clone(), *st)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// For each grapheme of `plain` (as `cells` holds them, in order), whether
/// a line may break right before it: where a word of the Unicode
/// line-breaking rules starts (textwrap finds them), and beside Chinese
/// quotation marks as Chinese typesetting breaks there (see
/// [`chinese_quote_break`]).
fn break_before(plain: &str, cells: &[(String, ratatui::style::Style)]) -> Vec<bool> {
    let mut starts = std::collections::HashSet::new();
    let mut at = 0;
    for word in textwrap::WordSeparator::UnicodeBreakProperties.find_words(plain) {
        starts.insert(at);
        at += word.word.len() + word.whitespace.len();
    }
    let mut byte = 0;
    let mut out = Vec::with_capacity(cells.len());
    for (j, (g, _)) in cells.iter().enumerate() {
        let rule = byte > 0 && starts.contains(&byte);
        let quote = j > 0 && chinese_quote_break(&cells[j - 1].0, g);
        out.push(rule || quote);
        byte += g.len();
    }
    out
}

/// The line-breaking rules keep `“ ” ‘ ’` with both neighbours, since some
/// languages open and close with the same marks; in Chinese `“` opens and
/// `”` closes, so a line may break before `“` and after `”` where a
/// Chinese character (or another quotation) is on the other side, but
/// never before a closing mark such as `，` or `）` nor after an opening
/// one such as `（`.
fn chinese_quote_break(before: &str, here: &str) -> bool {
    const OPENING: [&str; 2] = ["“", "‘"];
    const CLOSING: [&str; 2] = ["”", "’"];
    let wide =
        |g: &str| width(g) == 2 && !g.starts_with(['“', '‘', '（', '《', '「', '『', '【', '〈']);
    let no_start = |g: &str| {
        g.chars()
            .next()
            .is_some_and(|c| "”’，。、；：！？）》」』】〉…".contains(c))
    };
    (OPENING.contains(&here) && (wide(before) || CLOSING.contains(&before)))
        || (CLOSING.contains(&before) && wide(here) && !no_start(here))
}

/// [`wrap_line`] for every line.
pub fn wrap_lines(lines: &[Line<'_>], w: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap_line(l, w)).collect()
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
    /// The whole text is selected, as when Tab enters a field on a PC:
    /// the first key typed replaces it; a caret key edits it instead.
    selected: bool,
}

impl LineInput {
    pub fn with_text(text: &str) -> Self {
        LineInput {
            text: text.to_owned(),
            caret: text.len(),
            selected: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret's column from the start of the text.
    pub fn caret_column(&self) -> usize {
        width(&self.text[..self.caret])
    }

    /// Selects the whole text (focus arrives in the field): typing will
    /// replace it. An empty field has nothing to select.
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.caret = self.text.len();
    }

    /// Puts the caret at display column `col` of the text as shown (a
    /// click), between graphemes; past the end, at the end.
    pub fn set_caret_column(&mut self, col: usize) {
        use unicode_segmentation::UnicodeSegmentation;
        self.selected = false;
        let mut used = 0;
        for (i, g) in self.text.grapheme_indices(true) {
            let w = width(g);
            if used + w > col {
                self.caret = i;
                return;
            }
            used += w;
        }
        self.caret = self.text.len();
    }

    /// Whether the whole text is selected (typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Drops a selection, so the next key edits at the caret.
    fn deselect(&mut self) -> bool {
        std::mem::take(&mut self.selected)
    }

    /// Removes the selected text, if the whole text is selected.
    fn take_selection(&mut self) -> bool {
        if self.deselect() {
            self.text.clear();
            self.caret = 0;
            true
        } else {
            false
        }
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.take_selection();
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
    }

    /// Pasted text: line breaks become spaces, since the field is one line.
    pub fn paste(&mut self, s: &str) {
        self.take_selection();
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
    }

    pub fn backspace(&mut self) {
        if self.take_selection() {
            return;
        }
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
            self.text.remove(self.caret);
        }
    }

    pub fn delete(&mut self) {
        if self.take_selection() {
            return;
        }
        if self.caret < self.text.len() {
            self.text.remove(self.caret);
        }
    }

    pub fn left(&mut self) {
        self.deselect();
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if self.deselect() {
            return;
        }
        if let Some(c) = self.text[self.caret..].chars().next() {
            self.caret += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.deselect();
        self.caret = 0;
    }

    /// Takes the keys of a text field, the same in every field of every
    /// dialog: typing, Backspace, Delete, Left, Right, Home, End, and the
    /// `clear_field` action. `false` when the key is not one of these.
    pub fn edit(&mut self, input: super::dialog::Input<'_>) -> bool {
        use ratatui::crossterm::event::KeyCode;
        if super::dialog::is_typing(input.key) {
            if let KeyCode::Char(c) = input.key.code {
                self.insert(c);
            }
            return true;
        }
        if input.action == Some(super::action::Action::ClearField) {
            *self = LineInput::default();
            return true;
        }
        match input.key.code {
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => return false,
        }
        true
    }

    pub fn end(&mut self) {
        self.deselect();
        self.caret = self.text.len();
    }

    /// The part of the text to show in `w` columns, keeping the caret in
    /// view, and the caret's column within it (see [`LineInput::view`]).
    pub fn visible(&self, w: usize) -> (Cow<'_, str>, usize) {
        self.view(w, true)
    }

    /// The text as a field `w` columns wide shows it. A text too long for
    /// the field says so: `‹` where some is hidden before, `›` where some is
    /// hidden after (both of neutral width in every terminal). With
    /// `follow_caret` the window moves to keep the caret in view (the
    /// focused field); otherwise it shows the start. Also the caret's
    /// column. The text is shown as everywhere (a TAB as `\t`).
    pub fn view(&self, w: usize, follow_caret: bool) -> (Cow<'_, str>, usize) {
        let caret_col = self.caret_column();
        if w == 0 {
            return (Cow::Borrowed(""), 0);
        }
        if width(&self.text) <= w {
            return (crate::sanitize::line(&self.text), caret_col);
        }
        if w < 3 {
            return (truncate(&self.text, w), caret_col.min(w - 1));
        }
        let Some((start, dropped)) = self.scrolled(w, follow_caret) else {
            // The start fits with the caret in it: cut at the end only.
            let shown = format!("{}›", truncate(&self.text, w - 1));
            return (Cow::Owned(shown), caret_col.min(w - 1));
        };
        let rest = &self.text[start..];
        let caret = 1 + caret_col.saturating_sub(dropped);
        let shown = if width(rest) < w {
            format!("‹{}", crate::sanitize::line(rest))
        } else {
            format!("‹{}›", truncate(rest, w - 2))
        };
        (Cow::Owned(shown), caret)
    }

    /// Where [`LineInput::view`] starts the text when it scrolls it (a
    /// `‹` first): the byte and the display column of the first grapheme
    /// shown; `None` when it shows the text from its start.
    fn scrolled(&self, w: usize, follow_caret: bool) -> Option<(usize, usize)> {
        let caret_col = self.caret_column();
        if w < 3 || width(&self.text) <= w || !follow_caret || caret_col < w - 1 {
            return None;
        }
        // Drop whole graphemes before the caret until it fits in the room
        // between `‹` and `›`, each measured once (a long pasted line costs
        // its length, not its square).
        let room = w - 2;
        let mut start = 0;
        let mut dropped = 0;
        for g in
            unicode_segmentation::UnicodeSegmentation::graphemes(&self.text[..self.caret], true)
        {
            if caret_col.saturating_sub(dropped) < room {
                break;
            }
            dropped += width(g);
            start += g.len();
        }
        Some((start, dropped))
    }

    /// The text's display column under column `col` of a field `w` columns
    /// wide showing it as [`LineInput::view`] does: where a click there
    /// puts the caret (see [`LineInput::set_caret_column`]).
    pub fn column_at(&self, w: usize, follow_caret: bool, col: usize) -> usize {
        match self.scrolled(w, follow_caret) {
            // The `‹` takes the first column.
            Some((_, dropped)) => dropped + col.saturating_sub(1),
            None => col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn no_room_shows_nothing_and_never_underflows() {
        let mut input = LineInput::with_text("微党课");
        input.home();
        assert_eq!(input.visible(0), (Cow::Borrowed(""), 0));
        input.end();
        assert_eq!(input.visible(0), (Cow::Borrowed(""), 0));
        let (shown, col) = input.visible(1);
        assert!(width(&shown) <= 1 && col <= 1, "{shown:?} {col}");
    }

    #[test]
    fn long_input_scrolls_to_keep_the_caret_visible() {
        let input = LineInput::with_text("从四史看石化街道社区精神的传承与发展");
        let (shown, col) = input.visible(10);
        assert!(width(&shown) <= 10);
        assert!(col <= 10);
        // The start is hidden, and the field says so.
        let rest = shown.strip_prefix('‹').expect("marked as cut before");
        assert!(input.text().ends_with(rest), "{shown}");
        // Not focused, it shows its start and says the rest is hidden.
        let (shown, _) = input.view(10, false);
        let start = shown.strip_suffix('›').expect("marked as cut after");
        assert!(input.text().starts_with(start), "{shown}");
        assert!(width(&shown) <= 10);
        // Caret in the middle: hidden on both sides.
        let mut input = input;
        for _ in 0..8 {
            input.left();
        }
        let (shown, col) = input.visible(10);
        assert!(shown.starts_with('‹') && shown.ends_with('›'), "{shown}");
        assert!(width(&shown) <= 10 && col < 10);
        // What fits is shown as it is.
        let short = LineInput::with_text("免费法律咨询");
        assert_eq!(short.view(12, false).0, "免费法律咨询");
        assert_eq!(short.view(8, false).0, "免费法›");
        assert_eq!(short.view(9, false).0, "免费法律›");
    }

    #[test]
    fn a_tab_in_the_text_is_shown_and_the_caret_counts_it() {
        // A title with a TAB opened for editing: the TAB is seen (`\t`) and
        // the caret after it sits after its two columns.
        let mut input = LineInput::with_text("座谈\t会");
        assert_eq!(input.caret_column(), 8);
        assert_eq!(input.visible(20), (Cow::Borrowed("座谈\\t会"), 8));
        input.left();
        assert_eq!(input.caret_column(), 6);
        let (shown, col) = input.visible(5);
        assert!(width(&shown) <= 5 && col <= 5, "{shown:?} {col}");
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
