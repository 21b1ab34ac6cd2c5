//! The header row: its marks (`[只读]`, `[未保存]`, `[已筛选]`) and the
//! dates with the week number are what change as staff work, so they stay
//! whole at every width where they fit beside the view tabs; the station's
//! name gives way first, cut with `..`. Every view, every mark, both
//! languages, widths 20 to 160.

use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::store::lock::{HeldBy, HeldCause};
use stationcal::tui::app::App;
use unicode_width::UnicodeWidthStr;

use crate::support::{key, press, sample_app, screen_row};

/// The app in `lang`, with some of the marks on.
fn app_with(lang: Lang, dirty: bool, filtered: bool, read_only: bool) -> App {
    let mut app = sample_app(lang);
    if dirty {
        // Skip Wednesday's screening.
        press(&mut app, "hhd");
        app.handle_event(&key(KeyCode::Enter));
        assert!(app.is_dirty());
        press(&mut app, "ll");
    }
    if filtered {
        press(&mut app, "f ");
        app.handle_event(&key(KeyCode::Esc));
    }
    if read_only {
        app.read_only = Some(HeldBy {
            who: "zhang@station-pc".into(),
            since: String::new(),
            cause: HeldCause::OtherCopy,
        });
    }
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    app
}

/// The header at a width where nothing is cut: its marks, the dates, the
/// view tabs (each as drawn).
fn parts(app: &App) -> (String, String, String) {
    let wide = screen_row(app, 400, 30, 0);
    let name = app.header_name();
    let at = wide.find(&name).expect("the name in the header");
    let marks = wide[..at].to_owned();
    let rest = wide[at + name.len()..].trim_start();
    let when = rest.split("   ").next().unwrap_or_default().to_owned();
    let tabs = rest[when.len()..].trim().to_owned();
    (marks, when, tabs)
}

#[test]
fn marks_and_dates_stay_whole_where_they_fit_and_the_name_gives_way() {
    let mut checked = 0;
    for lang in [Lang::Zh, Lang::En] {
        for (dirty, filtered, read_only) in [
            (false, false, false),
            (true, false, false),
            (true, true, false),
            (true, true, true),
        ] {
            for view in ["", "2", "3"] {
                let mut app = app_with(lang, dirty, filtered, read_only);
                press(&mut app, view);
                let name = app.header_name();
                let (marks, when, tabs) = parts(&app);
                assert!(!when.is_empty(), "{lang:?} view {view:?}");
                let marks_w = marks.width();
                // The tabs and the gap before them, the marks, two spaces,
                // the dates, and at least a little of the name with `..`.
                let fits = tabs.width() + 2 + marks_w + 2 + when.width() + 4;
                let whole = fits - 4 + name.width();
                for w in 20..=160u16 {
                    let row = screen_row(&app, w, 24, 0);
                    let (w, what) = (usize::from(w), format!("{lang:?} view {view:?} at {w}"));
                    assert!(row.width() <= w, "{what}: {row}");
                    if w < fits {
                        continue;
                    }
                    checked += 1;
                    assert!(row.starts_with(&marks), "{what}: marks cut: {row}");
                    assert!(
                        row.contains(&format!("  {when}")),
                        "{what}: dates cut: {row}"
                    );
                    assert!(row.ends_with(&tabs), "{what}: tabs: {row}");
                    if w >= whole {
                        assert!(row.contains(&name), "{what}: name cut with room: {row}");
                    } else {
                        assert!(row.contains(".."), "{what}: name cut unmarked: {row}");
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}
