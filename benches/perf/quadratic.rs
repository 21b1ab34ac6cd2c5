//! The cases that used to grow with the square of the data: saving a long
//! list with a few far-apart edits, drawing a day on which thousands of
//! activities share one room at one hour, and `check` on a very large file
//! with a mistake on every line. Each case prints its median time and the
//! peak memory it needed above what was resident before it ran.
//!
//! The data is generated here, into Cargo's temporary folder; none of it is
//! kept in git.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stationcal::i18n::Lang;
use stationcal::model::Events;
use stationcal::store::save;
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;

use super::{median, ms};

/// A row of a suite's table.
pub struct Row {
    pub case: String,
    pub time: Duration,
    /// Peak resident memory above the start of the case, in KiB (Linux).
    pub peak_kib: Option<u64>,
    pub note: String,
}

/// Resident memory now and the peak since the last reset, in KiB (Linux).
fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `f` once and returns the peak resident memory it added, in KiB.
/// Linux resets the peak ("5" into `clear_refs`); elsewhere `None`.
fn peak_of<T>(f: impl FnOnce() -> T) -> Option<u64> {
    let before = rss_kib("VmRSS:")?;
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    black_box(f());
    let peak = rss_kib("VmHWM:")?;
    Some(peak.saturating_sub(before))
}

fn measure<T>(
    case: String,
    note: String,
    runs: usize,
    budget: Duration,
    mut f: impl FnMut() -> T,
) -> Row {
    let peak_kib = peak_of(&mut f);
    let time = median(runs, budget, f);
    Row {
        case,
        time,
        peak_kib,
        note,
    }
}

pub fn print(title: &str, rows: &[Row]) {
    println!();
    println!("| {title} | median ms | peak extra MiB | |");
    println!("|---|---|---|---|");
    for r in rows {
        let peak = r.peak_kib.map_or("n/a".to_owned(), |k| mib(k * 1024));
        println!("| {} | {} | {peak} | {} |", r.case, ms(r.time), r.note);
    }
}

/// Bytes in MiB with one decimal.
fn mib(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn bench_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-data")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    dir
}

const STATION: &str = "Station(\n    name: \"石化街道社区党群服务中心\",\n    rooms: [\n        Room(name: \"党员活动室\", seats: 40),\n        Room(name: \"多功能厅\", seats: 120),\n    ],\n)\n";

/// `n` one-off events, one a line, a month heading every 300.
fn events_text(n: usize) -> String {
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut s = String::from("// 活动安排\nEvents(\n    events: [\n");
    for i in 0..n {
        if i % 300 == 0 {
            let _ = writeln!(s, "        // ---- 第{}批 ----", i / 300 + 1);
        }
        let date = first + chrono::Days::new((i / 4) as u64);
        let _ = writeln!(
            s,
            "        Event(id: \"E{i:05}\", title: \"读书沙龙第{i}期\", date: \"{}\", start: \"{}:00\", end: \"{}:30\", room: \"党员活动室\"),",
            date.format("%Y-%m-%d"),
            9 + i % 4 * 2,
            9 + i % 4 * 2,
        );
    }
    s.push_str("    ],\n)\n");
    s
}

/// Saving a 15,000-event file after a few edits (the splice diff).
pub fn save_suite(runs: usize, budget: Duration) -> Vec<Row> {
    let n = 15_000;
    let text = events_text(n);
    let before: Events = stationcal::store::load::ron_options()
        .from_str(&text)
        .expect("the bench file reads");
    let mut rows = Vec::new();
    let mut two = before.clone();
    two.events[10].title = "改过的题目".into();
    two.events[n - 10].title = "另一个改过的题目".into();
    let mut spread = before.clone();
    let mut k = 0;
    spread.events.retain(|_| {
        k += 1;
        k % 100 != 0
    });
    let mut all = before.clone();
    for e in &mut all.events {
        e.room = Some("多功能厅".into());
    }
    let mut moved = before.clone();
    let last = moved.events.remove(n - 1);
    moved.events.insert(0, last);
    for (case, new) in [
        ("two far-apart titles changed", &two),
        ("every 100th event deleted (150)", &spread),
        ("the last event moved to the top", &moved),
        ("every event's room changed", &all),
    ] {
        let out = save::render(&text, new).expect("saves");
        let note = format!("{} bytes out", out.len());
        rows.push(measure(
            format!("save {n} events: {case}"),
            note,
            runs.min(5),
            budget,
            || save::render(&text, new),
        ));
    }
    rows
}

