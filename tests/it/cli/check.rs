//! `stationcal check` as staff run it: the real binary on a copy of the
//! sample, clean and with one mistake, in text and JSON, in both languages.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::support::{bin, sample_copy, sample_text, stderr, stdout};

/// The 2026-11-25 showing, and the same line with a full-width comma.
const SHOWING: &str = "Showing(date: \"2026-11-25\", film: \"F17\")";
const BROKEN: &str = "Showing(date: \"2026-11-25\"， film: \"F17\")";

/// A sample copy whose screenings.ron has a full-width comma; with the
/// 1-based line and character column of that comma, and the line's text.
fn broken_dir() -> (TempDir, usize, usize, String) {
    let text = sample_text("screenings.ron");
    assert_eq!(text.matches(SHOWING).count(), 1, "the 11-25 showing");
    let text = text.replace(SHOWING, BROKEN);
    let at = text.find(BROKEN).expect("the edit") + BROKEN.find('，').expect("the comma");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    let source = text.lines().nth(line - 1).expect("the line").to_owned();
    let dir = sample_copy();
    std::fs::write(dir.path().join("screenings.ron"), text).expect("write");
    (dir, line, col, source)
}

/// Runs the binary with a private home, so no real config file is read.
fn run(args: &[&str], dir: &Path) -> Output {
    let home = tempfile::tempdir().expect("temp home");
    bin()
        .args(args)
        .arg("--dir")
        .arg(dir)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("run stationcal")
}

#[test]
fn clean_sample_exits_0_with_no_problems() {
    let dir = sample_copy();
    let out = run(&["check"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(stdout(&out).trim(), "没有发现问题");
    assert_eq!(stderr(&out), "");
}

#[test]
fn clean_sample_in_english_and_json() {
    let dir = sample_copy();
    let out = run(&["check", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim(), "no problems found");
    let out = run(&["check", "--json"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn broken_copy_exits_1_with_position_source_and_caret() {
    let (dir, line, col, source) = broken_dir();
    let out = run(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    assert!(
        lines[0].starts_with(&format!("screenings.ron:{line}:{col}: 错误: ")),
        "{text}"
    );
    assert!(lines[0].contains("逗号"), "{text}");
    let gutter = line.to_string();
    assert_eq!(lines[1], format!("{gutter} | {source}"), "{text}");
    // Everything before the comma on this line is ASCII: one column each.
    let caret = format!("{} | {}^^", " ".repeat(gutter.len()), " ".repeat(col - 1));
    assert_eq!(lines[2], caret, "{text}");
    assert!(
        lines.iter().any(|l| l.contains("提示") && l.contains('，')),
        "{text}"
    );
    assert!(!text.contains("没有发现问题"));
}

#[test]
fn broken_copy_in_english() {
    let (dir, line, col, _) = broken_dir();
    let out = run(&["check", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("screenings.ron:{line}:{col}: error: ")),
        "{text}"
    );
    assert!(text.contains("comma"), "{text}");
    assert!(text.contains("hint:"), "{text}");
    assert!(!text.contains("错误"), "{text}");
}

#[test]
fn broken_copy_as_json() {
    let (dir, line, col, source) = broken_dir();
    for (lang, word) in [("zh", "逗号"), ("en", "comma")] {
        let out = run(&["check", "--json", "--lang", lang], dir.path());
        assert_eq!(out.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
        let items = v.as_array().expect("an array");
        assert_eq!(items.len(), 1, "{v}");
        let d = &items[0];
        assert_eq!(d["file"], "screenings.ron");
        assert_eq!(d["line"], line);
        assert_eq!(d["column"], col);
        assert_eq!(d["severity"], "error");
        assert_eq!(d["source"], source.as_str());
        let message = d["message"].as_str().expect("message is text");
        assert!(message.contains(word), "{message}");
        let hint = d["hint"].as_str().expect("a hint for the full-width comma");
        assert!(hint.contains('，'), "{hint}");
    }
}

#[test]
fn missing_folder_exits_2() {
    let tmp = tempfile::tempdir().expect("temp folder");
    let out = run(&["check"], &tmp.path().join("no-such-folder"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("无法打开日程文件夹"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["check", "--lang", "en"],
        &tmp.path().join("no-such-folder"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot open the schedule folder"));
}
