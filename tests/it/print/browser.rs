//! The HTML sheets printed by a real browser: headless Chromium prints the
//! week (the sample's and a crowded one), the month grid and the 乐淘淘
//! flyer to PDF, and poppler's tools check the pages (count and size),
//! every title whole in the text, the type's size read from the PDF (the
//! advance of Chinese characters, one em each), and zbar reads the QR code
//! back from the page.
//!
//! Skipped with a notice when chromium or poppler-utils is missing, except on
//! CI (`CI` set), where `.ci/run` installs `chromium fonts-noto-cjk
//! poppler-utils zbar-tools` and a missing tool is a failure.

use crate::support::{self, bin, find_program};

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use stationcal::i18n::Lang;
use stationcal::print;
use stationcal::store;
use unicode_width::UnicodeWidthChar;

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
    let out = bin()
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
    let sheet = print::week_sheet(&schedule, support::week48(), support::today(), Lang::Zh);
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
    let dir = support::crowded_copy();
    let loaded = store::load_dir(dir.path());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert!(loaded.schedule.occurrences(support::week48()).len() > 50);
    check_week_prints_on_one_page(&chromium, dir.path());
}

#[test]
fn sample_week_prints_on_one_a4_landscape_page() {
    let Some(chromium) = tools() else { return };
    check_week_prints_on_one_page(&chromium, &support::sample_dir());
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
    let out = bin()
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
            support::week48(),
            support::today(),
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
                    support::CROWD_TITLES[(d + k + i) % support::CROWD_TITLES.len()],
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
        support::week48(),
        support::today(),
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

// ---------- type size, month sheet, flyer, QR codes ----------

/// Every word of the PDF with its box, from `pdftotext -bbox`.
fn pdf_words(pdf: &Path) -> Vec<(String, f64, f64, f64, f64)> {
    let html = pdf.with_extension("bbox.html");
    let out = run(
        Command::new("pdftotext").arg("-bbox").arg(pdf).arg(&html),
        Duration::from_secs(60),
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(&html).expect("bbox output");
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        line[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let word = l.strip_prefix("<word ")?;
            let inner = word.split_once('>')?.1.strip_suffix("</word>")?;
            Some((
                inner.to_owned(),
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            ))
        })
        .collect()
}

/// The type size (pt) of a word of Chinese characters and full-width
/// punctuation: each is one em wide in every CJK font, so the word's width
/// over its characters is its size. `None` for other words.
fn cjk_size(word: &str, x_min: f64, x_max: f64) -> Option<f64> {
    let n = word.chars().count();
    (n >= 2 && word.chars().all(|c| c.width() == Some(2)))
        .then(|| (x_max - x_min) / u32::try_from(n).map_or(f64::MAX, f64::from))
}

/// The smallest type of the words that are part of `texts`, above the
/// legend of the footer (whose `活动` is also part of `党员活动室`).
fn smallest_size_of(pdf: &Path, texts: &[String]) -> f64 {
    let texts: Vec<String> = texts.iter().map(|t| squeeze(t)).collect();
    let words = pdf_words(pdf);
    let legend = words
        .iter()
        .find(|w| w.0.starts_with("虚线框"))
        .map_or(f64::MAX, |w| w.2 - 1.0);
    let sizes: Vec<f64> = words
        .into_iter()
        .filter(|(w, _, y, ..)| *y < legend && texts.iter().any(|t| t.contains(w.as_str())))
        .filter_map(|(w, x0, _, x1, _)| cjk_size(&w, x0, x1))
        .collect();
    assert!(!sizes.is_empty(), "no word of {texts:?} measured");
    sizes.into_iter().fold(f64::MAX, f64::min)
}

/// Writes a sheet with the real binary (a config naming a calendar
/// address) and prints it to PDF.
fn print_sheet(chromium: &Path, dir: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    print_sheet_with(chromium, dir, args, &format!("(subscribe_url: \"{URL}\")"))
}

/// [`print_sheet`] with this config file.
fn print_sheet_with(
    chromium: &Path,
    dir: &Path,
    args: &[&str],
    config_text: &str,
) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().expect("out dir");
    let config = out_dir.path().join("config.ron");
    std::fs::write(&config, config_text).expect("config");
    let html = out_dir.path().join("sheet.html");
    let out = bin()
        .env("STATIONCAL_CONFIG", &config)
        .arg("--dir")
        .arg(dir)
        .args(["--today", "2026-11-27", "print"])
        .args(args)
        .arg("--output")
        .arg(&html)
        .output()
        .expect("run stationcal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.path().join("sheet.pdf");
    print_to_pdf(chromium, &html, &pdf);
    (out_dir, pdf)
}

const URL: &str = "https://example.org/shihua/calendar.ics";

/// The text of every activity of a sheet: titles, details, places.
fn activity_texts(sheet: &print::WeekSheet) -> Vec<String> {
    sheet
        .items()
        .flat_map(|i| {
            let mut t: Vec<String> = i.title.iter().cloned().collect();
            t.extend(i.facts.iter().map(|f| f.value.clone()));
            t.extend(i.place.clone());
            t
        })
        .collect()
}

fn sample_sheet(range: stationcal::model::recurrence::DateRange) -> print::WeekSheet {
    let schedule = store::load_dir(&support::sample_dir()).schedule;
    print::week_sheet(&schedule, range, support::today(), Lang::Zh)
}

#[test]
fn a_normal_week_reads_from_two_metres() {
    let Some(chromium) = tools() else { return };
    let (_out, pdf) = print_sheet(&chromium, &support::sample_dir(), &["--week", "2026-W48"]);
    let sheet = sample_sheet(support::week48());
    let body = smallest_size_of(&pdf, &activity_texts(&sheet));
    assert!(body >= 14.0, "the activities' type is {body:.1} pt");
    // The heading: the station's name and the week, each a word of its own.
    let words = pdf_words(&pdf);
    for (want, least) in [(sheet.station.as_str(), 26.0), ("一周活动安排", 18.0)] {
        let (w, x0, _, x1, _) = words
            .iter()
            .find(|w| w.0 == want)
            .unwrap_or_else(|| panic!("{want} is not a word of the page"));
        let size = cjk_size(w, *x0, *x1).expect("Chinese");
        assert!(size >= least, "{want} at {size:.1} pt");
    }
}

fn check_titles_whole(texts: &[String], titles: &[String]) {
    let all = texts.concat();
    for t in titles {
        let want = titles.iter().filter(|x| *x == t).count();
        let found = all.matches(&squeeze(t)).count();
        assert!(
            found >= want,
            "{t:?} is whole {found} times, expected {want}"
        );
    }
}

#[test]
fn the_month_sheet_prints_on_one_a4_landscape_page() {
    let Some(chromium) = tools() else { return };
    let (_out, pdf) = print_sheet(&chromium, &support::sample_dir(), &["--month", "2026-12"]);
    let (pages, w, h) = pdf_pages_and_size(&pdf);
    assert_eq!(pages, 1);
    assert!(
        (w - 841.92).abs() < 1.0 && (h - 595.0).abs() < 1.0,
        "{w} x {h}"
    );
    let sheet = sample_sheet(print::month_range(support::date(2026, 12, 1)));
    let titles: Vec<String> = sheet.items().filter_map(|i| i.title.clone()).collect();
    assert!(titles.len() > 20);
    let texts = pdf_pages_text(&pdf);
    check_titles_whole(&texts, &titles);
    for fixed in ["2026年12月", "本月乐淘淘：法律援助乐", "周一", "周日"] {
        assert!(texts[0].contains(&squeeze(fixed)), "{fixed:?} missing");
    }
    let body = smallest_size_of(&pdf, &titles);
    assert!(body >= 8.0, "the month's type is {body:.1} pt");
}

#[test]
fn a_month_of_holidays_and_a_crowded_month_keep_every_title_whole() {
    let Some(chromium) = tools() else { return };
    // October 2026: seven days off and a working Saturday.
    let (_out, pdf) = print_sheet(&chromium, &support::sample_dir(), &["--month", "2026-10"]);
    assert_eq!(pdf_pages_and_size(&pdf).0, 1);
    let text = pdf_pages_text(&pdf).concat();
    assert_eq!(text.matches("休国庆节").count(), 7, "{text}");
    assert!(text.contains("班国庆节"));
    // 2027: not announced, said once.
    let (_out, pdf) = print_sheet(&chromium, &support::sample_dir(), &["--month", "2027-01"]);
    let text = pdf_pages_text(&pdf).concat();
    assert_eq!(text.matches("2027年节假日安排尚未公布").count(), 1);
    // A crowded November: rows grow and carry over, no title is cut.
    let dir = support::crowded_copy();
    let (_out, pdf) = print_sheet(&chromium, dir.path(), &["--month", "2026-11"]);
    let schedule = store::load_dir(dir.path()).schedule;
    let sheet = print::week_sheet(
        &schedule,
        print::month_range(support::date(2026, 11, 1)),
        support::today(),
        Lang::Zh,
    );
    let titles: Vec<String> = sheet.items().filter_map(|i| i.title.clone()).collect();
    let (pages, w, _) = pdf_pages_and_size(&pdf);
    assert!(pages <= 3 && (w - 841.92).abs() < 1.0, "{pages} pages");
    check_titles_whole(&pdf_pages_text(&pdf), &titles);
}

#[test]
fn the_flyer_prints_on_one_a4_portrait_page() {
    let Some(chromium) = tools() else { return };
    for month in ["2026-12", "2026-10", "2027-02"] {
        let (_out, pdf) = print_sheet(&chromium, &support::sample_dir(), &["--service-day", month]);
        let (pages, w, h) = pdf_pages_and_size(&pdf);
        assert_eq!(pages, 1, "{month}");
        assert!(
            (w - 595.0).abs() < 1.0 && (h - 841.92).abs() < 1.0,
            "{w} x {h}"
        );
        let text = pdf_pages_text(&pdf).concat();
        let first = stationcal::model::values::parse_month(month).expect("month");
        let sheet = sample_sheet(print::month_range(first));
        let f = print::flyer::flyer(&sheet).expect("a service day");
        for want in [&f.theme, &f.date_label(), &f.time]
            .into_iter()
            .chain(if f.skipped { &[][..] } else { &f.services[..] })
            .chain(if f.skipped { &[][..] } else { &f.partners[..] })
            .chain(f.status.as_ref())
        {
            assert!(text.contains(&squeeze(want)), "{month}: {want:?} missing");
        }
        let headline = smallest_size_of(&pdf, std::slice::from_ref(&f.theme));
        assert!(headline >= 40.0, "{month}: the theme is {headline:.1} pt");
        if !f.skipped {
            let services = smallest_size_of(&pdf, &f.services);
            assert!(services >= 18.0, "{month}: services at {services:.1} pt");
        }
    }
}

/// The QR code on each sheet, read back from the printed page.
#[test]
fn the_sheets_qr_codes_decode_to_the_subscribe_url() {
    let Some(chromium) = tools() else { return };
    if find_program(&["zbarimg"]).is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have zbarimg (zbar-tools)"
        );
        eprintln!("SKIPPED: zbarimg not found");
        return;
    }
    for args in [
        &["--week", "2026-W48"][..],
        &["--month", "2026-12"][..],
        &["--service-day", "2026-12"][..],
    ] {
        let (out, pdf) = print_sheet(&chromium, &support::sample_dir(), args);
        let png = out.path().join("page");
        let r = run(
            Command::new("pdftoppm")
                .args(["-r", "150", "-png", "-singlefile"])
                .arg(&pdf)
                .arg(&png),
            Duration::from_secs(60),
        );
        assert!(
            r.status.success(),
            "pdftoppm {args:?}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        let r = run(
            Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .arg(png.with_extension("png")),
            Duration::from_secs(60),
        );
        assert!(
            r.status.success(),
            "{args:?}: no QR code found: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&r.stdout).trim_end(),
            URL,
            "{args:?}"
        );
    }
}

