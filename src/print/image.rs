//! The week and the 乐淘淘 flyer as images for the residents' chat group,
//! laid out here as SVG (pure); `crate::raster` draws them into a PNG.
//!
//! The week is a phone-shaped portrait, 1080 pixels wide (a phone shows it
//! at full width, the text at 11 to 16 points) and as tall as the week
//! needs, at least 1920 (9:16): a red band with the station and the week,
//! then each day under a grey bar, each activity with its time at the left
//! and its title, details and place at the right; the contact and the QR
//! code of the calendar at the foot. The flyer is an A4 portrait,
//! 1080 x 1528, as on paper.
//!
//! Every text is set in one Chinese font (the SVG says `sans-serif`; the
//! renderer names the font), wrapped here by the generous estimate of
//! [`super::measure`], so no line runs past the edge whatever the font. No
//! character of the schedule reaches the SVG raw: markup is escaped, and
//! controls are shown as in the HTML sheet ([`super::html::escape`]).

use std::fmt::Write as _;

use chrono::Datelike;

use super::flyer::Flyer;
use super::html::{self, escape};
use super::measure::{ems, wrap};
use super::sheet::{SheetDay, SheetItem, WeekSheet};
use crate::i18n::Lang;
use crate::model::{Programme, labels};
use crate::tr;

/// Width of every image (pixels).
pub const WIDTH: f32 = 1080.0;
/// The least height of the week's image: 9:16, a phone's screen.
pub const MIN_HEIGHT: f32 = 1920.0;
/// Height of the flyer's image: A4's proportions.
pub const FLYER_HEIGHT: f32 = 1528.0;
const MARGIN: f32 = 48.0;
/// Where an activity's title starts, right of its time.
const TEXT_X: f32 = MARGIN + 200.0;
const RED: &str = "#b3261e";
const INK: &str = "#111";
const GREY: &str = "#444";

/// A text as the image shows it: a TAB or line break as a space, other
/// controls and invisible characters as their escapes (as on paper).
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => " ".to_owned(),
            c if crate::sanitize::shown_escaped(c) => crate::sanitize::escape(c),
            c => c.to_string(),
        })
        .collect()
}

/// An SVG being written top to bottom.
struct Canvas {
    body: String,
    y: f32,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas {
            body: String::new(),
            y: 0.0,
        }
    }

    /// One line of text with its baseline at `baseline`.
    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, fill: &str, s: &str) {
        let _ = writeln!(
            self.body,
            "<text x=\"{x:.1}\" y=\"{baseline:.1}\" font-size=\"{size:.1}\"{} fill=\"{fill}\">{}</text>",
            if bold { " font-weight=\"700\"" } else { "" },
            escape(s)
        );
    }

    /// `s` wrapped to `width` pixels from the cursor down, `x` at the left;
    /// moves the cursor below it. Returns the lines drawn.
    fn para(&mut self, x: f32, width: f32, size: f32, bold: bool, fill: &str, s: &str) -> usize {
        let lines = wrap(&shown(s), width / size);
        let lh = size * 1.32;
        for l in &lines {
            // The baseline sits about 0.84 em below the top of an em box
            // centred in the line.
            let baseline = self.y + (lh - size) / 2.0 + size * 0.86;
            self.text(x, baseline, size, bold, fill, l);
            self.y += lh;
        }
        lines.len()
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"/>"
        );
    }

    /// A label in a coloured box (the programme's marker, a holiday mark);
    /// returns its width.
    fn badge(&mut self, x: f32, top: f32, size: f32, fill: &str, text: &str) -> f32 {
        let text = shown(text);
        let w = ems(&text) * size + size * 0.6;
        let h = size * 1.3;
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{:.1}\" fill=\"{fill}\"/>",
            size * 0.2
        );
        self.text(x + size * 0.3, top + size * 1.1, size, true, "#fff", &text);
        w
    }

    /// The QR code of `url`, `side` pixels a side, its top left at (x, y).
    fn qr(&mut self, x: f32, y: f32, side: f32, url: &str) -> bool {
        let Some(qr) = super::qr::Qr::new(url) else {
            return false;
        };
        // Whole pixels per module keep the code's edges sharp.
        let modules = u16::try_from(qr.side()).map_or(f32::MAX, f32::from);
        let module = (side / modules).floor().max(1.0);
        let _ = writeln!(
            self.body,
            "<g transform=\"translate({x:.0} {y:.0}) scale({module})\" shape-rendering=\"crispEdges\"><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{1}\"/></g>",
            qr.side(),
            qr.path_data()
        );
        true
    }

    fn finish(self, height: f32, lang: Lang) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH} {height:.0}\" font-family=\"sans-serif\" xml:lang=\"{}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n{}</svg>\n",
            lang.pick("zh-CN", "en"),
            self.body
        )
    }
}

