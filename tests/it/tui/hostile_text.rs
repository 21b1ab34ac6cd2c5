//! A schedule whose text holds everything that has broken terminal programs
//! (every C0 control, DEL, C1 controls, terminal escape sequences, bidi
//! overrides, zero-width characters, combining marks, emoji sequences,
//! full-width text, very long lines), in titles, rooms, places, notes and a
//! network's site names and short names. Every view and window is drawn at
//! several sizes, and every command's output is read back: nothing panics,
//! no such character reaches a cell or the output raw, borders stay where
//! they belong, and a line break in a title cannot forge a record of `list`.

use std::path::{Path, PathBuf};

use crate::support::{self, buffer, copy_dir, date, key, press, stationcal};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::sanitize::shown_escaped;
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;
use stationcal::tui::sites;

/// Every C0 control character and DEL and every C1 control.
fn all_controls() -> String {
    (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .collect()
}

/// A line break and what follows it look like a record of `list` of their own.
const FORGED: &str = "焦裕禄\n2026-11-25 周三 09:00-10:00 其他活动 伪造的记录";

/// The hostile texts, each the title of an activity in week 48.
fn titles() -> Vec<String> {
    vec![
        format!("C0{}", all_controls()),
        "读书\t沙龙\t14:00".to_owned(),
        FORGED.to_owned(),
        "改\u{1b}]0;pwned\u{7}标题\u{1b}[2J\u{1b}[H清屏".to_owned(),
        "剪贴板\u{1b}]52;c;SGVsbG8=\u{7}\u{9b}31m红字\u{90}q".to_owned(),
        "abc\u{202e}fed\u{202c} \u{2066}隔离\u{2069} \u{200e}\u{200f}\u{61c}".to_owned(),
        "零\u{200b}宽\u{200c}字\u{200d}符\u{2060}\u{feff}\u{ad}\u{2028}分\u{2029}段".to_owned(),
        "Z\u{336}\u{335}a\u{337}l\u{338}g\u{334}o\u{301}\u{301}\u{301} e\u{301}".to_owned(),
        "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 🇨🇳 👍🏻 ☺\u{fe0e}".to_owned(),
        "ＡＢＣ　全角　ｶﾞｷﾞ".to_owned(),
        "很长的标题".repeat(200),
        "\r\n\r仅回车\r".to_owned(),
    ]
}

/// `s` as a RON string: quotes and backslashes escaped, everything else as
/// it is (raw control characters and all: RON reads them).
fn ron_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The sample network with the hostile texts in it.
fn hostile_network() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path();
    copy_dir(&support::asset("assets/network"), root);
    // Site names and short names: the picker once crashed on a TAB here.
    let net = std::fs::read_to_string(root.join("network.ron")).expect("network.ron");
    let net = net
        .replace(
            "name: \"石化街道\",",
            &format!("name: {},", ron_str("石化\u{1b}]0;街道\u{7}")),
        )
        .replace(
            "Site(name: \"紫卫居民区党群服务站\", folder: \"紫卫居民区\")",
            &format!(
                "Site(name: {}, folder: \"紫卫居民区\", short: {})",
                ron_str("紫卫\t居民区\u{202e}党群服务站"),
                ron_str("紫\t卫")
            ),
        )
        .replace(
            "Site(name: \"四村居民区党群服务站\", folder: \"四村居民区\")",
            &format!(
                "Site(name: {}, folder: \"四村居民区\")",
                ron_str("\u{9b}2J四\u{200b}村\n居民区")
            ),
        );
    std::fs::write(root.join("network.ron"), net).expect("write network.ron");
    // A room with a TAB in its name.
    let station_path = root.join("中心/station.ron");
    let station = std::fs::read_to_string(&station_path).expect("station.ron");
    let station = station.replace(
        "Room(name: \"会议室\", seats: 24),",
        &format!(
            "Room(name: \"会议室\", seats: 24),\n        Room(name: {}, seats: 10),",
            ron_str("会议室\t二楼")
        ),
    );
    std::fs::write(&station_path, station).expect("write station.ron");
    // The hostile titles, with hostile rooms, places, organisers and notes,
    // on the days of week 48.
    let events_path = root.join("中心/events.ron");
    let events = std::fs::read_to_string(&events_path).expect("events.ron");
    let mut extra = String::new();
    for (n, title) in titles().iter().enumerate() {
        let day = 23 + n % 7;
        let place = if n % 2 == 0 {
            format!("room: {}", ron_str("会议室\t二楼"))
        } else {
            format!("place: {}", ron_str(&titles()[(n + 3) % titles().len()]))
        };
        extra.push_str(&format!(
            "        Event(id: \"H{n:02}\", title: {}, date: \"2026-11-{day}\", start: \"{:02}:00\", \
             end: \"{:02}:30\", {place}, organiser: {}, note: {}),\n",
            ron_str(title),
            8 + n,
            8 + n,
            ron_str(&titles()[(n + 1) % titles().len()]),
            ron_str(&titles()[(n + 2) % titles().len()]),
        ));
    }
    let at = events
        .rfind("    ],")
        .expect("the events list ends with `    ],`");
    std::fs::write(
        &events_path,
        format!("{}{extra}{}", &events[..at], &events[at..]),
    )
    .expect("write events.ron");
    dir
}

