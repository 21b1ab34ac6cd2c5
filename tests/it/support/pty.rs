//! The real binary in a pseudo-terminal (portable-pty), its output read
//! into a terminal emulator (vt100) on a thread: tests send keys as a
//! terminal would and read the screen as staff would see it.
//!
//! Nothing here sleeps and hopes: every step waits until the screen shows
//! what it waits for (or the app exits, or [`TIMEOUT`] runs out, and the
//! failure shows the screen).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};
use tempfile::TempDir;

/// How long any one wait may take: generous, for a slow shared CI machine.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// The `--today` every session gets.
pub const TODAY: &str = "2026-11-27";
/// What a terminal app writes when it gives the screen back.
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

/// Keys as a terminal sends them.
pub mod keys {
    pub const ENTER: &[u8] = b"\r";
    pub const TAB: &[u8] = b"\t";
    /// Send it alone and wait for what it does: Esc followed at once by a
    /// key reads as Alt and that key.
    pub const ESC: &[u8] = b"\x1b";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const PAGE_DOWN: &[u8] = b"\x1b[6~";
    pub const CTRL_S: &[u8] = b"\x13";
    pub const CTRL_U: &[u8] = b"\x15";
}

/// How to start the app: its folder, the terminal's size, its environment.
pub struct Launch<'a> {
    dir: &'a Path,
    cols: u16,
    rows: u16,
    env: Vec<(String, String)>,
    home: Option<&'a Path>,
}

impl<'a> Launch<'a> {
    /// The app on `dir`, 100×30, in a private home folder.
    pub fn new(dir: &'a Path) -> Self {
        Launch {
            dir,
            cols: 100,
            rows: 30,
            env: Vec::new(),
            home: None,
        }
    }

    /// The terminal's size in cells.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// One more environment variable for the app.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.env.push((
            key.to_owned(),
            value.as_ref().to_string_lossy().into_owned(),
        ));
        self
    }

    /// A home folder the test keeps (config, state) instead of a private one.
    pub fn home(mut self, home: &'a Path) -> Self {
        self.home = Some(home);
        self
    }

    pub fn start(self) -> Pty {
        Pty::start(&self)
    }
}

/// What the reader thread shares: the emulated screen and every byte seen.
struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// The app running in a pseudo-terminal.
pub struct Pty {
    shared: Arc<Mutex<Shared>>,
    reader_done: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    cols: u16,
    /// The private home folder, when the test gave none: no real config
    /// file, state folder or recovery journal is read or written.
    _home: Option<TempDir>,
}

impl Pty {
    fn start(launch: &Launch<'_>) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: launch.rows,
                cols: launch.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let own_home = launch
            .home
            .is_none()
            .then(|| tempfile::tempdir().expect("temp home"));
        let home: PathBuf = launch
            .home
            .map(Path::to_path_buf)
            .or_else(|| own_home.as_ref().map(|t| t.path().to_path_buf()))
            .expect("a home folder");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stationcal"));
        cmd.arg("--dir");
        cmd.arg(launch.dir);
        cmd.arg("--today");
        cmd.arg(TODAY);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", &home);
        cmd.env("USERPROFILE", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("STATIONCAL_STATE_DIR", home.join("stationcal-state"));
        cmd.env_remove("STATIONCAL_DIR");
        cmd.env_remove("STATIONCAL_CONFIG");
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        cmd.cwd(&home);
        let child = pty.slave.spawn_command(cmd).expect("spawn stationcal");
        // Only the child holds the slave end now: reads end when it exits.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(
                NonZeroU16::new(launch.rows).expect("rows > 0"),
                NonZeroU16::new(launch.cols).expect("cols > 0"),
                0,
            ),
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
        Pty {
            shared,
            reader_done,
            writer,
            child,
            cols: launch.cols,
            _home: own_home,
        }
    }

    /// The whole screen as text.
    pub fn screen(&self) -> String {
        self.rows().join("\n")
    }

    /// The screen's rows as text.
    pub fn rows(&self) -> Vec<String> {
        self.band(0, self.cols)
    }

    /// The text of a column band of the screen, `width` cells from `start`.
    pub fn band(&self, start: u16, width: u16) -> Vec<String> {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .rows(start, width)
            .collect()
    }

    /// The screen column where `text` starts on row `row`, by cells.
    pub fn column_of(&self, row: usize, text: &str) -> Option<u16> {
        (0..self.cols).find(|&c| {
            self.band(c, self.cols - c)
                .get(row)
                .is_some_and(|r| r.starts_with(text))
        })
    }

    /// How many bytes the app has written so far.
    pub fn raw_len(&self) -> usize {
        self.shared.lock().expect("screen lock").raw.len()
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the app's pid")
    }

    /// Waits until the screen's rows satisfy `ok`; fails with the screen
    /// shown. A frame may arrive in pieces: put everything a test then
    /// relies on into the condition.
    pub fn wait_for_rows(&mut self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
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
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the whole screen's text satisfies `ok`.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for_rows(what, |rows| ok(&rows.join("\n")))
            .join("\n")
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Waits until `text` has left the screen.
    pub fn wait_for_gone(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text} to go"), |s| !s.contains(text))
    }

    /// Waits until something the app started (a browser opener) has
    /// written the file at `path`; returns its text.
    pub fn wait_for_file(&mut self, path: &Path) -> String {
        let start = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(path)
                && !text.is_empty()
            {
                return text;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {}; the screen is:\n{}",
                path.display(),
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends keys as the terminal would.
    pub fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("send keys");
        self.writer.flush().expect("flush keys");
    }

    /// Sends text typed on the keyboard (an input method commits Chinese
    /// this way too).
    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Waits for the app to exit, whatever made it.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let screen = self.screen();
                let _ = self.child.kill();
                panic!("stationcal did not exit within {TIMEOUT:?}:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends the signal `name` (`TERM`, `HUP`) to the app.
    #[cfg(unix)]
    pub fn signal(&mut self, name: &str) {
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(ok.success(), "kill -{name}");
    }

    /// Presses `q` and waits for a clean exit; returns the bytes written
    /// after it (all of them: the reader has drained the terminal).
    pub fn quit(mut self) -> Vec<u8> {
        let from = self.raw_len();
        self.send(b"q");
        let status = self.wait_exit();
        assert!(status.success(), "exit status {status:?}");
        let start = Instant::now();
        while !self.reader_done.load(Ordering::SeqCst) && start.elapsed() < TIMEOUT {
            thread::sleep(Duration::from_millis(20));
        }
        let shared = self.shared.lock().expect("screen lock");
        shared.raw[from..].to_vec()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
