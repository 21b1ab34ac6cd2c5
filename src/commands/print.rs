//! `stationcal print`: the week as an HTML page, a text message or an
//! iCalendar file.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::Days;

use super::{Context, EXIT_CANNOT_RUN};
use crate::cli::{Format, PrintArgs};
use crate::model::recurrence::DateRange;
use crate::print::{self, ics, text};

pub fn run(ctx: &Context, args: &PrintArgs) -> ExitCode {
    let lang = ctx.lang;
    if args.from.is_some() && args.format == Format::Html {
        eprintln!(
                "stationcal: {}",
            lang.pick(
                "HTML 周计划表只能打印一整周：请用 --week（--from/--days 用于 text 和 ics）",
                "the HTML sheet prints one whole week: use --week (--from/--days are for text and ics)"
            )
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let range = match args.from {
        Some(from) => DateRange::new(from, from + Days::new(u64::from(args.days) - 1)),
        None => args.week.resolve(ctx.today),
    };
    let sheet = match super::network::load_sheet(ctx, args.force, &args.sites, range) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.format == Format::Ics
        && let Some(date) = ics::out_of_range(&sheet)
    {
        eprintln!(
            "stationcal: {}",
            match lang {
                crate::i18n::Lang::Zh => format!(
                    "{date} 超出了日历文件（iCalendar）能写的年份（到 9999 年为止）：请缩小 --from/--days 的范围"
                ),
                crate::i18n::Lang::En => format!(
                    "{date} is past the last year an iCalendar file can hold (9999): narrow --from/--days"
                ),
            }
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let written = match args.format {
        Format::Html => {
            let target = args.output.as_deref().unwrap_or(Path::new("."));
            print::write_html(target, &sheet)
        }
        Format::Text => {
            let body = text::render(&sheet, args.width.map(usize::from));
            emit(args.output.as_deref(), &body)
        }
        Format::Ics => emit(
            args.output.as_deref(),
            &ics::render(&sheet, chrono::Utc::now()),
        ),
    };
    match written {
        Ok(path) => {
            if !path.as_os_str().is_empty() {
                outln!("{}", super::shown_path(&path));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let what = args
                .output
                .as_deref()
                .map_or_else(|| ".".into(), super::shown_path);
            eprintln!(
                "stationcal: {} {what}: {e}",
                lang.pick("无法写入", "cannot write")
            );
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

/// Writes `body` to `output`, or to stdout without one; returns the file
/// written (empty for stdout).
fn emit(output: Option<&Path>, body: &str) -> std::io::Result<std::path::PathBuf> {
    if let Some(p) = output {
        return print::write_out(p, body);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(body.as_bytes())?;
    out.flush()?;
    Ok(std::path::PathBuf::new())
}
