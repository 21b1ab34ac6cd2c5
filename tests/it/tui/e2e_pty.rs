//! The real binary in a pseudo-terminal: what staff see on screen, the keys
//! they press, and that quitting leaves the terminal as it was.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use tempfile::TempDir;

use stationcal::model::Schedule;
use stationcal::store::load_dir;

use crate::support::{sample_copy, sample_text};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// Generous, for slow CI machines.
const TIMEOUT: Duration = Duration::from_secs(20);
const TODAY: &str = "2026-11-27";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

const FILES: [&str; 5] = [
    "station.ron",
    "screenings.ron",
    "service-days.ron",
    "lectures.ron",
    "events.ron",
];

/// What the reader thread shares: the emulated screen and every byte seen.
struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// The app running in a pseudo-terminal.
struct Session {
    shared: Arc<Mutex<Shared>>,
    reader_done: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// A private home folder, so no real config file is read.
    _home: TempDir,
}

impl Session {
    fn start(dir: &Path) -> Session {
        Session::start_with(dir, &[])
    }

    fn start_with(dir: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let home = tempfile::tempdir().expect("temp home");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stationcal"));
        cmd.arg("--dir");
        cmd.arg(dir);
        cmd.arg("--today");
        cmd.arg(TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env_remove("STATIONCAL_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());
        let child = pty.slave.spawn_command(cmd).expect("spawn stationcal");
        // Only the child holds the slave end now: reads end when it exits.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let rows = NonZeroU16::new(ROWS).expect("rows > 0");
        let cols = NonZeroU16::new(COLS).expect("cols > 0");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }));
        let reader_done = Arc::new(AtomicBool::new(false));
        {
            let shared = Arc::clone(&shared);
            let done = Arc::clone(&reader_done);
            // The master must outlive the reader on some platforms.
            let master = pty.master;
            thread::spawn(move || {
                let _master = master;
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut s = shared.lock().expect("screen lock");
                            s.parser.process(&buf[..n]);
                            s.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
                done.store(true, Ordering::SeqCst);
            });
        }
        Session {
            shared,
            reader_done,
            writer,
            child,
            _home: home,
        }
    }

    fn screen(&self) -> String {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents()
    }

    /// The screen's rows as text.
    fn rows(&self) -> Vec<String> {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .rows(0, COLS)
            .collect()
    }

    /// The text of a column band of the screen, `width` cells from `start`.
    fn band(&self, start: u16, width: u16) -> Vec<String> {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .rows(start, width)
            .collect()
    }

    /// The screen column where `text` starts on row `row`, by cells.
    fn column_of(&self, row: usize, text: &str) -> Option<u16> {
        (0..COLS).find(|&c| {
            self.band(c, COLS - c)
                .get(row)
                .is_some_and(|r| r.starts_with(text))
        })
    }

    fn raw_len(&self) -> usize {
        self.shared.lock().expect("screen lock").raw.len()
    }

    /// Waits until the screen's rows satisfy `ok`; fails with the screen shown.
    /// A frame may arrive in pieces: put everything a test then relies on
    /// into the condition.
    fn wait_for_rows(&mut self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = Instant::now();
        loop {
            let rows = self.rows();
            if ok(&rows) {
                return rows;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "stationcal exited ({status:?}) while waiting for {what}:\n{}",
                    rows.join("\n")
                );
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen is:\n{}",
                rows.join("\n")
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the whole screen's text satisfies `ok`.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_rows(what, |rows| ok(&rows.join("\n")))
            .join("\n")
    }

    fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("send keys");
        self.writer.flush().expect("flush keys");
    }

    /// Presses `q` and waits for a clean exit; returns the bytes written after it.
    fn quit(mut self) -> Vec<u8> {
        let from = self.raw_len();
        self.send(b"q");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let screen = self.screen();
                let _ = self.child.kill();
                panic!("stationcal did not quit within {TIMEOUT:?}:\n{screen}");
            }
            thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "exit status {status:?}");
        // Let the reader drain what the app wrote before exiting.
        let start = Instant::now();
        while !self.reader_done.load(Ordering::SeqCst) && start.elapsed() < TIMEOUT {
            thread::sleep(Duration::from_millis(20));
        }
        let shared = self.shared.lock().expect("screen lock");
        shared.raw[from..].to_vec()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn schedule_of(dir: &Path) -> Schedule {
    let loaded = load_dir(dir);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.schedule
}

