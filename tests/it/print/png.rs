//! The chat group's image (`print --format png`) as residents get it: its
//! size, its text read back by OCR (tesseract with the simplified Chinese
//! model), its QR code read back by zbar, the same bytes for the same
//! input, the layout's text inside the image with the real font, and a
//! clear error on a machine without a Chinese font.
//!
//! The tools (`tesseract-ocr tesseract-ocr-chi-sim zbar-tools
//! fonts-noto-cjk`) are installed by `.ci/run`; outside CI a test that
//! needs a missing one says so and passes, on CI (`CI` set) it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{self, bin, find_program, stationcal_in};

use stationcal::i18n::Lang;
use stationcal::print::{self, flyer, image};
use stationcal::raster;
use stationcal::store;

const URL: &str = "https://example.org/shihua/calendar.ics?site=zhongxin&v=1";

/// Whether the tools are here; on CI they must be.
fn tools(names: &[&str]) -> bool {
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| find_program(&[n]).is_none())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have {missing:?} (.ci/run installs tesseract-ocr tesseract-ocr-chi-sim zbar-tools)"
    );
    eprintln!("SKIPPED: {missing:?} not found");
    false
}

/// The system's fonts, or `None` (after saying so) without a Chinese one;
/// on CI there must be one.
fn fonts() -> Option<raster::Fonts> {
    match raster::find_fonts(None) {
        Ok(f) => Some(f),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have a Chinese font: {}",
                e.message(Lang::En)
            );
            eprintln!("SKIPPED: {}", e.message(Lang::En));
            None
        }
    }
}

fn config_with_url(dir: &Path) -> PathBuf {
    let path = dir.join("config.ron");
    std::fs::write(&path, format!("(subscribe_url: \"{URL}\")")).expect("config");
    path
}

