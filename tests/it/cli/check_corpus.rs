//! The corpus of broken files: `tests/fixtures/broken/<case>/` holds the
//! file(s) that replace those of a small valid schedule (`_base/`), and
//! `expected.txt` the exit code and the key words of the message staff must
//! see. Each case runs the real `stationcal check` and its whole output is
//! kept as a reviewed snapshot (`tests/snapshots/check_corpus__*.snap`), in
//! Chinese, and in English for a few.
//!
//! A line `problems: N` in `expected.txt` requires exactly N problems; a key
//! word `file:line:col:` then says where.
//!
//! Special files in a case folder: `DELETE` lists base files to remove,
//! `SPARSE` names a file and a size to create without writing it (a file
//! over 64 MiB is not kept in git), `NOFOLDER` runs `check` on a folder
//! that does not exist.

use std::path::{Path, PathBuf};

use crate::support::{asset, bin};

fn corpus() -> PathBuf {
    asset("tests/fixtures/broken")
}

fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(corpus())
        .expect("the corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "_base")
        .collect();
    v.sort();
    v
}

/// The schedule folder of a case, inside `root`.
fn set_up(case: &str, root: &Path) -> PathBuf {
    let dir = root.join("schedule");
    let src = corpus().join(case);
    if src.join("NOFOLDER").exists() {
        return root.join("no-such-folder");
    }
    std::fs::create_dir(&dir).expect("mkdir");
    for e in std::fs::read_dir(corpus().join("_base")).expect("base") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy a base file");
    }
    for e in std::fs::read_dir(&src).expect("case folder") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().into_owned();
        match name.as_str() {
            "expected.txt" | "NOFOLDER" => {}
            "DELETE" => {
                for f in std::fs::read_to_string(e.path()).expect("reads").lines() {
                    std::fs::remove_file(dir.join(f.trim())).expect("remove a base file");
                }
            }
            "SPARSE" => {
                let spec = std::fs::read_to_string(e.path()).expect("reads");
                let (f, size) = spec.trim().split_once(' ').expect("name and size");
                let file = std::fs::File::create(dir.join(f)).expect("create");
                file.set_len(size.parse().expect("a size"))
                    .expect("set_len");
            }
            _ => {
                std::fs::copy(e.path(), dir.join(&name)).expect("copy a case file");
            }
        }
    }
    dir
}

/// Runs `check` with a private home and no config file; the output (stdout
/// then stderr) with the temporary folder's path replaced, and the exit code.
fn check(dir: &Path, root: &Path, extra: &[&str]) -> (String, i32) {
    let out = bin()
        .arg("check")
        .args(extra)
        .arg("--dir")
        .arg(dir)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("STATIONCAL_CONFIG", root.join("no-config.ron"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run stationcal check");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let root_s = root.display().to_string();
    (
        text.replace(&root_s, "[TMP]"),
        out.status.code().unwrap_or(-1),
    )
}

/// How many problems `check` printed: its `file:line:col: 错误:` lines.
fn problem_lines(out: &str) -> usize {
    out.lines()
        .filter(|l| l.contains(": 错误: ") || l.contains(": 提醒: "))
        .count()
}

/// Cases also snapshotted in English.
const ENGLISH: [&str; 9] = [
    "backslash_path",
    "tab_in_title",
    "terminal_escape_in_title",
    "fullwidth_comma",
    "many_fullwidth",
    "several_values",
    "misspelt_weekday",
    "gbk",
    "longer_than_a_day",
];

#[test]
fn every_broken_file_gets_its_clear_message() {
    let all = cases();
    assert!(all.len() >= 35, "{all:?}");
    let mut failures = Vec::new();
    for case in &all {
        let root = tempfile::tempdir().expect("temp");
        let dir = set_up(case, root.path());
        let (out, code) = check(&dir, root.path(), &[]);
        let expected = std::fs::read_to_string(corpus().join(case).join("expected.txt"))
            .expect("expected.txt");
        let mut lines = expected.lines();
        let want_code: i32 = lines
            .next()
            .and_then(|l| l.strip_prefix("exit: "))
            .and_then(|c| c.parse().ok())
            .expect("first line: exit: N");
        if code != want_code {
            failures.push(format!("{case}: exit {code}, expected {want_code}\n{out}"));
        }
        for key in lines.filter(|l| !l.is_empty()) {
            if let Some(n) = key.strip_prefix("problems: ") {
                let want: usize = n.parse().expect("problems: N");
                let got = problem_lines(&out);
                if got != want {
                    failures.push(format!("{case}: {got} problems, expected {want}\n{out}"));
                }
            } else if !out.contains(key) {
                failures.push(format!("{case}: no {key:?} in\n{out}"));
            }
        }
        insta::assert_snapshot!(format!("zh_{case}"), out);
        if ENGLISH.contains(&case.as_str()) {
            let (en, _) = check(&dir, root.path(), &["--lang", "en"]);
            insta::assert_snapshot!(format!("en_{case}"), en);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `--json` lists the same problems as the text output, one object each.
#[test]
fn json_has_one_object_per_problem() {
    for case in ["many_fullwidth", "several_values", "unknown_film"] {
        let root = tempfile::tempdir().expect("temp");
        let dir = set_up(case, root.path());
        let (text, _) = check(&dir, root.path(), &[]);
        let (json, code) = check(&dir, root.path(), &["--json"]);
        assert_eq!(code, 1);
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let items = v.as_array().expect("an array");
        let locations = text.lines().filter(|l| l.contains(": 错误: ")).count();
        assert_eq!(items.len(), locations, "{case}:\n{text}\n{json}");
        assert!(items.iter().all(|i| i["line"].as_u64() > Some(0)), "{json}");
    }
}
