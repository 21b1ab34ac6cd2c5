//! One strings mechanism: every sentence is written once with `tr!` (both
//! languages side by side, checked by the compiler), a fixed word with
//! `Lang::pick`. This source scan fails when code branches on the language
//! by hand again — `match lang { Lang::Zh => format!(..), .. }`,
//! `if zh { .. } else { .. }`, `lang.pick(..).to_owned()` — the shapes that
//! let one language's text drift or go missing unnoticed.
//!
//! The few places that still name a language each have an entry in
//! [`ALLOWED`] with the exact number of hits and the reason; an entry that
//! no longer matches its count fails too, so the list cannot go stale.

use std::path::{Path, PathBuf};

/// What a hit looks like, as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `Lang::Zh` / `Lang::En` in code: a match arm, a comparison, a
    /// language chosen by hand.
    NamedLang,
    /// `match` on the language (`match lang {`, `match (x, self.lang) {`)
    /// or on a `zh` flag.
    MatchLang,
    /// `if zh` / `if !zh`: a flag standing in for the language.
    IfZh,
    /// `.pick(..)` made into a `String`: that is what `tr!` is for.
    PickOwned,
}

/// Files (or folders, ending in `/`) allowed some hits of one shape: how
/// many, and why.
const ALLOWED: &[(&str, Shape, usize, &str)] = &[
    (
        "src/i18n.rs",
        Shape::NamedLang,
        4,
        "defines Lang::pick and tr!, the one place that matches the language",
    ),
    (
        "src/i18n.rs",
        Shape::MatchLang,
        1,
        "defines Lang::pick and tr!, the one place that matches the language",
    ),
    (
        "src/model/holidays.rs",
        Shape::NamedLang,
        5,
        "display_name / short_name look festival names up in a table (English \
         names, shortened Chinese ones): a name, not a sentence; and \
         holiday_reason writes a skip reason into the files in Chinese, the \
         files' language, whatever the interface's (shown_reason shows it)",
    ),
    (
        "src/model/holidays.rs",
        Shape::MatchLang,
        2,
        "display_name / short_name, as above",
    ),
    (
        "src/store/lock.rs",
        Shape::NamedLang,
        1,
        "Display (logs, error chains) is in English; the interface calls message(lang)",
    ),
    (
        "src/store/save/mod.rs",
        Shape::NamedLang,
        1,
        "Display (logs, error chains) is in English; the interface calls message(lang)",
    ),
];

/// Parts of the tree waiting to be converted (none now). An entry with
/// nothing left to convert fails, so the list only shrinks.
const PENDING: &[&str] = &[];