fn hostile_app(root: &Path) -> App {
    let start = sites::load(root);
    let mut app = crate::support::new_app(AppInit {
        schedule: start.schedule,
        diagnostics: start.diagnostics,
        dir: start.dir.expect("a site was read"),
        today: date(2026, 11, 27),
        lang: Lang::Zh,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    });
    app.set_network(start.view);
    app
}

fn symbol(buf: &Buffer, x: u16, y: u16) -> &str {
    buf.cell((x, y)).map_or("", ratatui::buffer::Cell::symbol)
}

/// Every window drawn with a box has its four sides whole: each row
/// between its corners has `│` at both edges.
fn boxes_are_whole(buf: &Buffer) -> Result<usize, String> {
    let a = buf.area;
    let mut found = 0;
    for y in a.top()..a.bottom() {
        for x in a.left()..a.right() {
            if symbol(buf, x, y) != "┌" {
                continue;
            }
            let Some(right) = (x + 1..a.right()).find(|&r| symbol(buf, r, y) == "┐") else {
                continue;
            };
            let Some(bottom) = (y + 1..a.bottom()).find(|&b| symbol(buf, x, b) == "└") else {
                return Err(format!("box at ({x},{y}) has no bottom-left corner"));
            };
            for row in y + 1..bottom {
                for edge in [x, right] {
                    if symbol(buf, edge, row) != "│" {
                        return Err(format!(
                            "box ({x},{y})-({right},{bottom}): row {row} has {:?} at {edge}",
                            symbol(buf, edge, row)
                        ));
                    }
                }
            }
            if symbol(buf, right, bottom) != "┘" {
                return Err(format!("box at ({x},{y}): no ┘ at ({right},{bottom})"));
            }
            found += 1;
        }
    }
    Ok(found)
}

/// The screen's text, a wide character's hidden second cell left out.
fn screen_text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut x = buf.area.left();
        while x < buf.area.right() {
            let sym = symbol(buf, x, y);
            s.push_str(sym);
            x += u16::try_from(stationcal::textwidth::width(sym).max(1)).unwrap_or(1);
        }
        s.push('\n');
    }
    s
}

/// What each view and window is opened with, and whether it is a box.
const SETUPS: [(&str, &str, bool); 15] = [
    ("week", "", false),
    ("month", "2", false),
    ("agenda", "3", false),
    ("catalogue", "4", false),
    ("details", "\n", true),
    ("search", "/", true),
    ("problems", "e", true),
    ("sites", "s", true),
    ("print preview", "p", true),
    ("help", "?", true),
    ("catalogue details", "4\n", true),
    ("edit form", "\n\n", true),
    ("delete", "d", true),
    ("add menu", "a", true),
    ("film form", "4\n\n", true),
];

fn open(app: &mut App, keys: &str) {
    for c in keys.chars() {
        if c == '\n' {
            app.handle_event(&key(KeyCode::Enter));
        } else {
            press(app, &c.to_string());
        }
    }
}

