//! Keys are data: a user's overrides reach every dialog, not only the
//! calendar. With `down` on `n`, `up` on `N`, `confirm` on Ctrl-o and
//! `cancel` on Ctrl-g, every list moves by `n`/`N` (and no longer by `j`),
//! every dialog confirms and cancels by the new keys, and the hints name
//! them.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::tui::app::App;
use stationcal::tui::dialogs::{
    add_menu::AddMenu, delete::Delete, details::Details, filter::Filter, form::FormDialog,
    help::Help, quit::Quit,
};
use stationcal::tui::keymap::Keymap;

use crate::support::{key, press, sample_app, screen};

fn remapped_app() -> App {
    let mut app = sample_app(Lang::Zh);
    let overrides: BTreeMap<String, Vec<String>> = [
        ("down", vec!["n"]),
        ("up", vec!["N"]),
        ("confirm", vec!["Ctrl-o"]),
        ("cancel", vec!["Ctrl-g"]),
    ]
    .into_iter()
    .map(|(a, k)| (a.to_owned(), k.into_iter().map(str::to_owned).collect()))
    .collect();
    let (keymap, problems) = Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    app.keymap = keymap;
    app
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

#[test]
fn a_remapped_down_moves_every_list_and_j_no_longer_does() {
    let mut app = remapped_app();
    // The add menu.
    press(&mut app, "a");
    let start = app.dialog::<AddMenu>().expect("add menu").menu.selected();
    press(&mut app, "j");
    assert_eq!(
        app.dialog::<AddMenu>().map(|m| m.menu.selected()),
        Some(start)
    );
    press(&mut app, "N");
    assert_eq!(
        app.dialog::<AddMenu>().map(|m| m.menu.selected()),
        Some(start - 1)
    );
    press(&mut app, "n");
    assert_eq!(
        app.dialog::<AddMenu>().map(|m| m.menu.selected()),
        Some(start)
    );
    ctrl(&mut app, 'g');
    assert!(!app.has_dialog());
    // The filter.
    press(&mut app, "fn");
    assert_eq!(app.dialog::<Filter>().map(|f| f.menu.selected()), Some(1));
    press(&mut app, " ");
    assert!(!app.shown[1], "Space toggles the selected programme");
    ctrl(&mut app, 'g');
    // The delete dialog on Wednesday's screening.
    // Its reason field takes letters, so n is typed and the arrows move.
    press(&mut app, "hhd");
    assert_eq!(app.dialog::<Delete>().map(|d| d.menu.selected()), Some(0));
    press(&mut app, "n");
    assert_eq!(
        app.dialog::<Delete>().map(|d| d.reason.text().to_owned()),
        Some("n".to_owned())
    );
    app.handle_event(&key(KeyCode::Down));
    assert_eq!(app.dialog::<Delete>().map(|d| d.menu.selected()), Some(1));
    assert!(
        screen(80, 24, &app).contains("N/n 选择"),
        "the hint names the keys"
    );
    ctrl(&mut app, 'g');
    assert!(!app.has_dialog());
    assert!(!app.is_dirty());
}

#[test]
fn windows_scroll_by_the_remapped_keys() {
    let mut app = remapped_app();
    press(&mut app, "?");
    assert!(app.dialog::<Help>().is_some());
    let top = screen(80, 24, &app);
    press(&mut app, "nnn");
    let scrolled = screen(80, 24, &app);
    assert_ne!(top, scrolled, "n scrolls the help");
    press(&mut app, "NNN");
    assert_eq!(screen(80, 24, &app), top, "N scrolls it back");
    ctrl(&mut app, 'g');
    assert!(!app.has_dialog());
    // Details: the remapped confirm edits, the remapped cancel closes.
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.dialog::<Details>().is_some());
    ctrl(&mut app, 'o');
    assert!(
        app.dialog::<FormDialog>().is_some(),
        "confirm edits from details"
    );
    // In a form, n is typing; the remapped cancel closes it.
    ctrl(&mut app, 'g');
    assert!(!app.has_dialog());
    assert!(!app.is_dirty());
}

#[test]
fn a_form_confirms_with_the_remapped_key_and_its_hint_says_so() {
    let mut app = remapped_app();
    press(&mut app, "a");
    ctrl(&mut app, 'o');
    let form = app.dialog::<FormDialog>().expect("a form");
    let title_field = form
        .ef
        .form
        .fields
        .iter()
        .position(|f| f.key == "title")
        .expect("the event form has a title");
    let s = screen(100, 30, &app);
    assert!(s.contains("Ctrl-o 确认"), "{s}");
    assert!(s.contains("Ctrl-g 取消"), "{s}");
    {
        // Fill the title and confirm with the new key.
        for _ in 0..title_field {
            app.handle_event(&key(KeyCode::Tab));
        }
        press(&mut app, "new event");
        // An activity needs a room or a place: the place is five fields on.
        for _ in 0..5 {
            app.handle_event(&key(KeyCode::Tab));
        }
        press(&mut app, "hall");
        ctrl(&mut app, 'o');
        assert!(
            !app.has_dialog(),
            "{:?} {}",
            app.status,
            screen(100, 30, &app)
        );
        assert!(app.is_dirty());
    }
}

#[test]
fn quitting_with_unsaved_edits_asks_and_the_remapped_keys_answer() {
    let mut app = remapped_app();
    press(&mut app, "hhd");
    ctrl(&mut app, 'o');
    assert!(app.is_dirty());
    press(&mut app, "q");
    assert!(app.dialog::<Quit>().is_some());
    press(&mut app, "n");
    assert_eq!(app.dialog::<Quit>().map(|q| q.menu.selected()), Some(1));
    ctrl(&mut app, 'o');
    assert!(app.quit, "the second option discards and quits");
}
