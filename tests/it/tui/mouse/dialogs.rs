//! Windows by mouse: a click chooses an option of the add menu, the
//! delete / skip question, the filter, the search results, the quit
//! question and a merge; the wheel moves in them. A click outside closes
//! what holds nothing of the user's (a menu, the filter, help, details) and
//! is ignored where closing would decide something (delete, quit, merge,
//! restore) or lose typing (a form, see `forms`).

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;
use stationcal::i18n::Lang;
use stationcal::model::Programme;
use stationcal::model::merge::Conflict;
use stationcal::model::validate::Part;
use stationcal::tui::app::App;
use stationcal::tui::dialogs::add_menu::AddMenu;
use stationcal::tui::dialogs::delete::Delete;
use stationcal::tui::dialogs::form::FormDialog;
use stationcal::tui::dialogs::merge::Merge;
use stationcal::tui::forms::FormKind;

use super::details::window;
use super::{SIZES, body, dialog, draw, find, find_in, shows_in, text_of};
use crate::support::{
    clean_workspace_app, click, date, double_click, key, press, sample_app, sample_copy, wheel,
};
use stationcal::store::load_dir;

/// The Wednesday film, if it is still scheduled (not skipped).
fn film_skipped(app: &App) -> Option<bool> {
    app.day(date(2026, 11, 25))
        .into_iter()
        .find(|o| o.title.as_deref() == Some("焦裕禄"))
        .map(stationcal::model::Occurrence::is_skipped)
}

#[test]
fn a_click_on_an_add_menu_item_opens_its_form() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "a");
        let buf = draw(&app, size);
        let menu = window(&buf, "新增什么");
        // Its title and border, and the blank row under the items: nothing.
        click(&mut app, Position::new(menu.x, menu.y));
        click(&mut app, Position::new(menu.x + 2, menu.bottom() - 2));
        assert_eq!(dialog(&app), "AddMenu", "{size:?}");
        // The wheel moves the selection.
        let before = app.dialog::<AddMenu>().expect("menu").menu.selected();
        wheel(&mut app, Position::new(menu.x + 4, menu.y + 2), false, 2);
        let after = app.dialog::<AddMenu>().expect("menu").menu.selected();
        assert_eq!(after, before - 2, "{size:?}");
        // An item: its form.
        click(&mut app, find_in(&buf, "微党课：安排一场", menu));
        let f = app.dialog::<FormDialog>().expect("the session form");
        assert_eq!(f.ef.kind, FormKind::Session { index: None }, "{size:?}");

        // Outside the menu: it closes, nothing else happens.
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "a");
        let buf = draw(&app, size);
        let menu = window(&buf, "新增什么");
        click(
            &mut app,
            Position::new(menu.x.saturating_sub(1), menu.y + 1),
        );
        assert!(!app.has_dialog(), "{size:?}");
        assert_eq!(app.cursor, date(2026, 11, 27), "the click went no further");
    }
}

#[test]
fn a_click_on_the_safe_option_skips_the_date_once() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "hhd");
        press(&mut app, "设备检修");
        let buf = draw(&app, size);
        let win = window(&buf, "电影放映 11月25日");
        // Outside: ignored, the question stays with what was typed.
        click(&mut app, Position::new(0, win.y));
        click(&mut app, Position::new(win.x + 3, win.bottom() - 2));
        assert_eq!(dialog(&app), "Delete", "{size:?}");
        assert_eq!(
            app.dialog::<Delete>().expect("delete").reason.text(),
            "设备检修"
        );
        // The first option is selected: a click on it carries it out. A
        // double click does it once, and its second click stays here.
        double_click(&mut app, find_in(&buf, "仅这一次", win));
        assert!(!app.has_dialog(), "{size:?}: {:?}", app.dialog_name());
        assert_eq!(film_skipped(&app), Some(true));
        assert_eq!(
            app.cursor,
            date(2026, 11, 25),
            "{size:?}: the second click moved on"
        );
        let o = app.selected_occurrence().expect("the film");
        assert_eq!(o.title.as_deref(), Some("焦裕禄"));
        assert!(
            format!("{:?}", o.status).contains("设备检修"),
            "{:?}",
            o.status
        );
        assert!(app.is_dirty());
    }
}

