//! The week of several sites of a network: the sheet ([`network_sheet`])
//! and its HTML page ([`render_html`]).
//!
//! On paper each day column lists its activities under a sub-heading per
//! site, one compact line or two per activity. The whole network's normal
//! week fits one A4 landscape page: the type shrinks as far as 6 pt. When
//! even that is too much, the sites are split into groups, one page each,
//! at a readable size; the split is computed here from the same pessimistic
//! estimate of wrapped lines the one-station sheet uses, so no day column
//! overflows its page and no row is cut. CSS `break-inside: avoid` on every
//! page, site group and activity backs that up.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::html::{self, BUDGET_MM, CSS, LINE_HEIGHT, MM_PER_PT, SIZES, escape};
use super::sheet::{self, SheetDay, SheetItem, SheetSite, WeekSheet};
use crate::i18n::Lang;
use crate::model::labels;
use crate::model::network::Network;
use crate::model::recurrence::DateRange;
use crate::tr;

/// Builds the sheet of the shown sites of `network` for `range`. With one
/// site shown it is that site's own sheet (its name, its contact line); with
/// several, each day's activities are grouped by site, in the network's order.
pub fn network_sheet(
    network: &Network,
    shown: &[bool],
    range: DateRange,
    today: NaiveDate,
    lang: Lang,
) -> WeekSheet {
    let indices: Vec<usize> = (0..network.sites.len())
        .filter(|i| shown.get(*i).copied().unwrap_or(true))
        .collect();
    if let [only] = indices[..] {
        let site = &network.sites[only];
        let mut sheet = sheet::week_sheet(&site.schedule, range, today, lang);
        for day in &mut sheet.days {
            for item in &mut day.items {
                item.occurrence.site = only as u16;
            }
        }
        return sheet;
    }
    let mut days: Vec<SheetDay> = range
        .days()
        .map(|date| SheetDay {
            date,
            items: Vec::new(),
            // Statutory holidays are the same for every site.
            holiday: indices
                .first()
                .and_then(|i| sheet::holiday_label(&network.sites[*i].schedule, date, lang)),
            lunar: crate::model::lunar::cell_label(date, lang),
        })
        .collect();
    let mut sites = Vec::new();
    for &i in &indices {
        let site = &network.sites[i];
        let index = u16::try_from(i).unwrap_or(u16::MAX);
        sites.push(SheetSite {
            index,
            name: site.name.clone(),
            short: site.short.clone(),
        });
        let tag = sheet::station_tag(&site.name);
        for o in site.schedule.occurrences(range) {
            let Some(day) = days.iter_mut().find(|d| d.date == o.date) else {
                continue;
            };
            let mut o = o;
            o.site = index;
            let mut item = sheet::item(&site.schedule, &o, &tag, lang);
            item.site = Some(site.name.clone());
            day.items.push(item);
        }
    }
    WeekSheet {
        lang,
        station: network.name.clone(),
        contact: None,
        range,
        printed: today,
        days,
        sites,
        unannounced: indices
            .first()
            .map(|i| network.sites[*i].schedule.holidays.unannounced_years(range))
            .unwrap_or_default(),
        subscribe_url: None,
    }
}

/// The smallest type a one-page sheet of the whole network may use (pt).
const ONE_PAGE_MIN_PT: f32 = 6.0;
/// The type of a sheet split into pages of site groups (pt): no smaller.
const PAGED_PT: f32 = 8.0;
/// Text width of an activity line in a day column (mm): a seventh of
/// 277 mm less the cell's padding and borders and the line's left rule.
const LINE_W_MM: f32 = 34.5;
/// Space below a site's group and below each activity (mm).
const GROUP_GAP_MM: f32 = 1.2;
/// Space below a site's group in the compact style (mm).
const COMPACT_GAP_MM: f32 = 0.8;
const ITEM_GAP_MM: f32 = 0.5;

/// The type of a sheet with a heading line per site (pt): no smaller.
const HEADED_MIN_PT: f32 = 8.0;
/// Width of the short site label of the compact style (ems).
const TAG_EM: f32 = 2.4;

/// One printed page: which sites, at which size, in which style.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Indices into the sheet's `sites`.
    pub sites: Vec<usize>,
    pub pt: f32,
    /// Each site's group under its short label (`紫卫`) at the left
    /// instead of under a heading line with its full name: the style that
    /// fits a whole network's week on one page.
    pub compact: bool,
}

/// The text of an activity line, as measured (and nearly as printed).
/// The compact style leaves out the speaker and the place.
fn item_text(item: &SheetItem, lang: Lang, compact: bool) -> String {
    let mut s = format!("{} MM ", item.occurrence.start.format("%H:%M"));
    if let Some(t) = item.title_with_note(lang) {
        s.push_str(&t);
    } else {
        s.push_str(item.label(lang));
    }
    if let Some(st) = &item.status {
        s.push(' ');
        s.push_str(st);
    }
    if !item.is_skipped() && !compact {
        for f in item.facts.iter().filter(|f| is_speaker(f.label)) {
            s.push(' ');
            s.push_str(&f.value);
        }
        if let Some(p) = &item.place {
            s.push(' ');
            s.push_str(p);
        }
    }
    s
}

