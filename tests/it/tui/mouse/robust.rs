//! Any mouse event anywhere: random buttons, wheels and moves at random
//! cells (on borders, row 0, beyond the screen) over every view and window,
//! at random sizes down to one column, with resizes between; and two rules
//! every window keeps: a double click does what a click does when the click
//! opened or closed a window, and a click outside a window never changes
//! the schedule or loses what was typed.

use std::path::Path;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};
use ratatui::layout::Position;
use stationcal::i18n::Lang;
use stationcal::model::merge::Conflict;
use stationcal::model::validate::Part;
use stationcal::store::journal::{Journal, Snapshot};
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::dialogs;
use stationcal::tui::keymap::Keymap;
use stationcal::tui::widgets::menu::Menu;

use super::{SIZES, draw};
use crate::support::{click, date, double_click, key, mouse, press, sample_app, terminal};

/// How each view and window is reached: keys (`\n` for Enter), or one of
/// the windows only a file or a network brings (`merge`, `restore`,
/// `sites`).
const SETUPS: [&str; 24] = [
    "", "2", "3", "4", "4l", "\n", "4\n", "\n\n", "?", "/", "/咨询", "g", "g2026-12", "f", "e",
    "a", "a4", "a6", "a6石化", "hhd", "jd", "p", "merge", "restore",
];

/// The app on the network sample (several sites), Chinese, today fixed.
fn network_app() -> App {
    let start = stationcal::tui::sites::load(Path::new("assets/network"));
    let mut app = crate::support::new_app(AppInit {
        schedule: start.schedule,
        diagnostics: start.diagnostics,
        dir: start.dir.unwrap_or_else(|| "assets/network".into()),
        today: date(2026, 11, 27),
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    });
    app.set_network(start.view);
    app
}

/// The app with `setup`'s view or window open.
fn set_up(setup: &str) -> App {
    let mut app = if setup == "sites" {
        network_app()
    } else {
        sample_app(Lang::Zh)
    };
    match setup {
        "sites" => press(&mut app, "s"),
        "merge" => app.open(dialogs::merge::Merge {
            part: Part::Events,
            conflicts: vec![Conflict {
                path: "events[E1].title".into(),
                mine: Some(serde_json::json!("读书沙龙")),
                theirs: None,
            }],
            take_mine: Vec::new(),
            sync_path: None,
        }),
        "restore" => {
            let saved = app.saved.clone();
            let mut current = saved.clone();
            current.station.name = "石化街道党群服务中心（改）".into();
            let journal = Journal::of(
                &Snapshot {
                    folder: "schedule".into(),
                    saved,
                    current,
                },
                "SIGHUP",
            );
            app.open(dialogs::restore::Restore {
                journal,
                menu: Menu::new(dialogs::restore::RESTORE_OPTIONS, 0),
            });
        }
        keys => {
            for c in keys.chars() {
                match c {
                    '\n' => app.handle_event(&key(KeyCode::Enter)),
                    c => press(&mut app, &c.to_string()),
                }
            }
        }
    }
    app
}

/// What the app shows and holds, to compare after events.
fn state(app: &App) -> String {
    format!(
        "{:?} {} {} {:?} {} {:?} {} {}",
        app.view,
        app.cursor,
        app.selected,
        app.shown,
        app.catalogue_index,
        app.dialog_name(),
        app.dialogs().count(),
        app.is_dirty(),
    )
}

#[derive(Debug, Clone)]
enum Step {
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    Key(KeyCode),
}

