//! Config `mouse: false` leaves the mouse to the terminal (for selecting
//! and copying text): the app does not turn mouse capture on, and mouse
//! events that reach it anyway are ignored. Checked on the app, on the
//! config's default text, and on the real binary in a pseudo-terminal.

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Position;
use stationcal::config;
use stationcal::i18n::Lang;
use stationcal::tui::app::View;

use super::{SIZES, draw, find};
use crate::support::{click, date, mouse, press, sample_app, wheel};

#[test]
fn with_the_mouse_off_no_mouse_event_changes_anything() {
    for size in SIZES {
        for on in [true, false] {
            let mut app = sample_app(Lang::Zh);
            app.mouse = on;
            let buf = draw(&app, size);
            click(&mut app, find(&buf, "周三 11/25"));
            assert_eq!(app.cursor == date(2026, 11, 25), on, "{size:?} mouse {on}");
            wheel(&mut app, Position::new(1, 3), true, 1);
            assert_eq!(app.selected == 1, on, "{size:?} mouse {on}: the wheel");
            click(&mut app, find(&buf, "2月"));
            assert_eq!(app.view == View::Month, on);
            // Over a window too.
            press(&mut app, "?");
            mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 0);
            assert_eq!(app.has_dialog(), !on, "{size:?} mouse {on}: outside help");
        }
    }
}

#[test]
fn the_default_config_documents_the_mouse_and_false_turns_it_off() {
    let text = config::DEFAULT_CONFIG;
    assert!(
        text.contains("// mouse: true,"),
        "the default is documented"
    );
    let (c, problem) = config::parse("config.ron", text);
    assert_eq!(
        (c.mouse, problem),
        (None, None),
        "commented out: the default"
    );
    let off = text.replace("// mouse: true,", "mouse: false,");
    let (c, problem) = config::parse("config.ron", &off);
    assert_eq!((c.mouse, problem), (Some(false), None));
}

/// The real binary in a pseudo-terminal. A Windows console (`ConPTY`)
/// translates both ways: neither the capture request nor the mouse
/// reports pass through as bytes there.
#[cfg(unix)]
mod terminal {
    use std::io::{Read, Write};
    use std::num::NonZeroU16;
    use std::sync::{Arc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    use crate::support::sample_copy;

    /// What xterm-style terminals are sent to report clicks; crossterm's
    /// `EnableMouseCapture` starts with it.
    const CAPTURE_ON: &[u8] = b"\x1b[?1000h";

    /// The real binary on a copy of the sample at 100×30 with `config` as
    /// its settings: waits for the week, clicks (SGR mouse reports, as
    /// terminals send them) on Wednesday's header, presses `3` for the agenda
    /// (which starts at the selected day), and returns every byte it wrote
    /// and the agenda's first row.
    fn run(config_text: &str) -> (Vec<u8>, String) {
        const ROWS: u16 = 30;
        const COLS: u16 = 100;
        const TIMEOUT: Duration = Duration::from_secs(20);
        let dir = sample_copy();
        let home = tempfile::tempdir().expect("home");
        let config_path = home.path().join("config.ron");
        std::fs::write(&config_path, config_text).expect("config");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stationcal"));
        cmd.args(["--today", "2026-11-27", "--dir"]);
        cmd.arg(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("STATIONCAL_CONFIG", &config_path);
        cmd.env_remove("STATIONCAL_DIR");
        cmd.cwd(home.path());
        let mut child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let mut writer = pty.master.take_writer().expect("writer");
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let shared = Arc::new(Mutex::new((vt100::Parser::new(rows, cols, 0), Vec::new())));
        {
            let shared = Arc::clone(&shared);
            let master = pty.master;
            thread::spawn(move || {
                let _master = master;
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut s = shared.lock().expect("lock");
                    s.0.process(&buf[..n]);
                    s.1.extend_from_slice(&buf[..n]);
                }
            });
        }
        let screen = || -> Vec<String> {
            let s = shared.lock().expect("lock");
            s.0.screen().rows(0, COLS).collect()
        };
        let wait = |what: &str, ok: &dyn Fn(&[String]) -> bool| -> Vec<String> {
            let start = Instant::now();
            loop {
                let rows = screen();
                if ok(&rows) {
                    return rows;
                }
                assert!(
                    start.elapsed() < TIMEOUT,
                    "timed out waiting for {what}:\n{}",
                    rows.join("\n")
                );
                thread::sleep(Duration::from_millis(50));
            }
        };
        let rows = wait("the week", &|r| r.iter().any(|l| l.contains("周三 11/25")));
        // The header's cell, counted by display width as the terminal does.
        let (y, line) = rows
            .iter()
            .enumerate()
            .find(|(_, l)| l.contains("周三 11/25"))
            .expect("the header row");
        let before = &line[..line.find("周三 11/25").expect("header")];
        let x = stationcal::textwidth::width(before);
        let (col, row) = (x + 2, y + 1);
        let mut send = |bytes: &[u8]| {
            writer.write_all(bytes).expect("send");
            writer.flush().expect("flush");
        };
        send(format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m").as_bytes());
        send(b"3");
        let rows = wait("the agenda", &|r| {
            r.first().is_some_and(|l| l.contains("起60天"))
        });
        send(b"q");
        let start = Instant::now();
        while child.try_wait().ok().flatten().is_none() {
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                panic!("did not quit:\n{}", screen().join("\n"));
            }
            thread::sleep(Duration::from_millis(50));
        }
        let raw = shared.lock().expect("lock").1.clone();
        (raw, rows[0].clone())
    }

    #[test]
    fn the_real_app_captures_the_mouse_unless_the_config_says_false() {
        // The default: capture on, and the click selected Wednesday.
        let (raw, header) = run("");
        assert!(contains(&raw, CAPTURE_ON), "capture was not turned on");
        assert!(header.contains("11月25日起60天"), "{header}");
        // `mouse: false`: no capture, and a click that arrives anyway is ignored.
        let (raw, header) = run("(mouse: false)");
        assert!(!contains(&raw, CAPTURE_ON), "capture was turned on");
        assert!(header.contains("11月27日起60天"), "{header}");
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }
}
