//! One input-method slip in a correct file gives exactly one problem, at
//! the slip: a full-width comma, colon or bracket, a Chinese quote typed to
//! open or close a string, or both quotes of a string typed the Chinese way.
//! The slip goes at a random place of the bundled sample's files; a reader
//! that resumed in the wrong state after repairing it (inside a string when
//! it is outside) would report the correct punctuation further down.

use proptest::prelude::*;
use stationcal::store::{load_texts, sample};

use crate::support::line_col;

/// Where a slip can go in a RON text: punctuation outside strings and
/// comments, and the quotes of each string (byte offsets).
struct Places {
    punct: Vec<usize>,
    strings: Vec<(usize, usize)>,
}

fn places(text: &str) -> Places {
    let b = text.as_bytes();
    let mut out = Places {
        punct: Vec::new(),
        strings: Vec::new(),
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let open = i;
                i += 1;
                while b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.strings.push((open, i));
            }
            b',' | b':' | b'(' | b')' | b'[' | b']' => out.punct.push(i),
            _ => {}
        }
        i += 1;
    }
    out
}

fn twin(c: u8) -> &'static str {
    match c {
        b',' => "，",
        b':' => "：",
        b'(' => "（",
        b')' => "）",
        b'[' => "【",
        _ => "】",
    }
}

/// The text with the slip, and the byte offset of the (first) wrong character.
fn slip(text: &str, kind: u8, pick: usize) -> (String, usize) {
    let p = places(text);
    let replace = |edits: &[(usize, &str)]| {
        let mut t = text.to_owned();
        for (at, with) in edits.iter().rev() {
            t.replace_range(*at..=*at, with);
        }
        t
    };
    match kind {
        0 => {
            let at = p.punct[pick % p.punct.len()];
            (replace(&[(at, twin(text.as_bytes()[at]))]), at)
        }
        1 => {
            let (open, _) = p.strings[pick % p.strings.len()];
            (replace(&[(open, "“")]), open)
        }
        2 => {
            let (_, close) = p.strings[pick % p.strings.len()];
            (replace(&[(close, "”")]), close)
        }
        3 => {
            let (open, close) = p.strings[pick % p.strings.len()];
            (replace(&[(open, "“"), (close, "”")]), open)
        }
        _ => {
            let (open, close) = p.strings[pick % p.strings.len()];
            (replace(&[(open, "‘"), (close, "’")]), open)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn one_slip_in_a_sample_file_is_one_problem_at_the_slip(
        file in 0usize..6, kind in 0u8..5, pick in any::<usize>(),
    ) {
        let mut texts = sample::texts();
        let file = file % texts.len();
        let (part, text) = texts[file].clone();
        let (broken, at) = slip(&text, kind, pick);
        texts[file].1 = broken.clone();
        let loaded = load_texts(texts);
        let got: Vec<(String, usize, usize)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.file.clone(), d.line, d.col))
            .collect();
        let (line, col) = line_col(&broken, at);
        let shown = broken.lines().nth(line - 1).unwrap_or("").to_owned();
        prop_assert_eq!(
            got,
            vec![(part.file_name().to_owned(), line, col)],
            "{}", shown
        );
    }
}
