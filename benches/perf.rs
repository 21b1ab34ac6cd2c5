//! Timings at several sizes of generated data: loading and validating,
//! expanding occurrences for a week / month / year, drawing a week frame at
//! 200×60, the week's HTML and text, and a key press to the next frame.
//!
//! `cargo bench --bench perf` (add `-- --quick` for fewer runs). Data is
//! generated once into Cargo's temporary folder. Prints Markdown tables;
//! `benches/cli.sh` measures the real binary end to end (time and memory).
//!
//! Suites: `sizes` (the table above at four sizes), and the cases that used
//! to grow with the square of the data (see `perf/quadratic.rs`): `save`,
//! `clash`, `check`. Name suites to run only those:
//! `cargo bench --bench perf -- save clash` (all when none is named).
//! `sync`: a 37-site × 10-year network kept in git, synced between two
//! computers when one entry changed (see `perf/sync.rs`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::model::network::Network;
use stationcal::model::recurrence::DateRange;
use stationcal::model::report::{self, Period, SiteInput};
use stationcal::print;
use stationcal::store::generate::{self, GenOptions};
use stationcal::store::network;
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;
use stationcal::tui::sites;

#[path = "perf/quadratic.rs"]
mod quadratic;
#[path = "perf/sync.rs"]
mod sync;

struct Size {
    label: &'static str,
    sites: usize,
    years: u32,
    explicit: bool,
}

const SIZES: [Size; 4] = [
    Size {
        label: "5 sites × 2 years",
        sites: 5,
        years: 2,
        explicit: false,
    },
    Size {
        label: "20 sites × 5 years",
        sites: 20,
        years: 5,
        explicit: false,
    },
    Size {
        label: "37 sites × 10 years",
        sites: 37,
        years: 10,
        explicit: false,
    },
    Size {
        label: "1 station × 100 years, explicit",
        sites: 1,
        years: 100,
        explicit: true,
    },
];

/// Runs `f` until `runs` samples or `budget` is spent; the median.
fn median<T>(runs: usize, budget: Duration, mut f: impl FnMut() -> T) -> Duration {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < runs && (samples.len() < 3 || start.elapsed() < budget) {
        let t = Instant::now();
        black_box(f());
        samples.push(t.elapsed());
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 1.0 {
        format!("{v:.3}")
    } else {
        format!("{v:.1}")
    }
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn data_dir(s: &Size) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    // `-r`: with records (generated since records.ron existed).
    let dir = root.join(format!(
        "s{}-y{}{}-r",
        s.sites,
        s.years,
        if s.explicit { "-explicit" } else { "" }
    ));
    if !dir.join("network.ron").exists() && !dir.join("station.ron").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        generate::write(
            &dir,
            &GenOptions {
                sites: s.sites,
                years: s.years,
                explicit: s.explicit,
                ..GenOptions::default()
            },
        )
        .expect("generate bench data");
    }
    dir
}

/// The folder as a network (a single station becomes a network of one).
fn load(dir: &Path) -> Network {
    if network::is_network_dir(dir) {
        network::load_network(dir).network
    } else {
        let loaded = stationcal::store::load_dir(dir);
        Network {
            name: "one".into(),
            sites: vec![stationcal::model::network::Site {
                name: loaded.schedule.station.name.clone(),
                folder: ".".into(),
                short: "one".into(),
                schedule: loaded.schedule,
                loaded: true,
            }],
        }
    }
}

fn app(dir: &Path, today: NaiveDate) -> App {
    if network::is_network_dir(dir) {
        let start = sites::load(dir);
        let mut app = App::new(AppInit {
            schedule: start.schedule,
            diagnostics: start.diagnostics,
            dir: start.dir.unwrap_or_else(|| dir.to_path_buf()),
            today,
            lang: Lang::Zh,
            keymap: Keymap::default_keys(),
            status: None,
            storage: None,
        });
        app.set_network(start.view);
        app
    } else {
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
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| stationcal::tui::draw(f, app)).expect("draw");
}

fn main() {
    // A child run measuring one case's memory (see `quadratic::run`).
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--peak")
        && let (Some(suite), Some(index)) = (args.get(i + 1), args.get(i + 2))
    {
        quadratic::child(suite, index.parse().unwrap_or(0));
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let (runs, budget) = if quick {
        (5, Duration::from_millis(300))
    } else {
        (30, Duration::from_secs(2))
    };
    // `cargo bench` passes `--bench`; other arguments name suites.
    let named: Vec<&String> = args
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |suite: &str| named.is_empty() || named.iter().any(|n| *n == suite);
    println!(
        "machine: {} cores, {}",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |c| c.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_owned())
            )
            .unwrap_or_default()
    );
    if wanted("sizes") {
        sizes(runs, budget);
    }
    for suite in ["save", "clash", "check"] {
        if wanted(suite) {
            quadratic::print(suite, &quadratic::run(suite, runs.min(5), budget));
        }
    }
    if wanted("sync") {
        sync::run(runs.min(7));
    }
}

