//! The command line, defined once: used for parsing, and later for shell
//! completions and the man page.

use std::path::PathBuf;

use chrono::{Days, NaiveDate, Weekday};
use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;
use crate::model::recurrence::DateRange;

#[derive(Debug, Parser)]
#[command(
    name = "stationcal",
    version,
    about = "党群服务站活动日历 / activity calendar for Party-and-masses service stations",
    after_long_help = "Environment: STATIONCAL_DIR (the schedule folder), STATIONCAL_CONFIG (another config file), NO_COLOR (no colours). Settings: config.ron in the platform config folder (e.g. ~/.config/stationcal/config.ron), written with comments on the first run."
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// The schedule folder (otherwise `$STATIONCAL_DIR`, the config file, or the data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Pretend today is this date (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_arg)]
    pub today: Option<NaiveDate>,
    /// Interface language
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the bundled sample schedule into a folder (never overwrites)
    Init {
        /// Where to write it (default: the schedule folder)
        dir: Option<PathBuf>,
        /// Write the sample network instead: network.ron, the centre and five stations
        #[arg(long)]
        network: bool,
        /// Keep the folder's history (git): every save becomes a version. On a folder that already holds a schedule, only starts the history
        #[arg(long)]
        git: bool,
        /// With --git: the shared copy to sync with (a folder path, created when missing, or an ssh:// or https:// address); the history is sent there
        #[arg(long, value_name = "ADDRESS", requires = "git")]
        remote: Option<String>,
    },
    /// Copy a shared schedule (made with init --git --remote) to this computer, into the schedule folder or DIR
    Clone {
        /// The shared copy: a folder path (a shared drive), ssh:// or https://
        address: String,
        /// Where to put it (default: the schedule folder); must be empty or missing
        dir: Option<PathBuf>,
    },
    /// Exchange edits with the shared copy: outside edits are kept as a version, then fetch, merge entry by entry, send
    #[command(after_help = SYNC_EXAMPLES)]
    Sync {
        /// Set (or change) the shared copy first
        #[arg(long, value_name = "ADDRESS")]
        remote: Option<String>,
        /// When the same entry changed on both sides: keep this computer's (mine) or the shared copy's (theirs) for every such entry. Without it, nothing is merged and the entries are listed (the app's sync key lets you choose each)
        #[arg(long, value_enum, value_name = "SIDE")]
        keep: Option<KeepSide>,
    },
    /// Who changed what and when: the versions of the folder, or of one entry
    History {
        /// Only the versions that changed this entry: an id (L15, E03, F02), a date (2026-12-30) or a month (2026-12)
        #[arg(long, value_name = "ID")]
        entry: Option<String>,
        /// How many versions at most
        #[arg(long, short = 'n', default_value_t = 30)]
        limit: usize,
    },
    /// Used by git (see .gitattributes): merges one .ron file entry by entry. Exit 0 merged into OURS, 1 left for the user
    #[command(name = "merge-driver")]
    MergeDriver {
        /// The common version (%O)
        base: PathBuf,
        /// This side, also where the result goes (%A)
        ours: PathBuf,
        /// The other side (%B)
        theirs: PathBuf,
        /// The file's path in the repository (%P), which says what it holds
        path: String,
    },
    /// Check every schedule file and report problems
    Check {
        /// Output as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a week or a month: HTML for the notice board, text or an image for the chat group, iCalendar for phones; or a 乐淘淘 flyer
    #[command(after_help = PRINT_EXAMPLES)]
    Print(PrintArgs),
    /// List activities one a line (or as JSON), for scripts and other tools
    List(ListArgs),
    /// The figures and the ledger (活动台账) of a month, quarter or year: text, CSV, HTML (A4) or an Excel workbook
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Print a shell completion script (e.g. `stationcal completions bash > /etc/bash_completion.d/stationcal`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `stationcal man > stationcal.1`
    Man,
}

const SYNC_EXAMPLES: &str = "\
Set-up of a shared copy (three commands, see README \"Several computers\"):
  stationcal init --git --remote /mnt/共享盘/石化街道.git     first computer
  stationcal clone /mnt/共享盘/石化街道.git                   each other computer
  stationcal sync                                           any computer, any time
Addresses: a folder path or file://, ssh://user@host/path.git, https://host/owner/repo.git
(HTTPS and SSH use the credentials this computer already has).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeepSide {
    Mine,
    Theirs,
}

const PRINT_EXAMPLES: &str = "\
Examples:
  stationcal print                      this week as 周程-YYYY-Www.html in the current folder
  stationcal print --week next --format text
  stationcal print --week 2026-W49 --format ics --output week49.ics
  stationcal print --format ics --from 2026-12-01 --days 31 > december.ics
  stationcal print --format png         this week as an image for the chat group (周程-YYYY-Www.png)
  stationcal print --format text --short
  stationcal print --month 2026-12      the month grid as 月历-2026-12.html
  stationcal print --service-day 2026-12 --format png
                                        the month's 乐淘淘 flyer as an image (html: A4 portrait)";

#[derive(Debug, Clone, Args)]
pub struct PrintArgs {
    /// Which week: this, next, last, a date in it (YYYY-MM-DD) or an ISO week (YYYY-Www)
    #[arg(long, value_name = "WEEK", default_value = "this", value_parser = parse_week_arg)]
    pub week: WeekArg,
    /// A month instead of a week (YYYY-MM): html is the month grid for the notice board; text and ics the month's activities
    #[arg(long, value_name = "MONTH", value_parser = parse_month_arg, conflicts_with_all = ["week", "from", "service_day"])]
    pub month: Option<NaiveDate>,
    /// The 乐淘淘 flyer of a month (YYYY-MM): html (A4 portrait) or png
    #[arg(long = "service-day", value_name = "MONTH", value_parser = parse_month_arg, conflicts_with_all = ["week", "from"])]
    pub service_day: Option<NaiveDate>,
    /// html for paper, text for the chat group, png an image for the chat group, ics for phones
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Write here instead (html, png: a file or a folder; default 周程-YYYY-Www.html, 月历-YYYY-MM.html or 乐淘淘-YYYY-MM.html, in English week-…, month-…, service-day-…, in the current folder)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Text: wrap lines to this many columns, at least 30 (default: no wrapping, best for pasting)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(30..))]
    pub width: Option<u16>,
    /// Text: the short form for a phone screen, one line an activity: time, title, place
    #[arg(long, conflicts_with = "width")]
    pub short: bool,
    /// Text and ics: start here instead of a week (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, conflicts_with = "week")]
    pub from: Option<NaiveDate>,
    /// With --from: how many days
    #[arg(long, value_name = "N", default_value_t = 7, requires = "from",
          value_parser = clap::value_parser!(u16).range(1..=366))]
    pub days: u16,
    /// Print even when the schedule has errors
    #[arg(long)]
    pub force: bool,
    /// In a network folder: only this site (its name or folder); repeat for several (default: all)
    #[arg(long = "site", value_name = "NAME")]
    pub sites: Vec<String>,
}

