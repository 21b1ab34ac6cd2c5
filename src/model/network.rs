//! A subdistrict's network of sites: the community centre and its stations
//! (石化街道 "1+26+10"), each with its own schedule, seen together.
//!
//! A network folder holds `network.ron` (this module's [`NetworkFile`])
//! naming the subdistrict and its sites, and one sub-folder per site with
//! that site's schedule files. Every site keeps its own rooms: conflicts are
//! per room per site.

use serde::{Deserialize, Serialize};

use super::occurrence::Occurrence;
use super::recurrence::DateRange;
use super::schedule::Schedule;

/// The file name of a network's description.
pub const NETWORK_FILE: &str = "network.ron";

/// `network.ron` as staff write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Network", deny_unknown_fields)]
pub struct NetworkFile {
    /// The subdistrict, e.g. 石化街道.
    pub name: String,
    /// The sites, in the order they are listed and printed.
    #[serde(default)]
    pub sites: Vec<SiteEntry>,
}

/// One site in `network.ron`: `Site(name: "紫卫居民区党群服务站", folder: "紫卫居民区")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Site", deny_unknown_fields)]
pub struct SiteEntry {
    /// The site's name as shown and printed.
    pub name: String,
    /// Its sub-folder, relative to the network folder.
    pub folder: String,
    /// A label of at most two Chinese characters for crowded calendar cells
    /// (`紫卫`); derived from the name when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

/// A whole network in memory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    pub name: String,
    pub sites: Vec<Site>,
}

/// One site and its schedule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    pub name: String,
    pub folder: String,
    /// The label for crowded cells (see [`short_label`]).
    pub short: String,
    pub schedule: Schedule,
    /// Whether the site's folder was read. A site whose folder is not a
    /// plain sub-folder name, is missing or cannot be read has an empty
    /// schedule, and nothing may be saved for it.
    pub loaded: bool,
}

/// Whether `folder` names a sub-folder of the network folder and nothing
/// else: one plain name, no separators, not `.` or `..`, not absolute, no
/// drive letter, no leading or trailing space, no trailing dot (Windows
/// drops it, so `x.` would be `x`). The one check every path
/// that reads or writes a site uses.
pub fn is_plain_folder_name(folder: &str) -> bool {
    !folder.is_empty()
        && folder.trim() == folder
        && !folder.ends_with('.')
        && !folder.contains(['/', '\\', ':', '\0'])
        && !folder.chars().any(char::is_control)
}

impl Network {
    /// Every activity of the shown sites in `range`, sorted by date, start,
    /// site and programme. `shown[i]` says whether site `i` is shown; sites
    /// past the end of `shown` are shown.
    pub fn occurrences(&self, range: DateRange, shown: &[bool]) -> Vec<Occurrence> {
        merge(
            self.sites
                .iter()
                .enumerate()
                .filter(|(i, _)| shown.get(*i).copied().unwrap_or(true))
                .map(|(i, s)| (i, &s.schedule)),
            range,
        )
    }

    /// The index of the site called `name` (its name, short label or folder).
    pub fn find_site(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.sites
            .iter()
            .position(|s| s.name == name)
            .or_else(|| self.sites.iter().position(|s| s.folder == name))
            .or_else(|| self.sites.iter().position(|s| s.short == name))
    }
}

/// The activities of several schedules in `range`, each marked with its site
/// index, in one list sorted by (date, start, site, programme, title).
pub fn merge<'a>(
    schedules: impl IntoIterator<Item = (usize, &'a Schedule)>,
    range: DateRange,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (i, schedule) in schedules {
        let site = u16::try_from(i).unwrap_or(u16::MAX);
        let start = out.len();
        out.extend(schedule.occurrences(range));
        for o in &mut out[start..] {
            o.site = site;
        }
    }
    sort(&mut out);
    out
}

/// Sorts occurrences the way every list shows them.
pub fn sort(occurrences: &mut [Occurrence]) {
    occurrences.sort_by(|a, b| {
        (a.date, a.start, a.site, a.programme, &a.title).cmp(&(
            b.date,
            b.start,
            b.site,
            b.programme,
            &b.title,
        ))
    });
}

/// A short label for a site's name, for cells too narrow for the whole name:
/// `紫卫居民区党群服务站` → `紫卫`, `石化街道社区党群服务中心` → `中心`.
pub fn short_label(name: &str) -> String {
    let mut n = name.trim();
    if n.contains("中心") {
        return "中心".to_owned();
    }
    for prefix in ["石化街道", "街道"] {
        n = n.strip_prefix(prefix).unwrap_or(n);
    }
    for suffix in [
        "居民区党群服务站",
        "党群服务站",
        "居民区",
        "服务站",
        "社区",
        "小区",
    ] {
        if let Some(s) = n.strip_suffix(suffix)
            && !s.is_empty()
        {
            n = s;
            break;
        }
    }
    // At most four columns as shown: two Chinese characters or four
    // letters, never cutting a character from its accent or joiner.
    let mut out = String::new();
    let mut w = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(n, true) {
        let gw = crate::textwidth::width(g);
        if w + gw > 4 {
            break;
        }
        w += gw;
        out.push_str(g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_sub_folder_names_name_a_site() {
        for good in ["紫卫居民区", "site 1", "a.b", ".hidden"] {
            assert!(is_plain_folder_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "...",
            "x.",
            "../x",
            "/abs/path",
            "a/b",
            "a\\b",
            "C:",
            "c:\\x",
            " 紫卫",
            "紫卫 ",
            "\\\\server\\share",
            "a\tb",
            "x\0",
        ] {
            assert!(!is_plain_folder_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn short_labels_keep_the_distinctive_part() {
        assert_eq!(short_label("紫卫居民区党群服务站"), "紫卫");
        assert_eq!(short_label("四村居民区"), "四村");
        assert_eq!(short_label("石化街道社区党群服务中心"), "中心");
        assert_eq!(short_label("东村居民区"), "东村");
        assert_eq!(short_label("Site 12"), "Site");
        assert_eq!(short_label("十二村居民区"), "十二");
    }

    #[test]
    fn network_file_reads_with_comments_and_short_labels() {
        let text = r#"
            // 石化街道 "1+26+10"
            Network(
                name: "石化街道",
                sites: [
                    Site(name: "石化街道社区党群服务中心", folder: "中心"),
                    Site(name: "紫卫居民区党群服务站", folder: "紫卫居民区", short: "紫卫"),
                ],
            )
        "#;
        let f: NetworkFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .expect("reads");
        assert_eq!(f.name, "石化街道");
        assert_eq!(f.sites.len(), 2);
        assert_eq!(f.sites[1].short.as_deref(), Some("紫卫"));
    }
}