fn colour(p: Programme) -> &'static str {
    match p {
        Programme::Screening => RED,
        Programme::ServiceDay => "#1e6b2c",
        Programme::Lecture => "#1f4e99",
        Programme::Event => "#6b3d8f",
    }
}

/// The week as the chat group's image (SVG).
pub fn week_svg(sheet: &WeekSheet) -> String {
    let lang = sheet.lang;
    let mut c = Canvas::new();
    let inner = WIDTH - 2.0 * MARGIN;
    // The band: station, then what and when.
    let mut band = Canvas::new();
    band.y = 36.0;
    band.para(MARGIN, inner, 58.0, true, "#fff", &sheet.station);
    band.y += 6.0;
    let (heading, range) = (sheet.heading(), sheet.range_label("—"));
    band.para(
        MARGIN,
        inner,
        42.0,
        false,
        "#fff",
        // One em apart: the ideographic space in Chinese, an em space in English.
        &tr!(sheet.lang, "{heading}　{range}", "{heading}\u{2003}{range}"),
    );
    if let Some(note) = sheet.unannounced_note() {
        band.para(MARGIN, inner, 30.0, false, "#fff", &note);
    }
    band.y += 30.0;
    c.rect(0.0, 0.0, WIDTH, band.y, RED);
    c.body.push_str(&band.body);
    c.y = band.y + 24.0;
    for day in &sheet.days {
        day_block(&mut c, day, lang);
    }
    footer(
        &mut c,
        sheet.contact.as_deref(),
        sheet.subscribe_url.as_deref(),
        &sheet.printed_label(),
        lang,
    );
    let height = c.y.max(MIN_HEIGHT).ceil();
    c.finish(height, lang)
}

fn day_block(c: &mut Canvas, day: &SheetDay, lang: Lang) {
    let weekend = day.date.weekday().num_days_from_monday() >= 5;
    let bar = 76.0;
    c.rect(
        0.0,
        c.y,
        WIDTH,
        bar,
        if weekend { "#e2e2e2" } else { "#efefef" },
    );
    let title = format!(
        "{} {}",
        labels::short_date(day.date, lang),
        labels::weekday(day.date, lang)
    );
    c.text(MARGIN, c.y + 52.0, 42.0, true, INK, &title);
    let mut x = MARGIN + ems(&title) * 42.0 + 24.0;
    if let Some(h) = &day.holiday {
        x += c.badge(
            x,
            c.y + 17.0,
            32.0,
            if h.starts_with('班') { GREY } else { RED },
            h,
        ) + 16.0;
    }
    if let Some(l) = &day.lunar {
        c.text(x, c.y + 50.0, 30.0, false, GREY, &shown(l));
    }
    if day.items.is_empty() {
        let none = lang.pick("无活动", "nothing scheduled");
        c.text(
            WIDTH - MARGIN - ems(none) * 32.0,
            c.y + 50.0,
            32.0,
            false,
            GREY,
            none,
        );
        c.y += bar + 16.0;
        return;
    }
    c.y += bar + 20.0;
    let mut last_site: Option<&str> = None;
    for (k, item) in day.items.iter().enumerate() {
        if let Some(site) = item.site.as_deref().filter(|s| last_site != Some(*s)) {
            c.para(
                MARGIN,
                WIDTH - 2.0 * MARGIN,
                32.0,
                true,
                GREY,
                &tr!(lang, "【{site}】", "[{site}]"),
            );
            last_site = Some(site);
        }
        if k > 0 {
            c.rect(TEXT_X, c.y - 10.0, WIDTH - MARGIN - TEXT_X, 2.0, "#d0d0d0");
        }
        item_block(c, item, lang);
    }
    c.y += 8.0;
}

