//! Turning the image's SVG (laid out by `print::image`, pure) into a PNG:
//! the fonts found on the machine and resvg's renderer.
//!
//! This is kept out of `print` because it reads the file system: it looks
//! through the system's font folders (fontdb: fontconfig's folders on
//! Linux, `C:\Windows\Fonts` and the user's fonts on Windows,
//! `/System/Library/Fonts` and `/Library/Fonts` on macOS), or only the
//! folders in `$STATIONCAL_FONT_DIRS` when set (a path list, as `PATH`),
//! which is how a station points at a font it keeps elsewhere and how the
//! tests show the error of a machine without a Chinese font.
//!
//! The same SVG and the same font files give the same PNG, byte for byte:
//! the fonts are taken in the order of their paths (not of the folder
//! listing, which differs between file systems), and the image names no
//! font but the Chinese family chosen here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resvg::usvg::{self, fontdb};

use crate::i18n::Lang;
use crate::tr;

/// The environment variable naming the only font folders to search.
pub const FONT_DIRS_VAR: &str = "STATIONCAL_FONT_DIRS";

/// Chinese font families, best first: Noto Sans CJK / Source Han Sans (Linux,
/// `fonts-noto-cjk`), Microsoft `YaHei` (Windows), `PingFang` / Hiragino
/// (macOS), then common others.
pub const CJK_FAMILIES: [&str; 12] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "SimHei",
    "Droid Sans Fallback",
];

/// The fonts an image is drawn with.
#[derive(Clone)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// The Chinese family every text of the image is set in.
    pub family: String,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("family", &self.family)
            .field("faces", &self.db.len())
            .finish()
    }
}

/// Why no image could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// No Chinese font in the folders searched (`None`: the system's).
    NoCjkFont {
        searched: Option<Vec<PathBuf>>,
    },
    /// The SVG did not parse (a fault of the layout, not of the schedule).
    Svg(String),
    /// The image would be too large to draw.
    TooLarge,
    Encode(String),
}

impl ImageError {
    /// The message for staff.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImageError::NoCjkFont { searched } => {
                let folders = searched.as_ref().map(|dirs| {
                    dirs.iter()
                        .map(|d| crate::sanitize::line(&d.display().to_string()).into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                let searched = folders.map_or_else(String::new, |f| {
                    tr!(
                        lang,
                        "查找的文件夹（{FONT_DIRS_VAR}）：{f}",
                        " Folders searched ({FONT_DIRS_VAR}): {f}"
                    )
                });
                tr!(
                    lang,
                    "找不到中文字体（Noto Sans CJK SC、思源黑体、微软雅黑 Microsoft YaHei 或苹方 PingFang SC），无法生成图片。\
                     Linux 请安装 fonts-noto-cjk（例如 apt install fonts-noto-cjk）；Windows 和 macOS 自带。{searched}",
                    "no Chinese font found (Noto Sans CJK SC, Source Han Sans, Microsoft YaHei or PingFang SC), so no image can be made. \
                     On Linux install fonts-noto-cjk (e.g. apt install fonts-noto-cjk); Windows and macOS have one.{searched}"
                )
            }
            ImageError::Svg(e) => tr!(
                lang,
                "图片排版出错（程序的问题，请报告）：{e}",
                "the image's layout is broken (a bug, please report it): {e}"
            ),
            ImageError::TooLarge => tr!(
                lang,
                "图片太大，无法生成：请缩小范围（--site）",
                "the image would be too large: narrow it down (--site)"
            ),
            ImageError::Encode(e) => tr!(lang, "无法生成 PNG：{e}", "cannot make the PNG: {e}"),
        }
    }
}

/// The font folders to search: `$STATIONCAL_FONT_DIRS` when set, else
/// `None` (the system's).
pub fn font_dirs_from_env() -> Option<Vec<PathBuf>> {
    std::env::var_os(FONT_DIRS_VAR).map(|v| std::env::split_paths(&v).collect())
}

/// Finds the fonts: in `dirs` only, or the system's when `None`; an error
/// naming the missing font when none of them is Chinese.
pub fn find_fonts(dirs: Option<&[PathBuf]>) -> Result<Fonts, ImageError> {
    let mut found = fontdb::Database::new();
    match dirs {
        Some(dirs) => {
            for d in dirs {
                found.load_fonts_dir(d);
            }
        }
        None => found.load_system_fonts(),
    }
    // Again in the order of the files' paths, so which font fills in a
    // character the Chinese font lacks does not depend on folder order.
    let mut paths: Vec<&Path> = found
        .faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.as_path()),
            fontdb::Source::Binary(_) => None,
        })
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let mut db = fontdb::Database::new();
    for p in paths {
        // A file that stopped being readable since is simply not used.
        let _ = db.load_font_file(p);
    }
    let Some(family) = cjk_family(&db) else {
        return Err(ImageError::NoCjkFont {
            searched: dirs.map(<[PathBuf]>::to_vec),
        });
    };
    db.set_sans_serif_family(family.clone());
    Ok(Fonts {
        db: Arc::new(db),
        family,
    })
}

/// The best Chinese family in `db`: one of [`CJK_FAMILIES`], else any
/// family that also has a Chinese name (as Chinese fonts do: 文泉驿, 黑体).
fn cjk_family(db: &fontdb::Database) -> Option<String> {
    let names: Vec<&str> = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(n, _)| n.as_str()))
        .collect();
    if let Some(best) = CJK_FAMILIES.iter().find(|f| names.contains(f)) {
        return Some((*best).to_owned());
    }
    db.faces()
        .filter(|f| {
            f.families
                .iter()
                .any(|(_, l)| l.primary_language() == "Chinese")
        })
        .filter_map(|f| f.families.first().map(|(n, _)| n.clone()))
        .min()
}

/// The largest image drawn, in pixels (a whole network's crowded week is
/// far below it).
const MAX_PIXELS: u64 = 1080 * 40_000;

/// Draws `svg` with `fonts` and encodes it as PNG.
pub fn render_png(svg: &str, fonts: &Fonts) -> Result<Vec<u8>, ImageError> {
    let options = usvg::Options {
        fontdb: Arc::clone(&fonts.db),
        font_family: fonts.family.clone(),
        languages: vec!["zh-CN".to_owned(), "en".to_owned()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ImageError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size();
    if u64::from(size.width()) * u64::from(size.height()) > MAX_PIXELS {
        return Err(ImageError::TooLarge);
    }
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(ImageError::TooLarge)?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ImageError::Encode(e.to_string()))
}

/// The boxes of the image's texts as drawn with `fonts` (left, top, right,
/// bottom in pixels), and the image's width: how tests check that the
/// layout's estimate of text widths holds with a real font.
pub fn text_boxes(svg: &str, fonts: &Fonts) -> Result<(f32, Vec<[f32; 4]>), ImageError> {
    let options = usvg::Options {
        fontdb: Arc::clone(&fonts.db),
        font_family: fonts.family.clone(),
        languages: vec!["zh-CN".to_owned(), "en".to_owned()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ImageError::Svg(e.to_string()))?;
    let mut boxes = Vec::new();
    collect_text_boxes(tree.root(), &mut boxes);
    Ok((tree.size().width(), boxes))
}

fn collect_text_boxes(group: &usvg::Group, out: &mut Vec<[f32; 4]>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_text_boxes(g, out),
            usvg::Node::Text(t) => {
                let b = t.abs_bounding_box();
                out.push([b.left(), b.top(), b.right(), b.bottom()]);
            }
            _ => {}
        }
    }
}