/// The week of 冬至 on paper: each day's lunar label under its date (冬至
/// on Tuesday 12-22), none with `lunar: false`; the month sheet of October
/// 2026 carries 重阳 and 寒露 beside the 休 / 班 marks.
#[test]
fn the_printed_sheets_carry_the_lunar_line() {
    let Some(chromium) = tools() else { return };
    let dir = support::sample_dir();
    let week = ["--week", "2026-12-22"];
    let (_out, pdf) = print_sheet(&chromium, &dir, &week);
    let text = squeeze(&pdf_text(&pdf));
    let days = stationcal::model::recurrence::DateRange::week_of(support::date(2026, 12, 22));
    for d in days.days() {
        let label = stationcal::model::lunar::cell_label(d, Lang::Zh).expect("label");
        assert!(text.contains(&label), "{d}: {label} missing from {text}");
    }
    assert!(text.contains("12月22日冬至"), "{text}");
    let (_out, pdf) = print_sheet_with(&chromium, &dir, &week, "(lunar: false)");
    let text = squeeze(&pdf_text(&pdf));
    for word in ["冬至", "十三", "十九"] {
        assert!(!text.contains(word), "{word} printed with lunar: false");
    }
    let (_out, pdf) = print_sheet(&chromium, &dir, &["--month", "2026-10"]);
    let text = squeeze(&pdf_text(&pdf));
    for word in ["重阳", "寒露", "霜降", "休", "班"] {
        assert!(text.contains(word), "{word} missing from the month sheet");
    }
}

