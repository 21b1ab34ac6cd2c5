//! `stationcal check`: report every problem in every schedule file, the
//! holidays file and the config file.
//!
//! Clashes (a room or a speaker booked twice at once, what the views mark
//! `!`) are warnings, looked for from today to a year ahead: past clashes
//! can no longer be fixed.
//!
//! Exit code: 0 when nothing is wrong or there are only warnings (提醒, e.g. a
//! screening on a holiday: the schedule works, staff should decide), 1 when
//! any error is found, 2 when the folder cannot be read.

use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS};
use crate::model::recurrence::DateRange;
use crate::model::validate::Severity;
use crate::store::{self, Cause};
use crate::tr;

pub fn run(ctx: &Context, json: bool) -> ExitCode {
    let window = clash_window(ctx.today);
    let mut loaded = if store::network::is_network_dir(&ctx.dir) {
        // A network: network.ron and every site, each site's files named with its folder.
        store::Loaded {
            diagnostics: store::network::check_network(&ctx.dir, window).diagnostics,
            ..store::Loaded::default()
        }
    } else {
        let mut loaded = store::load_dir(&ctx.dir);
        store::clashes::add_station_warnings(&mut loaded, window);
        loaded
    };
    // A broken config.ron is reported with the schedule's problems.
    loaded.diagnostics.extend(ctx.config_problem.clone());
    loaded
        .diagnostics
        .extend(crate::tui::keymap::config_diagnostics(
            &ctx.config,
            crate::paths::config_file().as_deref(),
        ));
    if loaded
        .diagnostics
        .iter()
        .any(|d| matches!(d.cause, Cause::NoFolder(_)))
    {
        for d in &loaded.diagnostics {
            eprint!("{}", d.render(ctx.lang));
        }
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    if json {
        let items: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": d.file,
                    "line": d.line,
                    "column": d.col,
                    "severity": format!("{:?}", d.severity).to_lowercase(),
                    "message": d.message(ctx.lang),
                    "hint": d.hint(ctx.lang),
                    "source": d.source_line,
                })
            })
            .collect();
        // The values stay exact; no character of them reaches a terminal raw.
        outln!(
            "{}",
            crate::sanitize::json(&serde_json::Value::Array(items).to_string())
        );
    } else {
        for d in &loaded.diagnostics {
            out!("{}", d.render(ctx.lang));
        }
        let warnings = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        if loaded.diagnostics.is_empty() {
            outln!("{}", ctx.lang.pick("没有发现问题", "no problems found"));
        } else if warnings == loaded.diagnostics.len() {
            outln!(
                "{}",
                tr!(
                    ctx.lang,
                    "{warnings}个提醒，没有错误",
                    "{warnings} warning(s), no errors"
                )
            );
        }
    }
    if loaded.has_errors() {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// How far ahead clashes are looked for.
const CLASH_DAYS: u64 = 365;

/// From `today` to a year ahead.
fn clash_window(today: chrono::NaiveDate) -> DateRange {
    DateRange::new(
        today,
        today
            .checked_add_days(chrono::Days::new(CLASH_DAYS))
            .unwrap_or(today),
    )
}
