//! Opening an activity's details with the mouse (a double click, a click
//! on what is selected, a click on the detail pane) and scrolling them with
//! the wheel.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Position, Rect};
use stationcal::i18n::Lang;
use stationcal::model::validate::Part;
use stationcal::store::sample;
use stationcal::tui::app::App;

use super::{SIZES, dialog, draw, find, find_in, pane, shows_in, text_of, week_column};
use crate::support::{
    app_on_texts, click, date, double_click, hit, key, locate_all, press, sample_app, screen,
    today, wheel,
};

/// A window drawn with a box whose title starts with `title`: from its
/// top-left corner to its bottom-right one.
pub fn window(buf: &Buffer, title: &str) -> Rect {
    let top = find(buf, &format!("┌ {title}"));
    let bottom = (top.y + 1..buf.area.bottom())
        .find(|&y| buf.cell((top.x, y)).is_some_and(|c| c.symbol() == "└"))
        .unwrap_or_else(|| panic!("window {title} has no bottom:\n{}", text_of(buf)));
    let right = (top.x + 1..buf.area.right())
        .find(|&x| buf.cell((x, top.y)).is_some_and(|c| c.symbol() == "┐"))
        .unwrap_or_else(|| panic!("window {title} has no right corner:\n{}", text_of(buf)));
    Rect::new(top.x, top.y, right + 1 - top.x, bottom + 1 - top.y)
}

fn details_open(app: &App) -> bool {
    dialog(app) == "Details"
}

#[test]
fn a_double_click_on_an_activity_opens_its_details() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        let wed = week_column(&buf, "周三 11/25", Some("周四 11/26"));
        let film = find_in(&buf, "焦裕禄", wed);
        double_click(&mut app, film);
        assert!(details_open(&app), "{size:?}: {:?}", app.dialog_name());
        assert_eq!(app.cursor, date(2026, 11, 25));
        let buf = draw(&app, size);
        let win = window(&buf, "详情");
        assert!(shows_in(&buf, "焦裕禄", win), "{}", text_of(&buf));
        app.handle_event(&key(KeyCode::Esc));

        // Now that it is selected, a double click opens it and keeps it
        // open: the second click is not one outside the window.
        draw(&app, size);
        double_click(&mut app, film);
        assert!(details_open(&app), "{size:?}: the second click closed it");
        app.handle_event(&key(KeyCode::Esc));

        // One click on the selected activity opens it; a click outside the
        // window closes it, and goes no further (the day stays).
        draw(&app, size);
        click(&mut app, film);
        assert!(details_open(&app), "{size:?}");
        let buf = draw(&app, size);
        let win = window(&buf, "详情");
        let outside = Position::new(buf.area.right() - 1, win.y.saturating_sub(1).max(1));
        assert!(!win.contains(outside));
        click(&mut app, outside);
        assert!(
            !app.has_dialog(),
            "{size:?}: a click outside closes the details"
        );
        assert_eq!(app.cursor, date(2026, 11, 25));
        assert_eq!(app.selected, 0);
        // A click inside the window leaves it open.
        click(&mut app, film);
        let buf = draw(&app, size);
        let win = window(&buf, "详情");
        click(&mut app, Position::new(win.x + 2, win.y + 2));
        assert!(details_open(&app), "{size:?}");
    }
}

#[test]
fn a_click_on_the_detail_pane_opens_the_details() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        let p = pane(&buf);
        let at = Position::new(p.x + 1, p.y + 1);
        click(&mut app, at);
        assert!(details_open(&app), "{size:?}");
        app.handle_event(&key(KeyCode::Esc));
        // Twice at once (a double click) leaves it open too.
        draw(&app, size);
        double_click(&mut app, at);
        assert!(details_open(&app), "{size:?}");
        // A key between two clicks makes them two: the second closes.
        app.handle_event(&key(KeyCode::Esc));
        app.handle_event(&key(KeyCode::Null));
        draw(&app, size);
        click(&mut app, at);
        assert!(details_open(&app));
        app.handle_event(&key(KeyCode::Null));
        let buf = draw(&app, size);
        if !window(&buf, "详情").contains(at) {
            click(&mut app, at);
            assert!(!app.has_dialog(), "{size:?}: a later click is a click");
        }
    }
}

