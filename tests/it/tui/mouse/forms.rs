//! Edit forms by mouse: a click on a field gives it the focus (the real
//! cursor goes there, for the input method), on its label selects its text
//! (typing replaces it), in its text puts the caret at the character
//! clicked; a choice's list opens on a click and takes one; typing then
//! edits that field only.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;
use stationcal::i18n::Lang;
use stationcal::tui::app::App;
use stationcal::tui::dialogs::form::FormDialog;

use super::details::window;
use super::{SIZES, dialog, draw, find, find_in, text_of};
use crate::support::{click, date, hit, key, locate_all, press, sample_app, terminal, wheel};

fn form(app: &App) -> &stationcal::tui::form::Form {
    &app.dialog::<FormDialog>().expect("a form is open").ef.form
}

/// Every field's text (or chosen option), by key.
fn values(app: &App) -> Vec<(&'static str, String)> {
    form(app)
        .fields
        .iter()
        .map(|f| (f.key, f.shown()))
        .collect()
}

fn value(app: &App, key: &str) -> String {
    form(app).field(key).expect("the field").shown()
}

fn focused(app: &App) -> &'static str {
    let f = form(app);
    f.fields[f.focus].key
}

/// Draws the app and returns the screen and the real cursor.
fn drawn(app: &App, (w, h): (u16, u16)) -> (Buffer, Position) {
    let mut t = terminal(w, h, app);
    let cursor = t.get_cursor_position().expect("cursor");
    (t.backend().buffer().clone(), cursor)
}

/// Where a field's label is drawn in the form titled `title`: at the left
/// edge inside its border (the same words may stand in a value).
fn label(buf: &Buffer, title: &str, label: &str) -> Position {
    let win = window(buf, title);
    locate_all(buf, label)
        .into_iter()
        .find(|p| p.x == win.x + 1 && win.contains(*p))
        .unwrap_or_else(|| panic!("no label {label}:\n{}", text_of(buf)))
}

/// A field's row and the column its value starts at in the add-event
/// form, found by its label and by a value drawn in the same column
/// (`value_at`, e.g. the date).
fn field_cell(buf: &Buffer, name: &str, value_at: &str) -> Position {
    let win = window(buf, "新增活动");
    let row = label(buf, "新增活动", name).y;
    Position::new(find_in(buf, value_at, win).x, row)
}

/// Types each character of `s` as the terminal sends committed input.
fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_event(&key(KeyCode::Char(c)));
    }
}

/// Whether fields other than `except` still hold what they held.
fn others_unchanged(before: &[(&str, String)], after: &[(&str, String)], except: &str) {
    for ((k, a), (_, b)) in before.iter().zip(after) {
        if *k != except {
            assert_eq!(a, b, "field {k} changed while {except} was edited");
        }
    }
}

#[test]
fn a_click_focuses_a_field_and_typing_edits_that_field_only() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "a");
        let buf = draw(&app, size);
        click(&mut app, find(&buf, "其他活动：新增"));
        assert_eq!(dialog(&app), "FormDialog", "{size:?}");
        assert_eq!(focused(&app), "id");
        let buf = draw(&app, size);

        // The place, in its empty value: the focus and the real cursor go there.
        let place = field_cell(&buf, "地点", "2026-11-27");
        click(&mut app, Position::new(place.x + 3, place.y));
        assert_eq!(focused(&app), "place", "{size:?}");
        let (_, cursor) = drawn(&app, size);
        assert_eq!(cursor, place, "{size:?}: the cursor is in the place field");
        let before = values(&app);
        type_text(&mut app, "党员活动室门前");
        assert_eq!(value(&app, "place"), "党员活动室门前");
        others_unchanged(&before, &values(&app), "place");
        let (buf, cursor) = drawn(&app, size);
        // The cursor after the typed text, by display width (two a character).
        assert_eq!(cursor, Position::new(place.x + 14, place.y));
        assert!(text_of(&buf).contains("党员活动室门前"));

        // The id, inside its text: the caret goes before the character clicked.
        let id = field_cell(&buf, "编号", "2026-11-27");
        assert_eq!(value(&app, "id"), "E13");
        click(&mut app, Position::new(id.x + 1, id.y));
        assert_eq!(focused(&app), "id");
        let (_, cursor) = drawn(&app, size);
        assert_eq!(cursor, Position::new(id.x + 1, id.y), "{size:?}");
        let before = values(&app);
        type_text(&mut app, "9");
        assert_eq!(value(&app, "id"), "E913", "{size:?}");
        others_unchanged(&before, &values(&app), "id");

        // The start time, on its label: its whole text is selected and
        // typing replaces it.
        let buf = draw(&app, size);
        let start = field_cell(&buf, "开始", "2026-11-27");
        click(&mut app, label(&buf, "新增活动", "开始"));
        assert_eq!(focused(&app), "start");
        let before = values(&app);
        type_text(&mut app, "19:30");
        assert_eq!(value(&app, "start"), "19:30", "{size:?}");
        others_unchanged(&before, &values(&app), "start");
        let (_, cursor) = drawn(&app, size);
        assert_eq!(cursor, Position::new(start.x + 5, start.y));
        assert!(app.has_dialog(), "clicks inside never close the form");
    }
}

