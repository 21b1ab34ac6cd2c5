//! `p` in the app: the week as it will print, then the files staff need.

use crate::support::{key, press, sample_app, screen};
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;

#[test]
fn preview_shows_the_text_form_of_the_week_on_screen() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "p");
    assert!(
        app.dialog::<stationcal::tui::dialogs::print_preview::PrintPreview>()
            .is_some()
    );
    let s = screen(100, 30, &app);
    assert!(s.contains("打印预览") && s.contains("焦裕禄"), "{s}");
    assert!(s.contains("11月25日") || s.contains("11/25"), "{s}");
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.has_dialog());
}

#[test]
fn html_is_written_and_handed_to_the_browser_text_and_ics_are_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = sample_app(Lang::Zh);
    app.print_dir = dir.path().to_path_buf();
    press(&mut app, "ph");
    let html = dir.path().join("周程-2026-W48.html");
    assert!(html.is_file(), "{:?}", app.status);
    assert!(
        std::fs::read_to_string(&html)
            .expect("html")
            .contains("焦裕禄")
    );
    assert_eq!(
        app.open_request
            .as_deref()
            .map(std::path::Path::canonicalize)
            .and_then(Result::ok),
        html.canonicalize().ok()
    );
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("周程-2026-W48.html"))
    );
    press(&mut app, "pt");
    let text = std::fs::read_to_string(dir.path().join("周程-2026-W48.txt")).expect("text written");
    assert!(text.contains("焦裕禄"));
    press(&mut app, "pi");
    let ics = std::fs::read_to_string(dir.path().join("周程-2026-W48.ics")).expect("ics written");
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn a_folder_that_cannot_be_written_is_reported() {
    let mut app = sample_app(Lang::Zh);
    app.print_dir = "/nonexistent/stationcal-print".into();
    press(&mut app, "pt");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("无法写入")),
        "{:?}",
        app.status
    );
}
