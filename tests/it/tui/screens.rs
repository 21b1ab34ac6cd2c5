//! What a staffer sees: every view of the sample at 80×24 and 120×40, in
//! Chinese (and one in English), with today fixed at 2026-11-27.

use crate::support::{key, press, sample_app, screen};
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;

fn check(name: &str, keys: &str, lang: Lang) {
    let mut app = sample_app(lang);
    press(&mut app, keys);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(w, h, &app));
    }
}

#[test]
fn week_view() {
    check("week", "", Lang::Zh);
}

#[test]
fn week_view_english() {
    check("week_en", "", Lang::En);
}

#[test]
fn month_view() {
    check("month", "2", Lang::Zh);
}

#[test]
fn agenda_view() {
    check("agenda", "3", Lang::Zh);
}

#[test]
fn catalogue_films() {
    check("catalogue_films", "4jj", Lang::Zh);
}

#[test]
fn catalogue_lectures() {
    check("catalogue_lectures", "4l", Lang::Zh);
}

#[test]
fn help_over_the_week() {
    check("help", "?", Lang::Zh);
}

#[test]
fn details_of_the_wednesday_screening() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "hh");
    app.handle_event(&key(KeyCode::Enter));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("details_{w}x{h}"), screen(w, h, &app));
    }
}

#[test]
fn search_for_a_speaker_typed_in_chinese() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "/");
    press(&mut app, "石化");
    insta::assert_snapshot!("search_80x24", screen(80, 24, &app));
}

#[test]
fn filter_popup_with_screenings_hidden() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "f ");
    app.handle_event(&key(KeyCode::Down));
    insta::assert_snapshot!("filter_80x24", screen(80, 24, &app));
}

#[test]
fn skipped_screening_shows_its_reason() {
    // 2026-09-30 is skipped for 国庆.
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "g");
    press(&mut app, "2026-09-30");
    app.handle_event(&key(KeyCode::Enter));
    insta::assert_snapshot!("week_with_skip_120x40", screen(120, 40, &app));
}
