//! `stationcal check`: report every problem in every schedule file.

use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS};
use crate::store::{self, Cause};

pub fn run(ctx: &Context, json: bool) -> ExitCode {
    let loaded = store::load_dir(&ctx.dir);
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
        println!("{}", serde_json::Value::Array(items));
    } else {
        for d in &loaded.diagnostics {
            print!("{}", d.render(ctx.lang));
        }
        if loaded.diagnostics.is_empty() {
            println!("{}", ctx.lang.pick("没有发现问题", "no problems found"));
        }
    }
    if loaded.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    }
}
