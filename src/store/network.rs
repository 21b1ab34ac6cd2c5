//! Reading a network folder: `network.ron` and one sub-folder per site.
//!
//! Sites are read in parallel (one thread per core); each site is an
//! ordinary schedule folder read by [`super::load_dir`], its problems
//! reported with the site's folder in front of the file name
//! (`紫卫居民区/screenings.ron`). A broken site never stops the others.
//! The files' texts are not kept: the network is read for showing and
//! printing; saving goes through the active site's own folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use unicode_normalization::UnicodeNormalization;

use super::diagnostics::{self, Cause, Diagnostic};
use super::load::{self, Loaded};
use super::spans;
use crate::i18n::Lang;
use crate::model::network::{
    NETWORK_FILE, Network, NetworkFile, Site, is_plain_folder_name, short_label,
};
use crate::model::recurrence::DateRange;
use crate::model::validate::{Pointer, Severity, Step};
use crate::tr;

/// What is wrong in `network.ron` or with a site's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkIssue {
    /// The subdistrict's name is empty.
    EmptyName,
    /// A site's name is empty.
    EmptySiteName,
    /// `sites` lists nothing.
    NoSites,
    /// Two sites have this name.
    DuplicateName(String),
    /// Two sites use this folder.
    DuplicateFolder(String),
    /// The folder is not a plain sub-folder name (absolute, `..`, empty).
    BadFolder(String),
    /// The site's folder does not exist or cannot be read.
    MissingFolder { folder: String, why: String },
}

impl NetworkIssue {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NetworkIssue::EmptyName => tr!(
                lang,
                "街道名称 name 不能为空",
                "the network's name may not be empty"
            ),
            NetworkIssue::EmptySiteName => tr!(
                lang,
                "站点名称 name 不能为空",
                "a site's name may not be empty"
            ),
            NetworkIssue::NoSites => tr!(
                lang,
                "sites 里没有站点：每个站点写一行 Site(name: \"...\", folder: \"...\")",
                "sites lists no site: add Site(name: \"...\", folder: \"...\") for each"
            ),
            NetworkIssue::DuplicateName(n) => tr!(
                lang,
                "站点名称 \"{n}\" 重复：每个站点的名称要不同",
                "the site name \"{n}\" is used twice"
            ),
            NetworkIssue::DuplicateFolder(f) => tr!(
                lang,
                "文件夹 \"{f}\" 被两个站点使用：每个站点要有自己的文件夹",
                "the folder \"{f}\" is used by two sites: each needs its own"
            ),
            NetworkIssue::BadFolder(f) => tr!(
                lang,
                "文件夹 \"{f}\" 不是本文件夹里的子文件夹名：请只写子文件夹的名字，如 \"紫卫居民区\"",
                "\"{f}\" is not a sub-folder name: write just the folder's name, e.g. \"ziwei\""
            ),
            NetworkIssue::MissingFolder { folder, why } => tr!(
                lang,
                "站点文件夹 \"{folder}\" 打不开（{why}）：请建立这个文件夹并放入 station.ron，或改正 folder",
                "cannot open the site folder \"{folder}\" ({why}): create it with a station.ron, or correct folder"
            ),
        }
    }
}

/// The result of reading a network folder.
#[derive(Debug, Clone, Default)]
pub struct NetworkLoaded {
    pub network: Network,
    /// Every problem of `network.ron` and of every site, sites in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl NetworkLoaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Whether `dir` holds a network (its `network.ron`).
pub fn is_network_dir(dir: &Path) -> bool {
    dir.join(NETWORK_FILE).is_file()
}

/// The folder of site `folder` in the network at `dir`, when `folder` is a
/// plain sub-folder name ([`is_plain_folder_name`]) and the folder, if it
/// is a link, leads to a folder inside the network folder. Every path that
/// reads or writes a site goes through here.
pub fn site_dir(dir: &Path, folder: &str) -> Result<PathBuf, NetworkIssue> {
    if !is_plain_folder_name(folder) {
        return Err(NetworkIssue::BadFolder(folder.to_owned()));
    }
    let path = dir.join(folder);
    if super::fsio::is_link(&path) {
        let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(dir)) {
            (Ok(real), Ok(root)) => real.starts_with(&root) && real != root,
            _ => false,
        };
        if !inside {
            return Err(NetworkIssue::BadFolder(folder.to_owned()));
        }
    }
    Ok(path)
}

