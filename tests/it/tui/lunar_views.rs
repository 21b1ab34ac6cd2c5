//! The lunar line in the views: a month with a leap month, September and
//! October 2026 (中秋 on 9-25 beside the 国庆 days off, 重阳 on 10-18), the
//! week of 冬至, at 80×24 and 120×40; details and agenda; English; the
//! config switch; and no Chinese character ever cut at any width.

use crate::support::{buffer, date, locate, press, sample_app_on, screen, screen_row};
use chrono::NaiveDate;
use stationcal::i18n::Lang;
use stationcal::model::lunar;
use stationcal::tui::app::App;

fn both_sizes(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(w, h, app));
    }
}

fn month_on(d: NaiveDate, lang: Lang) -> App {
    let mut app = sample_app_on(d, lang);
    press(&mut app, "2");
    app
}

/// The text of the month cell holding `day` at 80 columns: its first line.
fn cell(app: &App, day: NaiveDate) -> String {
    let buf = buffer(80, 24, app);
    let grid: Vec<NaiveDate> = app.month_grid().days().collect();
    let n = grid.iter().position(|d| *d == day).expect("day in grid");
    let col = (n % 7) as u16 * (80 / 7);
    // The row: find the day number in that column.
    let num = format!("{:>2}", chrono::Datelike::day(&day));
    (0..24)
        .map(|y| {
            let mut line = String::new();
            let mut x = col;
            while x < col + 10 {
                let s = buf[(x, y)].symbol();
                line.push_str(s);
                // A double-width character's second cell is not text.
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(s).max(1)).unwrap_or(1);
            }
            line
        })
        .find(|line| line.starts_with(&num))
        .unwrap_or_default()
}

#[test]
fn a_month_with_a_leap_month() {
    // 闰六月初一 is 2025-07-25.
    let app = month_on(date(2025, 7, 25), Lang::Zh);
    both_sizes("lunar_month_leap_2025_07", &app);
    assert!(cell(&app, date(2025, 7, 25)).contains("闰六月"));
    assert!(cell(&app, date(2025, 7, 26)).contains("初二"));
    // 大暑 on 2025-07-22.
    assert!(cell(&app, date(2025, 7, 22)).contains("大暑"));
}

#[test]
fn september_and_october_2026() {
    let sep = month_on(date(2026, 9, 25), Lang::Zh);
    both_sizes("lunar_month_2026_09", &sep);
    // 中秋 is a day off too: both the festival and 休 in its cell.
    let c = cell(&sep, date(2026, 9, 25));
    assert!(c.contains("中秋") && c.contains('休'), "{c}");
    let oct = month_on(date(2026, 10, 18), Lang::Zh);
    both_sizes("lunar_month_2026_10", &oct);
    assert!(cell(&oct, date(2026, 10, 18)).contains("重阳"));
    let national = cell(&oct, date(2026, 10, 1));
    assert!(
        national.contains('休') && national.contains("廿一"),
        "{national}"
    );
    assert!(cell(&oct, date(2026, 10, 10)).contains('班'));
    // The week of 国庆 keeps every 休 beside the lunar days.
    let week = sample_app_on(date(2026, 10, 1), Lang::Zh);
    let marks = screen_row(&week, 80, 24, 2);
    assert_eq!(marks.matches('休').count(), 4, "{marks}");
    assert!(marks.contains("十八") && marks.contains("廿四"), "{marks}");
    let wide = screen_row(&week, 120, 40, 2);
    assert_eq!(wide.matches("休 国庆节").count(), 4, "{wide}");
}

#[test]
fn the_week_of_dong_zhi() {
    let app = sample_app_on(date(2026, 12, 22), Lang::Zh);
    both_sizes("lunar_week_dongzhi", &app);
    let row = screen_row(&app, 80, 24, 2);
    assert!(row.contains("冬至"), "{row}");
    // Tuesday is the second column.
    let buf = buffer(80, 24, &app);
    assert_eq!(locate(&buf, "冬至").map(|p| (p.x, p.y)), Some((11, 2)));
    // At 120 columns the lunar labels still sit under the dates (the
    // headers have no room for them beside 今).
    assert!(screen_row(&app, 120, 40, 2).contains("冬至"));
    // From 140 columns, beside the date.
    let header = screen_row(&app, 140, 40, 1);
    assert!(
        header.contains("12/22 今 冬至") || header.contains("12/22 冬至"),
        "{header}"
    );
}

