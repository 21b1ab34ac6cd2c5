//! Opening a printed page with the program the system uses for it, without
//! holding up the screen and without leaving anything behind.
//!
//! - Windows: the shell's own "open" (`ShellExecuteW`, through the `opener`
//!   crate). Not `cmd /c start ""`: cmd reads `&`, `^` and `%` in a path as
//!   its own syntax, and a folder called `R&D` would run a command.
//! - macOS: `open`; elsewhere `xdg-open` (UOS and Kylin have it too).
//!
//! The launcher runs on a thread of its own that waits for it to finish, so
//! the event loop never waits for a browser that stays in the foreground
//! (xdg-open does that when it falls back to `$BROWSER`), and a finished
//! launcher is never left behind as a zombie process. When it cannot run or
//! reports failure, [`Launcher::failures`] says so, and the app puts the
//! file's path on the status line so staff can open it by hand.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crate::i18n::Lang;
use crate::tr;

/// Why a page was not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The opening program does not exist here.
    NoProgram(String),
    /// The program ran and reported failure (its exit code, if it had one).
    Refused { program: String, code: Option<i32> },
    /// The system refused for another reason (its own words).
    Other(String),
}

/// Pages being opened, each by a thread that waits for its launcher.
#[derive(Debug, Default)]
pub struct Launcher {
    /// Another program than the platform's, for tests (Unix only).
    program: Option<OsString>,
    pending: Vec<(PathBuf, JoinHandle<Result<(), Failure>>)>,
    failed: Vec<(PathBuf, Failure)>,
}

impl Launcher {
    /// Opens pages with `program` instead of the platform's opener. It is
    /// run as `program PATH`; on Windows the shell is always used.
    pub fn with_program(program: impl Into<OsString>) -> Launcher {
        Launcher {
            program: Some(program.into()),
            ..Launcher::default()
        }
    }

    /// Starts opening `path`; the outcome is collected by [`Self::failures`].
    pub fn open(&mut self, path: PathBuf) {
        let program = self.program.clone();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("stationcal-open".into())
            .spawn(move || open_now(program, &target));
        match spawned {
            Ok(handle) => self.pending.push((path, handle)),
            Err(e) => self.failed.push((path, Failure::Other(e.to_string()))),
        }
    }

    /// The pages that could not be opened since the last call; launchers
    /// still running are looked at again next time.
    pub fn failures(&mut self) -> Vec<(PathBuf, Failure)> {
        let mut still = Vec::new();
        for (path, handle) in self.pending.drain(..) {
            if !handle.is_finished() {
                still.push((path, handle));
                continue;
            }
            match handle.join() {
                Ok(Ok(())) => {}
                Ok(Err(f)) => self.failed.push((path, f)),
                Err(_) => self
                    .failed
                    .push((path, Failure::Other("the launcher thread stopped".into()))),
            }
        }
        self.pending = still;
        std::mem::take(&mut self.failed)
    }

    /// Whether every launcher started has finished and been looked at.
    pub fn is_idle(&self) -> bool {
        self.pending.is_empty() && self.failed.is_empty()
    }
}

/// Opens `path` and waits for the launcher to finish.
fn open_now(program: Option<OsString>, path: &Path) -> Result<(), Failure> {
    #[cfg(windows)]
    if program.is_none() {
        return opener::open(path).map_err(|e| Failure::Other(e.to_string()));
    }
    let program = program.unwrap_or_else(|| {
        if cfg!(target_os = "macos") {
            "open".into()
        } else {
            "xdg-open".into()
        }
    });
    let name = program.to_string_lossy().into_owned();
    let status = std::process::Command::new(&program)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(Failure::Refused {
            program: name,
            code: s.code(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Failure::NoProgram(name)),
        Err(e) => Err(Failure::Other(format!("{name}: {e}"))),
    }
}

/// The status line when a page was not opened: that it was not, why in a
/// few words, and where the file is.
pub fn failure_message(path: &Path, failure: &Failure, lang: Lang) -> String {
    let path = path.display();
    match failure {
        Failure::NoProgram(p) => tr!(
            lang,
            "没能打开浏览器（找不到 {p}），请手动打开 {path}",
            "could not open a browser ({p} not found): open {path} by hand"
        ),
        Failure::Refused {
            program,
            code: Some(c),
        } => tr!(
            lang,
            "没能打开浏览器（{program} 退出码 {c}），请手动打开 {path}",
            "could not open a browser ({program}: exit code {c}): open {path} by hand"
        ),
        Failure::Refused {
            program,
            code: None,
        } => tr!(
            lang,
            "没能打开浏览器（{program} 未成功），请手动打开 {path}",
            "could not open a browser ({program} failed): open {path} by hand"
        ),
        // What the system said is in its own language: only in English.
        Failure::Other(why) => tr!(
            lang,
            "没能打开浏览器，请手动打开 {path}",
            "could not open a browser ({why}): open {path} by hand"
        ),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Collects failures until every launcher has finished (generous limit:
    /// a stuck launcher fails the test instead of hanging it).
    fn settle(l: &mut Launcher) -> Vec<(PathBuf, Failure)> {
        let start = Instant::now();
        let mut all = Vec::new();
        while !l.pending.is_empty() {
            assert!(start.elapsed() < Duration::from_secs(30), "launcher stuck");
            all.extend(l.failures());
            std::thread::sleep(Duration::from_millis(10));
        }
        all.extend(l.failures());
        assert!(l.is_idle());
        all
    }

    #[test]
    fn a_launcher_that_succeeds_reports_nothing() {
        let mut l = Launcher::with_program("true");
        l.open(PathBuf::from("/tmp/周程 2026-W48.html"));
        assert_eq!(settle(&mut l), []);
    }

    #[test]
    fn a_failing_or_missing_launcher_is_reported_with_the_path() {
        let page = PathBuf::from("/tmp/打印 页/周程-2026-W48.html");
        let mut l = Launcher::with_program("false");
        l.open(page.clone());
        let got = settle(&mut l);
        assert_eq!(
            got,
            [(
                page.clone(),
                Failure::Refused {
                    program: "false".into(),
                    code: Some(1)
                }
            )]
        );
        let mut l = Launcher::with_program("/nonexistent/stationcal-opener");
        l.open(page.clone());
        let got = settle(&mut l);
        assert_eq!(
            got,
            [(
                page.clone(),
                Failure::NoProgram("/nonexistent/stationcal-opener".into())
            )]
        );
        for lang in [Lang::Zh, Lang::En] {
            for (_, f) in &got {
                let m = failure_message(&page, f, lang);
                assert!(m.contains("/tmp/打印 页/周程-2026-W48.html"), "{m}");
            }
        }
        let zh = failure_message(&page, &Failure::Other("Access is denied.".into()), Lang::Zh);
        assert!(!zh.contains("Access"), "no English in Chinese text: {zh}");
    }
}
