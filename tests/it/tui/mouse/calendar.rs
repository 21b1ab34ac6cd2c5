//! Clicks and the wheel on the calendar: days and activities in the week
//! and the month, the view tabs, the agenda's list, the catalogue.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use stationcal::i18n::Lang;
use stationcal::tui::app::{App, View};

use super::{SIZES, body, dialog, draw, find, find_in, pane, shows_in, text_of, week_column};
use crate::support::{click, date, locate_all, sample_app, wheel};

fn title(app: &App) -> Option<String> {
    app.selected_occurrence().and_then(|o| o.title.clone())
}

/// A view's tab in the header: the last match on the first row (the tabs
/// are at its right; the heading at its left may hold the same text).
fn tab(buf: &Buffer, label: &str) -> Position {
    locate_all(buf, label)
        .into_iter()
        .rfind(|p| p.y == 0)
        .unwrap_or_else(|| panic!("no tab {label}:\n{}", text_of(buf)))
}

#[test]
fn a_click_on_a_day_or_an_activity_of_the_week_selects_it() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        // A day's header: that day, its first activity.
        click(&mut app, find(&buf, "周三 11/25"));
        assert_eq!(app.cursor, date(2026, 11, 25), "{size:?}");
        assert_eq!(title(&app).as_deref(), Some("焦裕禄"), "{size:?}");
        assert!(!app.has_dialog(), "{size:?}: one click opens nothing");
        let buf = draw(&app, size);
        assert!(shows_in(&buf, "焦裕禄", pane(&buf)), "{}", text_of(&buf));

        // Wednesday's second activity, on its first row, then on its title's.
        let wed = week_column(&buf, "周三 11/25", Some("周四 11/26"));
        // `*`: held, still to record (see tui::records).
        let evening = find_in(&buf, "E*19:00", wed);
        click(&mut app, evening);
        assert_eq!((app.cursor, app.selected), (date(2026, 11, 25), 1));
        let buf = draw(&app, size);
        let p = pane(&buf);
        assert!(
            shows_in(&buf, "“8+3”夜间志愿服务", p) && shows_in(&buf, "2026年11月25日", p),
            "{size:?}: the pane shows the clicked activity:\n{}",
            text_of(&buf)
        );
        click(&mut app, find(&buf, "周一 11/23"));
        click(&mut app, Position::new(evening.x + 2, evening.y + 1));
        assert_eq!((app.cursor, app.selected), (date(2026, 11, 25), 1));

        // Tuesday's lecture, by its title.
        let buf = draw(&app, size);
        let tue = week_column(&buf, "周二 11/24", Some("周三 11/25"));
        click(&mut app, find_in(&buf, "浦东开发", tue));
        assert_eq!(app.cursor, date(2026, 11, 24));
        assert_eq!(title(&app).as_deref(), Some("浦东开发开放与上海的腾飞"));
        let buf = draw(&app, size);
        assert!(shows_in(&buf, "浦东开发开放与上海的腾飞", pane(&buf)));

        // Saturday has nothing: the day is selected, the pane says so.
        let sat = week_column(&buf, "周六 11/28", Some("周日 11/29"));
        click(&mut app, Position::new(sat.x + 1, sat.bottom() - 1));
        assert_eq!(app.cursor, date(2026, 11, 28), "{size:?}");
        assert!(app.selected_occurrence().is_none());
        let buf = draw(&app, size);
        assert!(shows_in(&buf, "没有活动", pane(&buf)), "{}", text_of(&buf));
    }
}

#[test]
fn a_click_on_a_view_tab_switches_to_it() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        for (label, view) in [
            ("2月", View::Month),
            ("3日程", View::Agenda),
            ("4目录", View::Catalogue),
            ("1周", View::Week),
        ] {
            let buf = draw(&app, size);
            click(&mut app, tab(&buf, label));
            assert_eq!(app.view, view, "{size:?} {label}");
            assert_eq!(app.cursor, date(2026, 11, 27), "a tab keeps the day");
        }
        // The heading left of the tabs is no tab.
        let buf = draw(&app, size);
        click(&mut app, find(&buf, "石化街道"));
        assert_eq!(app.view, View::Week);
    }
}

/// The month grid's column under a weekday name (`周六`), below its row.
fn month_column(buf: &Buffer, weekday: &str, next: Option<&str>) -> Rect {
    let b = body(buf);
    let at = find_in(buf, weekday, b);
    let right = next.map_or(buf.area.right(), |n| find_in(buf, n, b).x);
    Rect::new(at.x, at.y + 1, right - at.x, b.bottom() - at.y - 1)
}

