//! Width, cutting, padding and wrapping agree with each other and with what
//! ratatui draws, for any text: control characters, bidi controls, joiners,
//! variation selectors, combining marks, CJK, emoji. (A title with a TAB once
//! crashed the program: cutting and measuring disagreed on the TAB.)

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use stationcal::sanitize;
use stationcal::textwidth::{ellipsize, ellipsize_path, pad, truncate, width, wrap};

/// Characters that have broken terminal programs, and any other.
fn hostile_char() -> impl Strategy<Value = char> {
    let special: Vec<char> = (0u32..0x20)
        .chain([0x7f])
        .chain(0x80..0xa0)
        .chain([
            0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068,
            0x2069, // bidi
            0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029, // invisible
            0xfe0f, 0xfe0e, 0x0301, 0x20dd, 0x0e49, // selectors, combining marks
            0x5f00, 0x56fd, 0xff21, 0x3000, // CJK, full-width
            0x1f468, 0x1f469, 0x1f467, 0x2764, 0x1f1e8, 0x1f1f3,
            0x1f3fb, // emoji, flags, skin tone
            0x1100, 0x1161, 0x11a8, // Hangul jamo
            0xff76, 0xff9e, 0xff9f, // half-width katakana and sound marks
            0x0644, 0x0627, // lam-alef
            0x20, 0x41, 0x5c, // space, letter, backslash
        ])
        .filter_map(char::from_u32)
        .collect();
    prop_oneof![
        4 => proptest::sample::select(special),
        1 => any::<char>(),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..40).prop_map(|v| v.into_iter().collect())
}

/// Where ratatui's cursor ends after drawing `s` at column 0: the columns
/// it really took on the terminal.
fn drawn(s: &str) -> usize {
    let mut buf = Buffer::empty(Rect::new(0, 0, 1000, 1));
    let (x, _) = buf.set_stringn(0, 0, s, 1000, Style::new());
    usize::from(x)
}

fn no_hidden(s: &str) -> bool {
    !s.contains(sanitize::shown_escaped)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn padding_is_exactly_the_width_asked_and_drawn_so(s in hostile_text(), w in 0usize..50) {
        let p = pad(&s, w);
        prop_assert_eq!(width(&p), w, "{:?} -> {:?}", s, p);
        prop_assert_eq!(drawn(&p), w, "{:?} -> {:?}", s, p);
        prop_assert!(no_hidden(&p), "{:?}", p);
    }

    #[test]
    fn truncation_and_ellipsis_fit_and_agree_with_drawing(s in hostile_text(), w in 0usize..50) {
        let t = truncate(&s, w);
        prop_assert!(width(&t) <= w);
        prop_assert_eq!(drawn(&t), width(&t));
        prop_assert!(sanitize::line(&s).starts_with(&*t));
        prop_assert!(no_hidden(&t));
        let e = ellipsize(&s, w);
        prop_assert!(width(&e) <= w, "{:?} -> {:?}", s, e);
        prop_assert_eq!(drawn(&e), width(&e));
        prop_assert!(no_hidden(&e));
        // Text that fits is kept whole (as shown).
        if width(&s) <= w {
            prop_assert_eq!(e, sanitize::line(&s).into_owned());
        }
    }

    #[test]
    fn a_path_cut_in_the_middle_fits_and_agrees_with_drawing(
        s in hostile_text(), folder in hostile_text(), w in 0usize..60,
    ) {
        let s = format!("{s}/{folder}");
        let e = ellipsize_path(&s, w);
        prop_assert!(width(&e) <= w, "{:?} -> {:?}", s, e);
        prop_assert_eq!(drawn(&e), width(&e));
        prop_assert!(no_hidden(&e));
        if width(&s) <= w {
            prop_assert_eq!(e, sanitize::line(&s).into_owned());
        }
    }

    #[test]
    fn width_is_what_ratatui_draws_of_the_shown_text(s in hostile_text()) {
        let shown = sanitize::line(&s);
        prop_assert_eq!(width(&s), drawn(&shown));
        prop_assert_eq!(width(&s), width(&shown));
    }

    #[test]
    fn wrapped_lines_fit_keep_the_text_and_hide_nothing(s in hostile_text(), w in 1usize..30) {
        let lines = wrap(&s, w);
        for l in &lines {
            let one_grapheme = unicode_segmentation::UnicodeSegmentation::graphemes(l.as_str(), true).count() <= 1;
            prop_assert!(width(l) <= w || one_grapheme, "{:?} at {}: {:?}", s, w, lines);
            prop_assert!(no_hidden(l), "{:?}", l);
        }
        let kept: String = lines.concat().split(' ').collect();
        let want: String = s.lines().map(|l| sanitize::line(l).into_owned()).collect::<String>().split(' ').collect();
        prop_assert_eq!(kept, want);
    }
}

