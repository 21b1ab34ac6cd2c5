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

/// Pages of a PDF, each page's text (pdftotext's form feeds split them).
fn pdf_pages_text(pdf: &Path) -> Vec<String> {
    // Into a file: a long text would fill the pipe `run` does not drain.
    let txt = pdf.with_extension("txt");
    let out = run(
        Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(pdf)
            .arg(&txt),
        Duration::from_secs(60),
    );
    assert!(out.status.success());
    std::fs::read_to_string(&txt)
        .expect("pdftotext output")
        .split('\u{c}')
        .map(squeeze)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Writes a network week with the real binary and prints it to PDF.
fn print_network_week(chromium: &Path, dir: &Path, week: &str) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().expect("out dir");
    let html = out_dir.path().join("week.html");
    let out = Command::new(env!("CARGO_BIN_EXE_stationcal"))
        .env("STATIONCAL_CONFIG", "/nonexistent/stationcal-config.ron")
        .arg("--dir")
        .arg(dir)
        .args(["--today", "2026-11-27", "print", "--week", week, "--output"])
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
    (out_dir, pdf)
}

/// A generated network of 37 sites (the whole "1+26+10"), one year.
fn whole_network() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let opts = stationcal::store::generate::GenOptions {
        sites: 37,
        years: 1,
        ..Default::default()
    };
    stationcal::store::generate::write(dir.path(), &opts).expect("generate");
    dir
}

#[test]
fn a_normal_week_of_the_whole_network_prints_on_one_page() {
    let Some(chromium) = tools() else { return };
    for dir in [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/network"),
        whole_network().keep(),
    ] {
        let (_out, pdf) = print_network_week(&chromium, &dir, "2026-W48");
        let (pages, w, h) = pdf_pages_and_size(&pdf);
        assert_eq!(pages, 1, "{}: the week takes {pages} pages", dir.display());
        assert!((w - 841.92).abs() < 1.0 && (h - 595.0).abs() < 1.0);
        let text = squeeze(&pdf_text(&pdf));
        let loaded = store::network::load_network(&dir);
        let sheet = print::network_sheet(
            &loaded.network,
            &[],
            common::week48(),
            common::today(),
            Lang::Zh,
        );
        for t in sheet.items().filter_map(|i| i.title.clone()) {
            assert!(
                text.contains(&squeeze(&t)),
                "{t:?} missing in {}",
                dir.display()
            );
        }
        assert!(text.contains("石化街道"));
        if dir.ends_with("assets/network") {
            assert!(text.contains("紫卫居民区党群服务站"));
        } else {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

#[test]
fn a_huge_network_week_paginates_by_site_groups_without_cutting_a_title() {
    let Some(chromium) = tools() else { return };
    let dir = whole_network();
    // Three long-titled activities a day at every site in week 48.
    for i in 0..37 {
        let (_, folder) = stationcal::store::generate::site_name(i);
        let path = dir.path().join(folder).join("events.ron");
        let text = std::fs::read_to_string(&path).expect("events");
        let mut extra = String::new();
        for d in 23..=29usize {
            for k in 0..3usize {
                extra.push_str(&format!(
                    "        Event(id: \"W{d}{k}\", title: \"{}\", date: \"2026-11-{d}\", start: \"{:02}:00\", end: \"{:02}:30\", place: \"楼组\"),\n",
                    common::CROWD_TITLES[(d + k + i) % common::CROWD_TITLES.len()],
                    8 + k,
                    8 + k
                ));
            }
        }
        let at = text.rfind("    ],").expect("list end");
        std::fs::write(&path, format!("{}{extra}{}", &text[..at], &text[at..])).expect("write");
    }
    let loaded = store::network::load_network(dir.path());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let sheet = print::network_sheet(
        &loaded.network,
        &[],
        common::week48(),
        common::today(),
        Lang::Zh,
    );
    let planned = print::network::plan_pages(&sheet).len();
    assert!(planned > 1);
    let (_out, pdf) = print_network_week(&chromium, dir.path(), "2026-W48");
    let (pages, _, _) = pdf_pages_and_size(&pdf);
    assert_eq!(pages as usize, planned, "a page overflowed");
    let texts = pdf_pages_text(&pdf);
    assert_eq!(texts.len(), planned);
    // Every activity's title whole on the page of its site.
    let plan = print::network::plan_pages(&sheet);
    for item in sheet.items() {
        let Some(t) = &item.title else { continue };
        let page = plan
            .iter()
            .position(|p| {
                p.sites
                    .iter()
                    .any(|k| sheet.sites[*k].index == item.occurrence.site)
            })
            .expect("site on a page");
        assert!(
            texts[page].contains(&squeeze(t)),
            "{t:?} is not whole on page {}",
            page + 1
        );
    }
    for (n, t) in texts.iter().enumerate() {
        assert!(
            t.contains(&format!("第{}页，共{planned}页", n + 1)),
            "page {}",
            n + 1
        );
    }
}
