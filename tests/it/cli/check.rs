//! `stationcal check` as staff run it: the real binary on a copy of the
//! sample, clean and with one mistake, in text and JSON, in both languages.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::support::{bin, line_col, sample_copy, sample_text, stderr, stdout, table_tests};

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
    let (line, col) = line_col(&text, at);
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

/// The folder `check` runs on.
#[derive(Clone, Copy)]
enum Folder {
    /// A copy of the sample.
    Clean,
    /// A folder that does not exist.
    Missing,
}

/// What an output stream must be.
#[derive(Clone, Copy)]
enum Says {
    /// Exactly this, once trimmed.
    Exactly(&'static str),
    /// This, among the rest.
    Holds(&'static str),
    /// JSON equal to this.
    Json(&'static str),
}

/// One run of `check`: its flags, its exit code and its two streams.
struct Run {
    folder: Folder,
    args: &'static [&'static str],
    code: i32,
    stdout: Says,
    stderr: Says,
}

fn check_run(r: &Run) {
    let (_tmp, path) = match r.folder {
        Folder::Clean => {
            let dir = sample_copy();
            let path = dir.path().to_path_buf();
            (dir, path)
        }
        Folder::Missing => {
            let dir = tempfile::tempdir().expect("temp folder");
            let path = dir.path().join("no-such-folder");
            (dir, path)
        }
    };
    let out = run(r.args, &path);
    let (o, e) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(r.code), "{o}{e}");
    for (stream, text, says) in [("stdout", &o, r.stdout), ("stderr", &e, r.stderr)] {
        match says {
            Says::Exactly(want) => assert_eq!(text.trim(), want, "{stream}"),
            Says::Holds(want) => assert!(text.contains(want), "{stream} lacks {want:?}: {text}"),
            Says::Json(want) => {
                let got: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
                let want: serde_json::Value = serde_json::from_str(want).expect("JSON");
                assert_eq!(got, want, "{stream}");
            }
        }
    }
}

table_tests! {
    check_run;
    clean_sample_exits_0_with_no_problems: Run {
        folder: Folder::Clean,
        args: &["check"],
        code: 0,
        stdout: Says::Exactly("没有发现问题"),
        stderr: Says::Exactly(""),
    },
    clean_sample_in_english: Run {
        folder: Folder::Clean,
        args: &["check", "--lang", "en"],
        code: 0,
        stdout: Says::Exactly("no problems found"),
        stderr: Says::Exactly(""),
    },
    clean_sample_as_json: Run {
        folder: Folder::Clean,
        args: &["check", "--json"],
        code: 0,
        stdout: Says::Json("[]"),
        stderr: Says::Exactly(""),
    },
    missing_folder_exits_2: Run {
        folder: Folder::Missing,
        args: &["check"],
        code: 2,
        stdout: Says::Exactly(""),
        stderr: Says::Holds("无法打开日程文件夹"),
    },
    missing_folder_exits_2_in_english: Run {
        folder: Folder::Missing,
        args: &["check", "--lang", "en"],
        code: 2,
        stdout: Says::Exactly(""),
        stderr: Says::Holds("cannot open the schedule folder"),
    },
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
