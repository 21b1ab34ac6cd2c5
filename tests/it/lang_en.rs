//! `--lang en` shows no Chinese: every view and every dialog, drawn at
//! 100×30 over a schedule whose own text is ASCII (holidays, skips, moves,
//! clashes and problems included), and the command line's outputs over the
//! same folder, hold no CJK character. Whatever Chinese appears there comes
//! from the program, never from the data: an untranslated label, a Chinese
//! date format, full-width punctuation, a festival's Chinese name.

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::merge::Conflict;
use stationcal::model::validate::Part;
use stationcal::store::journal::{Journal, Snapshot};
use stationcal::store::load_texts;
use stationcal::tui::action::Action;
use stationcal::tui::app::{App, AppInit, CatalogueTab, View};
use stationcal::tui::dialogs;
use stationcal::tui::forms::FormKind;
use stationcal::tui::keymap::Keymap;
use stationcal::tui::widgets::menu::Menu;

use crate::support::{date, key};

/// Whether `c` belongs to a CJK script or is CJK punctuation: the blocks of
/// Han ideographs (unified, extensions A to H, compatibility), Kangxi and
/// CJK radicals, strokes, ideographic description characters, CJK symbols
/// and punctuation (`、。【】「」`, the ideographic space), kana, bopomofo,
/// kanbun, Hangul (jamo, compatibility jamo, syllables), enclosed CJK
/// letters, CJK compatibility (forms too), and the full-width forms of
/// U+FF00-FFEF (`，：（）！`). Latin-1 and general punctuation (`·`, `—`)
/// are not CJK.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // CJK Radicals Supplement, Kangxi Radicals
        | 0x2FF0..=0x2FFF    // Ideographic Description Characters
        | 0x3000..=0x303F    // CJK Symbols and Punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F    // Bopomofo
        | 0x3130..=0x318F    // Hangul Compatibility Jamo
        | 0x3190..=0x31FF    // Kanbun, Bopomofo Extended, CJK Strokes, Katakana Ext.
        | 0x3200..=0x33FF    // Enclosed CJK Letters and Months, CJK Compatibility
        | 0x3400..=0x4DBF    // CJK Unified Ideographs Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xA960..=0xA97F    // Hangul Jamo Extended-A
        | 0xAC00..=0xD7FF    // Hangul Syllables, Hangul Jamo Extended-B
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0xFE30..=0xFE4F    // CJK Compatibility Forms
        | 0xFF00..=0xFFEF    // Halfwidth and Fullwidth Forms
        | 0x20000..=0x2FFFF  // Supplementary Ideographic Plane
        | 0x30000..=0x3FFFF // Tertiary Ideographic Plane
    )
}

#[test]
fn the_cjk_test_knows_what_is_chinese() {
    for c in [
        '休', '、', '。', '【', '，', '：', '\u{3000}', '가', 'カ', '𠀀', 'ㄅ',
    ] {
        assert!(is_cjk(c), "{c:?}");
    }
    for c in ['a', '·', '—', '…', '“', '→', '│', '▶', 'é', ' '] {
        assert!(!is_cjk(c), "{c:?}");
    }
}

/// Chinese known to show in English, each with its source (none now). An
/// entry that no longer shows up fails the test, so the list only shrinks.
const PENDING_IN_FORMS: &[(&str, &str)] = &[];

/// Collects every screen or output that holds CJK, so one run lists them all.
#[derive(Default)]
struct Findings {
    seen: usize,
    wrong: Vec<String>,
    /// Which [`PENDING_IN_FORMS`] entries were met.
    pending_met: Vec<bool>,
}

impl Findings {
    fn text(&mut self, what: &str, text: &str) {
        self.seen += 1;
        self.pending_met.resize(PENDING_IN_FORMS.len(), false);
        let mut bad = Vec::new();
        for line in text.lines() {
            let mut line = line.to_owned();
            for (i, (known, _)) in PENDING_IN_FORMS.iter().enumerate() {
                if line.contains(known) {
                    self.pending_met[i] = true;
                    line = line.replace(known, "");
                }
            }
            if line.chars().any(is_cjk) {
                bad.push(line);
            }
        }
        if !bad.is_empty() {
            self.wrong.push(format!("{what}:\n{}", bad.join("\n")));
        }
    }

    /// Every pending entry of the forms still shows: none is stale.
    fn assert_pending_all_met(&self) {
        for (i, (known, source)) in PENDING_IN_FORMS.iter().enumerate() {
            assert!(
                self.pending_met.get(i).copied().unwrap_or(false),
                "{known:?} ({source}) no longer shows: remove it from PENDING_IN_FORMS"
            );
        }
    }

