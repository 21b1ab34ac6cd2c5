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
    /// Peak resident memory the case added, in KiB (Linux), measured in a
    /// process of its own.
    pub peak_kib: Option<u64>,
    pub note: String,
}

/// A case: its name and what it runs (which returns a note for the table).
pub struct Case {
    pub name: String,
    pub run: Box<dyn FnMut() -> String>,
}

fn case(name: String, run: impl FnMut() -> String + 'static) -> Case {
    Case {
        name,
        run: Box::new(run),
    }
}

/// Resident memory now and the peak since the last reset, in KiB (Linux).
fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The cases of a suite, set up (data generated).
pub fn cases(suite: &str) -> Vec<Case> {
    match suite {
        "save" => save_cases(),
        "clash" => clash_cases(),
        _ => check_cases(),
    }
}

/// In a child process (`--peak SUITE INDEX`): sets the suite up, runs case
/// INDEX once and prints the peak resident memory it added. Linux resets
/// the peak by writing "5" to `clear_refs`.
pub fn child(suite: &str, index: usize) {
    let mut cases = cases(suite);
    let before = rss_kib("VmRSS:");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    black_box((cases[index].run)());
    let peak = rss_kib("VmHWM:");
    if let (Some(b), Some(p), true) = (before, peak, reset) {
        println!("PEAK {}", p.saturating_sub(b));
    }
}

/// Times each case of `suite` in this process and measures its memory in a
/// process of its own.
pub fn run(suite: &str, runs: usize, budget: Duration) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut cases = cases(suite);
    for (i, c) in cases.iter_mut().enumerate() {
        let peak_kib = std::env::current_exe()
            .ok()
            .and_then(|exe| {
                std::process::Command::new(exe)
                    .args(["--peak", suite, &i.to_string()])
                    .output()
                    .ok()
            })
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find_map(|l| l.strip_prefix("PEAK ").and_then(|k| k.parse().ok()))
            });
        let note = (c.run)();
        let time = median(runs, budget, &mut c.run);
        rows.push(Row {
            case: c.name.clone(),
            time,
            peak_kib,
            note,
        });
    }
    rows
}

pub fn print(title: &str, rows: &[Row]) {
    println!();
    println!("| {title} | median ms | peak memory added, MiB | |");
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
fn save_cases() -> Vec<Case> {
    let n = 15_000;
    let text = std::rc::Rc::new(events_text(n));
    let before: Events = stationcal::store::load::ron_options()
        .from_str(&text)
        .expect("the bench file reads");
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
    let mut reversed = before.clone();
    reversed.events.reverse();
    [
        ("two far-apart titles changed", two),
        ("every 100th event deleted (150)", spread),
        ("the last event moved to the top", moved),
        ("every event's room changed", all),
        ("the whole list reversed", reversed),
    ]
    .into_iter()
    .map(|(what, new)| {
        let text = text.clone();
        case(format!("save {n} events: {what}"), move || {
            save::render(&text, &new)
                .map_or_else(|e| e.to_string(), |o| format!("{} bytes out", o.len()))
        })
    })
    .collect()
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
fn clash_cases() -> Vec<Case> {
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
    let app = app_at(&dir, today);
    let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
    vec![
        case(
            format!("first frame: {n} events, one room, one hour (load, app, draw 200×60)"),
            move || {
                let app = app_at(&dir, today);
                let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
                t.draw(|f| stationcal::tui::draw(f, &app)).expect("draw");
                String::new()
            },
        ),
        case(
            format!("redraw the week frame ({n} clashing events)"),
            move || {
                t.draw(|f| stationcal::tui::draw(f, &app)).expect("draw");
                String::new()
            },
        ),
    ]
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

/// A file of about `mib` MiB that reads, each event ending before it starts.
fn write_backwards(dir: &Path, mib: usize) -> usize {
    let target = mib * 1024 * 1024;
    let mut s = String::with_capacity(target + 4096);
    s.push_str("Events(\n    events: [\n");
    let mut i = 0;
    while s.len() < target {
        let _ = writeln!(
            s,
            "        Event(id: \"E{i}\", title: \"读书沙龙第{i}期，欢迎参加\", date: \"2026-11-14\", start: \"16:00\", end: \"14:30\", room: \"党员活动室\"),"
        );
        i += 1;
    }
    s.push_str("    ],\n)\n");
    std::fs::write(dir.join("station.ron"), STATION).expect("write");
    std::fs::write(dir.join("events.ron"), &s).expect("write");
    s.len()
}

/// `check` on a file of about 60 MiB: a mistake on every line, 25 spread
/// evenly, or a file that reads but whose every event ends before it starts.
fn check_cases() -> Vec<Case> {
    [
        ("a mistake on every line", "check-every-line", Some(None)),
        ("25 mistakes spread evenly", "check-spread", Some(Some(25))),
        ("every event ends before it starts", "check-findings", None),
    ]
    .into_iter()
    .map(|(name, folder, spread)| {
        let dir = bench_dir(folder);
        let bytes = match spread {
            Some(spread) => write_big(&dir, 60, spread),
            None => write_backwards(&dir, 60),
        };
        case(
            format!("check {} MiB events.ron, {name}", mib(bytes as u64)),
            move || {
                let n = stationcal::store::load_dir(&dir).diagnostics.len();
                format!("{n} problems reported")
            },
        )
    })
    .collect()
}
