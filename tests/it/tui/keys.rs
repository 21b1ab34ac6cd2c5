//! Driving the app by key events, as a staffer would, with today fixed at
//! Friday 2026-11-27 on the bundled sample.

use crate::support::{ctrl_s, date, key, press, sample_app, screen, terminal};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Position;
use ratatui::style::Color;
use stationcal::i18n::Lang;
use stationcal::model::Programme;
use stationcal::tui::app::{App, CatalogueTab, View};

fn selected_title(app: &App) -> Option<String> {
    app.selected_occurrence().and_then(|o| o.title.clone())
}

#[test]
fn starts_on_this_week_with_todays_first_activity_selected() {
    let app = sample_app(Lang::Zh);
    assert_eq!(app.view, View::Week);
    assert_eq!(app.cursor, date(2026, 11, 27));
    let o = app
        .selected_occurrence()
        .expect("Friday has the 8+3 service");
    assert_eq!(o.date, date(2026, 11, 27));
    assert_eq!(o.programme, Programme::Event);
}

#[test]
fn arrows_and_hjkl_move_between_days_and_activities() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh");
    assert_eq!(app.cursor, date(2026, 11, 25));
    assert_eq!(selected_title(&app).as_deref(), Some("焦裕禄"));
    press(&mut app, "j");
    assert_eq!(app.selected, 1);
    assert_eq!(
        app.selected_occurrence().map(|o| o.programme),
        Some(Programme::Event)
    );
    press(&mut app, "jj");
    assert_eq!(app.selected, 1, "stops at the last activity of the day");
    app.handle_event(&key(KeyCode::Up));
    assert_eq!(selected_title(&app).as_deref(), Some("焦裕禄"));
    app.handle_event(&key(KeyCode::Right));
    assert_eq!(app.cursor, date(2026, 11, 26));
    assert_eq!(app.selected, 0, "a new day starts at its first activity");
}

#[test]
fn brackets_page_by_week_and_t_returns_to_today() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "]]");
    assert_eq!(app.cursor, date(2026, 12, 11));
    press(&mut app, "[");
    assert_eq!(app.cursor, date(2026, 12, 4));
    press(&mut app, "t");
    assert_eq!(app.cursor, date(2026, 11, 27));
    let s = screen(80, 24, &app);
    assert!(s.contains("2026年11月23日-29日"), "{s}");
}

#[test]
fn month_view_pages_by_month_and_shows_the_theme() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "2]");
    assert_eq!(app.view, View::Month);
    assert_eq!(app.cursor, date(2026, 12, 27));
    let s = screen(120, 40, &app);
    assert!(s.contains("2026年12月"), "{s}");
    // The December theme of the sample.
    let theme = app
        .schedule
        .service_days
        .as_ref()
        .and_then(|sd| {
            sd.months
                .iter()
                .find(|m| m.month.format("%Y-%m").to_string() == "2026-12")
        })
        .map(|m| m.theme.clone())
        .expect("sample has a December theme");
    assert!(s.contains(&theme), "{theme} missing:\n{s}");
    press(&mut app, "j");
    assert_eq!(
        app.cursor,
        date(2027, 1, 3),
        "down moves a week in the month grid"
    );
}

#[test]
fn agenda_walks_through_activities_across_days() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "3");
    assert_eq!(app.view, View::Agenda);
    let first = app
        .selected_occurrence()
        .cloned()
        .expect("today has an activity");
    press(&mut app, "j");
    let second = app.selected_occurrence().cloned().expect("more follow");
    assert!(second.date > first.date || (second.date == first.date && second.start >= first.start));
    assert_ne!((first.date, first.start), (second.date, second.start));
    press(&mut app, "k");
    assert_eq!(app.selected_occurrence(), Some(&first));
}