#[test]
fn every_view_draws_hostile_text_safely_at_every_size() {
    let dir = hostile_network();
    let mut failures = Vec::new();
    for (name, keys, boxed) in SETUPS {
        for (w, h) in [(40, 12), (80, 24), (120, 40), (97, 31), (23, 9)] {
            let mut app = hostile_app(dir.path());
            // The hostile activities are on Monday to Sunday of this week:
            // Wednesday holds the forged record.
            open(&mut app, keys);
            if name == "search" {
                press(&mut app, "伪造");
            }
            let buf = buffer(w, h, &app);
            let text = screen_text(&buf);
            if let Some(c) = text.chars().find(|c| *c != '\n' && shown_escaped(*c)) {
                failures.push(format!("{name} {w}x{h}: {c:?} reached a cell\n{text}"));
            }
            match boxes_are_whole(&buf) {
                Ok(0) if boxed && w >= 40 => {
                    failures.push(format!("{name} {w}x{h}: no window drawn\n{text}"));
                }
                Err(e) => failures.push(format!("{name} {w}x{h}: {e}\n{text}")),
                Ok(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The week's seven columns keep their places: the last column of each
/// day is the blank gap before the next, on every row, however long or
/// strange the titles in it.
#[test]
fn week_columns_keep_their_gaps() {
    let dir = hostile_network();
    for (w, h) in [(40u16, 12u16), (80, 24), (120, 40), (97, 31)] {
        let app = hostile_app(dir.path());
        let buf = buffer(w, h, &app);
        let col_w = w / 7;
        // Body rows: below the header line, above the detail pane (its
        // top border begins ` 详情 `) or, without a pane, the status line.
        let pane_top = (0..h).find(|&y| symbol(&buf, 1, y) == "详");
        assert!(h < 20 || pane_top.is_some(), "{w}x{h}: no detail pane");
        let last_body_row = pane_top.map_or(h - 2, |y| y - 1);
        for day in 0..6 {
            let gap = day * col_w + col_w - 1;
            for y in 1..=last_body_row {
                assert_eq!(
                    symbol(&buf, gap, y),
                    " ",
                    "{w}x{h}: day {day}'s gap at ({gap},{y}) is taken\n{}",
                    screen_text(&buf)
                );
            }
        }
    }
}

/// The escapes are seen: a TAB, an ESC and a bidi override show as
/// `\t`, `\u{1b}` and `\u{202e}`, not silently dropped.
#[test]
fn hidden_characters_are_shown_as_escapes() {
    let dir = hostile_network();
    let mut app = hostile_app(dir.path());
    open(&mut app, "3");
    // From the week's Monday with the selection there, so the whole week
    // is on the screen (the agenda keeps its selection mid-screen).
    app.agenda_from = date(2026, 11, 23);
    app.cursor = date(2026, 11, 23);
    app.selected = 0;
    let text = screen_text(&buffer(200, 60, &app));
    for want in [
        "读书\\t沙龙",
        "改\\u{1b}]0;pwned\\u{7}标题",
        "abc\\u{202e}fed",
        "焦裕禄\\n2026",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
    // The site picker with a TAB in a short name (it once crashed here).
    let mut app = hostile_app(dir.path());
    open(&mut app, "s");
    let text = screen_text(&buffer(100, 20, &app));
    // The short name in its four columns, then the name in full.
    assert!(
        text.contains("[x] 紫\\t 紫卫\\t居民区\\u{202e}党群服务站"),
        "{text}"
    );
}

/// No byte that could act on a terminal: below 0x20 only `\n` (and `\r`
/// right before it where the format wants CRLF); no DEL, C1 control, bidi
/// or invisible format character.
fn assert_inert(what: &str, bytes: &[u8], crlf: bool) {
    for (i, &b) in bytes.iter().enumerate() {
        let ok = b >= 0x20 && b != 0x7f
            || b == b'\n'
            || (crlf && b == b'\r' && bytes.get(i + 1) == Some(&b'\n'));
        assert!(
            ok,
            "{what}: byte {b:#04x} at {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let text = String::from_utf8_lossy(bytes);
    // (Line ends were checked byte by byte above.)
    if let Some(c) = text
        .chars()
        .find(|c| !matches!(c, '\n' | '\r') && shown_escaped(*c))
    {
        panic!("{what}: {c:?} in the output");
    }
}

#[test]
fn no_command_writes_hostile_text_raw() {
    let dir = hostile_network();
    let root = dir.path();
    let week = ["--week", "2026-11-23"];
    let cases: Vec<(&str, Vec<&str>, bool)> = vec![
        (
            "list",
            vec!["list", "--from", "2026-11-23", "--days", "7"],
            false,
        ),
        (
            "list --json",
            vec!["list", "--json", "--from", "2026-11-23", "--days", "7"],
            false,
        ),
        ("check", vec!["check"], false),
        ("check --json", vec!["check", "--json"], false),
        ("check --lang en", vec!["--lang", "en", "check"], false),
        (
            "print text",
            [&["print", "--format", "text"][..], &week].concat(),
            false,
        ),
        (
            "print text 40",
            [&["print", "--format", "text", "--width", "40"][..], &week].concat(),
            false,
        ),
        (
            "print ics",
            [&["print", "--format", "ics"][..], &week].concat(),
            true,
        ),
        (
            "print text --short",
            [&["print", "--format", "text", "--short"][..], &week].concat(),
            false,
        ),
        (
            "print month text",
            vec!["print", "--format", "text", "--month", "2026-11"],
            false,
        ),
    ];
    for (what, args, crlf) in &cases {
        let out = stationcal(root, args);
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{what}: no output");
        assert_inert(what, &out.stdout, *crlf);
        assert_inert(&format!("{what} (stderr)"), &out.stderr, false);
    }
    // The HTML page, written to a file.
    let html_dir = tempfile::tempdir().expect("temp");
    let out = stationcal(
        root,
        &[
            &["print", "--format", "html", "-o"][..],
            &[html_dir.path().to_str().expect("utf-8")],
            &week,
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_inert("print html (stdout)", &out.stdout, false);
    let pages: Vec<PathBuf> = std::fs::read_dir(html_dir.path())
        .expect("html folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(!pages.is_empty());
    for p in pages {
        assert_inert("print html", &std::fs::read(&p).expect("page"), false);
    }
    // The month grid and the flyer.
    for args in [
        &["print", "--month", "2026-11"][..],
        &["print", "--service-day", "2026-11", "--site", "四村居民区"],
    ] {
        let file = html_dir.path().join("sheet.html");
        let out = stationcal(
            root,
            &[args, &["-o", file.to_str().expect("utf-8")]].concat(),
        );
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(
            &format!("{args:?}"),
            &std::fs::read(&file).expect("sheet"),
            false,
        );
    }
}

/// The chat image's SVG of the hostile week: inert, well-formed XML (resvg
/// parses it), every hostile title there in its shown form.
#[test]
fn the_image_keeps_hostile_text_inert() {
    let dir = hostile_network();
    let loaded = stationcal::store::network::load_network(dir.path());
    let shown = vec![true; loaded.network.sites.len()];
    let week = stationcal::model::recurrence::DateRange::week_of(support::date(2026, 11, 23));
    let sheet = stationcal::print::network_sheet(
        &loaded.network,
        &shown,
        week,
        support::date(2026, 11, 27),
        Lang::Zh,
    );
    let svg = stationcal::print::image::week_svg(&sheet);
    assert_inert("image svg", svg.as_bytes(), false);
    assert!(svg.contains("改\\u{1b}]0;pwned\\u{7}标题"));
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("well-formed SVG");
}

/// The JSON outputs read back to the schedule's own values, byte for byte:
/// only what is written is escaped, never the data.
#[test]
fn json_keeps_the_exact_text() {
    let dir = hostile_network();
    let out = stationcal(
        dir.path(),
        &["list", "--json", "--from", "2026-11-23", "--days", "7"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let got: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["title"].as_str())
        .collect();
    for t in titles() {
        // As loaded: in NFC, as every text is compared (an accent typed
        // apart from its letter is joined to it).
        let t: String = unicode_normalization::UnicodeNormalization::nfc(t.as_str()).collect();
        assert!(got.contains(&t.as_str()), "{t:?} not in {got:?}");
    }
}

/// One activity, one line: a title with a line break cannot add a record.
#[test]
fn a_line_break_in_a_title_cannot_forge_a_list_record() {
    let dir = hostile_network();
    let args = ["--from", "2026-11-23", "--days", "7"];
    let text = stationcal(dir.path(), &[&["list"][..], &args].concat());
    let json = stationcal(dir.path(), &[&["list", "--json"][..], &args].concat());
    let items = serde_json::from_slice::<serde_json::Value>(&json.stdout)
        .expect("JSON")
        .as_array()
        .map_or(0, Vec::len);
    let lines: Vec<String> = String::from_utf8_lossy(&text.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), items, "{lines:#?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("2026-11-25 周三 09:00-10:00 其他活动 伪造")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("焦裕禄\\n2026-11-25")));
    // The text sheet too, with and without a width: the line break is seen,
    // and no line of the forged text starts where a day's lines do.
    for width in [None, Some("40")] {
        let mut args = vec!["print", "--format", "text", "--week", "2026-11-23"];
        args.extend(width.iter().flat_map(|w| ["--width", w]));
        let sheet = String::from_utf8_lossy(&stationcal(dir.path(), &args).stdout).into_owned();
        assert!(sheet.contains("焦裕禄\\n"), "{sheet}");
        assert!(
            !sheet.lines().any(|l| l.starts_with("2026-11-25")),
            "{sheet}"
        );
    }
}

/// `check` finds each kind of hidden character with its place and says
/// what to do, and the files still work (warnings only).
#[test]
fn check_warns_about_each_hidden_character() {
    let dir = hostile_network();
    let out = stationcal(dir.path(), &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "network.ron:",
        "简称 short 有一个制表符（TAB），多半是从表格里粘贴来的：请把它改成空格",
        "中心/events.ron:",
        "标题 title 有一个换行",
        "文字方向控制符 U+202E",
        "看不见的字符 U+200B",
        "控制字符 U+001B（显示为 \\u{1b}）",
        "中心/station.ron:",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
    assert_eq!(out.status.code(), Some(0), "{text}");
}