fn item_block(c: &mut Canvas, item: &SheetItem, lang: Lang) {
    let top = c.y;
    let p = item.programme();
    let o = &item.occurrence;
    // The time at the left: start large, end below.
    c.text(
        MARGIN,
        top + 42.0,
        44.0,
        true,
        INK,
        &o.start.format("%H:%M").to_string(),
    );
    c.text(
        MARGIN,
        top + 84.0,
        32.0,
        false,
        GREY,
        &format!("-{}", o.end.format("%H:%M")),
    );
    let width = WIDTH - MARGIN - TEXT_X;
    // The programme: its marker and name, and what became of it.
    let w = c.badge(TEXT_X, top + 2.0, 30.0, colour(p), &html::marker(p, lang));
    c.text(
        TEXT_X + w + 12.0,
        top + 34.0,
        30.0,
        true,
        colour(p),
        item.label(lang),
    );
    c.y = top + 50.0;
    let title = item
        .title_with_note(lang)
        .unwrap_or_else(|| item.label(lang).to_owned());
    c.para(
        TEXT_X,
        width,
        52.0,
        !item.is_skipped(),
        if item.is_skipped() { GREY } else { INK },
        &title,
    );
    if let Some(s) = &item.status {
        c.para(TEXT_X, width, 34.0, true, RED, s);
    }
    if !item.is_skipped() {
        let colon = lang.pick("：", ": ");
        for f in &item.facts {
            c.para(
                TEXT_X,
                width,
                32.0,
                false,
                GREY,
                &format!("{}{colon}{}", f.label, f.value),
            );
        }
        if let Some(place) = &item.place {
            c.para(
                TEXT_X,
                width,
                32.0,
                false,
                GREY,
                &tr!(lang, "地点：{place}", "Place: {place}"),
            );
        }
    }
    c.y = c.y.max(top + 100.0) + 24.0;
}

/// The foot: the contact and the print date at the left, the QR code of
/// the calendar at the right with what it is for.
fn footer(c: &mut Canvas, contact: Option<&str>, url: Option<&str>, printed: &str, lang: Lang) {
    c.y += 8.0;
    c.rect(MARGIN, c.y, WIDTH - 2.0 * MARGIN, 3.0, INK);
    c.y += 24.0;
    let top = c.y;
    let qr_side = 260.0;
    let has_qr = url.is_some_and(|u| super::qr::Qr::new(u).is_some());
    let text_w = if has_qr {
        WIDTH - 2.0 * MARGIN - qr_side - 24.0
    } else {
        WIDTH - 2.0 * MARGIN
    };
    if let Some(contact) = contact {
        c.para(MARGIN, text_w, 32.0, false, INK, contact);
    }
    c.para(MARGIN, text_w, 28.0, false, GREY, printed);
    if let (true, Some(url)) = (has_qr, url) {
        let x = WIDTH - MARGIN - qr_side;
        c.qr(x, top, qr_side, url);
        let mut under = Canvas::new();
        under.y = top + qr_side + 4.0;
        let scan = lang.pick("扫码订阅活动日历", "Scan: calendar feed");
        under.para(x, qr_side, 28.0, true, INK, scan);
        c.body.push_str(&under.body);
        c.y = c.y.max(under.y);
    }
    c.y += 40.0;
}

/// The flyer as an image (SVG), A4's proportions.
pub fn flyer_svg(f: &Flyer) -> String {
    // The scale at which the flyer's text fits: as on paper, smaller for a
    // long list of services or partners.
    let mut scale = 1.0;
    let mut svg = flyer_at(f, scale);
    while svg.1 > FLYER_HEIGHT && scale > 0.5 {
        scale -= 0.05;
        svg = flyer_at(f, scale);
    }
    svg.0
}

