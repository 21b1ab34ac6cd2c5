//! How much room text takes on paper and in an image, estimated without a
//! font: widths in ems, and lines wrapped to a width in ems.
//!
//! The sheets are laid out before any font is at hand (HTML is laid out by
//! the browser, the image's SVG by resvg with whatever Chinese font the
//! machine has), so the sizes are chosen from this estimate. It is
//! deliberately generous: a Chinese character is one em in every CJK font,
//! and so are the ambiguous-width marks (“ ” — …) that CJK fonts draw full
//! width; Latin letters and digits are counted wider than they are. Text
//! estimated to fit therefore fits (tests check it against the real font).

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

/// The width of `s` in ems, a little generous.
pub fn ems(s: &str) -> f32 {
    s.chars().map(char_ems).sum()
}

fn char_ems(c: char) -> f32 {
    // Latin letters, digits and signs a little wider than the widest of
    // them in bold CJK fonts (Noto Sans CJK Bold measured: `W` 0.92, `@`
    // 1.01, `O` 0.77, digits 0.59, `b` 0.64 em), as other fonts differ.
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | 'i' | 'j' | 'l' | 'I' => 0.36,
        '!' | '-' | '(' | ')' | '/' | '[' | ']' | '{' | '}' | '\\' | 'f' | 'r' | 't' => 0.46,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.05,
        'D' | 'G' | 'H' | 'K' | 'N' | 'O' | 'Q' | 'U' | '&' => 0.82,
        'A'..='Z' => 0.72,
        c if c.is_ascii_graphic() => 0.68,
        // A CJK font draws ambiguous-width characters (quotes, dashes,
        // ellipsis, ①) full width: count them as Chinese.
        c => match unicode_width::UnicodeWidthChar::width_cjk(c) {
            Some(0) | None => 0.0,
            Some(1) => 0.68,
            Some(_) => 1.0,
        },
    }
}

/// A word of [`wrap`] measured in ems.
#[derive(Debug)]
struct Piece<'a> {
    word: &'a str,
    whitespace: &'a str,
    width: f64,
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        f64::from(ems(self.whitespace))
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// `s` in lines of at most `max_em` ems (by [`ems`]), broken where Unicode
/// allows a line break (between Chinese characters, at spaces); a word
/// longer than a line is cut between graphemes. Always at least one line.
pub fn wrap(s: &str, max_em: f32) -> Vec<String> {
    let max = f64::from(max_em.max(1.0));
    let mut pieces = Vec::new();
    for w in textwrap::WordSeparator::UnicodeBreakProperties.find_words(s) {
        let width = f64::from(ems(w.word));
        if width <= max {
            pieces.push(Piece {
                word: w.word,
                whitespace: w.whitespace,
                width,
            });
            continue;
        }
        // Too long for any line: in line-sized parts.
        let mut start = 0;
        let mut used = 0.0;
        for (i, g) in w.word.grapheme_indices(true) {
            let gw = f64::from(ems(g));
            if used + gw > max && i > start {
                pieces.push(Piece {
                    word: &w.word[start..i],
                    whitespace: "",
                    width: used,
                });
                start = i;
                used = 0.0;
            }
            used += gw;
        }
        pieces.push(Piece {
            word: &w.word[start..],
            whitespace: w.whitespace,
            width: used,
        });
    }
    let lines: Vec<String> = textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[max])
        .into_iter()
        .map(|line| {
            let mut out = String::new();
            for (k, p) in line.iter().enumerate() {
                out.push_str(p.word);
                if k + 1 < line.len() {
                    out.push_str(p.whitespace);
                }
            }
            out
        })
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_ambiguous_marks_are_one_em() {
        assert!((ems("开国大典") - 4.0).abs() < f32::EPSILON);
        assert!((ems("“”—…") - 4.0).abs() < f32::EPSILON);
        assert!(ems("19:00") < 3.5);
    }

    #[test]
    fn wrapping_keeps_every_character_and_fits() {
        let s = "从“四史”看石化街道社区精神的传承与发展 and some English words";
        let lines = wrap(s, 6.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(ems(l) <= 6.0 + f32::EPSILON, "{l:?}");
        }
        let joined: String = lines.concat();
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&joined), squeeze(s));
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_between_graphemes() {
        let lines = wrap("https://example.org/calendar/shihua.ics", 5.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| ems(l) <= 5.0 + f32::EPSILON));
        assert_eq!(lines.concat(), "https://example.org/calendar/shihua.ics");
        assert_eq!(wrap("", 5.0), vec![String::new()]);
    }
}