fn any_step() -> impl Strategy<Value = Step> {
    let button = prop::sample::select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    let kind = prop_oneof![
        4 => Just(MouseEventKind::Down(MouseButton::Left)),
        1 => button.clone().prop_map(MouseEventKind::Down),
        1 => button.clone().prop_map(MouseEventKind::Up),
        1 => button.prop_map(MouseEventKind::Drag),
        1 => Just(MouseEventKind::Moved),
        2 => Just(MouseEventKind::ScrollDown),
        2 => Just(MouseEventKind::ScrollUp),
        1 => Just(MouseEventKind::ScrollLeft),
        1 => Just(MouseEventKind::ScrollRight),
    ];
    let keys = prop::sample::select(vec![
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Char('j'),
        KeyCode::Char('石'),
    ]);
    prop_oneof![
        // Up to a few cells past the screen, as a terminal resized under
        // the pointer may report.
        8 => (kind, 0u16..150, 0u16..50).prop_map(|(k, x, y)| Step::Mouse(k, x, y)),
        1 => (0u16..140, 0u16..45).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => keys.prop_map(Step::Key),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random mouse events (and a few keys and resizes) over every view
    /// and window at random sizes: no panic, and what is selected exists.
    #[test]
    fn random_mouse_events_never_panic(
        setup in prop::sample::select(SETUPS.iter().copied().chain(["sites"]).collect::<Vec<_>>()),
        size in (0u16..140, 0u16..45),
        steps in prop::collection::vec(any_step(), 1..40),
    ) {
        let mut app = set_up(setup);
        let (mut w, mut h) = size;
        terminal(w, h, &app);
        for step in &steps {
            match step {
                Step::Mouse(kind, x, y) => mouse(&mut app, *kind, *x, *y),
                Step::Resize(nw, nh) => (w, h) = (*nw, *nh),
                Step::Key(code) => app.handle_event(&key(*code)),
            }
            terminal(w, h, &app);
            if app.quit {
                break;
            }
            let n = app.day(app.cursor).len();
            prop_assert!(app.selected < n.max(1), "{setup}: selected {} of {n}", app.selected);
        }
    }
}

#[test]
fn clicks_on_every_cell_of_tiny_and_one_column_screens_never_panic() {
    // Every cell of the tiny screens; on the long thin ones every fifth
    // cell and the edges (each click that closes the window costs a fresh
    // app, and thousands of them only repeat what the tiny ones show).
    let sizes: [(u16, u16, u16); 7] = [
        (1, 1, 1),
        (2, 3, 1),
        (7, 2, 1),
        (12, 6, 1),
        (3, 24, 5),
        (1, 40, 5),
        (120, 1, 5),
    ];
    for setup in SETUPS.iter().copied().chain(["sites"]) {
        for (w, h, step) in sizes {
            let fresh = || {
                let app = set_up(setup);
                terminal(w, h, &app);
                app
            };
            // Drawn large first, then resized small: clicks read the new size.
            let mut app = set_up(setup);
            draw(&app, (120, 40));
            terminal(w, h, &app);
            let windows = app.dialogs().count();
            let along = |n: u16| (0..=n).filter(move |i| i % step == 0 || *i + 1 >= n);
            // The cells and the row and column past the edge; the window
            // opened again whenever a click closed it.
            for y in along(h) {
                for x in along(w) {
                    if app.dialogs().count() != windows || app.quit {
                        app = fresh();
                    }
                    click(&mut app, Position::new(x, y));
                    terminal(w, h, &app);
                }
            }
            mouse(&mut app, MouseEventKind::ScrollDown, w, h);
            terminal(w, h, &app);
        }
    }
}

/// The windows that hold something of the user's, reached with it typed
/// or decided: a form with a changed title, the skip reason, the quit
/// question over an edit, a merge, last time's edits to restore.
const HOLDING: [&str; 5] = ["form", "reason", "quit", "merge", "restore"];

fn set_up_holding(setup: &str) -> App {
    let mut app = sample_app(Lang::Zh);
    match setup {
        "quit" => {
            press(&mut app, "hhd");
            app.handle_event(&key(KeyCode::Enter));
            press(&mut app, "q");
        }
        "form" => {
            press(&mut app, "a6");
            app.handle_event(&key(KeyCode::Tab));
            press(&mut app, "石化街道读书会");
        }
        "reason" => press(&mut app, "hhd设备检修"),
        other => return set_up(other),
    }
    app
}

/// What a window holds of the user's: a form's values, the delete
/// question's reason, and the schedule.
fn held(app: &App) -> String {
    let form = app.dialog::<dialogs::form::FormDialog>().map(|f| {
        format!(
            "{:?}",
            f.ef.form
                .fields
                .iter()
                .map(stationcal::tui::field::Field::shown)
                .collect::<Vec<_>>()
        )
    });
    let reason = app
        .dialog::<dialogs::delete::Delete>()
        .map(|d| d.reason.text().to_owned());
    format!(
        "{form:?} {reason:?} {:?} {}",
        app.dialog_name(),
        app.schedule == app.saved
    )
}

#[test]
fn a_click_outside_a_window_never_loses_what_it_holds() {
    for setup in HOLDING {
        for size in SIZES {
            let mut app = set_up_holding(setup);
            let buf = draw(&app, size);
            let before = held(&app);
            assert!(before.contains("Some"), "{setup}: {before}");
            let schedule = app.schedule.clone();
            let area = app
                .dialogs()
                .last()
                .map(|d| d.area(&app, buf.area))
                .expect("a window");
            let mut checked = 0;
            // Every cell outside the window, one after the other.
            for y in 0..size.1 {
                for x in 0..size.0 {
                    let at = Position::new(x, y);
                    if area.contains(at) {
                        continue;
                    }
                    click(&mut app, at);
                    assert_eq!(held(&app), before, "{setup} {size:?}: a click at {at:?}");
                    assert!(app.schedule == schedule && !app.quit, "{setup} {at:?}");
                    checked += 1;
                }
            }
            assert!(
                checked > 200,
                "{setup} {size:?}: only {checked} cells outside"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 160,
        // Most cells of the calendar's views open nothing: skipped.
        max_global_rejects: 20_000,
        ..ProptestConfig::default()
    })]

    /// Terminals report a double click as two clicks. When the first one
    /// opens or closes a window, the second belongs to it: the state after
    /// a double click is the state after one click, wherever it lands.
    #[test]
    fn a_double_click_that_opens_or_closes_a_window_acts_once(
        setup in prop::sample::select(SETUPS.to_vec()),
        (w, h) in prop::sample::select(SIZES.to_vec()),
        x in 0u16..120,
        y in 0u16..40,
    ) {
        let (x, y) = (x % w, y % h);
        let at = Position::new(x, y);
        let mut once = set_up(setup);
        draw(&once, (w, h));
        let before = (once.dialogs().count(), once.dialog_name());
        click(&mut once, at);
        let changed = (once.dialogs().count(), once.dialog_name()) != before;
        prop_assume!(changed);
        let mut twice = set_up(setup);
        draw(&twice, (w, h));
        double_click(&mut twice, at);
        prop_assert_eq!(state(&twice), state(&once), "{} at {:?}", setup, at);
        prop_assert!(twice.schedule == once.schedule);
    }
}