fn app_at(dir: &Path, today: NaiveDate) -> App {
    let loaded = stationcal::store::load_dir(dir);
    App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: dir.to_path_buf(),
        today,
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

/// `n` one-off events in one room at one hour of one day: every one
/// clashes with every other.
pub fn clash_suite(runs: usize, budget: Duration) -> Vec<Row> {
    let n = 10_000;
    let dir = bench_dir("clash-10k");
    let mut s = String::from("Events(\n    events: [\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "        Event(id: \"C{i:05}\", title: \"同一时间{i}\", date: \"2026-11-27\", start: \"19:00\", end: \"20:00\", room: \"党员活动室\"),"
        );
    }
    s.push_str("    ],\n)\n");
    std::fs::write(dir.join("station.ron"), STATION).expect("write");
    std::fs::write(dir.join("events.ron"), s).expect("write");
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let mut rows = Vec::new();
    rows.push(measure(
        format!("first frame: {n} events, one room, one hour (load, app, draw 200×60)"),
        String::new(),
        runs.min(5),
        budget,
        || {
            let app = app_at(&dir, today);
            let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
            t.draw(|f| stationcal::tui::draw(f, &app)).expect("draw");
        },
    ));
    let app = app_at(&dir, today);
    let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
    rows.push(measure(
        format!("redraw the week frame ({n} clashing events)"),
        String::new(),
        runs,
        budget,
        || t.draw(|f| stationcal::tui::draw(f, &app)).map(|_| ()),
    ));
    rows
}

/// One event line with mistake number `kind` (of four) in it.
fn broken_line(i: usize, s: &mut String) {
    let (sep, colon, q1, q2, date) = match i % 4 {
        0 => ("，", ":", "\"", "\"", "2026-11-14"),
        1 => (",", "：", "\"", "\"", "2026-11-14"),
        2 => (",", ":", "“", "”", "2026-11-14"),
        _ => (",", ":", "\"", "\"", "2026-02-30"),
    };
    let _ = writeln!(
        s,
        "        Event(id: \"E{i}\", title{colon} {q1}读书沙龙第{i}期，欢迎参加{q2}, date: \"{date}\"{sep} start: \"14:30\", end: \"16:00\", room: \"党员活动室\"),"
    );
}

/// `check` on a file of about `mib` MiB: a mistake on every line, or
/// `spread` mistakes spread evenly through otherwise good lines.
fn write_big(dir: &Path, mib: usize, spread: Option<usize>) -> usize {
    let target = mib * 1024 * 1024;
    let mut s = String::with_capacity(target + 4096);
    s.push_str("Events(\n    events: [\n");
    let line_len = 170;
    let lines = target / line_len;
    let every = spread.map(|k| (lines / k).max(1));
    let mut i = 0;
    while s.len() < target {
        match every {
            Some(e) if i % e != e / 2 => {
                let _ = writeln!(
                    s,
                    "        Event(id: \"E{i}\", title: \"读书沙龙第{i}期，欢迎参加\", date: \"2026-11-14\", start: \"14:30\", end: \"16:00\", room: \"党员活动室\"),"
                );
            }
            _ => broken_line(i, &mut s),
        }
        i += 1;
    }
    s.push_str("    ],\n)\n");
    std::fs::write(dir.join("station.ron"), STATION).expect("write");
    std::fs::write(dir.join("events.ron"), &s).expect("write");
    s.len()
}

pub fn check_suite(runs: usize, budget: Duration) -> Vec<Row> {
    let mut rows = Vec::new();
    for (name, spread) in [
        ("a mistake on every line", None),
        ("25 mistakes spread evenly", Some(25)),
    ] {
        let dir = bench_dir("check-60mib");
        let bytes = write_big(&dir, 60, spread);
        let reported = stationcal::store::load_dir(&dir).diagnostics.len();
        rows.push(measure(
            format!("check {} MiB events.ron, {name}", mib(bytes as u64)),
            format!("{reported} problems reported"),
            runs.min(3),
            budget,
            || stationcal::store::load_dir(&dir).diagnostics.len(),
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
    rows
}