    /// The app drawn at 100×30.
    fn screen(&mut self, what: &str, app: &App) {
        self.text(what, &crate::support::screen(100, 30, app));
    }

    fn assert_none(&self, at_least: usize) {
        assert!(
            self.wrong.is_empty(),
            "Chinese in English mode:\n\n{}",
            self.wrong.join("\n\n")
        );
        // Guards the test itself: a loop that ran over nothing proves nothing.
        assert!(self.seen >= at_least, "only {} screens checked", self.seen);
    }
}

const STATION: &str = r#"Station(
    name: "Harbour Community Centre",
    contact: "1 Sea Road, phone 021-5555 0000",
    rooms: [
        Room(name: "Hall", seats: 120),
        Room(name: "Meeting room", seats: 24),
    ],
)
"#;

/// Wednesdays in the hall: 30 Sep shows a film, 7 Oct is a day off that
/// nobody has decided about (flagged, and a warning), 14 Oct is skipped and
/// 21 Oct moved to the 23rd.
const SCREENINGS: &str = r#"Screenings(
    slot: WeeklySlot(weekday: "Wed", start: "14:00", end: "16:00", room: "Hall", from: "2026-09-02", until: "2027-01-27"),
    films: [
        Film(id: "F1", title: "The Long March", year: 1985, minutes: 120, note: "A classic, restored"),
        Film(id: "F2", title: "Harbour Lights", year: 2019, minutes: 95),
    ],
    programme: [
        Showing(date: "2026-09-30", film: "F1"),
        Showing(date: "2026-10-21", film: "F2"),
        Showing(date: "2027-01-13", film: "F2"),
    ],
    exceptions: [
        Skip(date: "2026-10-14", reason: "Hall repairs"),
        Move(date: "2026-10-21", to: "2026-10-23", room: "Meeting room", reason: "Hall booked"),
    ],
)
"#;

/// The first Saturday, skipped on days off (3 Oct is one): the program
/// writes that skip's reason itself.
const SERVICE_DAYS: &str = r#"ServiceDays(
    name: "Happy Saturday",
    host: "Harbour branch",
    partners: ["Water company"],
    rule: MonthlyRule(nth: 1, weekday: "Sat", start: "09:00", end: "11:30", room: "Meeting room", from: "2026-09-01", until: "2027-06-30", on_holiday: Skip),
    months: [
        MonthEntry(month: "2026-09", theme: "Water safety", services: ["Water tests", "Pipe checks"], partners: ["Water lab"]),
        MonthEntry(month: "2026-11", theme: "Legal aid", services: ["Free advice"], date: "2026-11-14"),
        MonthEntry(month: "2026-12", theme: "Health", skipped: "Flu season"),
        MonthEntry(month: "2027-01", theme: "New year"),
    ],
)
"#;

/// The speaker group in its English name; one session in 2027, a year
/// whose holidays are not announced.
const LECTURES: &str = r#"Lectures(
    series: "Harbour lectures",
    catalogue: [
        Lecture(id: "L1", title: "Harbour history", speaker: "Mr Lee", group: "retired subdistrict leader", minutes: 45, summary: "How the harbour was built"),
        Lecture(id: "L2", title: "Young voices", speaker: "Ms Wu", group: "young official", minutes: 30),
    ],
    sessions: [
        Session(lecture: "L1", date: "2026-09-29", start: "09:30", end: "10:15", room: "Meeting room"),
        Session(lecture: "L2", date: "2026-10-08", start: "19:00", end: "19:30", room: "Hall", seats: 80),
        Session(lecture: "L1", date: "2027-01-12", start: "09:30", end: "10:15", room: "Meeting room"),
    ],
)
"#;

/// A one-off fair, a choir in the hall during the film (a room clash), and
/// a weekly patrol that runs into the National Day break (flagged days, and
/// warnings), one date skipped.
const EVENTS: &str = r#"Events(
    events: [
        Event(id: "E1", title: "Book fair", date: "2026-09-30", start: "19:00", end: "21:00", place: "Sea Road square", organiser: "Youth league", note: "Bring a book"),
        Event(id: "E2", title: "Choir", date: "2026-09-30", start: "14:30", end: "15:30", room: "Hall"),
        Event(id: "E3", title: "Night patrol", date: "2026-09-07", start: "19:00", end: "20:00", room: "Hall", organiser: "Volunteers", repeat: Weekly, weekdays: ["Mon", "Fri"], until: "2027-03-31", skip: ["2026-10-02"]),
        Event(id: "E4", title: "New year concert", date: "2027-01-01", start: "19:00", end: "21:00", room: "Hall"),
    ],
)
"#;

