//! No fault loses work: unsaved edits go into the recovery journal
//! ([`crate::store::journal`]) when the program is stopped before they were
//! saved — SIGTERM or SIGHUP (the terminal window closed), the terminal
//! failing, a panic — and the next start for the same folder offers them
//! back.
//!
//! Signals only raise a flag (`signal-hook`); the event loop sees it within
//! one poll interval, writes the journal and leaves the terminal as it found
//! it. A panic hook, chained before ratatui's (which restores the terminal),
//! writes the journal from a snapshot the event loop keeps up to date, and
//! says where it is once the terminal is back.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};

use super::app::App;
use crate::i18n::Lang;
use crate::store::journal::{self, Snapshot};

/// Shared with the panic hook: the latest unsaved state, `None` when clean.
pub type Shared = Arc<Mutex<Option<Snapshot>>>;

/// Watches the app for unsaved edits and the process for signals.
pub struct Recovery {
    folder: PathBuf,
    shared: Shared,
    term: Arc<AtomicBool>,
    hup: Arc<AtomicBool>,
    was_dirty: bool,
    /// The journal written on the way out, to print after the terminal is restored.
    pub written: Option<PathBuf>,
}

/// Exit code for a stop by signal `n`, as shells report it.
fn signal_exit(n: u8) -> u8 {
    128 + n
}

impl Recovery {
    /// Starts watching: registers for SIGTERM and SIGHUP (a second one while
    /// the journal is being written ends the program at once).
    pub fn new(folder: &Path) -> Recovery {
        let term = Arc::new(AtomicBool::new(false));
        let hup = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGTERM};
            use signal_hook::flag;
            for (sig, f) in [(SIGTERM, &term), (SIGHUP, &hup)] {
                let _ = flag::register_conditional_shutdown(sig, 1, Arc::clone(f));
                let _ = flag::register(sig, Arc::clone(f));
            }
        }
        let shared: Shared = Arc::new(Mutex::new(None));
        #[cfg(unix)]
        watch_for_a_stuck_loop(Arc::clone(&term), Arc::clone(&hup), Arc::clone(&shared));
        Recovery {
            folder: folder.to_path_buf(),
            shared,
            term,
            hup,
            was_dirty: false,
            written: None,
        }
    }

    /// The snapshot the panic hook reads.
    pub fn shared(&self) -> Shared {
        Arc::clone(&self.shared)
    }

    /// The signal that asked the program to stop, if any.
    pub fn signalled(&self) -> Option<&'static str> {
        if self.term.load(Ordering::SeqCst) {
            Some("SIGTERM")
        } else if self.hup.load(Ordering::SeqCst) {
            Some("SIGHUP")
        } else {
            None
        }
    }

    /// The exit code the program should end with.
    pub fn exit_code(&self) -> std::process::ExitCode {
        match self.signalled() {
            Some("SIGTERM") => std::process::ExitCode::from(signal_exit(15)),
            Some(_) => std::process::ExitCode::from(signal_exit(1)),
            None => std::process::ExitCode::SUCCESS,
        }
    }

    /// Called after every step of the event loop: keeps the snapshot up to
    /// date, and removes the journal once everything is saved.
    pub fn track(&mut self, app: &App) {
        if app.has_open::<super::dialogs::restore::Restore>() {
            return;
        }
        let dirty = app.is_dirty();
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if dirty {
            let stale = shared
                .as_ref()
                .is_none_or(|s| s.current != app.schedule || s.saved != app.saved);
            if stale {
                *shared = Some(Snapshot {
                    folder: self.folder.clone(),
                    saved: app.saved.clone(),
                    current: app.schedule.clone(),
                });
            }
        } else {
            *shared = None;
            if self.was_dirty && !app.keep_journal {
                journal::remove(&self.folder);
            }
        }
        self.was_dirty = dirty;
    }

    /// On the way out of the event loop. A quit the user chose leaves no
    /// journal (a discard removes it); any other way out with unsaved edits
    /// (a signal, the terminal gone, an error) writes one.
    pub fn finish(&mut self, app: &App) {
        if app.quit {
            if app.is_dirty() && !app.keep_journal {
                journal::remove(&self.folder);
            }
            return;
        }
        if !app.is_dirty() {
            return;
        }
        let reason = self.signalled().unwrap_or("terminal closed");
        let snapshot = Snapshot {
            folder: self.folder.clone(),
            saved: app.saved.clone(),
            current: app.schedule.clone(),
        };
        self.written = journal::write(&snapshot, reason).ok().flatten();
    }

    /// Chains a panic hook before the current one (ratatui's, which
    /// restores the terminal): writes the journal, lets the terminal be
    /// restored and the panic be printed, then says where the journal is.
    pub fn install_panic_hook(&self, lang: Lang) {
        install_panic_hook_in(self.shared(), journal::recovery_dir(), lang);
    }
}

