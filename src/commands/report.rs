//! `stationcal report`: the figures and the ledger of a month, quarter or
//! year, for one station or the chosen sites of a network, as text, CSV,
//! HTML or an XLSX workbook.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Datelike;

use super::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS, load_for_output};
use crate::cli::{ReportArgs, ReportFormat};
use crate::model::Schedule;
use crate::model::report::{self, Period, Report, SiteInput};
use crate::print;
use crate::store;
use crate::tr;

fn period_of(args: &ReportArgs) -> Option<Period> {
    if let Some(m) = args.month {
        return Some(Period::Month(m.year(), m.month()));
    }
    args.quarter.or(args.year.map(Period::Year))
}

pub fn run(ctx: &Context, args: &ReportArgs) -> ExitCode {
    let Some(period) = period_of(args) else {
        return ExitCode::from(EXIT_CANNOT_RUN);
    };
    let Some(range) = period.range() else {
        eprintln!(
            "stationcal: {}",
            tr!(ctx.lang, "日期超出范围", "the period is out of range")
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    };
    let report = match load_report(ctx, args, range) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = ctx.lang;
    let bytes = match args.format {
        ReportFormat::Text => print::report::text(&report, period, lang).into_bytes(),
        ReportFormat::Csv => print::report::csv(&report, lang).into_bytes(),
        ReportFormat::Html => print::report::html(&report, period, lang).into_bytes(),
        ReportFormat::Xlsx => match print::xlsx::render(&report, period, ctx.today, lang) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "stationcal: {}",
                    tr!(lang, "无法生成工作簿：{e}", "cannot make the workbook: {e}")
                );
                return ExitCode::from(EXIT_CANNOT_RUN);
            }
        },
    };
    // A workbook is never written to a terminal: it goes to a file.
    let path = args.output.clone().or_else(|| {
        (args.format == ReportFormat::Xlsx).then(|| {
            let stem = lang.pick("台账", "ledger");
            PathBuf::from(format!("{stem}-{}.xlsx", period.code()))
        })
    });
    let Some(p) = path else {
        out!("{}", String::from_utf8_lossy(&bytes));
        return ExitCode::SUCCESS;
    };
    match print::write_bytes(&p, &bytes) {
        Ok(written) => {
            eprintln!(
                "{}",
                tr!(lang, "已写出 {}", "wrote {}", super::shown_path(&written))
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let p = super::shown_path(&p);
            eprintln!(
                "stationcal: {}",
                tr!(lang, "无法写入 {p}：{e}", "cannot write {p}: {e}")
            );
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}

/// The report of the folder: a station, or the chosen sites of a network.
fn load_report(
    ctx: &Context,
    args: &ReportArgs,
    range: crate::model::recurrence::DateRange,
) -> Result<Report, ExitCode> {
    if !store::network::is_network_dir(&ctx.dir) {
        let schedule: Schedule = load_for_output(ctx, args.force)?;
        let name = schedule.station.name.clone();
        if let Some(bad) = args.sites.iter().find(|s| s.trim() != name) {
            // The same refusal as print and list.
            super::network::unknown_site(ctx.lang, bad, std::slice::from_ref(&name));
            return Err(ExitCode::from(EXIT_CANNOT_RUN));
        }
        let sites = [SiteInput {
            name: "",
            schedule: &schedule,
        }];
        return Ok(report::build(&name, &sites, range, ctx.today, ctx.lang));
    }
    let loaded = store::network::load_network(&ctx.dir);
    super::say_problems(ctx, &loaded.diagnostics)?;
    let shown = super::network::chosen_sites(&loaded.network, &args.sites, ctx.lang)?;
    if loaded.has_errors() && !args.force {
        eprintln!(
            "stationcal: {}",
            ctx.lang.pick(
                "日程文件有错误，没有输出。请先改正上面的错误，或加 --force 照样输出。",
                "the schedule has errors, so nothing was output. Fix them first, or add --force to output anyway."
            )
        );
        return Err(ExitCode::from(EXIT_PROBLEMS));
    }
    let sites: Vec<SiteInput> = loaded
        .network
        .sites
        .iter()
        .zip(&shown)
        .filter(|(_, on)| **on)
        .map(|(s, _)| SiteInput {
            name: &s.name,
            schedule: &s.schedule,
        })
        .collect();
    Ok(report::build(
        &loaded.network.name,
        &sites,
        range,
        ctx.today,
        ctx.lang,
    ))
}