#[test]
fn a_click_on_a_choice_opens_its_list_and_a_click_takes_an_option() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        // The Wednesday film, its edit form: Enter for the details, Enter again.
        press(&mut app, "hh");
        hit(&mut app, KeyCode::Enter, 2);
        assert_eq!(dialog(&app), "FormDialog", "{size:?}");
        let room_before = value(&app, "room");
        assert!(room_before.contains("多功能厅"), "{room_before}");
        let buf = draw(&app, size);
        let win = window(&buf, "电影放映");
        click(&mut app, find_in(&buf, "多功能厅", win));
        assert_eq!(focused(&app), "room");
        assert!(form(&app).picker.is_some(), "{size:?}: the list opens");
        let buf = draw(&app, size);
        let list = window(&buf, "选择");
        let before = values(&app);
        click(&mut app, find_in(&buf, "党员活动室", list));
        assert!(
            form(&app).picker.is_none(),
            "{size:?}: taking an option closes it"
        );
        assert!(
            value(&app, "room").contains("党员活动室"),
            "{}",
            value(&app, "room")
        );
        others_unchanged(&before, &values(&app), "room");

        // Open again; a click outside the list closes it, the form stays.
        let buf = draw(&app, size);
        let win = window(&buf, "电影放映");
        click(&mut app, find_in(&buf, "党员活动室", win));
        assert!(form(&app).picker.is_some());
        click(&mut app, Position::new(0, 0));
        assert!(form(&app).picker.is_none());
        assert_eq!(dialog(&app), "FormDialog");
        // Outside the form: nothing, whatever was typed stays.
        click(&mut app, Position::new(0, 0));
        assert_eq!(
            dialog(&app),
            "FormDialog",
            "{size:?}: a stray click closed the form"
        );
        assert!(value(&app, "room").contains("党员活动室"));

        // Confirmed by key, the film moved to the other room.
        hit(&mut app, KeyCode::Enter, 1);
        if app.has_dialog() {
            // A clash found: a second Enter keeps it anyway.
            hit(&mut app, KeyCode::Enter, 1);
        }
        assert!(!app.has_dialog(), "{size:?}: {:?}", app.dialog_name());
        let film = app
            .day(date(2026, 11, 25))
            .into_iter()
            .find(|o| o.title.as_deref() == Some("焦裕禄"))
            .expect("the film")
            .clone();
        assert_eq!(film.room.as_deref(), Some("党员活动室"), "{size:?}");
    }
}

#[test]
fn the_wheel_moves_from_field_to_field() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "a6");
        assert_eq!(focused(&app), "id");
        let buf = draw(&app, size);
        let win = window(&buf, "新增活动");
        let middle = Position::new(win.x + 4, win.y + 3);
        wheel(&mut app, middle, true, 2);
        assert_eq!(focused(&app), "date", "{size:?}");
        let (_, cursor) = drawn(&app, size);
        assert_eq!(cursor.y, label(&buf, "新增活动", "日期").y);
        wheel(&mut app, middle, false, 1);
        assert_eq!(focused(&app), "title");
    }
}

/// A long text scrolled in its field: a click on a character shown puts
/// the caret before that character, not at the same column from the start.
#[test]
fn a_click_in_a_scrolled_field_lands_on_the_character_clicked() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "a6");
        let buf = draw(&app, size);
        let title = field_cell(&buf, "名称", "2026-11-27");
        click(&mut app, title);
        // Longer than any field: it scrolls to keep the caret in view.
        let long = "石化街道".repeat(12) + "ABCDEFGH";
        type_text(&mut app, &long);
        let buf = draw(&app, size);
        let win = window(&buf, "新增活动");
        let b = find_in(&buf, "BCD", win);
        click(&mut app, b);
        type_text(&mut app, "x");
        let want = "石化街道".repeat(12) + "AxBCDEFGH";
        assert_eq!(value(&app, "title"), want, "{size:?}:\n{}", text_of(&buf));
    }
}