fn texts() -> Vec<(Part, String)> {
    vec![
        (Part::Station, STATION.to_owned()),
        (Part::Screenings, SCREENINGS.to_owned()),
        (Part::ServiceDays, SERVICE_DAYS.to_owned()),
        (Part::Lectures, LECTURES.to_owned()),
        (Part::Events, EVENTS.to_owned()),
    ]
}

/// Monday 28 September 2026: the week before the National Day break.
fn today() -> NaiveDate {
    date(2026, 9, 28)
}

/// The app in English over the ASCII schedule. The schedule's warnings
/// (days off nobody decided about) are its problems.
fn app() -> App {
    let loaded = load_texts(texts());
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.severity == stationcal::model::validate::Severity::Warning),
        "{:?}",
        loaded.diagnostics
    );
    assert!(
        !loaded.diagnostics.is_empty(),
        "the holiday clashes are warnings"
    );
    crate::support::new_app(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "schedule".into(),
        today: today(),
        lang: Lang::En,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

/// The program writes a holiday skip's reason into the files in Chinese
/// (`国庆节放假`); English shows it by the festivals' English names. Staff's
/// own reasons are shown as written.
#[test]
fn the_programs_own_skip_reason_reads_in_english() {
    use stationcal::model::holidays::{holiday_reason, shown_reason};
    let cases = [
        ("国庆节", "National Day holiday"),
        ("国庆节、中秋节", "National Day / Mid-Autumn holiday"),
        ("春节", "Spring Festival holiday"),
    ];
    for (festival, en) in cases {
        let reason = holiday_reason(festival);
        assert_eq!(shown_reason(&reason, Lang::En), en);
        assert_eq!(shown_reason(&reason, Lang::Zh), reason);
    }
    for own in ["Hall repairs", "设备检修", "校庆放假", "放假"] {
        assert_eq!(shown_reason(own, Lang::En), own);
        assert_eq!(shown_reason(own, Lang::Zh), own);
    }
}

/// The schedule's text is ASCII, so any CJK on screen is the program's.
#[test]
fn the_schedule_itself_is_ascii() {
    for (part, text) in texts() {
        assert!(text.is_ascii(), "{part:?}");
    }
}

fn at(app: &mut App, view: View, day: NaiveDate, selected: usize) {
    app.close_dialogs();
    app.view = view;
    app.cursor = day;
    app.agenda_from = day;
    app.selected = selected;
    app.status = None;
    // The statistics view works its figures out when it is opened.
    if view == View::Stats {
        app.update(Action::ViewStats);
    }
}

/// Every date the checks visit: the weeks around the break, a moved and a
/// skipped screening, the service days, and January 2027 (not announced).
fn days() -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = (0..28).map(|i| today() + chrono::Days::new(i)).collect();
    out.extend([
        date(2026, 11, 14),
        date(2026, 12, 5),
        date(2027, 1, 1),
        date(2027, 1, 12),
        date(2027, 1, 13),
    ]);
    out
}

#[test]
fn every_view_is_english() {
    let mut app = app();
    let mut f = Findings::default();
    for day in days() {
        for view in [View::Week, View::Month, View::Agenda] {
            at(&mut app, view, day, 0);
            f.screen(&format!("{view:?} {day}"), &app);
        }
        // The statistics of the day's month, quarter and year.
        at(&mut app, View::Stats, day, 0);
        for span in ["month", "quarter", "year"] {
            f.screen(&format!("stats {span} {day}"), &app);
            app.update(Action::Right);
        }
        // The selected activity's pane, for each activity of the day.
        for i in 0..app.day(day).len() {
            at(&mut app, View::Week, day, i);
            f.screen(&format!("week {day} #{i}"), &app);
        }
    }
    for tab in [CatalogueTab::Films, CatalogueTab::Lectures] {
        for i in 0..2 {
            at(&mut app, View::Catalogue, today(), 0);
            app.catalogue_tab = tab;
            app.catalogue_index = i;
            f.screen(&format!("catalogue {tab:?} #{i}"), &app);
        }
    }
    // Hidden programmes and the status line's notes.
    at(&mut app, View::Week, today(), 0);
    app.shown = [true, false, true, false];
    f.screen("filtered week", &app);
    app.shown = [true; 4];
    for action in [Action::Save, Action::Undo, Action::Redo, Action::OpenEditor] {
        at(&mut app, View::Week, today(), 0);
        app.update(action);
        f.screen(&format!("status after {action:?}"), &app);
    }
    f.assert_none(100);
}