/// The table of measures at the four data sizes.
fn sizes(runs: usize, budget: Duration) {
    println!();
    println!(
        "| measure (median, ms) | {} |",
        SIZES.map(|s| s.label).join(" | ")
    );
    println!("|---|{}", "---|".repeat(SIZES.len()));
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let put = |rows: &mut Vec<(String, Vec<String>)>, name: &str, col: usize, v: String| {
        if let Some(r) = rows.iter_mut().find(|r| r.0 == name) {
            r.1[col] = v;
        } else {
            let mut cells = vec![String::new(); SIZES.len()];
            cells[col] = v;
            rows.push((name.to_owned(), cells));
        }
    };
    for (col, size) in SIZES.iter().enumerate() {
        let dir = data_dir(size);
        let first = if size.explicit {
            2030 + 50
        } else {
            2026 + size.years as i32 / 2
        };
        let today = NaiveDate::from_ymd_opt(first, 11, 27).expect("date");
        let week = DateRange::week_of(today);
        let month = DateRange::month_of(today);
        let year = DateRange::new(
            NaiveDate::from_ymd_opt(first, 1, 1).expect("date"),
            NaiveDate::from_ymd_opt(first, 12, 31).expect("date"),
        );
        let net = load(&dir);
        let total: usize = net
            .occurrences(
                DateRange::new(
                    NaiveDate::from_ymd_opt(1900, 1, 1).expect("d"),
                    NaiveDate::from_ymd_opt(2200, 1, 1).expect("d"),
                ),
                &[],
            )
            .len();
        put(
            &mut rows,
            "activities (occurrences in all years)",
            col,
            total.to_string(),
        );
        put(
            &mut rows,
            "load + validate (parallel sites)",
            col,
            ms(median(runs, budget, || load(&dir))),
        );
        if network::is_network_dir(&dir) {
            put(
                &mut rows,
                "load + validate (one thread)",
                col,
                ms(median(runs, budget, || network::load_network_with(&dir, 1))),
            );
        }
        put(
            &mut rows,
            "expand a week",
            col,
            ms(median(runs, budget, || net.occurrences(week, &[]))),
        );
        put(
            &mut rows,
            "expand a month",
            col,
            ms(median(runs, budget, || net.occurrences(month, &[]))),
        );
        put(
            &mut rows,
            "expand a year",
            col,
            ms(median(runs, budget, || net.occurrences(year, &[]))),
        );
        let report = || {
            let sites: Vec<SiteInput> = net
                .sites
                .iter()
                .map(|s| SiteInput {
                    name: &s.name,
                    schedule: &s.schedule,
                })
                .collect();
            report::build(&net.name, &sites, year, today, Lang::Zh)
        };
        put(
            &mut rows,
            "year's report (figures + ledger)",
            col,
            ms(median(runs, budget, report)),
        );
        let r = report();
        let period = Period::Year(first);
        put(
            &mut rows,
            "year's report as XLSX",
            col,
            ms(median(runs, budget, || {
                print::xlsx::render(&r, period, today, Lang::Zh)
            })),
        );
        let sheet = print::network_sheet(&net, &[], week, today, Lang::Zh);
        put(
            &mut rows,
            "week sheet (words the week)",
            col,
            ms(median(runs, budget, || {
                print::network_sheet(&net, &[], week, today, Lang::Zh)
            })),
        );
        put(
            &mut rows,
            "week HTML",
            col,
            ms(median(runs, budget, || print::html::render(&sheet))),
        );
        put(
            &mut rows,
            "week text",
            col,
            ms(median(runs, budget, || print::text::render(&sheet, None))),
        );
        put(
            &mut rows,
            "TUI first frame (load, app, draw 200×60)",
            col,
            ms(median(runs.min(10), budget, || {
                let app = app(&dir, today);
                let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
                draw(&mut t, &app);
            })),
        );
        let mut a = app(&dir, today);
        let mut t = Terminal::new(TestBackend::new(200, 60)).expect("t");
        draw(&mut t, &a);
        put(
            &mut rows,
            "draw a week frame 200×60",
            col,
            ms(median(runs, budget, || draw(&mut t, &a))),
        );
        let mut worst = (Duration::ZERO, "");
        for (name, keys) in [
            ("l next day", vec![key(KeyCode::Char('l'))]),
            ("] next week", vec![key(KeyCode::Char(']'))]),
            (
                "2 month view",
                vec![key(KeyCode::Char('2')), key(KeyCode::Char(']'))],
            ),
            (
                "3 agenda",
                vec![key(KeyCode::Char('3')), key(KeyCode::Char(']'))],
            ),
            (
                "s picker, Space",
                vec![
                    key(KeyCode::Char('s')),
                    key(KeyCode::Char('j')),
                    key(KeyCode::Char(' ')),
                ],
            ),
            (
                "/ search, typing",
                vec![
                    key(KeyCode::Char('/')),
                    key(KeyCode::Char('党')),
                    key(KeyCode::Esc),
                ],
            ),
        ] {
            // Each key of the flow timed on its own (key press and the
            // frame after it); the slowest key's median counts.
            let mut per_key: Vec<Vec<Duration>> = vec![Vec::new(); keys.len()];
            let started = Instant::now();
            for round in 0..runs {
                for (k, e) in keys.iter().enumerate() {
                    let t0 = Instant::now();
                    a.handle_event(e);
                    draw(&mut t, &a);
                    per_key[k].push(t0.elapsed());
                }
                if round >= 3 && started.elapsed() > budget {
                    break;
                }
            }
            let d = per_key
                .iter_mut()
                .map(|v| {
                    v.sort();
                    v[v.len() / 2]
                })
                .max()
                .unwrap_or_default();
            put(&mut rows, &format!("key → frame: {name}"), col, ms(d));
            if d > worst.0 {
                worst = (d, name);
            }
            a.handle_event(&key(KeyCode::Esc));
            a.handle_event(&key(KeyCode::Char('1')));
        }
        put(
            &mut rows,
            "key → frame: slowest",
            col,
            format!("{} ({})", ms(worst.0), worst.1),
        );
    }
    for (name, cells) in rows {
        println!("| {name} | {} |", cells.join(" | "));
    }
}