fn files(path: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(path).expect("source folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The code of a file without its tests (tests may name languages freely),
/// without comments (a doc line may show an example) and with every string
/// and character literal blanked (a message may quote `match lang {`).
/// Lines keep their numbers.
fn code(text: &str) -> String {
    // The tests at the end, however they are gated (`cfg(test)`,
    // `cfg(all(test, unix))`).
    let tests_at = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| text.find(m))
        .min();
    let text = match tests_at {
        Some(i) => &text[..i],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let keep_lines = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    keep_lines(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && !prev_ident && matches!(next, Some('"' | '#')) {
            // A raw string: r"..." or r#"..."#, closed by as many #s.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push_str("r\"");
            i += 2 + hashes;
            while i < chars.len() {
                let closes = chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes;
                if closes {
                    i += 1 + hashes;
                    break;
                }
                keep_lines(&mut out, chars[i]);
                i += 1;
            }
            out.push('"');
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&x) = chars.get(i) {
                    keep_lines(&mut out, x);
                }
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}'), or a lifetime.
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|c| *c == '\'')
                    .map(|k| i + 2 + k)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end {
                out.push_str("' '");
                i = end + 1;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The index just after the `)` that closes the `(` at `open` (strings are
/// blank already).
fn closing(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a `match` is on the language: `lang`, `self.lang`, a `zh` flag,
/// or a tuple with one of them (`(lang, n)`); not a call that passes it on.
fn on_language(scrutinee: &str) -> bool {
    let s = scrutinee.trim();
    let inner = s
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(s);
    inner.split(',').any(|part| {
        let part = part.trim().trim_start_matches('&').trim_start_matches('$');
        let last = part.rsplit('.').next().unwrap_or(part);
        (last == "lang" || part == "zh") && part.chars().all(|c| is_ident(c) || c == '.')
    })
}

/// Every hit in `code`, with its line number.
fn hits(code: &str) -> Vec<(Shape, usize)> {
    let line_of = |i: usize| code[..i].matches('\n').count() + 1;
    let mut out = Vec::new();
    for name in ["Lang::Zh", "Lang::En"] {
        for (i, _) in code.match_indices(name) {
            out.push((Shape::NamedLang, line_of(i)));
        }
    }
    for (i, _) in code.match_indices("match ") {
        if code[..i].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let scrutinee = code[i + 6..].split('{').next().unwrap_or("");
        if on_language(scrutinee) {
            out.push((Shape::MatchLang, line_of(i)));
        }
    }
    for pattern in ["if zh", "if !zh"] {
        for (i, _) in code.match_indices(pattern) {
            let after = code[i + pattern.len()..].chars().next();
            let before = code[..i].chars().next_back();
            if !after.is_some_and(is_ident) && !before.is_some_and(is_ident) {
                out.push((Shape::IfZh, line_of(i)));
            }
        }
    }
    for (i, _) in code.match_indices(".pick(") {
        let Some(end) = closing(code, i + 5) else {
            continue;
        };
        let rest = code[end..].trim_start();
        if [".to_owned()", ".to_string()", ".into()"]
            .iter()
            .any(|m| rest.starts_with(m))
        {
            out.push((Shape::PickOwned, line_of(i)));
        }
    }
    out
}

fn relative(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn no_sentence_branches_on_the_language_by_hand() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut counts: Vec<(String, Shape, usize)> = Vec::new();
    let mut pending_hits = vec![0; PENDING.len()];
    for file in files(&root) {
        let name = relative(&file);
        let text = std::fs::read_to_string(&file).expect("source file");
        if let Some(p) = PENDING.iter().position(|p| name.starts_with(p)) {
            pending_hits[p] += hits(&code(&text)).len();
            continue;
        }
        for (shape, line) in hits(&code(&text)) {
            let allowed = ALLOWED.iter().any(|(f, s, _, _)| *f == name && *s == shape);
            if allowed {
                match counts
                    .iter_mut()
                    .find(|(f, s, _)| *f == name && *s == shape)
                {
                    Some(c) => c.2 += 1,
                    None => counts.push((name.clone(), shape, 1)),
                }
            } else {
                wrong.push(format!("{name}:{line}: {shape:?}"));
            }
        }
    }
    for (p, n) in PENDING.iter().zip(pending_hits) {
        if n == 0 {
            wrong.push(format!(
                "{p}: converted, nothing left to wait for: remove it from PENDING"
            ));
        }
    }
    for (file, shape, n, why) in ALLOWED {
        let found = counts
            .iter()
            .find(|(f, s, _)| f == file && s == shape)
            .map_or(0, |c| c.2);
        if found != *n {
            wrong.push(format!(
                "{file}: {found} {shape:?} where the allowance says {n} ({why}): update ALLOWED"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "say it with tr!(lang, \"中文\", \"English\") (or Lang::pick for a fixed word):\n{}",
        wrong.join("\n")
    );
}

/// The scan itself finds each shape it is meant to find, and not the
/// lookalikes (a `zh()` method, a field named `lang` in a string).
#[test]
fn the_scan_finds_each_shape_and_nothing_else() {
    let shapes = |src: &str| {
        hits(&code(src))
            .into_iter()
            .map(|h| h.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shapes(
            "let s = match lang {\n Lang::Zh => format!(\"a\"),\n Lang::En => format!(\"b\") };"
        ),
        vec![Shape::NamedLang, Shape::NamedLang, Shape::MatchLang]
    );
    assert_eq!(
        shapes("match (self.lang, n) { _ => {} }"),
        vec![Shape::MatchLang]
    );
    assert_eq!(
        shapes("let s = if zh { format!(\"a\") } else { format!(\"b\") };"),
        vec![Shape::IfZh]
    );
    assert_eq!(
        shapes("let s = lang\n  .pick(\"甲（乙）\", \"a (b)\")\n  .to_owned();"),
        vec![Shape::PickOwned]
    );
    assert_eq!(
        shapes(
            "let a = g.zh(); let b = lang.pick(\"x\", \"y\"); \
             let c = \"match lang { // Lang::Zh\"; // match lang {\n\
             let d = tr!(lang, \"{n}个\", \"{n} of them\"); if zhong {}"
        ),
        Vec::<Shape>::new()
    );
    assert!(shapes("match describe(&app.schedule, target, lang) { _ => 1 }").is_empty());
    assert_eq!(
        shapes("match (zh, near) { _ => 1 }"),
        vec![Shape::MatchLang]
    );
    assert!(shapes("#[cfg(test)]\nmod tests { match lang { Lang::Zh => 1 } }").is_empty());
}