fn is_speaker(label: &str) -> bool {
    label == "主讲人" || label == "Speaker"
}

fn lines(s: &str, width_mm: f32, pt: f32, scale: f32) -> f32 {
    let em_per_line = (width_mm / (pt * scale * MM_PER_PT)).floor().max(1.0);
    (html::ems(s) / em_per_line).ceil().max(1.0) * scale
}

/// The height (mm) day `day` takes for the sites `group` at `pt`.
fn day_height(sheet: &WeekSheet, day: &SheetDay, group: &[usize], pt: f32, compact: bool) -> f32 {
    let line = pt * LINE_HEIGHT * MM_PER_PT;
    let mut h = 0.0;
    if compact {
        let width = LINE_W_MM - TAG_EM * pt * MM_PER_PT;
        for &k in group {
            let index = sheet.sites[k].index;
            let mut any = false;
            for item in day.items.iter().filter(|i| i.occurrence.site == index) {
                any = true;
                h +=
                    lines(&item_text(item, sheet.lang, true), width, pt, 0.95) * line + ITEM_GAP_MM;
            }
            if any {
                h += COMPACT_GAP_MM;
            }
        }
        return h;
    }
    for &k in group {
        let site = &sheet.sites[k];
        let mut items = day
            .items
            .iter()
            .filter(|i| i.occurrence.site == site.index)
            .peekable();
        if items.peek().is_none() {
            continue;
        }
        h += lines(&site.name, LINE_W_MM, pt, 1.0) * line + GROUP_GAP_MM;
        for item in items {
            h += lines(&item_text(item, sheet.lang, false), LINE_W_MM, pt, 0.95) * line
                + ITEM_GAP_MM;
        }
    }
    h
}

fn fits(sheet: &WeekSheet, group: &[usize], pt: f32, compact: bool) -> bool {
    sheet
        .days
        .iter()
        .all(|d| day_height(sheet, d, group, pt, compact) <= BUDGET_MM)
}

/// The largest size at least `min` at which `group` fits a page.
fn best_size(sheet: &WeekSheet, group: &[usize], min: f32, compact: bool) -> Option<f32> {
    SIZES
        .into_iter()
        .filter(|pt| *pt >= min)
        .find(|pt| fits(sheet, group, *pt, compact))
}

/// How the sheet is split into pages. One page when the whole week fits:
/// with a heading per site at 8 pt or more, else with short site labels at
/// 6 pt or more. Otherwise consecutive groups of sites with their headings,
/// as many per page as fit at 8 pt. A site too busy for a page of its own
/// even at the smallest size gets one anyway (its day columns then run long).
pub fn plan_pages(sheet: &WeekSheet) -> Vec<Page> {
    let all: Vec<usize> = (0..sheet.sites.len()).collect();
    if let Some(pt) = best_size(sheet, &all, HEADED_MIN_PT, false) {
        return vec![Page {
            sites: all,
            pt,
            compact: false,
        }];
    }
    if let Some(pt) = best_size(sheet, &all, ONE_PAGE_MIN_PT, true) {
        return vec![Page {
            sites: all,
            pt,
            compact: true,
        }];
    }
    let mut pages = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for k in all {
        current.push(k);
        if current.len() > 1 && !fits(sheet, &current, PAGED_PT, false) {
            current.pop();
            pages.push(std::mem::take(&mut current));
            current.push(k);
        }
    }
    if !current.is_empty() {
        pages.push(current);
    }
    pages
        .into_iter()
        .map(|sites| {
            let smallest = SIZES[SIZES.len() - 1];
            let pt = best_size(sheet, &sites, PAGED_PT, false)
                .or_else(|| best_size(sheet, &sites, smallest, false))
                .unwrap_or(smallest);
            Page {
                sites,
                pt,
                compact: false,
            }
        })
        .collect()
}