/// The quarter's report as printed from headless Chromium: A4 portrait,
/// every activity held on the paper, the recorded figures with it.
#[test]
fn the_quarter_report_prints_on_a4_portrait_with_every_activity_held() {
    let Some(chromium) = tools() else { return };
    let out_dir = tempfile::tempdir().expect("out dir");
    let html = out_dir.path().join("report.html");
    let out = bin()
        .arg("--dir")
        .arg(support::sample_dir())
        .args(["--today", "2026-11-27", "report", "--quarter", "2026Q4"])
        .args(["--format", "html", "--output"])
        .arg(&html)
        .output()
        .expect("run stationcal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.path().join("report.pdf");
    print_to_pdf(&chromium, &html, &pdf);
    let (pages, w, h) = pdf_pages_and_size(&pdf);
    assert!(
        (w - 595.0).abs() < 1.0 && (h - 841.92).abs() < 1.0,
        "{w} x {h} is not A4 portrait"
    );
    let text = squeeze(&pdf_text(&pdf));
    assert!(
        text.contains(&squeeze("电影放映 7 场，观影 164 人次")),
        "{text}"
    );
    let schedule = store::load_dir(&support::sample_dir()).schedule;
    let range =
        stationcal::model::recurrence::DateRange::new(support::date(2026, 10, 1), support::today());
    let report = stationcal::model::report::build(
        "",
        &[stationcal::model::report::SiteInput {
            name: "",
            schedule: &schedule,
        }],
        range,
        support::today(),
        Lang::Zh,
    );
    assert!(
        pages >= 2,
        "{} activities on {pages} page(s)",
        report.held.len()
    );
    // Every activity held is on the paper, as often as it was held.
    let mut titles: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for row in &report.held {
        *titles.entry(squeeze(&row.title)).or_default() += 1;
    }
    for (title, n) in titles {
        let found = text.matches(title.as_str()).count();
        assert!(found >= n, "{title}: {found} of {n}");
    }
    // Names on one line of their cell: a column squeezed narrow stacks
    // 王晓红 one character a row, which the text read by position (not in
    // drawing order, as `pdf_text` reads) gives as 王…晓…红.
    let out = run(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-"),
        Duration::from_secs(30),
    );
    let text = squeeze(&String::from_utf8_lossy(&out.stdout));
    for row in &report.held {
        for name in [&row.speaker, &row.recorded_by].into_iter().flatten() {
            assert!(text.contains(&squeeze(name)), "{name} not whole in {text}");
        }
    }
}