/// Reads `network.ron` and every site of the network at `dir`.
pub fn load_network(dir: &Path) -> NetworkLoaded {
    load_network_with(dir, default_threads())
}

/// How many sites are read at once: one per core, at most 8.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// [`load_network`] with `threads` readers (1 reads the sites one by one).
pub fn load_network_with(dir: &Path, threads: usize) -> NetworkLoaded {
    read_network(dir, threads, None)
}

/// [`load_network`] and, as `stationcal check` reports them, the clashes
/// of every site with every other in `window` (a speaker is one person at
/// every site).
pub fn check_network(dir: &Path, window: DateRange) -> NetworkLoaded {
    read_network(dir, default_threads(), Some(window))
}

fn read_network(dir: &Path, threads: usize, clash_window: Option<DateRange>) -> NetworkLoaded {
    let mut out = NetworkLoaded::default();
    let Some((file, text)) = read_network_file(dir, &mut out.diagnostics) else {
        return out;
    };
    let text = text.as_str();
    out.network.name.clone_from(&file.name);
    // Sites whose folder can be read; the others are reported at their entry.
    let mut wanted: Vec<(usize, PathBuf)> = Vec::new();
    for (i, entry) in file.sites.iter().enumerate() {
        match site_dir(dir, &entry.folder) {
            // Reported by the checks of network.ron (only a link leading
            // out of the network folder is not seen there).
            Err(issue) => {
                if is_plain_folder_name(&entry.folder) {
                    out.diagnostics.push(at_site(text, i, "folder", issue));
                }
            }
            Ok(folder) => match std::fs::read_dir(&folder) {
                Err(e) => out.diagnostics.push(at_site(
                    text,
                    i,
                    "folder",
                    NetworkIssue::MissingFolder {
                        folder: entry.folder.clone(),
                        why: e.to_string(),
                    },
                )),
                Ok(_) => wanted.push((i, folder)),
            },
        }
        out.network.sites.push(Site {
            name: entry.name.clone(),
            folder: entry.folder.clone(),
            short: entry
                .short
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| short_label(&entry.name)),
            schedule: crate::model::Schedule::default(),
            loaded: false,
        });
    }
    let loaded = load_sites(&wanted, threads, clash_window.is_some());
    let mut sites: Vec<(usize, String, Loaded)> = wanted
        .iter()
        .zip(loaded)
        .map(|((i, _), l)| (*i, out.network.sites[*i].name.clone(), l))
        .collect();
    if let Some(window) = clash_window {
        super::clashes::add_warnings(&mut sites, window);
    }
    for (i, _, mut l) in sites {
        l.files = Vec::new();
        let site = &mut out.network.sites[i];
        for d in &mut l.diagnostics {
            d.file = format!("{}/{}", site.folder, d.file);
            // The network's folder opened; a site's folder that vanished
            // since is a problem of that site, not a reason to stop.
            if let Cause::NoFolder(why) = &d.cause {
                d.cause = Cause::Unreadable(why.clone());
            }
        }
        out.diagnostics.append(&mut l.diagnostics);
        site.schedule = l.schedule;
        site.loaded = true;
    }
    out
}

