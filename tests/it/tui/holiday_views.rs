//! Holidays where staff plan: 休 / 班 marks in the week and month views
//! around 国庆 and 春节, the 调休 Saturdays, a screening left on a day off,
//! a year not announced yet; and the settings that change the views (week
//! start, colour theme, keys).

use crate::support::{date, press, screen, screen_row, terminal};
use chrono::NaiveDate;
use ratatui::style::{Color, Modifier};
use stationcal::config::Theme;
use stationcal::i18n::Lang;
use stationcal::model::recurrence::WeekStart;
use stationcal::model::validate::Part;
use stationcal::store::sample;
use stationcal::tui::app::App;

/// The app with the lunar line off: these tests are about the 休 / 班
/// marks and the layout around them; the lunar line beside them is
/// `lunar_views`.
fn sample_app_on(today: NaiveDate, lang: Lang) -> App {
    let mut app = crate::support::sample_app_on(today, lang);
    app.lunar = false;
    app
}

fn app_on_texts(texts: Vec<(Part, String)>, today: NaiveDate, lang: Lang) -> App {
    let mut app = crate::support::app_on_texts(texts, today, lang);
    app.lunar = false;
    app
}

fn both_sizes(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(w, h, app));
    }
}

/// The sample without its explicit Skip of the 2026-10-07 screening.
fn without_national_day_skip() -> Vec<(Part, String)> {
    sample::texts()
        .into_iter()
        .map(|(p, t)| {
            let line = "        Skip(date: \"2026-10-07\", reason: \"国庆放假\"),\n";
            if p == Part::Screenings {
                assert!(t.contains(line));
                (p, t.replace(line, ""))
            } else {
                (p, t)
            }
        })
        .collect()
}

#[test]
fn national_day_week_marks_the_days_off() {
    let app = sample_app_on(date(2026, 10, 1), Lang::Zh);
    both_sizes("holiday_week_guoqing", &app);
    let marks = screen_row(&app, 80, 24, 2);
    assert_eq!(marks.matches("休 国庆节").count(), 4, "{marks}");
    assert!(!marks.contains('班'));
}

#[test]
fn spring_festival_week_and_the_working_saturday_after_it() {
    let app = sample_app_on(date(2026, 2, 16), Lang::Zh);
    both_sizes("holiday_week_chunjie", &app);
    assert_eq!(screen_row(&app, 80, 24, 2).matches("休 春节").count(), 7);
    // The week after: Monday 2-23 still off, Saturday 2-28 is a working day.
    let mut app = sample_app_on(date(2026, 2, 16), Lang::Zh);
    press(&mut app, "]");
    insta::assert_snapshot!("holiday_week_chunjie_after_80x24", screen(80, 24, &app));
    let marks = screen_row(&app, 80, 24, 2);
    assert!(marks.starts_with("休 春节"), "{marks}");
    assert!(marks.ends_with("班 春节"), "{marks}");
    // 班 sits in Saturday's column (the sixth of seven 11-column columns).
    let t = terminal(80, 24, &app);
    assert_eq!(t.backend().buffer()[(55, 2)].symbol(), "班");
}

#[test]
fn a_screening_left_on_2026_10_07_is_flagged_and_10_10_is_a_working_saturday() {
    let app = app_on_texts(without_national_day_skip(), date(2026, 10, 7), Lang::Zh);
    both_sizes("holiday_week_flagged", &app);
    let screen80 = screen(80, 24, &app);
    assert!(screen80.contains("假期暂停?"), "{screen80}");
    // Wednesday's column: the mark row, then the screening with its flag.
    assert!(screen_row(&app, 80, 24, 2).contains("班 国庆节"));
    let wed = screen_row(&app, 80, 24, 4);
    assert!(wed.contains("假期暂停?"), "{wed}");
    // The detail pane says what the flag means.
    assert!(screen80.contains("还没有决定是否暂停"), "{screen80}");
    let en = app_on_texts(without_national_day_skip(), date(2026, 10, 7), Lang::En);
    insta::assert_snapshot!("holiday_week_flagged_en_80x24", screen(80, 24, &en));
    assert!(screen_row(&en, 80, 24, 4).contains("holiday?"));
}

#[test]
fn october_2026_month_view() {
    let mut app = sample_app_on(date(2026, 10, 1), Lang::Zh);
    press(&mut app, "2");
    both_sizes("holiday_month_october", &app);
    let s = screen(120, 40, &app);
    assert!(s.contains("休国庆") && s.contains("班国庆"), "{s}");
}

