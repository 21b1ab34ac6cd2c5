//! The bundled sample station, embedded in the binary so `stationcal`
//! works on a fresh machine with nothing else installed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::validate::Part;
use crate::tr;

/// The sample files, as shipped in `assets/sample/`.
pub const SAMPLE: [(Part, &str); 6] = [
    (
        Part::Station,
        include_str!("../../assets/sample/station.ron"),
    ),
    (
        Part::Screenings,
        include_str!("../../assets/sample/screenings.ron"),
    ),
    (
        Part::ServiceDays,
        include_str!("../../assets/sample/service-days.ron"),
    ),
    (
        Part::Lectures,
        include_str!("../../assets/sample/lectures.ron"),
    ),
    (Part::Events, include_str!("../../assets/sample/events.ron")),
    (
        Part::Records,
        include_str!("../../assets/sample/records.ron"),
    ),
];

#[derive(Debug)]
pub enum InitError {
    /// These files exist already; nothing was written.
    Exists(Vec<PathBuf>),
    Io(PathBuf, std::io::Error),
}

impl InitError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InitError::Exists(files) => {
                let files = files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                tr!(
                    lang,
                    "文件已存在，未作任何改动：{files}",
                    "files already exist, nothing was written: {files}"
                )
            }
            InitError::Io(p, e) => {
                let p = p.display();
                tr!(lang, "无法写入 {p}：{e}", "cannot write {p}: {e}")
            }
        }
    }
}

/// Writes the sample into `dir` (created if needed). Refuses, writing
/// nothing, if any of the files is already there.
pub fn write_sample(dir: &Path) -> Result<(), InitError> {
    let existing: Vec<PathBuf> = SAMPLE
        .iter()
        .map(|(p, _)| dir.join(p.file_name()))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    std::fs::create_dir_all(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
    for (part, text) in SAMPLE {
        let path = dir.join(part.file_name());
        // create_new: never replace a file that appeared in the meantime.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| InitError::Io(path.clone(), e))?;
        f.write_all(super::newline::native(text).as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| InitError::Io(path.clone(), e))?;
    }
    Ok(())
}

/// The sample as texts, for loading without touching the disk.
pub fn texts() -> Vec<(Part, String)> {
    SAMPLE.iter().map(|(p, t)| (*p, (*t).to_owned())).collect()
}
