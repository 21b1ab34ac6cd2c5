//! Driving the app without a terminal: the app on the sample, on texts or
//! on a real folder, keys, and the screen as a test backend draws it.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::model::recurrence::DateRange;
use stationcal::model::validate::Part;
use stationcal::store::workspace::Workspace;
use stationcal::store::{load_dir, load_texts, sample};
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;

/// The app as the tests start it: like `App::new`, but its print folder is
/// one that is never made, so a test that presses `p` `h` (random keys do)
/// writes nothing, instead of a page in the working directory (the
/// repository) where the real app would put it. Tests of printing set a
/// temporary folder of their own.
pub fn new_app(init: AppInit) -> App {
    let mut app = App::new(init);
    app.print_dir = std::env::temp_dir().join("stationcal-tests-print-nowhere");
    app
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// The fixed week of the snapshots: Monday 2026-11-23 to Sunday 11-29.
pub fn week48() -> DateRange {
    DateRange::week_of(date(2026, 11, 23))
}

/// The print date of the snapshots, and the app's today: Friday 2026-11-27.
pub fn today() -> NaiveDate {
    date(2026, 11, 27)
}

/// The app on the bundled sample, with today fixed at Friday 2026-11-27.
pub fn sample_app(lang: Lang) -> App {
    // Read once per test run: hundreds of tests (and property cases) start
    // from the sample, and what they test is the app, not the reading.
    static SAMPLE: std::sync::OnceLock<stationcal::store::Loaded> = std::sync::OnceLock::new();
    let loaded = SAMPLE.get_or_init(|| load_texts(sample::texts())).clone();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    new_app(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today: today(),
        lang,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

/// The app on the sample network (`assets/network`), the centre active,
/// in Chinese, today 2026-11-27; no storage (nothing is saved).
pub fn network_app() -> App {
    // Relative, as the snapshots show the folder: tests run in the package folder.
    let start = stationcal::tui::sites::load(Path::new("assets/network"));
    assert!(start.diagnostics.is_empty(), "{:?}", start.diagnostics);
    let mut app = new_app(AppInit {
        schedule: start.schedule,
        diagnostics: start.diagnostics,
        dir: start.dir.expect("a site was read"),
        today: today(),
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    });
    app.set_network(start.view);
    app
}

/// The app on the bundled sample, with today fixed at `today`.
pub fn sample_app_on(today: NaiveDate, lang: Lang) -> App {
    app_on_texts(sample::texts(), today, lang)
}

/// The app on schedule texts, with today fixed at `today`; the texts must load cleanly
/// apart from warnings.
pub fn app_on_texts(texts: Vec<(Part, String)>, today: NaiveDate, lang: Lang) -> App {
    let loaded = load_texts(texts);
    new_app(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today,
        lang,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

/// The app on `dir` through the real workspace (lock, watcher, saving),
/// in Chinese, today 2026-11-27; whatever the folder's files say.
pub fn workspace_app(dir: &Path) -> App {
    let loaded = load_dir(dir);
    let storage = Workspace::open(dir, &loaded);
    new_app(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: dir.to_path_buf(),
        today: today(),
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: Some(Box::new(storage)),
    })
}

/// [`workspace_app`] on a folder that must load without any diagnostic.
pub fn clean_workspace_app(dir: &Path) -> App {
    let app = workspace_app(dir);
    assert!(
        app.diagnostics.is_empty(),
        "{}: {:?}",
        dir.display(),
        app.diagnostics
    );
    app
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Presses each character of `keys` as a key (no modifiers).
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&key(KeyCode::Char(c)));
        // As the event loop does once the frame is drawn.
        app.run_sync_request();
    }
}

/// Presses `code` `times` times.
pub fn hit(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        app.handle_event(&key(code));
    }
}

/// Ctrl and `c`.
pub fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// Ctrl-S: save.
pub fn ctrl_s(app: &mut App) {
    ctrl(app, 's');
}

/// The status line's text, empty when there is none.
#[cfg_attr(not(unix), allow(dead_code))] // its users are unix-only fault tests
pub fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

pub fn terminal(w: u16, h: u16, app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| stationcal::tui::draw(f, app)).expect("draw");
    t
}

