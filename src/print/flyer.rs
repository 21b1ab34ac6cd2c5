//! The 乐淘淘 flyer: an A4 portrait poster of one month's themed service
//! day for the station's gate, posted a week before: the theme as the
//! headline, date, time and place, the services as a list, the partner
//! units, the host and the contact, and the QR code of the calendar.
//!
//! [`flyer`] picks the month's service day out of a sheet of the month;
//! [`render`] lays it out as HTML. The chat image of the same flyer is in
//! [`super::image`].

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::html::{self, escape};
use super::measure::ems;
use super::sheet::WeekSheet;
use crate::i18n::Lang;
use crate::model::{Detail, Programme, labels};
use crate::tr;

/// Everything the flyer says, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flyer {
    pub lang: Lang,
    /// The station (or the network's site) holding the day.
    pub station: String,
    /// `乐淘淘` / `Service day`.
    pub platform: &'static str,
    /// The Party organisation hosting it.
    pub host: String,
    /// The month's theme, or `主题待定`.
    pub theme: String,
    pub date: NaiveDate,
    /// `09:00-11:30`.
    pub time: String,
    pub place: Option<String>,
    pub services: Vec<String>,
    pub partners: Vec<String>,
    /// `暂停：春节假期暂停`, `由10月17日改期`.
    pub status: Option<String>,
    pub skipped: bool,
    pub contact: Option<String>,
    pub subscribe_url: Option<String>,
    pub printed: NaiveDate,
}

/// Why a month has no flyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoFlyer {
    /// No service day in the month.
    None,
    /// Several sites hold one: the flyer is of one site (their names).
    Several(Vec<String>),
}

/// The flyer of the month's service day on `sheet` (a sheet of the month).
pub fn flyer(sheet: &WeekSheet) -> Result<Flyer, NoFlyer> {
    let lang = sheet.lang;
    let days: Vec<_> = sheet.items_of(Programme::ServiceDay).collect();
    let item = match days[..] {
        [] => return Err(NoFlyer::None),
        [one] => one,
        _ => {
            return Err(NoFlyer::Several(
                days.iter()
                    .map(|i| i.site.clone().unwrap_or_else(|| sheet.station.clone()))
                    .collect(),
            ));
        }
    };
    let o = &item.occurrence;
    let (host, services, partners) = match &o.detail {
        Detail::ServiceDay {
            host,
            services,
            partners,
        } => (host.clone(), services.clone(), partners.clone()),
        _ => (String::new(), Vec::new(), Vec::new()),
    };
    Ok(Flyer {
        lang,
        station: item.site.clone().unwrap_or_else(|| sheet.station.clone()),
        platform: item.label(lang),
        host,
        theme: item.title.clone().unwrap_or_else(|| labels::title(o, lang)),
        date: o.date,
        time: item.time(),
        place: item.place.clone(),
        services,
        partners,
        status: item.status.clone(),
        skipped: item.is_skipped(),
        contact: sheet.contact.clone(),
        subscribe_url: sheet.subscribe_url.clone(),
        printed: sheet.printed,
    })
}

impl Flyer {
    /// `12月19日 星期六` / `Saturday 19 December`.
    pub fn date_label(&self) -> String {
        let d = self.date;
        let (month, day, month_name, weekday) =
            (d.month(), d.day(), d.format("%B"), d.format("%A"));
        let xingqi =
            ["一", "二", "三", "四", "五", "六", "日"][d.weekday().num_days_from_monday() as usize];
        tr!(
            self.lang,
            "{month}月{day}日 星期{xingqi}",
            "{weekday} {day} {month_name}"
        )
    }

    /// `12月 主题服务日` / `December themed service day`.
    pub fn kicker(&self) -> String {
        let (platform, month, name) = (&self.platform, self.date.month(), self.date.format("%B"));
        tr!(
            self.lang,
            "{platform}·{month}月主题服务日",
            "{platform} · {name}"
        )
    }

    pub fn place_label(&self) -> Option<String> {
        let p = self.place.as_ref()?;
        Some(tr!(self.lang, "地点：{p}", "Place: {p}"))
    }

    pub fn host_label(&self) -> Option<String> {
        let host = &self.host;
        (!host.is_empty()).then(|| tr!(self.lang, "主办：{host}", "Host: {host}"))
    }