#[test]
fn the_whole_series_takes_two_clicks_and_a_y() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "hhd");
        let buf = draw(&app, size);
        let win = window(&buf, "电影放映 11月25日");
        let series = find_in(&buf, "整个系列", win);
        click(&mut app, series);
        let d = app.dialog::<Delete>().expect("delete");
        assert_eq!((d.menu.selected(), d.confirming), (1, false), "{size:?}");
        click(&mut app, series);
        assert!(app.dialog::<Delete>().expect("delete").confirming);
        let buf = draw(&app, size);
        assert!(
            shows_in(&buf, "确定要结束整个系列吗", win),
            "{}",
            text_of(&buf)
        );
        // No click ends a series: only the key.
        click(&mut app, series);
        click(&mut app, find_in(&buf, "仅这一次", win));
        assert!(app.dialog::<Delete>().expect("delete").confirming);
        assert!(!app.is_dirty(), "{size:?}");
        press(&mut app, "y");
        assert!(!app.has_dialog());
        assert!(app.is_dirty());
        assert_eq!(film_skipped(&app), None, "{size:?}: the series ended");
    }
}

#[test]
fn a_click_in_the_filter_toggles_a_programme() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "f");
        let buf = draw(&app, size);
        let win = window(&buf, "筛选");
        click(&mut app, find_in(&buf, "电影放映", win));
        assert!(!app.is_shown(Programme::Screening), "{size:?}");
        assert_eq!(dialog(&app), "Filter", "a toggle keeps the filter open");
        let buf = draw(&app, size);
        assert!(
            text_of(&buf)
                .lines()
                .next()
                .is_some_and(|l| l.contains("[已筛选]"))
        );
        assert!(!shows_in(&buf, "焦裕禄", body(&buf)), "{}", text_of(&buf));
        click(&mut app, find_in(&buf, "电影放映", win));
        assert!(app.is_shown(Programme::Screening));
        click(&mut app, find_in(&buf, "活动", win));
        assert!(!app.is_shown(Programme::Event));
        // Outside: closes, the choice stays.
        click(&mut app, Position::new(win.right(), win.y));
        assert!(!app.has_dialog(), "{size:?}");
        assert!(!app.is_shown(Programme::Event));
        assert!(app.is_shown(Programme::Screening));
    }
}

#[test]
fn a_click_on_a_search_result_selects_it_and_a_second_jumps_there() {
    for size in SIZES {
        // Four 乐淘淘 days offer 咨询, September's first (selected).
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "/咨询");
        let buf = draw(&app, size);
        let win = window(&buf, "搜索");
        let december = find_in(&buf, "法律援助乐", win);
        click(&mut app, december);
        assert_eq!(dialog(&app), "Search", "{size:?}: one click selects");
        assert_eq!(app.cursor, date(2026, 11, 27));
        click(&mut app, december);
        assert!(!app.has_dialog(), "{size:?}: a second click jumps");
        assert_eq!(app.cursor, date(2026, 12, 19), "{size:?}");
        let o = app.selected_occurrence().expect("the service day");
        assert_eq!(o.title.as_deref(), Some("法律援助乐"));

        // A double click on the selected one jumps, and its second click
        // does not land on the calendar beneath.
        let mut app = sample_app(Lang::Zh);
        press(&mut app, "/咨询");
        let buf = draw(&app, size);
        let september = find_in(&buf, "心灵之窗乐", window(&buf, "搜索"));
        double_click(&mut app, september);
        assert!(!app.has_dialog());
        assert_eq!(app.cursor, date(2026, 9, 19), "{size:?}");
        assert_eq!(
            app.selected_occurrence()
                .and_then(|o| o.title.clone())
                .as_deref(),
            Some("心灵之窗乐")
        );
    }
}

