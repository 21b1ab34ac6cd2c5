//! No terminal size, however small or odd, makes drawing panic: every view
//! and every window, from 0×0 up, with resizes in between.

use crate::support::{key, press, sample_app, terminal};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;

#[test]
fn every_view_and_window_draws_at_every_small_size() {
    let setups: &[&str] = &[
        "", "2", "3", "4", "4l", "5", "5l", "5ll", "5l[[", "?", "/", "g", "f", "e", "a", "a4",
        "a4 ", "hhd", "a6",
    ];
    for keys in setups {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, keys);
        if *keys == "/" {
            press(&mut app, "石化街道");
        }
        for w in 0..=42 {
            for h in 0..=14 {
                terminal(w, h, &app);
            }
        }
        for (w, h) in [(80, 24), (81, 25), (119, 39), (200, 60), (1, 60), (200, 1)] {
            terminal(w, h, &app);
        }
    }
    // The details window too.
    let mut app = sample_app(Lang::Zh);
    app.handle_event(&key(KeyCode::Enter));
    for w in 0..=42 {
        for h in 0..=14 {
            terminal(w, h, &app);
        }
    }
}

fn any_key() -> impl Strategy<Value = Event> {
    let chars = prop::sample::select(vec![
        'h', 'j', 'k', 'l', '[', ']', 't', 'g', '1', '2', '3', '4', '5', '/', 'f', 'e', '?', 'a',
        'd', 'u', ' ', '石', '化', '1', '-',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    prop_oneof![
        chars.prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        codes.prop_map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        prop::sample::select(vec!['r', 'u', 's'])
            .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
        Just(Event::Paste("党课\n第二行".to_owned())),
        (0u16..150, 0u16..50).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random key sequences (never `q`) at random sizes: no panic, and the
    /// selection always points at something that exists.
    #[test]
    fn random_keys_never_panic(events in prop::collection::vec(any_key(), 1..60), w in 0u16..140, h in 0u16..45) {
        let mut app = sample_app(Lang::Zh);
        for e in &events {
            app.handle_event(e);
            terminal(w, h, &app);
        }
        prop_assert!(!app.quit);
        let n = app.day(app.cursor).len();
        prop_assert!(app.selected < n.max(1));
    }
}