/// Rows of the styled wrap (detail pane, details window, week titles), as text.
fn styled_rows(spans: &[String], w: usize) -> Vec<String> {
    use ratatui::text::{Line, Span};
    let line = Line::from(
        spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Span::styled(
                    s.clone(),
                    Style::new().fg(ratatui::style::Color::Indexed(i as u8)),
                )
            })
            .collect::<Vec<_>>(),
    );
    stationcal::tui::text::wrap_line(&line, w)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Every row fits (a single character wider than the row aside), and
    /// the rows hold the whole text as shown, only spaces at breaks gone.
    #[test]
    fn styled_wrap_fits_and_keeps_the_text(
        spans in proptest::collection::vec(hostile_text(), 0..4),
        w in 1usize..30,
    ) {
        let rows = styled_rows(&spans, w);
        for r in &rows {
            let one = unicode_segmentation::UnicodeSegmentation::graphemes(r.as_str(), true).count() <= 1;
            prop_assert!(width(r) <= w || one, "{r:?} in {w}");
            prop_assert!(no_hidden(r), "{r:?}");
        }
        let shown: String = spans.iter().map(|s| sanitize::line(s).into_owned()).collect();
        let strip = |s: &str| s.replace(' ', "");
        prop_assert_eq!(strip(&rows.concat()), strip(&shown));
    }
}

/// Chinese typography (避头尾): a wrapped row never starts with a closing
/// mark or ends with an opening one, for every title and note of the
/// samples at every width (the week once showed `”到“菜篮子工程”`).
#[test]
fn styled_wrap_keeps_quotes_and_commas_with_their_words() {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("assets")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("assets").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "ron") {
                files.push(std::fs::read_to_string(&p).expect("a sample file"));
            }
        }
    }
    // Every quoted text of the samples: titles, notes, services, partners.
    let texts: Vec<String> = files
        .iter()
        .flat_map(|text| text.split('"').skip(1).step_by(2).map(str::to_owned))
        .chain(["中心\u{a0}从“凭票供应”到“菜篮子工程”".to_owned()])
        .collect();
    let closing = [
        '”', '’', '，', '。', '、', '；', '：', '！', '？', '）', '》', '」', '』', '】',
    ];
    let opening = ['“', '‘', '（', '《', '「', '『', '【'];
    let mut checked = 0;
    for t in &texts {
        // Where a word is wider than the row it must be cut somewhere.
        let widest = textwrap::WordSeparator::UnicodeBreakProperties
            .find_words(t)
            .map(|word| width(word.word))
            .max()
            .unwrap_or(0);
        for w in widest.max(4)..=24 {
            let rows = styled_rows(std::slice::from_ref(t), w);
            for (i, r) in rows.iter().enumerate() {
                if i > 0 {
                    assert!(
                        !r.starts_with(closing),
                        "{t:?} at {w}: row {r:?} of {rows:?}"
                    );
                }
                if i + 1 < rows.len() {
                    assert!(!r.ends_with(opening), "{t:?} at {w}: row {r:?} of {rows:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked} rows");
}