/// How many partners December's 乐淘淘 day is given here: more than the
/// details window holds at 120×40.
const PARTNERS: usize = 40;

fn partner(n: usize) -> String {
    format!("石化街道第{n}联建单位")
}

/// The sample with December's 乐淘淘 day (法律援助乐, Saturday 12-19)
/// given [`PARTNERS`] partners, the cursor on it.
fn long_service_day() -> App {
    let list: Vec<String> = (1..=PARTNERS)
        .map(|n| format!("\"{}\"", partner(n)))
        .collect();
    let texts = sample::texts()
        .into_iter()
        .map(|(part, text)| {
            if part != Part::ServiceDays {
                return (part, text);
            }
            let from = r#"partners: ["金山区法律援助中心", "石化司法所"],"#;
            assert!(text.contains(from), "the sample's December partners moved");
            (
                part,
                text.replace(from, &format!("partners: [{}],", list.join(", "))),
            )
        })
        .collect();
    let mut app = app_on_texts(texts, today(), Lang::Zh);
    assert!(app.diagnostics.is_empty(), "{:?}", app.diagnostics);
    press(&mut app, "g2026-12-19");
    hit(&mut app, KeyCode::Enter, 1);
    assert_eq!(app.cursor, date(2026, 12, 19));
    app
}

/// The "more below" note in a window's bottom border.
fn more_below(buf: &Buffer, win: Rect) -> bool {
    locate_all(buf, "下面还有")
        .iter()
        .any(|p| p.y == win.bottom() - 1 && win.contains(*p))
}

#[test]
fn the_wheel_scrolls_the_details_to_their_end_and_back() {
    let head = "乐淘淘 法律援助乐";
    let last = partner(PARTNERS);
    for size in SIZES {
        let mut app = long_service_day();
        let buf = draw(&app, size);
        let sat = week_column(&buf, "周六 12/19", Some("周日 12/20"));
        double_click(&mut app, find_in(&buf, "法律援助乐", sat));
        assert!(details_open(&app), "{size:?}");
        let buf = draw(&app, size);
        let win = window(&buf, "详情");
        assert!(shows_in(&buf, head, win), "{}", text_of(&buf));
        assert!(!shows_in(&buf, &last, win));
        assert!(more_below(&buf, win), "{size:?}:\n{}", text_of(&buf));

        // One notch: three lines down (heading, date, lunar date), the
        // host first, then the services.
        let middle = Position::new(win.x + win.width / 2, win.y + win.height / 2);
        wheel(&mut app, middle, true, 1);
        let buf = draw(&app, size);
        assert!(!shows_in(&buf, head, win), "{size:?}:\n{}", text_of(&buf));
        assert!(!shows_in(&buf, "农历", win));
        assert_eq!(find_in(&buf, "主办:", win).y, win.y + 1);
        assert_eq!(
            find_in(&buf, "服务:", win).y,
            win.y + 2,
            "{}",
            text_of(&buf)
        );

        // To the end: the last partner shows, nothing is said to be below.
        wheel(&mut app, middle, true, PARTNERS);
        let buf = draw(&app, size);
        assert!(shows_in(&buf, &last, win), "{size:?}:\n{}", text_of(&buf));
        assert!(!more_below(&buf, win), "{size:?}:\n{}", text_of(&buf));
        // The last line sits on the window's last row inside its border.
        assert_eq!(find_in(&buf, &last, win).y, win.bottom() - 2);

        // Back to the top.
        wheel(&mut app, middle, false, PARTNERS);
        let buf = draw(&app, size);
        assert!(shows_in(&buf, head, win));
        assert!(more_below(&buf, win));
        assert!(details_open(&app), "the wheel never closes it");
    }
}

#[test]
fn the_details_after_one_notch_of_the_wheel_at_80x24() {
    let mut app = long_service_day();
    let buf = draw(&app, (80, 24));
    let sat = week_column(&buf, "周六 12/19", Some("周日 12/20"));
    double_click(&mut app, find_in(&buf, "法律援助乐", sat));
    let buf = draw(&app, (80, 24));
    let win = window(&buf, "详情");
    wheel(&mut app, Position::new(win.x + 4, win.y + 4), true, 1);
    insta::assert_snapshot!("details_after_wheel_80x24", screen(80, 24, &app));
}
