//! The HTML sheet printed by a real browser: headless Chromium prints a
//! crowded week to PDF, and poppler's tools check it is one A4 landscape
//! page holding every activity's title.
//!
//! Skipped with a notice when chromium or poppler-utils is missing, except on
//! CI (`CI` set), where `.ci/run` installs `chromium fonts-noto-cjk
//! poppler-utils` and a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use stationcal::i18n::Lang;
use stationcal::print;
use stationcal::store;

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

/// The tools, or `None` (after saying so) when the test cannot run here.
fn tools() -> Option<PathBuf> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let poppler = find_program(&["pdfinfo"]).and(find_program(&["pdftotext"]));
    if let (Some(c), Some(_)) = (chromium, poppler) {
        return Some(c);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have chromium and poppler-utils (apt-get install chromium fonts-noto-cjk poppler-utils)"
    );
    eprintln!(
        "SKIPPED: chromium or pdfinfo/pdftotext not found; install chromium fonts-noto-cjk poppler-utils to run this test"
    );
    None
}

/// Runs a command to its end, killing it after `limit`.
fn run(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// Prints `html` to `pdf` the way the TECH-NOTES recipe does, in a fresh
/// profile and home folder.
fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path) {
    let home = tempfile::tempdir().expect("home");
    let profile = tempfile::tempdir().expect("profile");
    let out = run(
        Command::new(chromium)
            .env("HOME", home.path())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display())),
        Duration::from_secs(180),
    );
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Pages and page size (points) from `pdfinfo`.
fn pdf_pages_and_size(pdf: &Path) -> (u32, f64, f64) {
    let out = run(Command::new("pdfinfo").arg(pdf), Duration::from_secs(30));
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or_else(|| panic!("no {name} in pdfinfo:\n{info}"), str::trim)
            .to_owned()
    };
    let pages = field("Pages:").parse().expect("page count");
    let size = field("Page size:");
    let mut nums = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let (w, h) = (nums.next().expect("width"), nums.next().expect("height"));
    (pages, w, h)
}

fn pdf_text(pdf: &Path) -> String {
    let out = run(
        Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(30),
    );
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Writes the week's sheet with the real binary, prints it, and checks the
/// page and that every title is there as often as the week has it.
fn check_week_prints_on_one_page(chromium: &Path, dir: &Path) {
    let out_dir = tempfile::tempdir().expect("out dir");
    let html = out_dir.path().join("week.html");
    let out = Command::new(env!("CARGO_BIN_EXE_stationcal"))
        .arg("--dir")
        .arg(dir)
        .args([
            "--today",
            "2026-11-27",
            "print",
            "--week",
            "2026-W48",
            "--output",
        ])
        .arg(&html)
        .output()
        .expect("run stationcal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.path().join("week.pdf");
    print_to_pdf(chromium, &html, &pdf);

    let (pages, w, h) = pdf_pages_and_size(&pdf);
    assert_eq!(pages, 1, "the week takes {pages} pages");
    assert!(
        (w - 841.92).abs() < 1.0 && (h - 595.0).abs() < 1.0,
        "{w} x {h} is not A4 landscape"
    );

    let text = squeeze(&pdf_text(&pdf));
    let schedule = store::load_dir(dir).schedule;
    let sheet = print::week_sheet(&schedule, common::week48(), common::today(), Lang::Zh);
    let titles: Vec<String> = sheet.items().filter_map(|i| i.title.clone()).collect();
    assert!(!titles.is_empty());
    for t in &titles {
        let want = titles.iter().filter(|x| *x == t).count();
        let found = text.matches(&squeeze(t)).count();
        assert!(
            found >= want,
            "{t:?} is on the page {found} times, expected {want}"
        );
    }
    for fixed in [
        "石化街道社区党群服务中心",
        "2026年11月23日—29日",
        "周一",
        "周日",
        "打印日期：2026年11月27日",
    ] {
        assert!(text.contains(&squeeze(fixed)), "{fixed:?} missing");
    }
}

#[test]
fn crowded_week_prints_on_one_a4_landscape_page() {
    let Some(chromium) = tools() else { return };
    let dir = common::crowded_copy();
    let loaded = store::load_dir(dir.path());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert!(loaded.schedule.occurrences(common::week48()).len() > 50);
    check_week_prints_on_one_page(&chromium, dir.path());
}

#[test]
fn sample_week_prints_on_one_a4_landscape_page() {
    let Some(chromium) = tools() else { return };
    check_week_prints_on_one_page(&chromium, &common::sample_dir());
}