const NETWORK_CSS: &str = r"
.page { break-inside: avoid; }
.page + .page { break-before: page; }
@media screen { .page + .page { margin-top: 8mm; } }
.sites { font-size: 10pt; margin: 0; margin-left: auto; }
table.week td.net { padding: 1mm 1.2mm; overflow-wrap: anywhere; }
.site-group { break-inside: avoid; margin: 0 0 1.2mm; }
.site-name { font-weight: 700; border-bottom: 0.25mm solid #000; margin: 0 0 0.4mm; }
.nact { font-size: 0.95em; border-left: 0.8mm solid #000; padding-left: 0.8mm;
  margin: 0 0 0.5mm; break-inside: avoid; }
.nact.film { border-left-color: #b3261e; }
.nact.service { border-left-color: #1e6b2c; }
.nact.lecture { border-left-color: #1f4e99; }
.nact.event { border-left-color: #6b3d8f; }
.nact .mk { font-size: 0.9em; }
.nact .t { font-weight: 700; }
.nact .where, .nact .who { color: #333; }
.nact .st { font-weight: 700; }
.nact.skipped { border-left-style: dashed; }
.nact.skipped .t { text-decoration: line-through; font-weight: 400; }
.site-group.compact { display: grid; grid-template-columns: 2.4em 1fr; margin: 0 0 0.8mm;
  border-top: 0.2mm solid #999; padding-top: 0.2mm; }
.site-tag { font-weight: 700; overflow: hidden; white-space: nowrap; }
";

/// The page of a sheet of several sites.
pub fn render_html(sheet: &WeekSheet) -> String {
    let lang = sheet.lang;
    let range = sheet.range_label("—");
    let pages = plan_pages(sheet);
    let mut h = super::html::page_start(sheet, &format!("{CSS}{NETWORK_CSS}"));
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        h.push_str("<section class=\"page\">\n");
        let _ = writeln!(
            h,
            "<header><h1>{}</h1><p class=\"range\"><span class=\"what\">{}</span>{}</p><p class=\"sites\">{}</p></header>",
            escape(&sheet.station),
            sheet.heading(),
            escape(&range),
            escape(&sites_label(sheet, page, n, total))
        );
        h.push_str("<table class=\"week\">\n<thead><tr>");
        for day in &sheet.days {
            let weekend = day.date.weekday().num_days_from_monday() >= 5;
            let _ = write!(
                h,
                "<th{}><span class=\"wd\">{}</span><span class=\"date\">{}</span></th>",
                if weekend { " class=\"weekend\"" } else { "" },
                labels::weekday(day.date, lang),
                labels::short_date(day.date, lang)
            );
        }
        h.push_str("</tr></thead>\n<tbody><tr>\n");
        for day in &sheet.days {
            let _ = writeln!(h, "<td class=\"net\" style=\"font-size:{}pt\">", page.pt);
            let mut any = false;
            for &k in &page.sites {
                let site = &sheet.sites[k];
                let items: Vec<&SheetItem> = day
                    .items
                    .iter()
                    .filter(|i| i.occurrence.site == site.index)
                    .collect();
                if items.is_empty() {
                    continue;
                }
                any = true;
                if page.compact {
                    let _ = writeln!(
                        h,
                        "<div class=\"site-group compact\"><div class=\"site-tag\" title=\"{}\">{}</div><div>",
                        escape(&site.name),
                        escape(&site.short)
                    );
                } else {
                    let _ = writeln!(
                        h,
                        "<div class=\"site-group\"><div class=\"site-name\">{}</div><div>",
                        escape(&site.name)
                    );
                }
                for item in items {
                    activity(&mut h, item, lang, page.compact);
                }
                h.push_str("</div></div>\n");
            }
            if !any {
                let _ = writeln!(
                    h,
                    "<div class=\"none\">{}</div>",
                    lang.pick("无活动", "Nothing scheduled")
                );
            }
            h.push_str("</td>\n");
        }
        h.push_str("</tr></tbody>\n</table>\n");
        html::footer(&mut h, sheet);
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// `全部6个站点` / `第1页，共3页：中心、紫卫、四村`.
fn sites_label(sheet: &WeekSheet, page: &Page, n: usize, total: usize) -> String {
    let lang = sheet.lang;
    let count = sheet.sites.len();
    if total == 1 && page.compact {
        return tr!(
            lang,
            "{count}个站点（地点、主讲人见各站点的周计划表）",
            "{count} sites (places and speakers: see each site's sheet)"
        );
    }
    if total == 1 {
        return tr!(lang, "{count}个站点", "{count} sites");
    }
    let names: Vec<&str> = page
        .sites
        .iter()
        .map(|k| sheet.sites[*k].short.as_str())
        .collect();
    let (number, names) = (n + 1, names.join(lang.pick("、", ", ")));
    tr!(
        lang,
        "第{number}页，共{total}页：{names}",
        "page {number} of {total}: {names}"
    )
}

fn activity(h: &mut String, item: &SheetItem, lang: Lang, compact: bool) {
    let p = item.programme();
    let mut classes = vec!["nact", html::class(p)];
    if item.is_skipped() {
        classes.push("skipped");
    }
    let _ = write!(
        h,
        "<div class=\"{}\"><span class=\"time\">{}</span> <span class=\"mk\" title=\"{}\">{}</span>",
        classes.join(" "),
        item.occurrence.start.format("%H:%M"),
        escape(item.label(lang)),
        escape(&html::marker(p, lang))
    );
    let title = item
        .title_with_note(lang)
        .unwrap_or_else(|| item.label(lang).to_owned());
    let _ = write!(h, "<span class=\"t\">{}</span>", escape(&title));
    if let Some(s) = &item.status {
        let _ = write!(h, " <span class=\"st\">{}</span>", escape(s));
    }
    if !item.is_skipped() && !compact {
        for f in item.facts.iter().filter(|f| is_speaker(f.label)) {
            let _ = write!(h, " <span class=\"who\">{}</span>", escape(&f.value));
        }
        if let Some(place) = &item.place {
            let _ = write!(h, " <span class=\"where\">{}</span>", escape(place));
        }
    }
    h.push_str("</div>\n");
}
