//! The statistics view (统计): `5` opens it, Left/Right switch month,
//! quarter and year, the previous/next keys move a whole period, and the
//! numbers on screen are `model::report::build`'s for that period.

use crate::support::{date, hit, key, network_app, press, sample_app, screen};
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::Programme;
use stationcal::model::report::{self, Period, Report, SiteInput};
use stationcal::tui::app::{App, View};

fn check(name: &str, keys: &str, lang: Lang, sizes: &[(u16, u16)]) {
    let mut app = sample_app(lang);
    press(&mut app, keys);
    for (w, h) in sizes {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(*w, *h, &app));
    }
}

#[test]
fn stats_month_snapshots() {
    check("stats_month", "5", Lang::Zh, &[(80, 24), (120, 40)]);
}

#[test]
fn stats_quarter_snapshot() {
    check("stats_quarter", "5l", Lang::Zh, &[(120, 40)]);
}

#[test]
fn stats_month_english_snapshot() {
    check("stats_month_en", "5", Lang::En, &[(80, 24)]);
}

/// The report of the single-station sample for `period`, built here from
/// the app's schedule, as `stationcal report` builds it.
fn expected(app: &App, period: Period) -> Report {
    let range = period.range().expect("a period in range");
    let sites = [SiteInput {
        name: "",
        schedule: &app.schedule,
    }];
    report::build("", &sites, range, app.today, app.lang)
}

/// Every figure line the view must show for `r`.
fn figure_texts(r: &Report) -> Vec<String> {
    let t = &r.total;
    let held = |p: Programme| t.held_of(p);
    let attended = |p: Programme| t.attended_of(p);
    let total: u32 = t.held.iter().sum();
    let people = attended(Programme::Screening)
        + attended(Programme::Lecture)
        + attended(Programme::Event)
        + t.served;
    let recorded = total - t.unrecorded;
    vec![
        format!(
            "{} 场  观影 {} 人次",
            held(Programme::Screening),
            attended(Programme::Screening)
        ),
        format!(
            "{} 场  听课 {} 人次",
            held(Programme::Lecture),
            attended(Programme::Lecture)
        ),
        format!("{} 次  服务 {} 人次", held(Programme::ServiceDay), t.served),
        format!(
            "{} 场  参加 {} 人次",
            held(Programme::Event),
            attended(Programme::Event)
        ),
        format!("{total} 场  {people} 人次"),
        format!(
            "已记录 {recorded} 场，待补记录 {} 场，暂停 {} 场",
            t.unrecorded,
            r.skipped.len()
        ),
    ]
}

fn assert_shows(app: &App, r: &Report) {
    let s = screen(120, 40, app);
    for want in figure_texts(r) {
        assert!(s.contains(&want), "{want:?} not on screen:\n{s}");
    }
    let t = &r.total;
    for (g, n) in stationcal::model::values::SpeakerGroup::ALL
        .iter()
        .zip(t.lectures_by_group)
    {
        if t.held_of(Programme::Lecture) > 0 {
            // The group's name, then its count after the padding.
            let shown = s
                .split(g.zh())
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next());
            assert_eq!(shown, Some(n.to_string().as_str()), "{}:\n{s}", g.zh());
        }
    }
    for p in &t.partners {
        assert!(s.contains(p.as_str()), "partner {p} not on screen:\n{s}");
    }
}

#[test]
fn five_opens_it_and_each_period_shows_the_reports_figures() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "5");
    assert_eq!(app.view, View::Stats);
    let november = expected(&app, Period::Month(2026, 11));
    // The sample has records for November: the figures are not all zero.
    assert!(
        november.total.attended.iter().sum::<u32>() > 0,
        "{november:?}"
    );
    assert_shows(&app, &november);
    assert!(screen(120, 40, &app).contains("2026年11月"));

    // Right: the quarter; its figures differ from the month's.
    press(&mut app, "l");
    let q4 = expected(&app, Period::Quarter(2026, 4));
    assert_ne!(q4.total, november.total, "the quarter should count more");
    assert_shows(&app, &q4);
    assert!(screen(120, 40, &app).contains("2026年第四季度"));

    // The previous-period key moves a whole quarter back.
    press(&mut app, "[");
    let q3 = expected(&app, Period::Quarter(2026, 3));
    assert_shows(&app, &q3);
    assert!(screen(120, 40, &app).contains("2026年第三季度"));

    // Right again: the year; Left twice from there: back to the month.
    press(&mut app, "l");
    assert_shows(&app, &expected(&app, Period::Year(2026)));
    press(&mut app, "hh");
    assert!(screen(120, 40, &app).contains("2026年8月"));
    assert_shows(&app, &expected(&app, Period::Month(2026, 8)));
    // Today's key brings the month of today back.
    press(&mut app, "t");
    assert_shows(&app, &november);
}

#[test]
fn a_record_and_its_undo_change_the_figures_shown() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "5");
    let before = expected(&app, Period::Month(2026, 11));
    // 11-18: the screening of 横空出世, not yet recorded: record 83 people.
    press(&mut app, "1g2026-11-18");
    hit(&mut app, KeyCode::Enter, 1);
    let n = app
        .day(date(2026, 11, 18))
        .iter()
        .position(|o| o.title.as_deref() == Some("横空出世"))
        .expect("the screening");
    hit(&mut app, KeyCode::Char('j'), n);
    press(&mut app, "r90");
    hit(&mut app, KeyCode::Tab, 1);
    press(&mut app, "83");
    hit(&mut app, KeyCode::Enter, 1);
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    press(&mut app, "5");
    let after = expected(&app, Period::Month(2026, 11));
    assert_eq!(
        after.total.attended_of(Programme::Screening),
        before.total.attended_of(Programme::Screening) + 83
    );
    assert_shows(&app, &after);
    // Undone in the statistics view: its figures follow at once.
    press(&mut app, "u");
    assert_eq!(expected(&app, Period::Month(2026, 11)), before);
    assert_shows(&app, &before);
}

#[test]
fn the_network_counts_each_shown_site() {
    let mut app = network_app();
    press(&mut app, "5");
    let stats = app.stats.clone().expect("figures in the stats view");
    assert!(stats.report.sites.len() > 1);
    let s = screen(120, 40, &app);
    for (name, f) in &stats.report.sites {
        let n: u32 = f.held.iter().sum();
        let line = s
            .lines()
            .find(|l| l.contains(name.as_str()) && l.contains(" 人次"))
            .unwrap_or_else(|| panic!("no line for {name}:\n{s}"));
        assert!(line.contains(&format!("{n:>3} 场")), "{line}");
    }
}

#[test]
fn leaving_the_view_drops_its_figures_and_the_pane_stays_away() {
    let mut app = sample_app(Lang::Zh);
    press(&mut app, "5");
    assert!(app.stats.is_some());
    app.handle_event(&key(KeyCode::Tab));
    assert_eq!(app.view, View::Week, "Tab wraps round to the week");
    assert!(app.stats.is_none());
    press(&mut app, "5");
    assert!(!screen(120, 40, &app).contains("详情"));
}