/// Opens the dialog of `action` on `day`'s activity `i` in `view`, draws it,
/// and draws it again after `keys`.
fn dialog(f: &mut Findings, app: &mut App, view: View, day: NaiveDate, i: usize, action: Action) {
    at(app, view, day, i);
    app.update(action);
    assert!(
        app.has_dialog() || app.status.is_some(),
        "{action:?} on {day}"
    );
    f.screen(&format!("{action:?} on {day} #{i} in {view:?}"), app);
}

#[test]
fn every_dialog_is_english() {
    let mut app = app();
    let mut f = Findings::default();
    // Help, top to bottom (every line, not only those on the screen).
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Help);
    let help: Vec<String> = dialogs::help::lines(&app)
        .iter()
        .map(ToString::to_string)
        .collect();
    f.text("help, every line", &help.join("\n"));
    for _ in 0..6 {
        app.handle_event(&key(KeyCode::PageDown));
        f.screen("help, scrolled", &app);
    }
    // Details of every activity of the weeks visited.
    for day in days() {
        for i in 0..app.day(day).len() {
            dialog(&mut f, &mut app, View::Week, day, i, Action::Details);
            let lines: Vec<String> = dialogs::details::lines(&app)
                .iter()
                .map(ToString::to_string)
                .collect();
            f.text(
                &format!("details {day} #{i}, every line"),
                &lines.join("\n"),
            );
        }
    }
    // Go to, search (typing, with and without results), the filter.
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::GoToDate);
    crate::support::press(&mut app, "10-07");
    f.screen("go to, typed", &app);
    crate::support::press(&mut app, "x");
    app.handle_event(&key(KeyCode::Enter));
    f.screen("go to, not a date", &app);
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Search);
    crate::support::press(&mut app, "patrol");
    f.screen("search, results", &app);
    crate::support::press(&mut app, "zzz");
    f.screen("search, no results", &app);
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Filter);
    // Problems: the schedule's warnings, and an error of a broken file.
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Problems);
    let broken = load_texts(vec![(
        Part::Events,
        "Events(events: [Event(id: \"E9\", title: \"x\", date: \"2026-13-01\")])".into(),
    )]);
    app.diagnostics.extend(broken.diagnostics);
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Problems);
    at(&mut app, View::Week, today(), 0);
    f.screen("week with an error in the files", &app);
    // Adding: the menu, then each kind of form, new and existing.
    dialog(&mut f, &mut app, View::Week, today(), 0, Action::Add);
    app.handle_event(&key(KeyCode::Down));
    f.screen("add menu, second choice", &app);
    let forms = [
        FormKind::Screening {
            date: date(2026, 9, 30),
        },
        FormKind::Screening {
            date: date(2026, 10, 7),
        },
        FormKind::Screening {
            date: date(2026, 10, 21),
        },
        FormKind::Film { index: None },
        FormKind::Film { index: Some(0) },
        FormKind::ServiceMonth {
            month: date(2026, 9, 1),
        },
        FormKind::ServiceMonth {
            month: date(2026, 12, 1),
        },
        FormKind::Session { index: None },
        FormKind::Session { index: Some(1) },
        FormKind::Lecture { index: None },
        FormKind::Lecture { index: Some(0) },
        FormKind::Event { index: None },
        FormKind::Event { index: Some(0) },
        FormKind::Event { index: Some(2) },
    ];
    for kind in forms {
        at(&mut app, View::Week, date(2026, 10, 5), 0);
        dialogs::form::FormDialog::open(&mut app, kind);
        f.screen(&format!("form {kind:?}"), &app);
        // Through every field: each one's hint and the pick lists.
        for n in 0..12 {
            app.handle_event(&key(KeyCode::Tab));
            f.screen(&format!("form {kind:?}, field {n}"), &app);
        }
        app.handle_event(&key(KeyCode::Char(' ')));
        f.screen(&format!("form {kind:?}, toggled"), &app);
    }
    // Deleting each kind of thing; the series' confirmation too.
    let targets = [
        (View::Week, date(2026, 9, 30), "The Long March"),
        (View::Week, date(2026, 10, 7), "Wednesday on the break"),
        (View::Week, date(2026, 9, 5), "Water safety"),
        (View::Week, date(2026, 9, 29), "Harbour history"),
        (View::Week, date(2026, 9, 30), "Book fair"),
        (View::Week, date(2026, 10, 5), "Night patrol"),
    ];
    for (view, day, what) in targets {
        for i in 0..app.day(day).len().max(1) {
            dialog(&mut f, &mut app, view, day, i, Action::Delete);
            app.handle_event(&key(KeyCode::Down));
            f.screen(&format!("delete {what} #{i}, whole series"), &app);
            app.handle_event(&key(KeyCode::Enter));
            f.screen(&format!("delete {what} #{i}, confirming"), &app);
        }
    }
    for tab in [CatalogueTab::Films, CatalogueTab::Lectures] {
        at(&mut app, View::Catalogue, today(), 0);
        app.catalogue_tab = tab;
        app.update(Action::Delete);
        f.screen(&format!("delete from {tab:?}"), &app);
    }
    // Printing: the preview of the holiday week and of January 2027.
    dialog(
        &mut f,
        &mut app,
        View::Week,
        date(2026, 10, 5),
        0,
        Action::Print,
    );
    app.handle_event(&key(KeyCode::PageDown));
    f.screen("print preview, scrolled", &app);
    dialog(
        &mut f,
        &mut app,
        View::Week,
        date(2027, 1, 12),
        0,
        Action::Print,
    );
    // Quitting with unsaved edits.
    at(&mut app, View::Week, today(), 0);
    app.schedule.station.name = "Harbour Centre".into();
    app.update(Action::Quit);
    assert!(app.has_dialog(), "unsaved edits ask before quitting");
    f.screen("quit with unsaved edits", &app);
    // A merge of a file changed on both sides.
    at(&mut app, View::Week, today(), 0);
    app.open(dialogs::merge::Merge {
        part: Part::Events,
        conflicts: vec![
            Conflict {
                path: "events[E1].title".into(),
                mine: Some(serde_json::json!("Book fair")),
                theirs: Some(serde_json::json!("Book swap")),
            },
            Conflict {
                path: "events[E2]".into(),
                mine: None,
                theirs: Some(serde_json::json!({"id": "E2"})),
            },
        ],
        take_mine: Vec::new(),
        sync_path: None,
    });
    f.screen("merge", &app);
    app.handle_event(&key(KeyCode::Char('m')));
    f.screen("merge, second conflict", &app);
    // Unsaved edits from last time, for each way the last run ended.
    for reason in ["SIGHUP", "SIGTERM", "panic", "other"] {
        at(&mut app, View::Week, today(), 0);
        let saved = app.saved.clone();
        let mut current = saved.clone();
        current.station.name = "Harbour Centre".into();
        let journal = Journal::of(
            &Snapshot {
                folder: "schedule".into(),
                saved,
                current,
            },
            reason,
        );
        app.open(dialogs::restore::Restore {
            journal,
            menu: Menu::new(dialogs::restore::RESTORE_OPTIONS, 0),
        });
        f.screen(&format!("restore after {reason}"), &app);
    }
    f.assert_none(150);
    f.assert_pending_all_met();
}

