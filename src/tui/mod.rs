//! The terminal application: state and update ([`app`]), what keys mean
//! ([`action`], [`keymap`]), and drawing ([`views`]).

pub mod action;
pub mod app;
mod clash_words;
pub mod dialog;
pub mod dialogs;
pub mod editing;
pub mod editor;
pub mod field;
pub mod form;
pub mod forms;
pub mod history;
pub mod keymap;
pub mod launch;
pub mod list_input;
mod mouse;
mod moving;
pub mod records;
pub mod recovery;
mod saving;
pub mod sites;
pub mod stats;
pub mod syncing;
pub mod text;
pub mod typed;
pub mod views;
pub mod widgets;

use std::io;
use std::process::ExitCode;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::context::{Context, EXIT_CANNOT_RUN};
use crate::store;
use crate::tr;
use app::{App, AppInit};
use keymap::Keymap;

/// Opens the schedule folder (writing the sample into an empty one) and runs the app.
pub fn run(ctx: &Context) -> ExitCode {
    let mut status = None;
    if !store::is_schedule_dir(&ctx.dir) && folder_is_empty_or_missing(&ctx.dir) {
        match store::sample::write_sample(&ctx.dir) {
            Ok(()) => {
                status = Some(tr!(
                    ctx.lang,
                    "这里还没有日程，已写入示例：{}",
                    "no schedule here yet: wrote the sample to {}",
                    ctx.dir.display()
                ));
            }
            Err(e) => status = Some(e.message(ctx.lang)),
        }
    }
    // A network folder: every site, the first one active.
    let network = store::network::is_network_dir(&ctx.dir).then(|| sites::load(&ctx.dir));
    let loaded = match &network {
        Some(start) => store::Loaded {
            schedule: start.schedule.clone(),
            diagnostics: start.diagnostics.clone(),
            files: Vec::new(),
            raw: Vec::new(),
        },
        None => store::load_dir(&ctx.dir),
    };
    let (keymap, _) = Keymap::with_overrides(&ctx.config.keys);
    let config_path = crate::paths::config_file();
    // First run: a commented config.ron to start from (skipped silently
    // when the config folder cannot be created).
    if let Some(path) = &config_path
        && let Ok(true) = crate::config::write_default_if_missing(path)
        && status.is_none()
    {
        status = Some(tr!(
            ctx.lang,
            "已创建设置文件：{}",
            "created the settings file {}",
            path.display()
        ));
    }
    // Edits are saved into the folder only when it could be read at all;
    // in a network, into the active site's folder, whose schedule is then
    // taken as that storage read it.
    let mut loaded = loaded;
    let storage: Option<Box<dyn store::storage::Storage>> = match &network {
        Some(start) => start
            .dir
            .as_deref()
            .and_then(open_workspace)
            .map(|(s, site)| {
                loaded.schedule = site.schedule;
                s
            }),
        None => (!loaded
            .diagnostics
            .iter()
            .any(|d| matches!(d.cause, store::Cause::NoFolder(_))))
        .then(|| {
            Box::new(store::workspace::Workspace::open(&ctx.dir, &loaded))
                as Box<dyn store::storage::Storage>
        }),
    };
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(ctx.config_problem.clone());
    diagnostics.extend(keymap::config_diagnostics(
        &ctx.config,
        config_path.as_deref(),
    ));
    let mut app = App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics,
        dir: network
            .as_ref()
            .and_then(|n| n.dir.clone())
            .unwrap_or_else(|| ctx.dir.clone()),
        today: ctx.today,
        lang: ctx.lang,
        keymap,
        status,
        storage,
    });
    if let Some(start) = network {
        app.set_network(start.view);
        app.open_storage = Some(open_workspace);
    }
    app.set_week_start(ctx.config.week_start.unwrap_or_default());
    app.author.clone_from(&ctx.config.name);
    app.config_path.clone_from(&config_path);
    app.mouse = ctx.config.mouse.unwrap_or(true);
    app.lunar = ctx.config.lunar.unwrap_or(true);
    app.theme =
        crate::config::Theme::effective(ctx.config.theme, std::env::var_os("NO_COLOR").as_deref());
    // Unsaved edits from a run that was stopped: offer them back.
    app.offer_journal();
    let mut recovery = recovery::Recovery::new(&ctx.dir);
    let result = run_terminal(&mut app, &mut recovery);
    if let Some(p) = &recovery.written {
        eprintln!(
            "{}",
            crate::sanitize::line(&store::journal::saved_message(p, ctx.lang))
        );
    }
    match result {
        Ok(()) => recovery.exit_code(),
        Err(e) => {
            eprintln!("stationcal: {e}");
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

/// The storage of one station's folder (a network's site when it becomes
/// active), with the folder as it read.
fn open_workspace(
    dir: &std::path::Path,
) -> Option<(Box<dyn store::storage::Storage>, store::Loaded)> {
    let loaded = store::load_dir(dir);
    if loaded
        .diagnostics
        .iter()
        .any(|d| matches!(d.cause, store::Cause::NoFolder(_)))
    {
        return None;
    }
    let storage = Box::new(store::workspace::Workspace::open(dir, &loaded));
    Some((storage, loaded))
}

fn folder_is_empty_or_missing(dir: &std::path::Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

/// One terminal lifecycle: `ratatui::init` installs a panic hook that
/// restores the terminal. No keyboard-enhancement flags: they break
/// Chinese input methods. Bracketed paste on, so pasted text arrives whole.
///
/// Unsaved edits survive a signal, the terminal going away or a panic: see
/// [`recovery`].
fn run_terminal(app: &mut App, recovery: &mut recovery::Recovery) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    recovery.install_panic_hook(app.lang);
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if app.mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, app, recovery);
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    recovery.finish(app);
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    recovery: &mut recovery::Recovery,
) -> io::Result<()> {
    let mut launcher = launch::Launcher::default();
    while !app.quit {
        recovery.track(app);
        if recovery.signalled().is_some() {
            return Ok(());
        }
        terminal.draw(|frame| draw(frame, app))?;
        match event::poll(Duration::from_millis(500)) {
            Ok(true) => match event::read() {
                Ok(e) => app.handle_event(&e),
                // A signal arrived while waiting: seen at the top of the loop.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            },
            // Idle: look for files changed by an editor or another copy;
            // and two clicks half a second apart are no double click.
            Ok(false) => {
                app.forget_click();
                app.tick();
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        if app.sync_request.is_some() {
            // "正在同步…" on screen while the network is used.
            terminal.draw(|frame| draw(frame, app))?;
            app.run_sync_request();
        }
        if let Some(path) = app.open_request.take() {
            launcher.open(path);
        }
        // A page no program could open: say where it is instead.
        if let Some((path, failure)) = launcher.failures().pop() {
            app.status = Some(launch::failure_message(&path, &failure, app.lang));
        }
        if let Some(req) = app.editor_request.take() {
            let result = run_editor(terminal, &req, app.mouse);
            app.after_editor(req.part, result);
        }
    }
    Ok(())
}

/// Hands the terminal to `$VISUAL` / `$EDITOR` (or `vi`) at the entry's
/// line, and takes it back when the editor exits.
fn run_editor(
    terminal: &mut ratatui::DefaultTerminal,
    req: &app::EditorRequest,
    mouse: bool,
) -> Result<(), String> {
    let (program, args) = editor::command(
        std::env::var("VISUAL").ok().as_deref(),
        std::env::var("EDITOR").ok().as_deref(),
        &req.path,
        req.line,
    )?;
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    let status = std::process::Command::new(&program).args(args).status();
    let reinit = ratatui::try_init().map(|t| *terminal = t);
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let _ = terminal.clear();
    reinit.map_err(|e| e.to_string())?;
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{program}: {s}")),
        Err(e) => Err(format!("{program}: {e}")),
    }
}

/// Draws the app into a frame, with the cursor at any open field's caret.
pub fn draw(frame: &mut ratatui::Frame, app: &App) {
    let area = frame.area();
    app.set_screen(area);
    frame.render_widget(app, area);
    if let Some(p) = views::cursor_position(app, area) {
        frame.set_cursor_position(p);
    }
}
