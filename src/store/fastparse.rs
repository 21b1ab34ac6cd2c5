//! Reading a large schedule file on several cores: the long list in it
//! (`events`, `sessions`, `programme`) is cut into pieces at item
//! boundaries, each piece is read on its own thread, and the rest of the
//! file is read with the list left empty.
//!
//! Only an optimisation: whenever anything about the text is unusual, or a
//! piece does not read, the caller reads the file whole, which also gives
//! the exact error position.

use serde::de::DeserializeOwned;

/// Files smaller than this are read whole.
const MIN_BYTES: usize = 192 * 1024;

/// Reads `text` as `T`, its list field `field` (of `I`s) in `threads` pieces.
/// `None` when the text is small, unusual or does not read this way.
pub fn parse<T, I>(
    text: &str,
    field: &str,
    threads: usize,
    set: impl FnOnce(&mut T, Vec<I>),
) -> Option<T>
where
    T: DeserializeOwned + Send,
    I: DeserializeOwned + Send,
{
    if text.len() < MIN_BYTES || threads < 2 || text.contains("#![") {
        return None;
    }
    let (open, close, commas) = find_list(text.as_bytes(), field.as_bytes())?;
    // Cut points: item separators near each 1/threads of the list.
    let mut cuts = vec![open + 1];
    let len = close - open;
    for k in 1..threads {
        let target = open + len * k / threads;
        let i = commas.partition_point(|c| *c < target);
        let last = cuts.last().copied().unwrap_or(0);
        if let Some(c) = commas.get(i).copied().filter(|c| *c >= last) {
            cuts.push(c + 1);
        }
    }
    cuts.push(close);
    let rest = format!("{}[]{}", &text[..open], &text[close + 1..]);
    let options = super::load::ron_options();
    let (outer, pieces) = std::thread::scope(|s| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let piece = format!("[{}]", &text[w[0]..w[1]]);
                let options = options.clone();
                s.spawn(move || options.from_str::<Vec<I>>(&piece).ok())
            })
            .collect();
        let outer = options.from_str::<T>(&rest).ok();
        let pieces: Vec<Option<Vec<I>>> = handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect();
        (outer, pieces)
    });
    let mut outer = outer?;
    let mut items = Vec::new();
    for p in pieces {
        items.extend(p?);
    }
    set(&mut outer, items);
    Some(outer)
}

/// The byte offsets of the `[` and `]` of the top-level field `field`'s
/// list, and of the commas between its items.
fn find_list(b: &[u8], field: &[u8]) -> Option<(usize, usize, Vec<usize>)> {
    let mut depth = 0usize;
    let mut i = 0;
    let mut ident: Option<(usize, usize)> = None;
    let mut colon = false;
    let mut open = None;
    let mut commas = Vec::new();
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                i = skip_string(b, i)?;
                ident = None;
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                // Raw strings are not expected here.
                return None;
            }
            b'\'' => return None,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => return None,
            b'(' | b'{' => depth += 1,
            b'[' => {
                if depth == 1 && colon && ident.is_some_and(|(s, e)| &b[s..e] == field) {
                    open = Some(i);
                }
                depth += 1;
            }
            b')' | b'}' => depth = depth.checked_sub(1)?,
            b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 1
                    && let Some(o) = open
                {
                    return Some((o, i, commas));
                }
            }
            b',' if depth == 2 && open.is_some() => commas.push(i),
            b':' if depth == 1 => {
                colon = ident.is_some();
                i += 1;
                continue;
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            c if depth == 1 && (c.is_ascii_alphanumeric() || c == b'_') => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                ident = Some((start, i));
                colon = false;
                continue;
            }
            _ => {}
        }
        if !matches!(c, b'[') {
            ident = None;
            colon = false;
        }
        i += 1;
    }
    None
}

/// The offset just after the string starting at `b[i] == '"'`.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Events};

    fn big_events() -> String {
        let mut s =
            String::from("// 注释 with [brackets] and \"quotes\"\nEvents(\n    events: [\n");
        for n in 0..4000 {
            s.push_str(&format!(
                "        // 第{n}项\n        Event(id: \"E{n}\", title: \"标题，含[括号]、(圆括号)和\\\"引号\\\" {n}\", date: \"2026-01-{:02}\", start: \"09:00\", end: \"10:00\", weekdays: [\"周一\", \"周三\"], skip: []),\n",
                n % 28 + 1
            ));
        }
        s.push_str("    ],\n)\n");
        s
    }

    #[test]
    fn pieces_read_the_same_as_the_whole() {
        let text = big_events();
        assert!(text.len() > MIN_BYTES);
        let whole: Events = crate::store::load::ron_options()
            .from_str(&text)
            .expect("reads whole");
        for threads in [2, 3, 7] {
            let fast: Events = parse(&text, "events", threads, |e: &mut Events, v: Vec<Event>| {
                e.events = v;
            })
            .expect("reads in pieces");
            assert_eq!(fast, whole, "{threads} threads");
        }
    }

    #[test]
    fn unusual_or_broken_texts_are_left_to_the_whole_reader() {
        let text = big_events();
        let set = |e: &mut Events, v: Vec<Event>| e.events = v;
        assert!(parse::<Events, Event>(&text[..1000], "events", 2, set).is_none());
        let broken = text.replacen("end: \"10:00\",", "end: \"10:00\"，", 1);
        assert!(parse::<Events, Event>(&broken, "events", 2, set).is_none());
        let block = text.replacen("// 第5项", "/* 第5项 */", 1);
        assert!(parse::<Events, Event>(&block, "events", 2, set).is_none());
        assert!(parse::<Events, Event>(&text, "nothing", 2, set).is_none());
    }
}