/// A network of two ASCII sites, and one whose folder is missing.
fn network_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp folder");
    let write = |p: &Path, text: &str| std::fs::write(p, text).expect("write");
    write(
        &dir.path().join("network.ron"),
        r#"Network(
    name: "Harbour district",
    sites: [
        Site(name: "Harbour Community Centre", folder: "centre", short: "Centre"),
        Site(name: "Hill Road station", folder: "hill", short: "Hill"),
        Site(name: "Gone station", folder: "gone"),
    ],
)
"#,
    );
    for (folder, texts) in [("centre", texts()), ("hill", hill_texts())] {
        let site = dir.path().join(folder);
        std::fs::create_dir(&site).expect("site folder");
        for (part, text) in texts {
            write(&site.join(part.file_name()), &text);
        }
    }
    dir
}

fn hill_texts() -> Vec<(Part, String)> {
    vec![
        (
            Part::Station,
            "Station(name: \"Hill Road station\", rooms: [Room(name: \"Hall\", seats: 40)])".into(),
        ),
        (
            Part::Events,
            "Events(events: [Event(id: \"H1\", title: \"Tea talk\", date: \"2026-09-30\", start: \"14:30\", end: \"15:30\", room: \"Hall\", organiser: \"Mr Lee\")])".into(),
        ),
        (
            Part::Lectures,
            LECTURES.replace("Meeting room", "Hall").replace("2026-09-29", "2026-09-30"),
        ),
    ]
}

