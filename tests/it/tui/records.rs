//! Records in the views: `#` recorded and `*` still to record, without
//! colour; the 待补记录 filter; sign-ups against seats before an activity.

use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::recurrence::DateRange;

use crate::support::{date, hit, press, sample_app, screen, today};

#[test]
fn marks_say_recorded_or_still_to_record() {
    let mut app = sample_app(Lang::Zh);
    let range = DateRange::new(date(2026, 10, 1), date(2026, 12, 31));
    for o in app.schedule.occurrences(range) {
        let recorded = app
            .schedule
            .record_of(&o)
            .is_some_and(|r| r.attended.is_some());
        let awaiting =
            !recorded && !o.is_skipped() && o.date < today() && o.date >= date(2026, 10, 28);
        let want = if recorded {
            Some('#')
        } else if awaiting {
            Some('*')
        } else {
            None
        };
        assert_eq!(app.record_mark(&o), want, "{} {:?}", o.date, o.title);
    }
    // Drawn: the week of 11-09 has 冰山上的来客 recorded on Wednesday.
    press(&mut app, "1g");
    press(&mut app, "2026-11-11");
    hit(&mut app, KeyCode::Enter, 1);
    let s = screen(120, 40, &app);
    assert!(s.contains("F#14:00"), "{s}");
    assert!(s.contains("L*09:30"), "{s}");
}

#[test]
fn the_filter_shows_only_what_is_still_to_record() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "f5");
    assert!(app.awaiting_only);
    hit(&mut app, KeyCode::Esc, 1);
    press(&mut app, "3");
    press(&mut app, "g");
    press(&mut app, "2026-10-20");
    hit(&mut app, KeyCode::Enter, 1);
    assert_eq!(app.day(date(2026, 11, 24)).len(), 1);
    assert_eq!(
        app.day(date(2026, 11, 4)).len(),
        1,
        "the evening service, not the film"
    );
    let s = screen(120, 40, &app);
    assert!(!s.contains("金刚川") && !s.contains("冰山上的来客"), "{s}");
    let shown = app.day(date(2026, 11, 18)).len();
    assert!(shown >= 1);
    for d in [
        date(2026, 10, 20),
        date(2026, 11, 4),
        date(2026, 11, 27),
        date(2026, 12, 2),
    ] {
        for o in app.day(d) {
            assert!(app.is_awaiting(o), "{d} {:?}", o.title);
        }
    }
    assert!(app.day(date(2026, 10, 20)).is_empty(), "older than 30 days");
    press(&mut app, "f5");
    hit(&mut app, KeyCode::Esc, 1);
    assert!(!app.awaiting_only);
    assert_eq!(app.day(date(2026, 11, 4)).len(), 2);
}

#[test]
fn details_before_an_activity_show_the_seats_left() {
    for (lang, want) in [
        (Lang::Zh, "报名: 31 人，余位 9"),
        (Lang::En, "Signed up: 31, 9 seats left"),
    ] {
        let mut app = sample_app(lang);
        press(&mut app, "1g");
        press(&mut app, "2026-12-03");
        hit(&mut app, KeyCode::Enter, 2);
        let s = screen(120, 40, &app);
        assert!(s.contains(want), "{s}");
    }
    // After: what was recorded.
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "1g");
    press(&mut app, "2026-11-21");
    hit(&mut app, KeyCode::Enter, 2);
    let s = screen(120, 40, &app);
    assert!(s.contains("记录: # 实到 64 人，记录人 李建国"), "{s}");
    assert!(s.contains("不动产登记咨询 27"), "{s}");
}
