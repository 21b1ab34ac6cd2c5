//! Seats above the room's capacity are flagged in the session form, as a
//! clash is: the first confirm shows the warning, a second one keeps the
//! change; a full room (seats equal to capacity) is no warning.

use ratatui::crossterm::event::KeyCode;
use stationcal::model::OccurrenceKey;
use stationcal::tui::dialogs::form::FormDialog;

use crate::support::forms::{SAMPLE, Target, app_form_focus, open, open_form};
use crate::support::{asset, copy_of, ctrl, date, hit, press, screen};

/// The sample's 2026-12-01 session (L23 in 党员活动室, 40 seats): its form
/// open with `seats` focused and cleared.
fn seats_field() -> (tempfile::TempDir, stationcal::tui::app::App, usize) {
    let dir = copy_of(&asset(SAMPLE));
    let mut app = open(dir.path());
    let index = app
        .schedule
        .lectures
        .as_ref()
        .and_then(|l| l.sessions.iter().position(|s| *s.date == date(2026, 12, 1)))
        .expect("a session on 2026-12-01");
    let t = Target::Activity(OccurrenceKey::Session { index }, date(2026, 12, 1));
    open_form(&mut app, &t);
    let mut guard = 0;
    while app_form_focus(&app) != Some("seats") {
        hit(&mut app, KeyCode::Tab, 1);
        guard += 1;
        assert!(guard < 20, "no seats field");
    }
    ctrl(&mut app, 'u');
    (dir, app, index)
}

fn seats_of(app: &stationcal::tui::app::App, index: usize) -> Option<u32> {
    app.schedule
        .lectures
        .as_ref()
        .and_then(|l| l.sessions[index].seats)
}

#[test]
fn sixty_seats_in_a_forty_seat_room_is_flagged_then_kept_on_a_second_confirm() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let (_dir, mut app, index) = seats_field();
        press(&mut app, "60");
        hit(&mut app, KeyCode::Enter, 1);
        let form = app.dialog::<FormDialog>().expect("the form stays open");
        assert!(form.ef.form.warned);
        assert_eq!(
            form.ef.form.warnings,
            vec![
                "座位数 60 超过了 党员活动室 的 40 座：请减少座位数，或换一个更大的场地".to_owned()
            ]
        );
        assert_eq!(seats_of(&app, index), None, "nothing applied yet");
        // The warning is on the screen, whole (wrapped where narrow).
        let text: String = screen(w, h, &app).split_whitespace().collect();
        assert!(
            text.contains("座位数60超过了党员活动室的40座"),
            "{w}x{h}:\n{}",
            screen(w, h, &app)
        );
        hit(&mut app, KeyCode::Enter, 1);
        assert!(!app.has_dialog(), "{:?}", app.dialog_name());
        assert_eq!(seats_of(&app, index), Some(60));
    }
}

#[test]
fn a_full_room_is_no_warning() {
    let (_dir, mut app, index) = seats_field();
    press(&mut app, "40");
    hit(&mut app, KeyCode::Enter, 1);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    assert_eq!(seats_of(&app, index), Some(40));
}