#[test]
fn the_sites_of_a_network_are_english() {
    let dir = network_folder();
    let start = stationcal::tui::sites::load(dir.path());
    let mut app = crate::support::new_app(AppInit {
        schedule: start.schedule,
        diagnostics: start.diagnostics,
        dir: start.dir.expect("a site was read"),
        today: today(),
        lang: Lang::En,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    });
    app.set_network(start.view);
    let mut f = Findings::default();
    // Wednesday 30 September: both sites have something on.
    let wed = date(2026, 9, 30);
    for view in View::ALL {
        at(&mut app, view, wed, 0);
        f.screen(&format!("network {view:?}"), &app);
    }
    for i in 0..app.day(wed).len() {
        dialog(&mut f, &mut app, View::Week, wed, i, Action::Details);
        dialog(&mut f, &mut app, View::Week, wed, i, Action::Delete);
    }
    dialog(&mut f, &mut app, View::Week, wed, 0, Action::Sites);
    for _ in 0..3 {
        app.handle_event(&key(KeyCode::Down));
        app.handle_event(&key(KeyCode::Enter));
        f.screen("sites, another made active", &app);
        app.update(Action::Sites);
    }
    app.close_dialogs();
    at(&mut app, View::Week, wed, 0);
    app.schedule.station.name = "Changed".into();
    app.update(Action::Sites);
    app.handle_event(&key(KeyCode::Down));
    app.handle_event(&key(KeyCode::Enter));
    f.screen("sites, unsaved edits", &app);
    dialog(&mut f, &mut app, View::Week, wed, 0, Action::Print);
    dialog(&mut f, &mut app, View::Week, wed, 0, Action::Problems);
    f.assert_none(15);
}