/// Reads the folders, `threads` at a time, keeping the order given.
fn load_sites(folders: &[(usize, PathBuf)], threads: usize, keep_texts: bool) -> Vec<Loaded> {
    let threads = threads.clamp(1, folders.len().max(1));
    if threads == 1 {
        return folders
            .iter()
            .map(|(_, f)| load_site(f, keep_texts))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Loaded>>> = Mutex::new(vec![None; folders.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some((_, folder)) = folders.get(k) else {
                        break;
                    };
                    let loaded = load_site(folder, keep_texts);
                    if let Ok(mut r) = results.lock() {
                        r[k] = Some(loaded);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// One site's folder, without keeping the files' texts.
/// A site's schedule and problems; its texts only when `keep_texts` (to
/// place clash warnings in them): the views never need them.
fn load_site(folder: &Path, keep_texts: bool) -> Loaded {
    let mut loaded = load::load_dir(folder);
    if !keep_texts {
        loaded.files = Vec::new();
    }
    loaded
}

/// Reads and checks `network.ron`; `None` (with the problem reported) when
/// it cannot be read at all.
fn read_network_file(dir: &Path, out: &mut Vec<Diagnostic>) -> Option<(NetworkFile, String)> {
    let bytes = match super::fsio::read_in_folder(dir, NETWORK_FILE, load::MAX_FILE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) | Err(super::fsio::ReadRefusal::Io(_)) if std::fs::read_dir(dir).is_err() => {
            let why = std::fs::read_dir(dir)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            out.push(whole_file(Cause::NoFolder(why)));
            return None;
        }
        Ok(None) => {
            out.push(whole_file(Cause::Unreadable("not found".into())));
            return None;
        }
        Err(refusal) => {
            out.push(whole_file(load::cause_of(refusal)));
            return None;
        }
    };
    let text = match load::decode(bytes) {
        Ok(t) if load::is_nfc(&t) => t,
        Ok(t) => t.nfc().collect(),
        Err(cause) => {
            out.push(whole_file(cause));
            return None;
        }
    };
    if text.trim().is_empty() {
        out.push(whole_file(Cause::Empty));
        return None;
    }
    let file: NetworkFile = match load::ron_options().from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            out.push(diagnostics::from_ron(NETWORK_FILE, &text, &e));
            return None;
        }
    };
    check(&file, &text, out);
    out.extend(super::hidden::scan(NETWORK_FILE, &text));
    Some((file, text))
}

/// The checks of `network.ron` beyond reading.
fn check(file: &NetworkFile, text: &str, out: &mut Vec<Diagnostic>) {
    if file.name.trim().is_empty() {
        out.push(at(
            text,
            &Pointer(vec![Step::Field("name")]),
            NetworkIssue::EmptyName,
        ));
    }
    if file.sites.is_empty() {
        out.push(at(
            text,
            &Pointer(vec![Step::Field("sites")]),
            NetworkIssue::NoSites,
        ));
    }
    let mut names = std::collections::HashSet::new();
    let mut folders = std::collections::HashSet::new();
    for (i, s) in file.sites.iter().enumerate() {
        if s.name.trim().is_empty() {
            out.push(at_site(text, i, "name", NetworkIssue::EmptySiteName));
        } else if !names.insert(s.name.as_str()) {
            out.push(at_site(
                text,
                i,
                "name",
                NetworkIssue::DuplicateName(s.name.clone()),
            ));
        }
        if !is_plain_folder_name(&s.folder) {
            out.push(at_site(
                text,
                i,
                "folder",
                NetworkIssue::BadFolder(s.folder.clone()),
            ));
        } else if !folders.insert(s.folder.as_str()) {
            out.push(at_site(
                text,
                i,
                "folder",
                NetworkIssue::DuplicateFolder(s.folder.clone()),
            ));
        }
    }
}

fn at_site(text: &str, i: usize, field: &'static str, issue: NetworkIssue) -> Diagnostic {
    at(
        text,
        &Pointer(vec![
            Step::Field("sites"),
            Step::Index(i),
            Step::Field(field),
        ]),
        issue,
    )
}

/// A problem at `pointer` in `network.ron`.
fn at(text: &str, pointer: &Pointer, issue: NetworkIssue) -> Diagnostic {
    let (line, col, span) = spans::parse(text).map_or((1, 1, 1), |root| {
        let node = root.find(pointer);
        let (line, col) = spans::line_col(text, node.start);
        let value = text.get(node.start..node.end).unwrap_or("");
        let span = value.lines().next().map_or(1, |l| l.chars().count().max(1));
        (line, col, span)
    });
    Diagnostic {
        file: NETWORK_FILE.to_owned(),
        line,
        col,
        span,
        source_line: super::diagnostics::source_line(text, line),
        severity: Severity::Error,
        cause: Cause::Network(issue),
    }
}

fn whole_file(cause: Cause) -> Diagnostic {
    Diagnostic::whole_file(NETWORK_FILE, cause)
}

/// The bundled sample network, as shipped in `assets/network/`: its files
/// by path inside the network folder.
pub const NETWORK_SAMPLE: [(&str, &str); 19] = [
    (
        "network.ron",
        include_str!("../../assets/network/network.ron"),
    ),
    (
        "东礁居民区/events.ron",
        include_str!("../../assets/network/东礁居民区/events.ron"),
    ),
    (
        "东礁居民区/lectures.ron",
        include_str!("../../assets/network/东礁居民区/lectures.ron"),
    ),
    (
        "东礁居民区/station.ron",
        include_str!("../../assets/network/东礁居民区/station.ron"),
    ),
    (
        "中心/events.ron",
        include_str!("../../assets/network/中心/events.ron"),
    ),
    (
        "中心/lectures.ron",
        include_str!("../../assets/network/中心/lectures.ron"),
    ),
    (
        "中心/screenings.ron",
        include_str!("../../assets/network/中心/screenings.ron"),
    ),
    (
        "中心/station.ron",
        include_str!("../../assets/network/中心/station.ron"),
    ),
    (
        "四村居民区/events.ron",
        include_str!("../../assets/network/四村居民区/events.ron"),
    ),
    (
        "四村居民区/service-days.ron",
        include_str!("../../assets/network/四村居民区/service-days.ron"),
    ),
    (
        "四村居民区/station.ron",
        include_str!("../../assets/network/四村居民区/station.ron"),
    ),
    (
        "山龙居民区/events.ron",
        include_str!("../../assets/network/山龙居民区/events.ron"),
    ),
    (
        "山龙居民区/screenings.ron",
        include_str!("../../assets/network/山龙居民区/screenings.ron"),
    ),
    (
        "山龙居民区/station.ron",
        include_str!("../../assets/network/山龙居民区/station.ron"),
    ),
    (
        "梅州居民区/events.ron",
        include_str!("../../assets/network/梅州居民区/events.ron"),
    ),
    (
        "梅州居民区/station.ron",
        include_str!("../../assets/network/梅州居民区/station.ron"),
    ),
    (
        "紫卫居民区/events.ron",
        include_str!("../../assets/network/紫卫居民区/events.ron"),
    ),
    (
        "紫卫居民区/lectures.ron",
        include_str!("../../assets/network/紫卫居民区/lectures.ron"),
    ),
    (
        "紫卫居民区/station.ron",
        include_str!("../../assets/network/紫卫居民区/station.ron"),
    ),
];

/// Writes the sample network into `dir` (created if needed). Refuses,
/// writing nothing, if any of its files is already there.
pub fn write_network_sample(dir: &Path) -> Result<(), super::sample::InitError> {
    use super::sample::InitError;
    use std::io::Write as _;
    let existing: Vec<PathBuf> = NETWORK_SAMPLE
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    for (rel, text) in NETWORK_SAMPLE {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_folder_is_a_plain_name_and_stays_inside_the_network() {
        let root = tempfile::tempdir().expect("temp dir");
        let net = root.path().join("net");
        std::fs::create_dir_all(net.join("紫卫居民区")).expect("mkdir");
        std::fs::create_dir_all(root.path().join("elsewhere")).expect("mkdir");
        assert_eq!(site_dir(&net, "紫卫居民区"), Ok(net.join("紫卫居民区")));
        for bad in ["", " ", ".", "..", "../x", "a/b", "/etc", "a\\b", "C:x"] {
            assert!(site_dir(&net, bad).is_err(), "{bad:?}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../elsewhere", net.join("out")).expect("link");
            std::os::unix::fs::symlink("紫卫居民区", net.join("in")).expect("link");
            assert!(site_dir(&net, "out").is_err(), "a link out of the network");
            assert!(site_dir(&net, "in").is_ok(), "a link inside it");
        }
    }
}
