//! Settings: config.ron merged over the defaults (keys, week start, theme),
//! a broken config reported like a broken schedule file with the defaults
//! in force, and the generated completions and man page.

use std::process::Command;

use crate::support::{app_on_texts, bin, date, press, screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stationcal::config::{self, Theme};
use stationcal::i18n::Lang;
use stationcal::model::recurrence::WeekStart;
use stationcal::store::{Cause, sample};
use stationcal::tui::action::Action;
use stationcal::tui::keymap::Keymap;

/// The binary with `config` as its config file.
fn stationcal(config: &std::path::Path) -> Command {
    let mut c = bin();
    c.env_remove("NO_COLOR").env("STATIONCAL_CONFIG", config);
    c
}

#[test]
fn config_settings_merge_over_the_defaults() {
    let text = r#"(
    lang: en,
    week_start: Sunday,
    theme: HighContrast,
    keys: { "next": ["n"], "quit": ["Ctrl-q"] },
)"#;
    let (c, problem) = config::parse("config.ron", text);
    assert_eq!(problem, None);
    assert_eq!(c.lang, Some(Lang::En));
    assert_eq!(c.week_start, Some(WeekStart::Sunday));
    assert_eq!(Theme::effective(c.theme, None), Theme::HighContrast);
    assert_eq!(
        Theme::effective(c.theme, Some(std::ffi::OsStr::new("1"))),
        Theme::None
    );
    let (keymap, problems) = Keymap::with_overrides(&c.keys);
    assert!(problems.is_empty());
    let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(&n), Some(Action::NextPage));
    // The keys not named keep their defaults.
    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(&j), Some(Action::Down));
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(&q), None);

    // The help screen and the status line show the effective keys.
    let mut app = app_on_texts(sample::texts(), date(2026, 11, 27), Lang::En);
    app.keymap = keymap;
    app.set_week_start(WeekStart::Sunday);
    let s = screen(120, 40, &app);
    assert!(s.contains("Ctrl-q quit"), "{s}");
    assert!(s.contains("Sun 11/22"), "{s}");
    press(&mut app, "?");
    let help = screen(120, 40, &app);
    assert!(
        help.lines()
            .any(|l| l.contains("│n ") && l.contains("next week")),
        "{help}"
    );
    assert!(!help.lines().any(|l| l.contains("│] ")), "{help}");
}

#[test]
fn a_broken_config_uses_the_defaults_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.ron");
    std::fs::write(&path, "(\n    lang: en,\n    week_start: Tuesday,\n)\n").expect("write");
    let (c, problem) = config::load(&path);
    assert_eq!(c, config::Config::default());
    let d = problem.expect("a diagnostic");
    assert_eq!((d.line, d.col), (3, 17));
    assert!(matches!(d.cause, Cause::Syntax(_)));
    assert!(
        d.message(Lang::Zh).contains("Tuesday"),
        "{}",
        d.message(Lang::Zh)
    );

    // In the TUI's problems window.
    let mut app = app_on_texts(sample::texts(), date(2026, 11, 27), Lang::Zh);
    app.diagnostics.push(d);
    let s = screen(120, 40, &app);
    assert!(s.contains("日程文件有1个问题"), "{s}");
    press(&mut app, "e");
    let s = screen(120, 40, &app);
    assert!(s.contains("config.ron:3:17"), "{s}");

    // In `check`, which fails on it (exit 1) and still checks the schedule.
    let schedule = dir.path().join("schedule");
    sample::write_sample(&schedule).expect("sample");
    let out = stationcal(&path)
        .arg("--dir")
        .arg(&schedule)
        .arg("check")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("config.ron:3:17: 错误"), "{stdout}");
    assert!(out.stderr.is_empty(), "reported once: {out:?}");
}

#[test]
fn unknown_key_names_are_reported_at_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.ron");
    std::fs::write(
        &path,
        "(\n    keys: {\n        \"nxet\": [\"n\"],\n        \"quit\": [\"Hyper-q\"],\n    },\n)\n",
    )
    .expect("write");
    let schedule = dir.path().join("schedule");
    sample::write_sample(&schedule).expect("sample");
    let out = stationcal(&path)
        .args(["--lang", "en", "check", "--dir"])
        .arg(&schedule)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("config.ron:3:9: error: keys: there is no action \"nxet\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("config.ron:4:18: error: cannot read the key \"Hyper-q\""),
        "{stdout}"
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let none = std::path::Path::new("/nonexistent/stationcal/config.ron");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stationcal(none)
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("stationcal") && script.contains("completions"),
            "{shell}"
        );
    }
    let bad = stationcal(none)
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let man = stationcal(none).arg("man").output().expect("runs");
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH stationcal 1"), "{page}");
    assert!(page.contains("STATIONCAL_CONFIG") && page.contains("NO_COLOR"));
    let version = stationcal(none).arg("--version").output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("stationcal {}", env!("CARGO_PKG_VERSION"))
    );
}