    pub fn services_heading(&self) -> &'static str {
        self.lang.pick("服务项目", "Services")
    }

    pub fn partners_heading(&self) -> &'static str {
        self.lang.pick("联建单位", "Partner units")
    }

    pub fn welcome(&self) -> &'static str {
        self.lang
            .pick("欢迎居民朋友踊跃参加！", "All residents welcome!")
    }

    /// What the QR code is for, in two short lines beside it.
    pub fn scan_label(&self) -> [&'static str; 2] {
        [
            self.lang.pick("扫码把活动", "Scan to add it"),
            self.lang.pick("加入手机日历", "to your calendar"),
        ]
    }

    pub fn printed_label(&self) -> String {
        super::sheet::printed_label(self.printed, self.lang)
    }

    /// `乐淘淘-2026-12.html` / `service-day-2026-12.html` with `ext`.
    pub fn file_name(&self, ext: &str) -> String {
        format!(
            "{}-{}.{ext}",
            self.lang.pick("乐淘淘", "service-day"),
            self.date.format("%Y-%m")
        )
    }
}

const FLYER_CSS: &str = r#"
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif; }
.flyer { width: 186mm; height: 272mm; display: flex; flex-direction: column; }
@media screen {
  body { background: #d8d8d8; }
  .flyer { margin: 8mm auto; padding: 12mm; width: 210mm; height: 297mm; background: #fff;
    box-shadow: 0 1mm 4mm rgba(0,0,0,.3); }
}
.band { background: #b3261e; color: #fff; padding: 0.5em 0.8em; border-radius: 0.3em; }
.band .org { font-size: 2.2em; font-weight: 700; line-height: 1.25; }
.band .kicker { font-size: 1.8em; line-height: 1.3; }
h1 { font-size: 6em; line-height: 1.15; margin: 0.3em 0 0.1em; color: #b3261e; font-weight: 900;
  letter-spacing: 0.05em; }
.when { font-size: 3em; font-weight: 700; line-height: 1.25; }
.where { font-size: 2.2em; line-height: 1.3; margin-top: 0.15em; }
.status { font-size: 2.6em; font-weight: 700; line-height: 1.25; border: 0.12em solid #000;
  padding: 0.1em 0.3em; margin: 0.3em 0 0; display: inline-block; }
.skipped h1 { text-decoration: line-through; color: #555; }
h2 { font-size: 2em; margin: 0.6em 0 0.2em; border-bottom: 0.06em solid #1e6b2c; line-height: 1.3; }
ul { margin: 0; padding: 0; list-style: none; }
li { position: relative; padding-left: 1.1em; }
li::before { content: ""; position: absolute; left: 0.15em; top: 0.5em; width: 0.45em; height: 0.45em;
  background: #1e6b2c; }
ul.services li { font-size: 2.4em; line-height: 1.35; font-weight: 700; }
ul.partners li { font-size: 1.7em; line-height: 1.35; }
.welcome { font-size: 2.2em; font-weight: 700; margin-top: 0.6em; color: #b3261e; }
.host { font-size: 1.6em; margin-top: 0.4em; }
footer { margin-top: auto; display: flex; align-items: flex-end; justify-content: space-between;
  gap: 1em; border-top: 0.1em solid #000; padding-top: 0.6em; font-size: 1.4em; line-height: 1.4; }
.subscribe { display: flex; align-items: center; gap: 0.5em; text-align: right; font-weight: 700; }
.subscribe p { margin: 0; white-space: nowrap; }
footer > div:first-child { flex: 1; }
.subscribe svg { display: block; flex: none; }
"#;

/// Millimetres of the page's height the flyer's text may take, less the
/// footer's QR code and a margin.
const BUDGET_MM: f32 = 272.0 - 42.0;
const TEXT_MM: f32 = 183.0;

/// The base size (pt, one em of [`FLYER_CSS`]): the largest up to 13 pt
/// at which the flyer's text fits the page, so a short list is set large
/// and a long one smaller.
pub fn base_pt(f: &Flyer) -> f32 {
    let mut pt = 13.0;
    while pt > 5.0 && height_mm(f, pt) > BUDGET_MM {
        pt -= 0.25;
    }
    pt
}

fn height_mm(f: &Flyer, pt: f32) -> f32 {
    let block = |text: &str, em: f32, lh: f32, width_mm: f32| {
        let size_mm = pt * em * html::MM_PER_PT;
        let per_line = (width_mm / size_mm).floor().max(1.0);
        (ems(text) / per_line).ceil().max(1.0) * lh * size_mm
    };
    let em_mm = pt * html::MM_PER_PT;
    let mut h = block(&f.station, 2.2, 1.25, TEXT_MM - 2.0 * em_mm)
        + block(&f.kicker(), 1.8, 1.3, TEXT_MM)
        + em_mm;
    h += block(&f.theme, 6.0, 1.15, TEXT_MM) + 0.4 * 6.0 * em_mm;
    h += block(&f.date_label(), 3.0, 1.25, TEXT_MM) + block(&f.time, 3.0, 1.25, TEXT_MM);
    h += f
        .place_label()
        .map_or(0.0, |p| block(&p, 2.2, 1.3, TEXT_MM));
    h += f.status.as_ref().map_or(0.0, |s| {
        block(s, 2.6, 1.25, TEXT_MM - 2.0 * em_mm) + 2.0 * em_mm
    });
    if !f.skipped {
        // Less the bullet's indent (1.1 em of the larger list's type).
        let list_w = TEXT_MM - 1.1 * 2.4 * em_mm;
        if !f.services.is_empty() {
            h += 2.0 * em_mm * 2.1;
            h += f
                .services
                .iter()
                .map(|s| block(s, 2.4, 1.35, list_w))
                .sum::<f32>();
        }
        if !f.partners.is_empty() {
            h += 2.0 * em_mm * 2.1;
            h += f
                .partners
                .iter()
                .map(|s| block(s, 1.7, 1.35, list_w))
                .sum::<f32>();
        }
        h += block(f.welcome(), 2.2, 1.6, TEXT_MM);
    }
    h + f.host_label().map_or(0.0, |s| block(&s, 1.6, 1.6, TEXT_MM))
}

/// Renders the flyer as a complete HTML document.
pub fn render(f: &Flyer) -> String {
    let lang = f.lang;
    let mut h = String::from("<!DOCTYPE html>\n");
    let _ = writeln!(h, "<html lang=\"{}\">", lang.pick("zh-CN", "en"));
    let _ = writeln!(
        h,
        "<head>\n<meta charset=\"utf-8\">\n<title>{} {} {}</title>\n<style>{FLYER_CSS}</style>\n</head>\n<body>",
        escape(&f.station),
        escape(f.platform),
        escape(&f.theme)
    );
    let _ = writeln!(
        h,
        "<main class=\"flyer{}\" style=\"font-size:{}pt\">",
        if f.skipped { " skipped" } else { "" },
        base_pt(f)
    );
    let _ = writeln!(
        h,
        "<div class=\"band\"><div class=\"org\">{}</div><div class=\"kicker\">{}</div></div>",
        escape(&f.station),
        escape(&f.kicker())
    );
    let _ = writeln!(h, "<h1>{}</h1>", escape(&f.theme));
    let _ = writeln!(
        h,
        "<div class=\"when\">{}<br>{}</div>",
        escape(&f.date_label()),
        escape(&f.time)
    );
    if let Some(p) = f.place_label() {
        let _ = writeln!(h, "<div class=\"where\">{}</div>", escape(&p));
    }
    if let Some(s) = &f.status {
        let _ = writeln!(h, "<div><span class=\"status\">{}</span></div>", escape(s));
    }
    if !f.skipped {
        list(&mut h, f.services_heading(), "services", &f.services);
        list(&mut h, f.partners_heading(), "partners", &f.partners);
        let _ = writeln!(h, "<div class=\"welcome\">{}</div>", escape(f.welcome()));
    }
    if let Some(host) = f.host_label() {
        let _ = writeln!(h, "<div class=\"host\">{}</div>", escape(&host));
    }
    h.push_str("<footer><div>");
    if let Some(c) = &f.contact {
        let _ = write!(h, "<div>{}</div>", escape(c));
    }
    let _ = write!(h, "<div>{}</div></div>", escape(&f.printed_label()));
    if let Some(qr) = f.subscribe_url.as_deref().and_then(super::qr::Qr::new) {
        let _ = write!(
            h,
            "<div class=\"subscribe\"><p>{}</p>{}</div>",
            f.scan_label().map(escape).join("<br>"),
            qr.svg_element("34mm")
        );
    }
    h.push_str("</footer>\n</main>\n</body>\n</html>\n");
    h
}

fn list(h: &mut String, heading: &str, class: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h2>{}</h2>\n<ul class=\"{class}\">", escape(heading));
    for i in items {
        let _ = writeln!(h, "<li>{}</li>", escape(i));
    }
    h.push_str("</ul>\n");
}
