//! The QR code printed on the sheets and the chat image: it holds the
//! address where the station publishes its calendar (config
//! `subscribe_url`), so residents scan it to get the programme into their
//! phone's calendar.
//!
//! The `qrcode` crate makes the code; it is drawn here as one SVG path of
//! dark modules, the same in the HTML sheets (inline SVG, sharp at any
//! print size) and in the image's SVG.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code, as the standard asks.
pub const QUIET: usize = 4;

/// A QR code as dark and light modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, without the quiet zone.
    pub width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// The code of `text`, at the medium error correction (a smudge or a
    /// fold on a notice board is still read); `None` when the text is too
    /// long for any QR code (about 2,300 bytes).
    pub fn new(text: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(Qr {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side with the quiet zone.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET
    }

    /// The path data of the dark modules, one unit per module, the quiet
    /// zone included in the coordinates: each run of dark modules in a row
    /// is one rectangle.
    pub fn path_data(&self) -> String {
        use std::fmt::Write as _;
        let mut d = String::new();
        for y in 0..self.width {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut x = 0;
            while x < self.width {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && row[x] {
                    x += 1;
                }
                let _ = write!(
                    d,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                );
            }
        }
        d
    }

    /// An inline `<svg>` element of the code for an HTML page (no XML
    /// namespace needed there), `size` long a side (a CSS length such as
    /// `30mm`), white behind.
    pub fn svg_element(&self, size: &str) -> String {
        let side = self.side();
        format!(
            "<svg class=\"qr\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{}\"/></svg>",
            self.path_data()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_makes_a_square_code_with_finder_patterns() {
        let qr = Qr::new("https://example.org/shihua.ics").expect("fits");
        assert!(qr.width >= 21);
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        // The three finder patterns: dark corners.
        let w = qr.width;
        assert!(qr.dark[0] && qr.dark[w - 1] && qr.dark[(w - 1) * w]);
        // Their light ring and dark centre.
        assert!(!qr.dark[w + 1] && qr.dark[2 * w + 2]);
        assert!(qr.path_data().starts_with("M4 4h7v1h-7z"));
    }

    #[test]
    fn too_long_text_has_no_code() {
        assert!(Qr::new(&"x".repeat(5000)).is_none());
    }
}