/// The title of the film the sample shows on `date`.
fn film_on(schedule: &Schedule, date: &str) -> String {
    let s = schedule.screenings.as_ref().expect("screenings");
    let showing = s
        .programme
        .iter()
        .find(|p| p.date.to_string() == date)
        .unwrap_or_else(|| panic!("no showing on {date}"));
    schedule
        .film(&showing.film)
        .expect("the showing's film")
        .title
        .clone()
}

/// The 乐淘淘 theme the sample gives `month` (`2026-11`).
fn theme_of(schedule: &Schedule, month: &str) -> String {
    schedule
        .service_days
        .as_ref()
        .expect("service days")
        .months
        .iter()
        .find(|m| m.month.format("%Y-%m").to_string() == month)
        .unwrap_or_else(|| panic!("no MonthEntry for {month}"))
        .theme
        .clone()
}

const DAY_HEADERS: [&str; 7] = [
    "周一 11/23",
    "周二 11/24",
    "周三 11/25",
    "周四 11/26",
    "周五 11/27",
    "周六 11/28",
    "周日 11/29",
];

#[test]
fn week_month_agenda_help_and_quit() {
    let dir = sample_copy();
    let schedule = schedule_of(dir.path());
    let film = film_on(&schedule, "2026-11-25");
    let theme = theme_of(&schedule, "2026-11");
    let mut app = Session::start(dir.path());

    // The week of 2026-11-27, Monday first, in Chinese.
    let screen = app.wait_for("the week view", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("石化街道社区党群服务中心")
            && header.contains("2026年11月23日")
            && DAY_HEADERS.iter().all(|h| s.contains(h))
    });
    let first = screen.find(DAY_HEADERS[0]).expect("Monday");
    let last = screen.find(DAY_HEADERS[6]).expect("Sunday");
    assert!(first < last, "Monday comes before Sunday:\n{screen}");
    // The Wednesday column holds that day's film.
    let wed = app
        .column_of(1, DAY_HEADERS[2])
        .expect("Wednesday's column");
    let thu = app.column_of(1, DAY_HEADERS[3]).expect("Thursday's column");
    assert!(wed < thu);
    app.wait_for_text(&film);
    let column = app.band(wed, thu - wed);
    assert!(
        column.iter().any(|r| r.contains(&film)),
        "{film} is not under Wednesday:\n{}",
        column.join("\n")
    );

    // 2: the month, with November's 乐淘淘 theme.
    app.send(b"2");
    app.wait_for("the month view", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("2026年11月") && !header.contains("23日") && s.contains(&theme)
    });

    // 3: the agenda, from today.
    app.send(b"3");
    app.wait_for("the agenda", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("11月27日起") && !header.contains(&theme)
    });

    // ?: help, closed again with Esc.
    app.send(b"?");
    app.wait_for_text("屏幕上的标记");
    app.send(b"\x1b");
    app.wait_for("help to close", |s| !s.contains("屏幕上的标记"));

    let after_quit = app.quit();
    assert!(
        contains(&after_quit, LEAVE_ALTERNATE_SCREEN),
        "the terminal was not restored: no leave-alternate-screen after q"
    );
}

#[test]
fn empty_folder_gets_the_sample() {
    let dir = tempfile::tempdir().expect("temp folder");
    let mut app = Session::start(dir.path());
    app.wait_for_rows("the week view and the status line", |rows| {
        let screen = rows.join("\n");
        let status = rows.last().map_or("", String::as_str);
        screen.contains("石化街道社区党群服务中心")
            && screen.contains("2026年11月23日")
            && status.contains("示例")
    });
    assert!(dir.path().join("station.ron").is_file());
    let after_quit = app.quit();
    assert!(contains(&after_quit, LEAVE_ALTERNATE_SCREEN));
    // What was written is the sample, and it loads cleanly.
    for f in FILES {
        let written = std::fs::read_to_string(dir.path().join(f)).expect("a sample file");
        assert_eq!(written, sample_text(f), "{f}");
    }
    schedule_of(dir.path());
}