const REPORT_EXAMPLES: &str = "\
Examples:
  stationcal report --month 2026-11                 the month's figures and ledger as text
  stationcal report --quarter 2026Q4 --format xlsx  台账-2026Q4.xlsx in the current folder
  stationcal report --year 2026 --format csv --output 2026.csv
  stationcal report --month 2026-11 --format html --output 台账.html";

#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["month", "quarter", "year"])))]
pub struct ReportArgs {
    /// A month (YYYY-MM)
    #[arg(long, value_name = "MONTH", value_parser = parse_month_arg)]
    pub month: Option<NaiveDate>,
    /// A quarter (`YYYYQn`, e.g. `2026Q4`)
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter_arg)]
    pub quarter: Option<crate::model::report::Period>,
    /// A year (YYYY)
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1..=9999))]
    pub year: Option<i32>,
    /// text and csv to the terminal unless --output; html an A4 page; xlsx a workbook (a file: default 台账-PERIOD.xlsx)
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write here instead
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report even when the schedule has errors
    #[arg(long)]
    pub force: bool,
    /// In a network folder: only this site (its name or folder); repeat for several (default: all)
    #[arg(long = "site", value_name = "NAME")]
    pub sites: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Html,
    Xlsx,
}

/// Reads a quarter argument (`2026Q4`).
pub fn parse_quarter_arg(s: &str) -> Result<crate::model::report::Period, String> {
    crate::model::report::parse_quarter(s)
        .ok_or_else(|| format!("expected a quarter like 2026Q4, got {s:?}"))
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// First date (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: Option<NaiveDate>,
    /// How many days
    #[arg(long, value_name = "N", default_value_t = 7,
          value_parser = clap::value_parser!(u16).range(1..=3660))]
    pub days: u16,
    /// Output a JSON array
    #[arg(long)]
    pub json: bool,
    /// List even when the schedule has errors
    #[arg(long)]
    pub force: bool,
    /// In a network folder: only this site (its name or folder); repeat for several (default: all)
    #[arg(long = "site", value_name = "NAME")]
    pub sites: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    Text,
    Ics,
    Png,
}