#[test]
fn tab_cycles_views_and_numbers_jump() {
    let mut app = sample_app(Lang::Zh);
    let mut seen = vec![app.view];
    for _ in 0..5 {
        app.handle_event(&key(KeyCode::Tab));
        seen.push(app.view);
    }
    assert_eq!(
        seen,
        vec![
            View::Week,
            View::Month,
            View::Agenda,
            View::Catalogue,
            View::Stats,
            View::Week
        ]
    );
    app.handle_event(&key(KeyCode::BackTab));
    assert_eq!(app.view, View::Stats);
    press(&mut app, "4");
    assert_eq!(app.view, View::Catalogue);
    press(&mut app, "5");
    assert_eq!(app.view, View::Stats);
    press(&mut app, "1");
    assert_eq!(app.view, View::Week);
}

#[test]
fn catalogue_lists_films_then_lectures_with_their_dates() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "4jj");
    assert_eq!(app.catalogue_tab, CatalogueTab::Films);
    assert_eq!(app.catalogue_index, 2);
    press(&mut app, "l");
    assert_eq!(app.catalogue_tab, CatalogueTab::Lectures);
    assert_eq!(app.catalogue_index, 0);
    let s = screen(120, 40, &app);
    assert!(s.contains("开课日期"), "{s}");
    // The first lecture of the sample is one of the article's real titles.
    assert!(s.contains("石化街道社区精神的传承与发展"), "{s}");
}

#[test]
fn go_to_date_accepts_short_forms_and_reports_bad_ones() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "g12-25");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.cursor, date(2026, 12, 25));
    assert!(!app.has_dialog());
    press(&mut app, "g13-45");
    app.handle_event(&key(KeyCode::Enter));
    assert!(
        app.dialog::<stationcal::tui::dialogs::goto::GoTo>()
            .is_some_and(|g| g.error.is_some())
    );
    assert!(screen(80, 24, &app).contains("看不懂这个日期"));
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.has_dialog());
    assert_eq!(app.cursor, date(2026, 12, 25));
}

#[test]
fn search_finds_a_film_and_enter_jumps_to_it() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "3/");
    // Typed text goes into the field: `q` here must not quit.
    press(&mut app, "q");
    assert!(!app.quit);
    app.handle_event(&key(KeyCode::Backspace));
    press(&mut app, "焦裕禄");
    let Some(stationcal::tui::dialogs::search::Search { results, .. }) =
        app.dialog::<stationcal::tui::dialogs::search::Search>()
    else {
        panic!("search open")
    };
    assert!(
        results
            .iter()
            .all(|o| o.title.as_deref().is_some_and(|t| t.contains("焦裕禄")))
    );
    let film = results
        .iter()
        .position(|o| o.programme == Programme::Screening)
        .expect("the film is found");
    for _ in 0..film {
        app.handle_event(&key(KeyCode::Down));
    }
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.has_dialog());
    assert_eq!(app.cursor, date(2026, 11, 25));
    assert_eq!(selected_title(&app).as_deref(), Some("焦裕禄"));
}

#[test]
fn search_by_speaker_and_pasted_text() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "/");
    let speaker = app
        .schedule
        .lectures
        .as_ref()
        .map(|l| l.catalogue[0].speaker.clone())
        .expect("sample has lectures");
    app.handle_event(&Event::Paste(speaker.clone()));
    let Some(stationcal::tui::dialogs::search::Search { results, input, .. }) =
        app.dialog::<stationcal::tui::dialogs::search::Search>()
    else {
        panic!("search open")
    };
    assert_eq!(input.text(), speaker);
    assert!(!results.is_empty());
    assert!(
        results
            .iter()
            .all(|o| o.speaker() == Some(speaker.as_str()))
    );
}

#[test]
fn the_real_cursor_sits_at_the_caret_by_display_width() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "/");
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let before = stationcal::tui::views::cursor_position(&app, area).expect("field has a cursor");
    press(&mut app, "石化");
    let after = stationcal::tui::views::cursor_position(&app, area).expect("field has a cursor");
    assert_eq!(
        after.x,
        before.x + 4,
        "two Chinese characters are four columns"
    );
    assert_eq!(after.y, before.y);
    app.handle_event(&key(KeyCode::Left));
    let left = stationcal::tui::views::cursor_position(&app, area).expect("cursor");
    assert_eq!(left.x, before.x + 2);
    // The terminal's cursor is placed there when drawing.
    let mut t = terminal(80, 24, &app);
    t.draw(|f| stationcal::tui::draw(f, &app)).expect("draw");
    assert_eq!(t.get_cursor_position().expect("cursor"), left);
}