#[test]
fn broken_file_still_starts_and_shows_the_problem() {
    let showing = "Showing(date: \"2026-11-25\", film: \"F17\")";
    let broken = "Showing(date: \"2026-11-25\"， film: \"F17\")";
    let text = sample_text("screenings.ron");
    assert_eq!(text.matches(showing).count(), 1);
    let text = text.replace(showing, broken);
    let at = text.find(broken).expect("the edit") + broken.find('，').expect("comma");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    let dir = sample_copy();
    std::fs::write(dir.path().join("screenings.ron"), &text).expect("write");

    let mut app = Session::start(dir.path());
    app.wait_for_rows("the week view and a status line about problems", |rows| {
        let screen = rows.join("\n");
        let status = rows.last().map_or("", String::as_str);
        screen.contains("石化街道社区党群服务中心")
            && screen.contains("2026年11月23日")
            && DAY_HEADERS.iter().all(|h| screen.contains(h))
            && status.contains("问题")
    });

    app.send(b"e");
    let location = format!("screenings.ron:{line}:{col}");
    let numbered = format!("{line} | ");
    // The location, then the source line with its number under it.
    app.wait_for("the problem with its line", |s| {
        s.find(&location)
            .is_some_and(|at| s[at..].contains(&numbered) && s[at..].contains("^^"))
    });
    app.send(b"\x1b");
    app.wait_for("the problems window to close", |s| !s.contains(&location));
    let after_quit = app.quit();
    assert!(contains(&after_quit, LEAVE_ALTERNATE_SCREEN));
}

/// The issue's end-to-end: schedule a lecture session by typing Chinese
/// (the lecture searched by its title), save, quit, and read the RON file.
#[test]
fn schedule_a_lecture_typing_chinese_save_quit_and_check_the_file() {
    let dir = sample_copy();
    let before = std::fs::read_to_string(dir.path().join("lectures.ron")).expect("read");
    let mut app = Session::start(dir.path());
    app.wait_for_text("2026年11月23日");
    app.send(b"a");
    app.wait_for_text("新增什么");
    app.send(b"4");
    app.wait_for_text("安排微党课");
    // The lecture field is a searchable list: type part of the title in Chinese.
    app.send("我深爱的这座城".as_bytes());
    app.wait_for("the pick list filtered", |s| {
        s.contains("我深爱的这座城") && s.contains("选择")
    });
    app.send(b"\r");
    app.wait_for("the form again", |s| {
        s.contains("安排微党课") && !s.contains("输入搜索")
    });
    for (text, what) in [("12-08", "date"), ("1430", "start"), ("1510", "end")] {
        app.send(b"\t");
        app.send(b"\x15"); // Ctrl-U clears the field
        app.send(text.as_bytes());
        app.wait_for(what, |s| s.contains(text));
    }
    app.send(b"\r");
    app.wait_for("the edit taken, not yet saved", |s| s.contains("[未保存]"));
    app.send(b"\x13"); // Ctrl-S
    app.wait_for("saved", |s| s.contains("已保存 lectures.ron"));
    let after_quit = app.quit();
    assert!(contains(&after_quit, LEAVE_ALTERNATE_SCREEN));
    let after = std::fs::read_to_string(dir.path().join("lectures.ron")).expect("read");
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(
        added[0].contains("date: \"2026-12-08\", start: \"14:30\", end: \"15:10\""),
        "{added:?}"
    );
    let schedule = schedule_of(dir.path());
    let l = schedule.lectures.as_ref().expect("lectures");
    let s = l
        .sessions
        .iter()
        .find(|s| {
            *s.date == chrono::NaiveDate::from_ymd_opt(2026, 12, 8).expect("date")
                && s.start.format("%H:%M").to_string() == "14:30"
        })
        .expect("the session");
    assert_eq!(
        schedule.lecture(&s.lecture).map(|x| x.title.as_str()),
        Some("我深爱的这座城，我与石化的这些年")
    );
}

