//! A list field as the user sees it: one item a row, the hint saying how to
//! add and remove items, and the real cursor at the caret's display column
//! (where the input method draws), at 80×24 and 120×40, in both languages.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;
use stationcal::i18n::Lang;
use stationcal::tui::app::App;
use unicode_width::UnicodeWidthStr;

use crate::support::{key, locate, press, sample_app, terminal};

fn cursor(app: &App, w: u16, h: u16) -> (Buffer, Position) {
    let mut t = terminal(w, h, app);
    let pos = t.get_cursor_position().expect("cursor");
    (t.backend().buffer().clone(), pos)
}

/// The March 乐淘淘 form, focus on its second service.
fn march_services(lang: Lang) -> App {
    let mut app = sample_app(lang);
    press(&mut app, "g2027-03-20");
    for code in [
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Down,
    ] {
        app.handle_event(&key(code));
    }
    app
}

#[test]
fn a_list_is_drawn_one_item_a_row_with_the_cursor_at_the_caret() {
    let items = [
        "测血压、血糖",
        "家庭医生签约咨询",
        "中医推拿体验",
        "爱心理发",
    ];
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = march_services(lang);
            let (buf, pos) = cursor(&app, w, h);
            let rows: Vec<Position> = items
                .iter()
                .map(|item| {
                    locate(&buf, &format!("- {item}"))
                        .unwrap_or_else(|| panic!("{lang:?} {w}x{h}: {item} on a row of its own"))
                })
                .collect();
            for pair in rows.windows(2) {
                assert_eq!((pair[1].x, pair[1].y), (pair[0].x, pair[0].y + 1));
            }
            let add = locate(&buf, "+ ").expect("the adding row");
            assert_eq!((add.x, add.y), (rows[0].x, rows[3].y + 1));
            let hint = lang.pick("Ctrl-d 删除此项", "Ctrl-d deletes");
            assert!(locate(&buf, hint).is_some(), "{lang:?} {w}x{h}: hint");
            // The caret is at the end of the second item, by display width.
            let end = rows[1].x + 2 + u16::try_from(items[1].width()).expect("narrow");
            assert_eq!((pos.x, pos.y), (end, rows[1].y), "{lang:?} {w}x{h}");
            // Typed Chinese moves it two columns a character.
            press(&mut app, "、上门");
            let (_, typed) = cursor(&app, w, h);
            assert_eq!((typed.x, typed.y), (end + 6, rows[1].y));
            // On the adding row the caret waits after the `+ `.
            for _ in 0..3 {
                app.handle_event(&key(KeyCode::Down));
            }
            let (_, on_add) = cursor(&app, w, h);
            assert_eq!((on_add.x, on_add.y), (add.x + 2, add.y));
        }
    }
}