#[test]
fn a_year_not_yet_announced_says_so() {
    // The first week of 2027: nothing marked, and the note instead.
    let app = sample_app_on(date(2027, 1, 6), Lang::Zh);
    insta::assert_snapshot!("holiday_week_2027_80x24", screen(80, 24, &app));
    assert_eq!(screen_row(&app, 80, 24, 2), "2027年节假日安排尚未公布");
    // The week across the new year: the note over 2027's days only.
    let app = sample_app_on(date(2026, 12, 31), Lang::Zh);
    insta::assert_snapshot!("holiday_week_new_year_80x24", screen(80, 24, &app));
    let r = screen_row(&app, 80, 24, 2);
    assert!(r.trim_start().starts_with("2027年节假日"), "{r}");
    let t = terminal(80, 24, &app);
    // Friday 1 January is the fifth column (x 44).
    assert_eq!(t.backend().buffer()[(44, 2)].symbol(), "2");
    assert_eq!(t.backend().buffer()[(43, 2)].symbol(), " ");
    // The month heading too, in both languages.
    let mut app = sample_app_on(date(2027, 1, 6), Lang::Zh);
    press(&mut app, "2");
    assert!(screen_row(&app, 80, 24, 0).contains("节假日安排尚未公布"));
    let mut en = sample_app_on(date(2027, 1, 6), Lang::En);
    assert_eq!(
        screen_row(&en, 80, 24, 2),
        "2027 holidays not yet announced"
    );
    press(&mut en, "2");
    // (At 80 columns the English heading is cut by the station's name.)
    assert!(screen_row(&en, 120, 40, 0).contains("holidays not yet announced"));
}

#[test]
fn an_ordinary_week_has_no_mark_row() {
    // 2026-11-23: no holiday, 2026 announced: the layout is as before.
    let app = sample_app_on(date(2026, 11, 27), Lang::Zh);
    // (`*`: held on Monday and still to record, see tui::records.)
    assert!(screen_row(&app, 80, 24, 2).starts_with("E*19:00"));
}

#[test]
fn weeks_can_start_on_sunday() {
    let mut app = sample_app_on(date(2026, 10, 7), Lang::Zh);
    app.set_week_start(WeekStart::Sunday);
    insta::assert_snapshot!("week_sunday_start_80x24", screen(80, 24, &app));
    assert!(screen_row(&app, 80, 24, 1).starts_with("周日 10/4"));
    press(&mut app, "2");
    insta::assert_snapshot!("month_sunday_start_80x24", screen(80, 24, &app));
    // Under the header, the month's 乐淘淘 line, then the weekday names.
    assert!(screen_row(&app, 80, 24, 1).starts_with("乐淘淘"));
    assert!(screen_row(&app, 80, 24, 2).starts_with("周日"));
    assert_eq!(
        app.month_grid().first,
        NaiveDate::from_ymd_opt(2026, 9, 27).expect("date")
    );
}

#[test]
fn theme_none_draws_no_colour_but_keeps_markers_and_today_visible() {
    let mut app = sample_app_on(date(2026, 10, 1), Lang::Zh);
    app.theme = Theme::None;
    for keys in ["", "2", "3", "?"] {
        press(&mut app, keys);
        let t = terminal(80, 24, &app);
        let buf = t.backend().buffer();
        for cell in &buf.content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{keys}");
        }
    }
    let mut app = sample_app_on(date(2026, 11, 27), Lang::Zh);
    app.theme = Theme::None;
    let t = terminal(80, 24, &app);
    let buf = t.backend().buffer();
    // The marker letter of the first activity is reversed; today's header
    // (the cursor is on it) is reversed and bold.
    assert!(buf[(0, 2)].modifier.contains(Modifier::REVERSED));
    assert!(
        buf[(44, 1)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    // The 休 mark stays bold.
    let mut app = sample_app_on(date(2026, 10, 1), Lang::Zh);
    app.theme = Theme::None;
    let t = terminal(80, 24, &app);
    assert!(
        t.backend().buffer()[(33, 2)]
            .modifier
            .contains(Modifier::BOLD)
    );
    assert_eq!(t.backend().buffer()[(33, 2)].symbol(), "休");
}

#[test]
fn high_contrast_has_no_grey_text() {
    let mut app = sample_app_on(date(2026, 10, 1), Lang::Zh);
    app.theme = Theme::HighContrast;
    for keys in ["", "2", "3"] {
        press(&mut app, keys);
        let t = terminal(120, 40, &app);
        for cell in &t.backend().buffer().content {
            assert!(
                !matches!(cell.fg, Color::DarkGray | Color::Gray),
                "{keys}: {cell:?}"
            );
        }
    }
}