/// Runs `print ARGS…` on the sample with the config naming [`URL`].
fn print_with_url(out: &Path, args: &[&str]) -> Output {
    bin()
        .env_remove(raster::FONT_DIRS_VAR)
        .env("STATIONCAL_CONFIG", config_with_url(out))
        .arg("--dir")
        .arg(support::sample_dir())
        .args(["--today", "2026-11-27", "print"])
        .args(args)
        .output()
        .expect("run stationcal")
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

/// Writes the week 48 image with the real binary.
fn week48_png(dir: &Path) -> PathBuf {
    let png = dir.join("week.png");
    let o = print_with_url(
        dir,
        &[
            "--week",
            "2026-W48",
            "--format",
            "png",
            "-o",
            png.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    png
}

fn sample_week48(lang: Lang) -> print::WeekSheet {
    let loaded = store::load_dir(&support::sample_dir());
    let mut s = print::week_sheet(&loaded.schedule, support::week48(), support::today(), lang);
    s.subscribe_url = Some(URL.to_owned());
    s
}

#[test]
fn the_week_image_is_phone_shaped_and_the_same_every_time() {
    if fonts().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let first = std::fs::read(week48_png(dir.path())).expect("png");
    let (w, h) = png_size(&first);
    assert_eq!(w, 1080);
    assert!((1920..6000).contains(&h), "{w} x {h}");
    // Again, from a new process finding the fonts anew: the same bytes.
    let second = std::fs::read(week48_png(dir.path())).expect("png");
    assert!(first == second, "two runs made different images");
}

#[test]
fn the_default_image_name_is_the_weeks() {
    if fonts().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let o = stationcal_in(
        &support::sample_dir(),
        dir.path(),
        &["print", "--format", "png"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("周程-2026-W48.png").is_file());
}

/// Text as OCR gives it back, compared loosely: no spaces, half-width
/// punctuation, no quotes (the model reads “ as " or not at all).
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’「」『』".contains(*c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .collect()
}

fn ocr(png: &Path) -> String {
    let out = Command::new("tesseract")
        .arg(png)
        .args(["-", "-l", "chi_sim"])
        .output()
        .expect("run tesseract");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    loose(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn ocr_reads_the_weeks_titles_back() {
    if fonts().is_none() || !tools(&["tesseract"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let text = ocr(&week48_png(dir.path()));
    let sheet = sample_week48(Lang::Zh);
    let titles: Vec<String> = sheet.items().filter_map(|i| i.title.clone()).collect();
    assert!(titles.len() >= 5);
    let found: Vec<&String> = titles.iter().filter(|t| text.contains(&loose(t))).collect();
    // OCR slips a character now and then (凭 read as 赁): 80% whole.
    assert!(
        found.len() * 5 >= titles.len() * 4,
        "{} of {} titles read back: {found:?}\n{text}",
        found.len(),
        titles.len()
    );
    assert!(text.contains(&loose(&sheet.station)), "{text}");
}

#[test]
fn the_flyer_image_is_a4_and_reads_back() {
    if fonts().is_none() || !tools(&["tesseract"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let png = dir.path().join("flyer.png");
    let o = print_with_url(
        dir.path(),
        &[
            "--service-day",
            "2026-12",
            "--format",
            "png",
            "-o",
            png.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (w, h) = png_size(&std::fs::read(&png).expect("png"));
    assert_eq!((w, h), (1080, 1528));
    let text = ocr(&png);
    for want in [
        "法律援助乐",
        "免费法律咨询",
        "法律援助申请指导",
        "金山区法律援助中心",
    ] {
        assert!(text.contains(want), "{want} not read back:\n{text}");
    }
}

fn zbar(png: &Path) -> String {
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png)
        .output()
        .expect("run zbarimg");
    assert!(out.status.success(), "no code found in {}", png.display());
    String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
}

#[test]
fn the_images_qr_codes_decode_to_the_subscribe_url() {
    if fonts().is_none() || !tools(&["zbarimg"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    assert_eq!(zbar(&week48_png(dir.path())), URL);
    let flyer = dir.path().join("flyer.png");
    let o = print_with_url(
        dir.path(),
        &[
            "--service-day",
            "2026-12",
            "--format",
            "png",
            "-o",
            flyer.to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(zbar(&flyer), URL);
}

/// Every text the layout placed lies inside the image when drawn with the
/// real font: the estimate of widths holds (for the sample, a crowded
/// week, English, and the longest and oddest titles).
#[test]
fn every_text_lies_inside_the_image_with_the_real_font() {
    let Some(fonts) = fonts() else { return };
    let crowded = support::crowded_copy();
    let crowded = store::load_dir(crowded.path()).schedule;
    let mut sheets = vec![
        sample_week48(Lang::Zh),
        sample_week48(Lang::En),
        print::week_sheet(&crowded, support::week48(), support::today(), Lang::Zh),
    ];
    let mut odd = sample_week48(Lang::Zh);
    let titles = [
        "很长的标题".repeat(40),
        "W".repeat(120),
        "“引号”——破折号……①②③℃→★".repeat(6),
        "Zalgo\u{301}\u{301}\u{301} e\u{301} tab\there\u{1b}[31m".to_owned(),
        "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM MMMMMMMMMMMMMMMMMMM".to_owned(),
    ];
    for (item, t) in odd
        .days
        .iter_mut()
        .flat_map(|d| d.items.iter_mut())
        .zip(&titles)
    {
        item.title = Some(t.clone());
        item.place = Some(t.clone());
    }
    odd.station = titles[1].clone();
    sheets.push(odd);
    for sheet in &sheets {
        let svg = image::week_svg(sheet);
        let (width, boxes) = raster::text_boxes(&svg, &fonts).expect("svg parses");
        assert!(boxes.len() > 10);
        for b in &boxes {
            assert!(
                b[0] >= 0.0 && b[2] <= width,
                "text at {b:?} leaves the {width} px image"
            );
        }
    }
    let loaded = store::load_dir(&support::sample_dir());
    let month = print::week_sheet(
        &loaded.schedule,
        print::month_range(support::date(2026, 12, 1)),
        support::today(),
        Lang::Zh,
    );
    let mut f = flyer::flyer(&month).expect("a service day in December");
    f.services = titles.to_vec();
    let (width, boxes) = raster::text_boxes(&image::flyer_svg(&f), &fonts).expect("svg parses");
    for b in &boxes {
        assert!(
            b[0] >= 0.0 && b[2] <= width,
            "flyer text at {b:?} leaves the image"
        );
    }
}

#[test]
fn without_a_chinese_font_the_error_names_the_font_to_install() {
    let empty = tempfile::tempdir().expect("temp");
    let err = raster::find_fonts(Some(&[empty.path().to_path_buf()])).expect_err("no fonts");
    for lang in [Lang::Zh, Lang::En] {
        let m = err.message(lang);
        assert!(
            m.contains("Noto Sans CJK") && m.contains("fonts-noto-cjk"),
            "{m}"
        );
        assert!(
            m.contains("Microsoft YaHei") && m.contains("PingFang SC"),
            "{m}"
        );
    }
    // The command: exit 2, the message, no file.
    let out = tempfile::tempdir().expect("out");
    let png = out.path().join("w.png");
    for (lang, word) in [("zh", "找不到中文字体"), ("en", "no Chinese font found")] {
        let o = bin()
            .env("STATIONCAL_CONFIG", "/nonexistent/config.ron")
            .env(raster::FONT_DIRS_VAR, empty.path())
            .arg("--dir")
            .arg(support::sample_dir())
            .args([
                "--lang",
                lang,
                "--today",
                "2026-11-27",
                "print",
                "--format",
                "png",
                "-o",
            ])
            .arg(&png)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(word) && err.contains("fonts-noto-cjk"),
            "{err}"
        );
        assert!(!png.exists());
    }
}

#[test]
fn a_folder_of_only_latin_fonts_is_no_chinese_font() {
    // DejaVu (or any font without a Chinese name) alone is not enough.
    let latin = [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/truetype/liberation",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.is_dir());
    let Some(latin) = latin else {
        eprintln!("SKIPPED: no Latin-only font folder here");
        return;
    };
    assert!(matches!(
        raster::find_fonts(Some(&[latin])),
        Err(raster::ImageError::NoCjkFont { .. })
    ));
}

#[test]
fn a_range_that_is_no_week_makes_no_image() {
    let dir = tempfile::tempdir().expect("temp");
    for args in [
        &["--from", "2026-11-23", "--days", "3", "--format", "png"][..],
        &["--month", "2026-12", "--format", "png"][..],
    ] {
        let o = print_with_url(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--week"));
    }
}