fn stationcal(dir: &Path, args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("home");
    Command::new(env!("CARGO_BIN_EXE_stationcal"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env_remove("STATIONCAL_DIR")
        .arg("--dir")
        .arg(dir)
        .args(["--lang", "en", "--today", "2026-09-28"])
        .args(args)
        .output()
        .expect("run stationcal")
}

fn schedule_folder(texts: Vec<(Part, String)>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp folder");
    for (part, text) in texts {
        std::fs::write(dir.path().join(part.file_name()), text).expect("write");
    }
    dir
}

fn outputs(f: &mut Findings, what: &str, o: &Output) {
    f.text(
        &format!("{what}, stdout"),
        &String::from_utf8_lossy(&o.stdout),
    );
    f.text(
        &format!("{what}, stderr"),
        &String::from_utf8_lossy(&o.stderr),
    );
}

#[test]
fn the_command_line_is_english() {
    let dir = schedule_folder(texts());
    let mut f = Findings::default();
    for args in [
        &["check"][..],
        &["list", "--days", "40"],
        &["list", "--from", "2027-01-01", "--days", "14"],
        &["print", "--format", "text"],
        &["print", "--format", "text", "--width", "30"],
        &["print", "--format", "text", "--short"],
        &["print", "--format", "text", "--week", "2026-W41"],
        &[
            "print",
            "--format",
            "text",
            "--from",
            "2027-01-01",
            "--days",
            "14",
        ],
        &["print", "--format", "ics"],
    ] {
        let o = stationcal(dir.path(), args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        outputs(&mut f, &args.join(" "), &o);
    }
    // Pages and images written into a folder under their default names.
    let out = tempfile::tempdir().expect("output folder");
    let folder = out.path().to_string_lossy().into_owned();
    for args in [
        &["print", "--format", "html", "-o", &folder][..],
        &[
            "print", "--month", "2026-10", "--format", "html", "-o", &folder,
        ],
        &[
            "print",
            "--service-day",
            "2026-09",
            "--format",
            "html",
            "-o",
            &folder,
        ],
    ] {
        let o = stationcal(dir.path(), args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        outputs(&mut f, &args[..args.len() - 2].join(" "), &o);
    }
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), 3, "{written:?}");
    f.text("file names", &written.join("\n"));
    for name in &written {
        let page = std::fs::read_to_string(out.path().join(name)).expect("page");
        f.text(name, &page);
    }
    // Refusals and mistakes on the command line.
    for args in [
        &[
            "print",
            "--format",
            "png",
            "--from",
            "2026-10-01",
            "--days",
            "3",
        ][..],
        &["print", "--service-day", "2026-10", "--format", "text"],
        &["print", "--format", "html", "--short"],
    ] {
        let o = stationcal(dir.path(), args);
        assert!(!o.status.success(), "{args:?}");
        outputs(&mut f, &args.join(" "), &o);
    }
    f.assert_none(20);
}

/// Broken files in English: each kind of mistake's message, with the line
/// and the caret, and the summary.
#[test]
fn check_of_broken_files_is_english() {
    let mut f = Findings::default();
    let cases: Vec<(Part, &str, &str)> = vec![
        (
            Part::Station,
            "Station(name: \"x\", rooms: [Room(name: \"Hall\" seats: 4)])",
            "Station(",
        ),
        (
            Part::Station,
            "Station(name: \"x\", rooms: [Room(name: \"Hall\", seat: 4)])",
            "Station(",
        ),
        (
            Part::Station,
            "Station(name: \"x\", rooms: [Room(name: \"Hall\", seats: \"many\")])",
            "Station(",
        ),
        (Part::Station, "", ""),
        (
            Part::Screenings,
            "Screenings(slot: WeeklySlot(weekday: \"Wdnesday\", start: \"14:00\", end: \"16:00\", room: \"Hall\", from: \"2026-09-02\"))",
            "",
        ),
        (
            Part::Screenings,
            "Screenings(slot: WeeklySlot(weekday: 3, start: \"14:00\", end: \"16:00\", room: \"Hall\", from: \"2026-09-02\"))",
            "",
        ),
        (
            Part::Screenings,
            "Screenings(slot: WeeklySlot(weekday: \"Wed\", start: \"2pm\", end: \"16:00\", room: \"Attic\", from: \"2026-02-30\"))",
            "",
        ),
        (
            Part::Lectures,
            "Lectures(series: \"x\", catalogue: [Lecture(id: \"L1\", title: \"t\", speaker: \"s\", group: \"expert\", minutes: 45)])",
            "",
        ),
        (
            Part::Lectures,
            "Lectures(series: \"x\", catalogue: [Lecture(id: \"L1\", title: \"t\", speaker: \"s\", group: 2, minutes: 45)])",
            "",
        ),
        (
            Part::Events,
            "Events(events: [Event(id: \"E1\", title: \"a\tb\", date: \"2026-09-30\", start: \"16:00\", end: \"15:00\", room: \"Hall\", repeat: Sometimes)])",
            "",
        ),
        (
            Part::Events,
            "Events(events: [Event(id: \"E1\", title: \"x\", date: \"2026-09\", start: \"14:00\", end: \"15:00\")]",
            "",
        ),
        (
            Part::Events,
            "Events(events: [Event(id: \"E1\", title: \"x\", date: \"2026-09-30\", start: \"14:00\", end: \"15:00\", room: \"Hall\")]) extra",
            "",
        ),
        (
            Part::ServiceDays,
            "ServiceDays(name: \"x\", host: \"y\", rule: MonthlyRule(nth: 9, weekday: \"Sat\", start: \"09:00\", end: \"11:00\", room: \"Hall\", from: \"2026-09-01\"), months: [MonthEntry(month: \"2026-9\", theme: \"t\")])",
            "",
        ),
    ];
    for (n, (part, text, _)) in cases.iter().enumerate() {
        assert!(text.is_ascii(), "case {n}");
        let mut files = texts();
        files.retain(|(p, _)| p != part);
        files.push((*part, (*text).to_owned()));
        let dir = schedule_folder(files);
        let o = stationcal(dir.path(), &["check"]);
        assert!(!o.status.success(), "case {n} ({part:?}) finds a problem");
        outputs(&mut f, &format!("check, broken {part:?} (case {n})"), &o);
    }
    let missing = schedule_folder(
        texts()
            .into_iter()
            .filter(|(p, _)| *p != Part::Station)
            .collect(),
    );
    outputs(
        &mut f,
        "check without station.ron",
        &stationcal(missing.path(), &["check"]),
    );
    outputs(
        &mut f,
        "list without a folder",
        &stationcal(&missing.path().join("nowhere"), &["list"]),
    );
    f.assert_none(15);
}

/// Every printed form of the weeks around the break, of the month and of
/// January 2027 (not announced): the HTML sheets, the month grid, the text
/// forms, the calendar file, the image and the flyer; and a network's sheet.
#[test]
fn every_printed_form_is_english() {
    use stationcal::model::recurrence::DateRange;
    use stationcal::print::{self, flyer, html, ics, image, month, text};
    let schedule = load_texts(texts()).schedule;
    let mut f = Findings::default();
    let stamp = chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("a time");
    let ranges = [
        DateRange::week_of(date(2026, 9, 28)),
        DateRange::week_of(date(2026, 10, 5)),
        DateRange::week_of(date(2026, 10, 19)),
        DateRange::week_of(date(2027, 1, 11)),
        print::month_range(date(2026, 10, 1)),
        print::month_range(date(2027, 1, 1)),
        DateRange::new(date(2026, 12, 28), date(2027, 1, 3)),
    ];
    for range in ranges {
        let sheet = print::week_sheet(&schedule, range, today(), Lang::En);
        let what = format!("{}..{}", range.first, range.last);
        f.text(&format!("html {what}"), &html::render(&sheet));
        f.text(&format!("month grid {what}"), &month::render(&sheet));
        f.text(&format!("text {what}"), &text::render(&sheet, None));
        f.text(
            &format!("text at 30 {what}"),
            &text::render(&sheet, Some(30)),
        );
        f.text(&format!("short text {what}"), &text::render_short(&sheet));
        f.text(&format!("ics {what}"), &ics::render(&sheet, stamp));
        f.text(&format!("image {what}"), &image::week_svg(&sheet));
        if let Ok(fl) = flyer::flyer(&sheet) {
            f.text(&format!("flyer {what}"), &flyer::render(&fl));
            f.text(&format!("flyer image {what}"), &image::flyer_svg(&fl));
        }
    }
    let dir = network_folder();
    let network = stationcal::store::network::load_network(dir.path()).network;
    for range in [
        DateRange::week_of(date(2026, 9, 28)),
        print::month_range(date(2026, 10, 1)),
    ] {
        let sheet = print::network_sheet(&network, &[], range, today(), Lang::En);
        f.text("network html", &print::network::render_html(&sheet));
        f.text("network text", &text::render(&sheet, Some(40)));
        f.text("network image", &image::week_svg(&sheet));
    }
    f.assert_none(50);
}

/// The app in English on `dir` through the real workspace (so with the
/// folder's history, when it keeps one).
fn folder_app(dir: &Path) -> App {
    let loaded = stationcal::store::load_dir(dir);
    let storage = stationcal::store::workspace::Workspace::open(dir, &loaded);
    crate::support::new_app(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "schedule".into(),
        today: today(),
        lang: Lang::En,
        keymap: Keymap::default_keys(),
        status: None,
        storage: Some(Box::new(storage)),
    })
}

#[test]
fn the_history_window_is_english() {
    use stationcal::store::git::Repo;
    let dir = tempfile::tempdir().expect("temp folder");
    for (part, text) in texts() {
        std::fs::write(dir.path().join(part.file_name()), text).expect("write");
    }
    let mut f = Findings::default();
    let wed = date(2026, 9, 30);
    // No folder behind the app; a folder that keeps no history.
    let mut app = app();
    dialog(&mut f, &mut app, View::Week, wed, 0, Action::History);
    {
        let mut app = folder_app(dir.path());
        dialog(&mut f, &mut app, View::Week, wed, 0, Action::History);
        app.handle_event(&key(KeyCode::Enter));
        f.screen("history, asked to start", &app);
    }
    // Versions: the book fair renamed by Li after history started.
    Repo::init(dir.path(), "Wang", "start keeping history").expect("init");
    let events = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&events).expect("read");
    std::fs::write(&events, text.replace("Book fair", "Book swap")).expect("write");
    Repo::find(dir.path())
        .expect("history")
        .commit_files(&["events.ron".to_owned()], "Li", "rename the book fair")
        .expect("commit");
    let mut app = folder_app(dir.path());
    for i in 0..app.day(wed).len() {
        dialog(&mut f, &mut app, View::Week, wed, i, Action::History);
        for (what, code) in [
            ("older version", KeyCode::Down),
            ("next change", KeyCode::Right),
            ("whole folder", KeyCode::Tab),
            ("whole folder, older", KeyCode::Down),
            ("scrolled", KeyCode::PageDown),
        ] {
            app.handle_event(&key(code));
            f.screen(&format!("history #{i}, {what}"), &app);
        }
        // Put back: the entry, then the whole file (done, or already so).
        app.handle_event(&key(KeyCode::Up));
        crate::support::press(&mut app, "r");
        f.screen(&format!("history #{i}, entry put back"), &app);
        dialog(&mut f, &mut app, View::Week, wed, i, Action::History);
        crate::support::press(&mut app, "R");
        f.screen(&format!("history #{i}, file put back"), &app);
        app.update(Action::Undo);
        f.screen(&format!("history #{i}, undone"), &app);
    }
    f.assert_none(20);
}
