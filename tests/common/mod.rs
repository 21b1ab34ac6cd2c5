//! Shared helpers for driving the app without a terminal.
#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::store::{load_texts, sample};
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// The app on the bundled sample, with today fixed at Friday 2026-11-27.
pub fn sample_app(lang: Lang) -> App {
    let loaded = load_texts(sample::texts());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today: date(2026, 11, 27),
        lang,
        keymap: Keymap::default_keys(),
        status: None,
    })
}

/// The app on the bundled sample (or on `texts`), with today fixed at `today`.
pub fn sample_app_on(today: NaiveDate, lang: Lang) -> App {
    app_on_texts(sample::texts(), today, lang)
}

/// The app on schedule texts, with today fixed at `today`; the texts must load cleanly
/// apart from warnings.
pub fn app_on_texts(
    texts: Vec<(stationcal::model::validate::Part, String)>,
    today: NaiveDate,
    lang: Lang,
) -> App {
    let loaded = load_texts(texts);
    App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today,
        lang,
        keymap: Keymap::default_keys(),
        status: None,
    })
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Presses each character of `keys` as a key (no modifiers).
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&key(KeyCode::Char(c)));
    }
}

pub fn terminal(w: u16, h: u16, app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| stationcal::tui::draw(f, app)).expect("draw");
    t
}

/// The screen as text, one line per row.
pub fn screen(w: u16, h: u16, app: &App) -> String {
    terminal(w, h, app).backend().to_string()
}