/// The flyer at `scale` and the height it takes.
fn flyer_at(f: &Flyer, s: f32) -> (String, f32) {
    let lang = f.lang;
    let inner = WIDTH - 2.0 * MARGIN;
    let mut c = Canvas::new();
    let mut band = Canvas::new();
    band.y = 32.0 * s;
    band.para(MARGIN, inner, 52.0 * s, true, "#fff", &f.station);
    band.para(MARGIN, inner, 40.0 * s, false, "#fff", &f.kicker());
    band.y += 28.0 * s;
    c.rect(0.0, 0.0, WIDTH, band.y, RED);
    c.body.push_str(&band.body);
    c.y = band.y + 30.0 * s;
    c.para(
        MARGIN,
        inner,
        128.0 * s,
        true,
        if f.skipped { GREY } else { RED },
        &f.theme,
    );
    c.y += 8.0 * s;
    c.para(MARGIN, inner, 64.0 * s, true, INK, &f.date_label());
    c.para(MARGIN, inner, 64.0 * s, true, INK, &f.time);
    if let Some(p) = f.place_label() {
        c.para(MARGIN, inner, 46.0 * s, false, INK, &p);
    }
    if let Some(st) = &f.status {
        c.y += 12.0 * s;
        c.para(MARGIN, inner, 54.0 * s, true, RED, st);
    }
    if !f.skipped {
        list(&mut c, f.services_heading(), &f.services, 50.0 * s, true, s);
        list(
            &mut c,
            f.partners_heading(),
            &f.partners,
            36.0 * s,
            false,
            s,
        );
        c.y += 16.0 * s;
        c.para(MARGIN, inner, 46.0 * s, true, RED, f.welcome());
    }
    if let Some(h) = f.host_label() {
        c.para(MARGIN, inner, 34.0 * s, false, GREY, &h);
    }
    // The foot sits at the bottom of the page.
    let mut foot = Canvas::new();
    footer(
        &mut foot,
        f.contact.as_deref(),
        f.subscribe_url.as_deref(),
        &f.printed_label(),
        lang,
    );
    let foot_h = foot.y;
    let foot_top = (FLYER_HEIGHT - foot_h).max(c.y);
    let _ = write!(
        c.body,
        "<g transform=\"translate(0 {foot_top:.1})\">\n{}</g>\n",
        foot.body
    );
    let height = foot_top + foot_h;
    (c.finish(FLYER_HEIGHT.max(height), lang), height)
}

fn list(c: &mut Canvas, heading: &str, items: &[String], size: f32, bold: bool, s: f32) {
    if items.is_empty() {
        return;
    }
    c.y += 20.0 * s;
    c.para(
        MARGIN,
        WIDTH - 2.0 * MARGIN,
        40.0 * s,
        true,
        "#1e6b2c",
        heading,
    );
    c.rect(MARGIN, c.y, WIDTH - 2.0 * MARGIN, 3.0 * s, "#1e6b2c");
    c.y += 12.0 * s;
    let indent = MARGIN + size * 1.2;
    for i in items {
        let top = c.y;
        // A square bullet: drawn, not a character (● is missing from some fonts).
        c.rect(
            MARGIN + size * 0.2,
            top + size * 0.55,
            size * 0.4,
            size * 0.4,
            INK,
        );
        c.para(indent, WIDTH - MARGIN - indent, size, bold, INK, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_has_no_controls_and_markup_is_escaped_in_the_svg() {
        assert_eq!(shown("a\tb\u{1b}[31m"), "a b\\u{1b}[31m");
        let mut c = Canvas::new();
        c.para(0.0, 500.0, 20.0, false, INK, "<b>&\"'\u{202e}</b>");
        assert!(
            c.body
                .contains("&lt;b&gt;&amp;&quot;&#39;\\u{202e}&lt;/b&gt;")
        );
        assert!(!c.body.contains('\u{202e}'));
    }
}