/// `E` hands the terminal to `$EDITOR` at the entry's line; when it exits,
/// the file is read again and the change shows.
#[cfg(unix)] // the stand-in editor is a shell script
#[test]
fn the_editor_opens_at_the_entry_and_its_change_is_reloaded() {
    let dir = sample_copy();
    let script_dir = tempfile::tempdir().expect("tempdir");
    let args_file = script_dir.path().join("args");
    let script = script_dir.path().join("fake-editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$1 $2\" > '{}'\nsed -i 's/title: \"焦裕禄\"/title: \"焦裕禄（修复版）\"/' \"$2\"\n",
            args_file.display()
        ),
    )
    .expect("script");
    let mut perms = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let editor = script.display().to_string();
    let mut app = Session::start_with(dir.path(), &[("VISUAL", editor.as_str())]);
    app.wait_for_text("2026年11月23日");
    app.send(b"hh"); // Wednesday: the screening of 焦裕禄
    app.wait_for_text("电影放映 焦裕禄");
    app.send(b"E");
    app.wait_for("reloaded after the editor", |s| {
        s.contains("焦裕禄（修复版）") && s.contains("已重新载入")
    });
    let args = std::fs::read_to_string(&args_file).expect("the editor ran");
    let text = std::fs::read_to_string(dir.path().join("screenings.ron")).expect("read");
    let line = text
        .lines()
        .position(|l| l.contains("Showing(date: \"2026-11-25\""))
        .expect("the showing")
        + 1;
    assert_eq!(
        args.trim(),
        format!("+{line} {}", dir.path().join("screenings.ron").display())
    );
    let after_quit = app.quit();
    assert!(contains(&after_quit, LEAVE_ALTERNATE_SCREEN));
}

/// The processes of `pid`'s children that have ended but were never waited
/// for (zombies), from `/proc`.
#[cfg(target_os = "linux")]
fn zombie_children(pid: u32) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for child in children.split_whitespace() {
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            // `pid (name) state ...`: the state follows the last `)`.
            if stat
                .rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('Z'))
            {
                out.push(stat);
            }
        }
    }
    out
}

/// `p` `h` writes the week's page and hands it to the system's opener (a
/// stand-in `xdg-open` first on `PATH`): it gets the page's path and is
/// waited for, so no zombie process is left; when it fails, the status line
/// says so and where the page is.
#[cfg(target_os = "linux")]
#[test]
fn the_printed_page_goes_to_the_opener_which_is_waited_for() {
    let dir = sample_copy();
    let bin = tempfile::tempdir().expect("tempdir");
    let args_file = bin.path().join("args");
    let fail_flag = bin.path().join("fail");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n[ -e '{}' ] && exit 3\nprintf '%s' \"$1\" > '{}'\n",
            fail_flag.display(),
            args_file.display()
        ),
    )
    .expect("script");
    let mut perms = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let mut app = Session::start_with(dir.path(), &[("PATH", path.as_str())]);
    app.wait_for_text("2026年11月23日");
    app.send(b"p");
    app.wait_for_text("打印预览");
    app.send(b"h");
    let pid = app.child.process_id().expect("the app's pid");
    let start = Instant::now();
    while !(args_file.exists() && zombie_children(pid).is_empty()) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the opener did not run or was not waited for: {:?}",
            zombie_children(pid)
        );
        thread::sleep(Duration::from_millis(50));
    }
    // The page written into the folder the app started in (its private home).
    let page = std::fs::read_to_string(&args_file).expect("the opener ran");
    assert!(page.ends_with("/周程-2026-W48.html"), "{page}");
    assert!(
        Path::new(&page).is_absolute() && Path::new(&page).is_file(),
        "{page}"
    );
    // Now the opener fails: staff are told where the page is.
    std::fs::write(&fail_flag, "").expect("flag");
    app.send(b"ph");
    app.wait_for_text("没能打开浏览器（xdg-open 退出码 3）");
    app.quit();
}