#[test]
fn quitting_by_mouse_asks_and_a_stray_click_decides_nothing() {
    for size in SIZES {
        let dir = sample_copy();
        let mut app = clean_workspace_app(dir.path());
        press(&mut app, "hhd");
        app.handle_event(&key(KeyCode::Enter));
        assert!(app.is_dirty());
        press(&mut app, "q");
        let buf = draw(&app, size);
        let win = window(&buf, "有未保存的修改");
        for outside in [Position::new(0, 0), Position::new(win.x, win.bottom())] {
            click(&mut app, outside);
        }
        click(&mut app, Position::new(win.x + 2, win.bottom() - 2));
        assert_eq!(dialog(&app), "Quit", "{size:?}");
        click(&mut app, find_in(&buf, "返回继续编辑", win));
        assert!(!app.has_dialog() && !app.quit && app.is_dirty(), "{size:?}");

        press(&mut app, "q");
        click(&mut app, find_in(&buf, "保存并退出", win));
        assert!(app.quit, "{size:?}: {:?}", app.status);
        assert!(!app.is_dirty());
        let on_disk = load_dir(dir.path()).schedule;
        assert_eq!(on_disk, app.schedule, "{size:?}: saved before quitting");
    }
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Enter));
    press(&mut app, "q");
    let buf = draw(&app, (80, 24));
    click(&mut app, find(&buf, "不保存"));
    assert!(app.quit);
}

/// A merge with two conflicts (a title changed both ways, an entry
/// deleted here and changed in the file).
fn merge() -> Merge {
    Merge {
        part: Part::Events,
        conflicts: vec![
            Conflict {
                path: "events[E1].title".into(),
                mine: Some(serde_json::json!("读书沙龙")),
                theirs: Some(serde_json::json!("读书分享会")),
            },
            Conflict {
                path: "events[E2]".into(),
                mine: None,
                theirs: Some(serde_json::json!({"id": "E2", "title": "棋牌比赛"})),
            },
        ],
        take_mine: Vec::new(),
        sync_path: None,
    }
}

fn decided(app: &App) -> Vec<bool> {
    app.dialog::<Merge>().expect("the merge").take_mine.clone()
}

#[test]
fn a_click_on_a_side_of_a_merge_keeps_that_side_and_elsewhere_nothing() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        app.open(merge());
        let buf = draw(&app, size);
        let win = window(&buf, "events.ron 两边都改了");
        // The path, the blank row, the hint, the border, outside: nothing.
        for at in [
            find_in(&buf, "events[E1].title", win),
            find_in(&buf, "暂不保存", win),
            Position::new(win.x + 2, win.bottom() - 2),
            Position::new(win.x, win.y + 3),
            Position::new(0, 0),
        ] {
            click(&mut app, at);
            assert_eq!(
                decided(&app),
                Vec::<bool>::new(),
                "{size:?}: a click at {at:?}"
            );
        }
        // The file's side, by its value: the file's kept.
        click(&mut app, find_in(&buf, "读书分享会", win));
        assert_eq!(decided(&app), vec![false], "{size:?}");
        // The second conflict: the user's side, by its label.
        let buf = draw(&app, size);
        let win = window(&buf, "events.ron 两边都改了");
        assert!(shows_in(&buf, "（已删除）", win), "{}", text_of(&buf));
        let before = app.schedule.clone();
        click(&mut app, find_in(&buf, "你的修改", win));
        // Both decided: the dialog hands over (no folder here to save to).
        assert!(!app.has_open::<Merge>(), "{size:?}");
        assert_eq!(app.schedule, before);
    }
}

#[test]
fn a_click_outside_closes_help_details_goto_and_search() {
    for (keys, name) in [
        ("?", "Help"),
        ("\n", "Details"),
        ("g", "GoTo"),
        ("/焦裕禄", "Search"),
    ] {
        for size in SIZES {
            let mut app = sample_app(Lang::Zh);
            for c in keys.chars() {
                match c {
                    '\n' => app.handle_event(&key(KeyCode::Enter)),
                    c => press(&mut app, &c.to_string()),
                }
            }
            assert_eq!(dialog(&app), name);
            draw(&app, size);
            click(&mut app, Position::new(0, size.1 - 1));
            assert!(!app.has_dialog(), "{name} {size:?}");
            assert_eq!(app.cursor, date(2026, 11, 27));
        }
    }
}