#[test]
fn details_agenda_and_english_name_the_lunar_date() {
    let app = sample_app_on(date(2026, 11, 27), Lang::Zh);
    assert!(screen(80, 24, &app).contains("农历十月十九"));
    let mut agenda = sample_app_on(date(2026, 11, 27), Lang::Zh);
    press(&mut agenda, "3");
    let s = screen(120, 40, &agenda);
    assert!(
        s.contains("2026年11月27日 周五（今天）  农历十月十九"),
        "{s}"
    );
    assert!(s.contains("2026年12月7日 周一  农历十月廿九 大雪"), "{s}");
    let en = sample_app_on(date(2026, 11, 27), Lang::En);
    let s = screen(80, 24, &en);
    assert!(s.contains("Lunar 10/19"), "{s}");
    assert!(!s.contains("农历"), "{s}");
}

#[test]
fn the_config_switch_turns_the_lunar_line_off() {
    let mut app = month_on(date(2026, 10, 18), Lang::Zh);
    app.lunar = false;
    let s = screen(120, 40, &app);
    // (重阳 and 农历 are also in the sample's own event and its note.)
    for word in ["廿一", "寒露", "霜降"] {
        assert!(!s.contains(word), "{word} in {s}");
    }
    let mut week = sample_app_on(date(2026, 11, 27), Lang::Zh);
    week.lunar = false;
    // No lunar row under the headers: the first activity is on row 2
    // (`E*19:00`: `*` marks one still to record).
    let row = screen_row(&week, 80, 24, 2);
    assert!(row.starts_with('E') && row.contains("19:00"), "{row}");
    // The config file's key.
    let (c, d) = stationcal::config::parse("config.ron", "(lunar: false)");
    assert!(d.is_none());
    assert_eq!(c.lunar, Some(false));
}

/// Every day's label in every month of 2025–2027, at widths from 56 to 140:
/// a double-width character is never cut (its second cell is the blank
/// continuation ratatui leaves), and what a cell shows is the day's own
/// label or nothing of it.
#[test]
fn no_label_is_ever_cut_or_misplaced() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = month_on(date(2025, 1, 15), lang);
        for _ in 0..36 {
            for w in [56u16, 63, 70, 80, 91, 100, 120, 140] {
                let buf = buffer(w, 40, &app);
                for y in 0..40 {
                    for x in 0..w {
                        let s = buf[(x, y)].symbol();
                        if unicode_width::UnicodeWidthStr::width(s) == 2 {
                            assert!(x + 1 < w, "cut at the edge");
                            assert_eq!(buf[(x + 1, y)].symbol(), " ", "{x},{y} at {w}");
                        }
                    }
                }
            }
            press(&mut app, "]");
        }
    }
    // Each label a cell shows belongs to that day.
    let app = month_on(date(2026, 10, 1), Lang::Zh);
    for d in app.month_grid().days() {
        let c = cell(&app, d);
        let shown = c.split_whitespace().nth(1).unwrap_or("");
        let label = lunar::cell_label(d, Lang::Zh).expect("in range");
        assert!(
            shown.is_empty()
                || shown == label
                || shown.starts_with('休')
                || shown.starts_with('班')
                || shown.starts_with('('),
            "{d}: {c:?} vs {label}"
        );
    }
}

/// Without colours (`NO_COLOR`, theme None) the lunar line draws no colour;
/// a festival stays set apart by bold.
#[test]
fn without_colour_a_festival_stays_bold() {
    use ratatui::style::{Color, Modifier};
    let mut app = month_on(date(2026, 10, 18), Lang::Zh);
    app.theme = stationcal::config::Theme::None;
    app.selected = 0;
    // The cursor on another day, so 重阳's cell has the lunar style.
    press(&mut app, "l");
    let buf = buffer(80, 24, &app);
    assert!(
        buf.content
            .iter()
            .all(|c| (c.fg, c.bg) == (Color::Reset, Color::Reset))
    );
    let at = locate(&buf, "重阳").expect("重阳 drawn");
    assert!(buf[(at.x, at.y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn the_default_config_documents_the_switch() {
    let text = stationcal::config::DEFAULT_CONFIG;
    assert!(text.contains("// lunar: true,"), "{text}");
    let on = text.replace("// lunar: true,", "lunar: true,");
    let (c, d) = stationcal::config::parse("config.ron", &on);
    assert!(d.is_none(), "{d:?}");
    assert_eq!(c.lunar, Some(true));
}