#[test]
fn filter_hides_a_programme_everywhere() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh");
    assert_eq!(app.day(date(2026, 11, 25)).len(), 2);
    press(&mut app, "f ");
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.is_shown(Programme::Screening));
    let day = app.day(date(2026, 11, 25));
    assert_eq!(day.len(), 1);
    assert!(day.iter().all(|o| o.programme != Programme::Screening));
    assert!(screen(80, 24, &app).contains("[已筛选]"));
    press(&mut app, "f1f");
    assert!(app.is_shown(Programme::Screening));
}

#[test]
fn help_details_and_problems_open_and_close() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "?");
    assert!(
        app.dialog::<stationcal::tui::dialogs::help::Help>()
            .is_some()
    );
    let s = screen(80, 24, &app);
    assert!(s.contains("帮助") && s.contains("跳到日期"), "{s}");
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.has_dialog());
    app.handle_event(&key(KeyCode::Enter));
    assert!(
        app.dialog::<stationcal::tui::dialogs::details::Details>()
            .is_some()
    );
    press(&mut app, "q");
    assert!(!app.has_dialog(), "q closes a window before it quits");
    assert!(!app.quit);
    press(&mut app, "e");
    assert!(screen(80, 24, &app).contains("没有发现问题"));
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn saving_without_a_folder_says_so_and_keeps_the_edits() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hhd");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.is_dirty());
    ctrl_s(&mut app);
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("无法保存")),
        "{:?}",
        app.status
    );
    assert!(app.is_dirty());
}

#[test]
fn key_releases_are_ignored() {
    let mut app = sample_app(Lang::Zh);
    let mut release = KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_event(&Event::Key(release));
    assert_eq!(app.cursor, date(2026, 11, 27));
}

#[test]
fn today_and_cursor_day_are_highlighted_in_colour() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "l");
    let t = terminal(80, 24, &app);
    let buf = t.backend().buffer();
    // Friday (today) is the fifth column, Saturday (cursor) the sixth; 80/7 = 11 columns each.
    let friday = buf.cell(Position::new(4 * 11, 1)).expect("cell");
    let saturday = buf.cell(Position::new(5 * 11, 1)).expect("cell");
    assert_eq!(friday.bg, Color::Yellow);
    assert_eq!(saturday.bg, Color::Cyan);
}

#[test]
fn english_labels_with_lang_en() {
    let app = sample_app(Lang::En);
    let s = screen(100, 30, &app);
    assert!(s.contains("Mon 11/23") && s.contains("Details"), "{s}");
    assert!(!s.contains("周一"), "{s}");
}

#[test]
fn windows_over_chinese_text_keep_their_left_border_at_every_width() {
    for (w, keys) in (78..=92).flat_map(|w| [(w, "3g"), (w, "f"), (w, "g"), (w, "3f")]) {
        let mut app = sample_app(Lang::Zh);
        press(&mut app, keys); // small windows over the week and the agenda
        let t = terminal(w, 24, &app);
        let buf = t.backend().buffer();
        for y in 0..24 {
            let sides: Vec<u16> = (0..w)
                .filter(|x| {
                    buf.cell(Position::new(*x, y))
                        .map(ratatui::buffer::Cell::symbol)
                        == Some("│")
                })
                .collect();
            // A row of the window has both its side borders: a wide character
            // just left of the window must not have eaten the left one.
            assert!(
                sides.is_empty() || sides.len() == 2,
                "width {w}, keys {keys}, row {y}: borders at {sides:?}"
            );
        }
    }
}