/// The drawn cells.
pub fn buffer(w: u16, h: u16, app: &App) -> Buffer {
    terminal(w, h, app).backend().buffer().clone()
}

/// The text of row `y` of the screen drawn at `w`×`h`, wide characters
/// without their trailing blank cell, trailing blanks trimmed.
pub fn screen_row(app: &App, w: u16, h: u16, y: u16) -> String {
    let t = terminal(w, h, app);
    let buf = t.backend().buffer();
    let mut s = String::new();
    let mut skip = 0;
    for x in 0..w {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        s.push_str(sym);
    }
    s.trim_end().to_owned()
}

/// The screen's text, a wide character's hidden second cell left out (for
/// failure messages and for what is on screen).
pub fn text_of(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut x = buf.area.left();
        while x < buf.area.right() {
            let sym = buf.cell((x, y)).map_or(" ", ratatui::buffer::Cell::symbol);
            s.push_str(sym);
            x += u16::try_from(stationcal::textwidth::width(sym).max(1)).unwrap_or(1);
        }
        s.push('\n');
    }
    s
}

/// The screen as text, one line per row.
pub fn screen(w: u16, h: u16, app: &App) -> String {
    terminal(w, h, app).backend().to_string()
}

/// Where `text` starts on a drawn screen, by the cells as drawn (a wide
/// character's second cell skipped): the first match, top to bottom.
pub fn locate(buf: &Buffer, text: &str) -> Option<ratatui::layout::Position> {
    locate_all(buf, text).into_iter().next()
}

/// Every place `text` starts on a drawn screen, top to bottom, left to right.
pub fn locate_all(buf: &Buffer, text: &str) -> Vec<ratatui::layout::Position> {
    use ratatui::layout::Position;
    let area = buf.area;
    let mut found = Vec::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut xs = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let sym = buf.cell(Position::new(x, y)).map_or(" ", |c| c.symbol());
            xs.push((line.len(), x));
            line.push_str(sym);
            x += u16::try_from(stationcal::textwidth::width(sym).max(1)).unwrap_or(1);
        }
        for (at, _) in line.match_indices(text) {
            if let Some((_, x)) = xs.iter().find(|(b, _)| *b == at) {
                found.push(Position::new(*x, y));
            }
        }
    }
    found
}

/// A mouse event of `kind` at a cell, fed to the app as the terminal
/// would send it.
pub fn mouse(app: &mut App, kind: ratatui::crossterm::event::MouseEventKind, x: u16, y: u16) {
    use ratatui::crossterm::event::MouseEvent;
    app.handle_event(&Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

/// A left click at a cell: the button going down, then up. Clicks are read
/// against the screen as last drawn: draw the app at the size under test
/// first (e.g. with [`buffer`]).
pub fn click(app: &mut App, at: ratatui::layout::Position) {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    mouse(app, MouseEventKind::Down(MouseButton::Left), at.x, at.y);
    mouse(app, MouseEventKind::Up(MouseButton::Left), at.x, at.y);
}

/// Two left clicks at a cell, nothing drawn between them, as a double
/// click arrives (crossterm reports no double clicks of its own).
pub fn double_click(app: &mut App, at: ratatui::layout::Position) {
    click(app, at);
    click(app, at);
}

/// `notches` turns of the wheel, down or up, with the pointer at a cell.
pub fn wheel(app: &mut App, at: ratatui::layout::Position, down: bool, notches: usize) {
    use ratatui::crossterm::event::MouseEventKind;
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    for _ in 0..notches {
        mouse(app, kind, at.x, at.y);
    }
}