#[test]
fn a_click_in_the_month_selects_the_day_or_its_activity() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        click(&mut app, tab(&buf, "2月"));
        let buf = draw(&app, size);
        assert!(text_of(&buf).contains("2026年11月"));
        // An activity of the 18th, by its title.
        click(&mut app, find_in(&buf, "横空出世", body(&buf)));
        assert_eq!(app.cursor, date(2026, 11, 18), "{size:?}");
        assert_eq!(title(&app).as_deref(), Some("横空出世"));
        let buf = draw(&app, size);
        assert!(shows_in(&buf, "横空出世", pane(&buf)));

        // Saturday the 28th, on its number: the day, nothing on it.
        let sat = month_column(&buf, "周六", Some("周日"));
        click(&mut app, find_in(&buf, "28", sat));
        assert_eq!(app.cursor, date(2026, 11, 28), "{size:?}");
        assert!(app.selected_occurrence().is_none());

        // A day of the next month shown in the last week: the month turns.
        let buf = draw(&app, size);
        click(&mut app, find_in(&buf, "社会主", body(&buf)));
        assert_eq!(app.cursor, date(2026, 12, 1), "{size:?}");
        assert_eq!(app.view, View::Month);
        let buf = draw(&app, size);
        assert!(
            text_of(&buf)
                .lines()
                .next()
                .is_some_and(|l| l.contains("2026年12月"))
        );
    }
}

#[test]
fn the_agenda_takes_clicks_and_the_wheel_scrolls_it() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        click(&mut app, tab(&buf, "3日程"));
        assert_eq!(app.view, View::Agenda);
        let buf = draw(&app, size);
        let list = body(&buf);
        // A line of the list selects its activity.
        click(&mut app, find_in(&buf, "南征北战", list));
        assert_eq!(app.cursor, date(2026, 12, 2), "{size:?}");
        assert_eq!(title(&app).as_deref(), Some("南征北战"));
        // A date heading selects nothing else.
        let heading = find_in(&buf, "2026年12月3日", list);
        click(&mut app, heading);
        assert_eq!(title(&app).as_deref(), Some("南征北战"), "{size:?}");

        // The wheel moves down the list, and the list scrolls with it:
        // today's heading leaves the screen, the selection stays on it.
        let today = "2026年11月27日 周五（今天）";
        assert!(shows_in(&draw(&app, size), today, list));
        let rows = usize::from(list.height);
        wheel(&mut app, heading, true, rows);
        let buf = draw(&app, size);
        assert!(!shows_in(&buf, today, list), "{size:?}:\n{}", text_of(&buf));
        let chosen = app.selected_occurrence().expect("an activity").clone();
        assert!(chosen.date > date(2026, 12, 2), "{size:?}: {chosen:?}");
        let heading = chosen.date.format("%Y年%-m月%-d日").to_string();
        assert!(
            shows_in(&buf, &heading, list),
            "{heading}:\n{}",
            text_of(&buf)
        );
        assert!(!app.has_dialog());
        // And back up to the top.
        wheel(&mut app, heading_at(&buf, list), false, 3 * rows);
        let buf = draw(&app, size);
        assert!(shows_in(&buf, today, list), "{size:?}:\n{}", text_of(&buf));
        assert_eq!(app.cursor, date(2026, 11, 27));
    }
}

/// A cell in the middle of the list.
fn heading_at(_buf: &Buffer, list: Rect) -> Position {
    Position::new(list.x + list.width / 2, list.y + list.height / 2)
}

#[test]
fn a_click_in_the_catalogue_selects_an_entry_and_a_second_opens_it() {
    for size in SIZES {
        let mut app = sample_app(Lang::Zh);
        let buf = draw(&app, size);
        click(&mut app, tab(&buf, "4目录"));
        assert_eq!(app.view, View::Catalogue);
        assert_eq!(app.catalogue_index, 0);
        let buf = draw(&app, size);
        // The films, in the file's order.
        let films = &app.schedule.screenings.as_ref().expect("films").films;
        let third = films[2].title.clone();
        let at = find_in(&buf, &third, body(&buf));
        click(&mut app, at);
        assert_eq!(app.catalogue_index, 2, "{size:?}");
        assert!(!app.has_dialog());
        // Beside the list, the entry's facts are not entries.
        let buf = draw(&app, size);
        let facts = find(&buf, "放映日期：");
        click(&mut app, facts);
        click(&mut app, Position::new(facts.x, at.y));
        assert_eq!(app.catalogue_index, 2, "{size:?}: the facts took a click");
        assert!(!app.has_dialog());
        // The selected entry again: its details.
        click(&mut app, at);
        assert_eq!(dialog(&app), "Details", "{size:?}");
    }
}