/// A week as given on the command line; resolved against today later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekArg {
    This,
    Next,
    Last,
    /// The week holding this date.
    Containing(NaiveDate),
}

impl WeekArg {
    /// Monday to Sunday of the week meant, as of `today`.
    pub fn resolve(self, today: NaiveDate) -> DateRange {
        let day = match self {
            WeekArg::This => today,
            WeekArg::Next => today + Days::new(7),
            WeekArg::Last => today - Days::new(7),
            WeekArg::Containing(d) => d,
        };
        DateRange::week_of(day)
    }
}

/// Reads `this`, `next`, `last` (or 本周, 下周, 上周), a date, or an ISO week
/// such as `2026-W48`.
pub fn parse_week_arg(s: &str) -> Result<WeekArg, String> {
    let t = s.trim();
    match t.to_lowercase().as_str() {
        "this" | "本周" | "这周" => return Ok(WeekArg::This),
        "next" | "下周" => return Ok(WeekArg::Next),
        "last" | "prev" | "上周" => return Ok(WeekArg::Last),
        _ => {}
    }
    let upper = t.to_uppercase();
    if let Some((year, week)) = upper.split_once('W') {
        let year = year.trim_end_matches('-');
        let monday = year
            .parse::<i32>()
            .ok()
            .zip(week.parse::<u32>().ok())
            .and_then(|(y, w)| NaiveDate::from_isoywd_opt(y, w, Weekday::Mon));
        return monday.map(WeekArg::Containing).ok_or_else(|| {
            format!("{s:?} is not a week of that year: expected an ISO week like 2026-W48")
        });
    }
    crate::model::values::parse_date(t)
        .map(WeekArg::Containing)
        .map_err(|_| {
            format!("expected this, next, last, a date like 2026-11-25 or a week like 2026-W48, got {s:?}")
        })
}

/// Reads a month argument (`2026-12`, `2026/12`): its first day.
pub fn parse_month_arg(s: &str) -> Result<NaiveDate, String> {
    crate::model::values::parse_month(s.trim())
        .map_err(|_| format!("expected a month like 2026-12, got {s:?}"))
}

/// Reads a date argument as staff type it.
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::model::values::parse_date(s)
        .map_err(|_| format!("expected a date like 2026-11-25, got {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn week_words_resolve_against_today() {
        let today = d(2026, 11, 27);
        let week = |s: &str| parse_week_arg(s).map(|w| w.resolve(today).first);
        assert_eq!(week("this"), Ok(d(2026, 11, 23)));
        assert_eq!(week("本周"), Ok(d(2026, 11, 23)));
        assert_eq!(week("next"), Ok(d(2026, 11, 30)));
        assert_eq!(week("last"), Ok(d(2026, 11, 16)));
        assert_eq!(week("2026-12-02"), Ok(d(2026, 11, 30)));
        assert_eq!(week("2026-W48"), Ok(d(2026, 11, 23)));
        assert_eq!(week("2026w49"), Ok(d(2026, 11, 30)));
        assert_eq!(week("2026-W53"), Ok(d(2026, 12, 28)));
        assert!(week("2027-W53").is_err());
        assert!(week("2026-W0").is_err());
        assert!(week("someday").is_err());
    }
}