/// After SIGTERM or SIGHUP the event loop normally stops within half a
/// second and writes the journal itself. When the terminal is gone, though,
/// crossterm can spin forever reading the closed tty and never return to the
/// loop; this watcher then writes the journal from the latest snapshot and
/// ends the process with the signal's exit code.
#[cfg(unix)]
fn watch_for_a_stuck_loop(term: Arc<AtomicBool>, hup: Arc<AtomicBool>, shared: Shared) {
    use std::time::Duration;
    let watch = move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let (code, reason) = if term.load(Ordering::SeqCst) {
                (signal_exit(15), "SIGTERM")
            } else if hup.load(Ordering::SeqCst) {
                (signal_exit(1), "SIGHUP")
            } else {
                continue;
            };
            std::thread::sleep(Duration::from_millis(1500));
            if let Some(dir) = journal::recovery_dir() {
                let _ = write_snapshot(&shared, &dir, reason);
            }
            std::process::exit(i32::from(code));
        }
    };
    let _ = std::thread::Builder::new()
        .name("stationcal-stop".into())
        .spawn(watch);
}

/// The panic hook of [`Recovery::install_panic_hook`], writing into `dir`
/// (the recovery folder).
pub fn install_panic_hook_in(shared: Shared, dir: Option<PathBuf>, lang: Lang) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let written = dir.as_deref().and_then(|d| write_for_panic(&shared, d));
        // The terminal gets its mouse and paste back along with the rest
        // (ratatui's own hook, chained below, restores the screen).
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture,
            ratatui::crossterm::event::DisableBracketedPaste
        );
        previous(info);
        if let Some(p) = written {
            eprintln!(
                "{}",
                crate::sanitize::line(&journal::saved_message(&p, lang))
            );
        }
    }));
}

/// What the panic hook does with the snapshot: writes it into `dir` when
/// there are unsaved edits. Never blocks (the panic may have happened while
/// the snapshot was locked) and never panics.
pub fn write_for_panic(shared: &Mutex<Option<Snapshot>>, dir: &Path) -> Option<PathBuf> {
    write_snapshot(shared, dir, "panic")
}

/// Writes the snapshot's unsaved edits into `dir`, if there are any,
/// without blocking on the lock.
fn write_snapshot(shared: &Mutex<Option<Snapshot>>, dir: &Path, reason: &str) -> Option<PathBuf> {
    let guard = match shared.try_lock() {
        Ok(g) => g,
        Err(TryLockError::Poisoned(p)) => p.into_inner(),
        Err(TryLockError::WouldBlock) => return None,
    };
    let snapshot = guard.as_ref()?;
    journal::write_in(dir, snapshot, reason).ok().flatten()
}

impl App {
    /// Offers back unsaved edits from a run that was stopped, when the
    /// folder has a recovery journal (see [`super::dialogs::restore`]).
    pub fn offer_journal(&mut self) {
        super::dialogs::restore::Restore::offer(self);
    }
}
