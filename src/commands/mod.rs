//! What each subcommand does, given the resolved settings. `main.rs` only
//! parses the command line and calls [`run`].

/// Writes to standard output; when the reader has gone away (`stationcal
/// list | head`), ends quietly instead of panicking like `print!` does.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(&format!($($arg)*))
    };
}

/// [`out!`] with a line ending.
macro_rules! outln {
    () => { $crate::commands::write_stdout("\n") };
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(&(format!($($arg)*) + "\n"))
    };
}

pub mod check;
pub mod generated;
pub mod git;
pub mod init;
pub mod list;
pub mod network;
pub mod print;
pub mod report;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::config::Config;
pub use crate::context::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS};
use crate::model::Schedule;
use crate::paths;
use crate::store::{self, Cause, Diagnostic};

impl Context {
    pub fn resolve(cli: &Cli) -> Result<Context, String> {
        let (config, config_problem) = match paths::config_file() {
            Some(p) => crate::config::load(&p),
            None => (Config::default(), None),
        };
        let env = std::env::var_os(paths::ENV_VAR);
        let (dir, dir_source) = paths::schedule_dir(
            cli.common.dir.as_deref(),
            env.as_deref(),
            config.data_dir.as_deref(),
        )
        .ok_or("no home folder: pass --dir DIR")?;
        Ok(Context {
            dir,
            dir_source,
            lang: cli.common.lang.or(config.lang).unwrap_or_default(),
            today: cli
                .common
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            config,
            config_problem,
        })
    }
}

pub fn run(cli: Cli) -> ExitCode {
    // These only print what the command line is: no folder, no config.
    match &cli.command {
        Some(Command::Completions { shell }) => return generated::completions(*shell),
        Some(Command::Man) => return generated::man(),
        _ => {}
    }
    let ctx = match Context::resolve(&cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("stationcal: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    // `check` lists it with the other problems.
    if let Some(p) = &ctx.config_problem
        && !matches!(cli.command, Some(Command::Check { .. }))
    {
        eprint!("{}", p.render(ctx.lang));
    }
    match cli.command {
        None => crate::tui::run(&ctx),
        Some(Command::Init {
            dir,
            network,
            git: false,
            ..
        }) => init::run(&ctx, dir.as_deref(), network),
        Some(Command::Init {
            dir,
            network,
            git: true,
            remote,
        }) => git::init(&ctx, dir.as_deref(), network, remote.as_deref()),
        Some(Command::Clone { address, dir }) => git::clone(&ctx, &address, dir.as_deref()),
        Some(Command::Sync { remote, keep }) => git::sync(&ctx, remote.as_deref(), keep),
        Some(Command::History { entry, limit }) => git::history(&ctx, entry.as_deref(), limit),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        }) => git::merge_driver(&ctx, &base, &ours, &theirs, &path),
        Some(Command::Check { json }) => check::run(&ctx, json),
        Some(Command::Print(args)) => print::run(&ctx, &args),
        Some(Command::List(args)) => list::run(&ctx, &args),
        Some(Command::Report(args)) => report::run(&ctx, &args),
        Some(Command::Completions { .. } | Command::Man) => ExitCode::SUCCESS,
    }
}

/// Prints every problem found while reading, as `check` words them; a
/// missing folder is the end (exit 2: nothing can be output from it).
pub(crate) fn say_problems(ctx: &Context, diagnostics: &[Diagnostic]) -> Result<(), ExitCode> {
    for d in diagnostics {
        eprint!("{}", d.render(ctx.lang));
    }
    if diagnostics
        .iter()
        .any(|d| matches!(d.cause, Cause::NoFolder(_)))
    {
        return Err(ExitCode::from(EXIT_CANNOT_RUN));
    }
    Ok(())
}

/// Loads the schedule for a command that outputs it. Problems go to stderr
/// as `check` words them. With errors, nothing is output (exit 1) unless
/// `force`; a missing folder cannot be forced (exit 2).
pub fn load_for_output(ctx: &Context, force: bool) -> Result<Schedule, ExitCode> {
    let loaded = store::load_dir(&ctx.dir);
    say_problems(ctx, &loaded.diagnostics)?;
    if loaded.has_errors() && !force {
        eprintln!(
            "stationcal: {}",
            ctx.lang.pick(
                "日程文件有错误，没有输出。请先改正上面的错误，或加 --force 照样输出。",
                "the schedule has errors, so nothing was output. Fix them first, or add --force to output anyway."
            )
        );
        return Err(ExitCode::from(EXIT_PROBLEMS));
    }
    Ok(loaded.schedule)
}

/// A path as a message shows it: a control character of its name (a
/// folder name can hold any) as its escape, never raw.
pub fn shown_path(p: &std::path::Path) -> String {
    crate::sanitize::line(&p.display().to_string()).into_owned()
}

/// Writes command output. A closed pipe ends the program quietly (exit 0,
/// as the reader took what it wanted); any other failure is reported.
pub fn write_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("stationcal: {e}");
        std::process::exit(i32::from(EXIT_CANNOT_RUN));
    }
}
