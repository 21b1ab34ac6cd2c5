//! Output piped into a reader that stops early (`stationcal list | head -1`)
//! ends the program quietly instead of with a panic.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::bin;

fn first_line_then_hang_up(args: &[&str]) -> (std::process::ExitStatus, String, String) {
    let mut child = bin()
        .args(args)
        .env("HOME", std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("piped");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("one line");
        // The reader goes away here, like `head -1`.
    }
    let out = child.wait_with_output().expect("ends");
    (
        out.status,
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    let cases: [&[&str]; 3] = [
        &[
            "--dir",
            "assets/sample",
            "list",
            "--from",
            "2026-09-01",
            "--days",
            "3000",
        ],
        &["completions", "bash"],
        &["man"],
    ];
    for args in cases {
        let (status, first, stderr) = first_line_then_hang_up(args);
        assert!(!first.is_empty(), "{args:?}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
    }
}
