//! `stationcal print`: the week as an HTML page, a text message, an image
//! or an iCalendar file; the month as an HTML grid (or text, iCalendar);
//! the month's 乐淘淘 flyer as an HTML poster or an image.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Days;

use super::{Context, EXIT_CANNOT_RUN};
use crate::cli::{Format, PrintArgs};
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::print::{self, WeekSheet, flyer, ics, image, month, text};
use crate::raster;
use crate::tr;

/// What is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Week,
    /// `--from` and `--days`.
    Span,
    Month,
    Flyer,
}

pub fn run(ctx: &Context, args: &PrintArgs) -> ExitCode {
    let lang = ctx.lang;
    let what = if args.service_day.is_some() {
        What::Flyer
    } else if args.month.is_some() {
        What::Month
    } else if args.from.is_some() {
        What::Span
    } else {
        What::Week
    };
    if let Some(problem) = refused(what, args, lang) {
        eprintln!("stationcal: {problem}");
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let range = match (args.from, args.month.or(args.service_day)) {
        (_, Some(m)) => print::month_range(m),
        (Some(from), None) => DateRange::new(from, from + Days::new(u64::from(args.days) - 1)),
        (None, None) => args.week.resolve(ctx.today),
    };
    let mut sheet = match super::network::load_sheet(ctx, args.force, &args.sites, range) {
        Ok(s) => s,
        Err(code) => return code,
    };
    sheet.subscribe_url.clone_from(&ctx.config.subscribe_url);
    if ctx.config.lunar == Some(false) {
        sheet = sheet.without_lunar();
    }
    if args.format == Format::Ics
        && let Some(date) = ics::out_of_range(&sheet)
    {
        eprintln!(
            "stationcal: {}",
            tr!(
                lang,
                "{date} 超出了日历文件（iCalendar）能写的年份（到 9999 年为止）：请缩小 --from/--days 的范围",
                "{date} is past the last year an iCalendar file can hold (9999): narrow --from/--days"
            )
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let written = match (what, args.format) {
        (What::Flyer, format) => return print_flyer(ctx, args, &sheet, format),
        (What::Month, Format::Html) => {
            let name = format!(
                "{}-{}.html",
                lang.pick("月历", "month"),
                sheet.range.first.format("%Y-%m")
            );
            print::write_out(
                &target(args.output.as_deref(), &name),
                &month::render(&sheet),
            )
        }
        (_, Format::Html) => {
            let target = args.output.as_deref().unwrap_or(Path::new("."));
            print::write_html(target, &sheet)
        }
        (_, Format::Png) => {
            let name = print::file_name(sheet.range, lang).replace(".html", ".png");
            match png(&image::week_svg(&sheet)) {
                Ok(bytes) => print::write_bytes(&target(args.output.as_deref(), &name), &bytes),
                Err(e) => return image_failed(&e, lang),
            }
        }
        (_, Format::Text) => {
            let body = if args.short {
                text::render_short(&sheet)
            } else {
                text::render(&sheet, args.width.map(usize::from))
            };
            emit(args.output.as_deref(), &body)
        }
        (_, Format::Ics) => emit(
            args.output.as_deref(),
            &ics::render(&sheet, chrono::Utc::now()),
        ),
    };
    report(written, args, lang)
}

/// Combinations of options that make no sheet, with what to do instead.
fn refused(what: What, args: &PrintArgs, lang: Lang) -> Option<&'static str> {
    match (what, args.format) {
        (What::Span, Format::Html) => Some(lang.pick(
            "HTML 周计划表只能打印一整周：请用 --week（--from/--days 用于 text 和 ics）",
            "the HTML sheet prints one whole week: use --week (--from/--days are for text and ics)",
        )),
        (What::Span | What::Month, Format::Png) => Some(lang.pick(
            "图片（png）只做一周的活动（--week）或乐淘淘海报（--service-day）",
            "images (png) are made of a week (--week) or of a service-day flyer (--service-day)",
        )),
        (What::Flyer, Format::Text | Format::Ics) => Some(lang.pick(
            "乐淘淘海报（--service-day）只有 html 和 png 两种格式",
            "the service-day flyer (--service-day) is html or png",
        )),
        (_, f) if args.short && f != Format::Text => Some(lang.pick(
            "--short 只用于文字格式（--format text）",
            "--short is for the text form (--format text)",
        )),
        _ => None,
    }
}

fn print_flyer(ctx: &Context, args: &PrintArgs, sheet: &WeekSheet, format: Format) -> ExitCode {
    let lang = ctx.lang;
    let flyer = match flyer::flyer(sheet) {
        Ok(f) => f,
        Err(flyer::NoFlyer::None) => {
            let m = month::month_label(sheet.range.first, lang);
            eprintln!(
                "stationcal: {}",
                tr!(
                    lang,
                    "{m}没有乐淘淘活动，无法制作海报",
                    "{m} has no service day: no flyer to make"
                )
            );
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
        Err(flyer::NoFlyer::Several(sites)) => {
            let sites: Vec<_> = sites.iter().map(|s| crate::sanitize::line(s)).collect();
            eprintln!("stationcal: {}", {
                let sites = sites.join(lang.pick("、", ", "));
                tr!(
                    lang,
                    "本月有几个站点举办乐淘淘：请用 --site 选一个（{sites}）",
                    "several sites hold a service day this month: choose one with --site ({sites})"
                )
            });
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let written = if format == Format::Png {
        match png(&image::flyer_svg(&flyer)) {
            Ok(bytes) => print::write_bytes(
                &target(args.output.as_deref(), &flyer.file_name("png")),
                &bytes,
            ),
            Err(e) => return image_failed(&e, lang),
        }
    } else {
        print::write_out(
            &target(args.output.as_deref(), &flyer.file_name("html")),
            &flyer::render(&flyer),
        )
    };
    report(written, args, lang)
}

/// The image drawn with the machine's Chinese font.
fn png(svg: &str) -> Result<Vec<u8>, raster::ImageError> {
    let fonts = raster::find_fonts(raster::font_dirs_from_env().as_deref())?;
    raster::render_png(svg, &fonts)
}

fn image_failed(e: &raster::ImageError, lang: Lang) -> ExitCode {
    eprintln!("stationcal: {}", e.message(lang));
    ExitCode::from(EXIT_CANNOT_RUN)
}

/// Where a sheet with the default name `name` goes: `--output` (a folder
/// gets the sheet under its default name), else the current folder.
fn target(output: Option<&Path>, name: &str) -> PathBuf {
    match output {
        Some(p) if p.is_dir() => p.join(name),
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(name),
    }
}

fn report(written: std::io::Result<PathBuf>, args: &PrintArgs, lang: Lang) -> ExitCode {
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
fn emit(output: Option<&Path>, body: &str) -> std::io::Result<PathBuf> {
    if let Some(p) = output {
        return print::write_out(p, body);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(body.as_bytes())?;
    out.flush()?;
    Ok(PathBuf::new())
}
