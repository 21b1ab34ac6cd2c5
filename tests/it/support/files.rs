//! Folders for the tests: the bundled sample (its path, its texts, copies
//! of it, a crowded copy), copies of any folder, and a folder's whole
//! content to compare before and after.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use stationcal::model::validate::Part;
use stationcal::store::sample;

/// A path inside the package (tests run in the package folder, but the
/// binary and copies need it absolute).
pub fn asset(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The bundled sample's folder, `assets/sample`.
pub fn sample_dir() -> PathBuf {
    asset("assets/sample")
}

/// The text of a sample file as shipped in `assets/sample/`.
pub fn sample_text(file: &str) -> String {
    let path = sample_dir().join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A copy of the sample in a fresh temporary folder.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(sample_dir()).expect("sample folder") {
        let entry = entry.expect("sample entry");
        // Only the schedule files: a lock or backup left by someone running
        // the app on the sample in place is not part of it.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy sample file");
    }
    dir
}

/// Copies the folder `from` into `to`, subfolders included.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// The schedule files of a folder, by name.
pub fn ron_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, fs::read(&p).expect("readable"))
        })
        .collect()
}

/// A copy of the schedule files of `src` in a fresh folder.
pub fn copy_of(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in ron_files(src) {
        fs::write(dir.path().join(name), bytes).expect("copy");
    }
    dir
}

/// One entry of [`tree`].
#[cfg_attr(not(unix), allow(dead_code))] // its users are unix-only fault tests
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    Folder,
    /// A file's bytes; `None` when it cannot be read.
    File(Option<Vec<u8>>),
    /// A symbolic link, by where it points (never followed).
    Link(PathBuf),
    /// A FIFO, socket or device: never opened, a read could block.
    Other,
}

/// Every entry under `dir`, recursively, sorted by path: folders, files
/// with their bytes, links by their target. Nothing is followed or opened
/// but regular files, so a link or a FIFO planted by a test is listed, not
/// read. A missing folder is empty.
#[cfg_attr(not(unix), allow(dead_code))] // its users are unix-only fault tests
pub fn tree(dir: &Path) -> Vec<(PathBuf, Entry)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            let Ok(meta) = fs::symlink_metadata(&p) else {
                continue;
            };
            let entry = if meta.is_dir() {
                todo.push(p.clone());
                Entry::Folder
            } else if meta.is_file() {
                Entry::File(fs::read(&p).ok())
            } else if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&p).expect("a link has a target"))
            } else {
                Entry::Other
            };
            out.push((p, entry));
        }
    }
    out.sort();
    out
}

/// Long titles, with the characters HTML must escape and the ambiguous-width
/// quotes staff type.
pub const CROWD_TITLES: [&str; 8] = [
    "社区“微心愿”认领暨新时代文明实践志愿服务项目集中展示与居民需求现场对接会",
    "老年人智能手机使用培训班（第三期）：防范电信诈骗、线上挂号与移动支付",
    "石化街道“四史”主题摄影作品征集展评与优秀作品巡回展览开幕式",
    "家门口的健康小屋：高血压、糖尿病慢性病管理讲座及免费血压血糖测量",
    "青少年科普实验室开放日：从一滴石油到一件衣服的化学之旅",
    "垃圾分类积分兑换与旧衣物回收公益集市",
    "Community English Corner for retirees & volunteers <beginners welcome>",
    "党员先锋岗“亮身份、践承诺”主题党日活动",
];

/// A copy of the sample whose week 48 is crowded: eight more activities a
/// day on weekdays and six at the weekend, with long titles and places, on
/// top of the sample's own. Still a valid schedule.
pub fn crowded_copy() -> tempfile::TempDir {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    let text = fs::read_to_string(&path).expect("events.ron");
    let mut extra = String::new();
    let mut n = 0;
    for d in 23..=29u32 {
        let count = if d < 28 { 8 } else { 6 };
        for k in 0..count {
            n += 1;
            let title = CROWD_TITLES[(d as usize + k) % CROWD_TITLES.len()];
            let hour = 8 + k;
            let place = if k % 3 == 1 {
                "place: \"中心门前广场及蒙山路沿线人行道\",".to_owned()
            } else {
                let rooms = [
                    "四村居民区党群服务站活动室",
                    "阅览室",
                    "多功能厅",
                    "党员活动室",
                ];
                format!("room: \"{}\",", rooms[(d as usize + k) % rooms.len()])
            };
            extra.push_str(&format!(
                "        Event(id: \"X{n:02}\", title: \"{title}\", date: \"2026-11-{d}\", \
                 start: \"{hour:02}:00\", end: \"{hour:02}:45\", {place} \
                 organiser: \"石化街道社区党群服务中心\"),\n"
            ));
        }
    }
    let at = text
        .rfind("    ],")
        .expect("the events list ends with `    ],`");
    let crowded = format!("{}{extra}{}", &text[..at], &text[at..]);
    fs::write(&path, crowded).expect("write events.ron");
    dir
}

/// The bundled sample with every line of `part` that contains `needle`
/// removed (e.g. one exception), for tests of what that line decided.
pub fn sample_texts_without(part: Part, needle: &str) -> Vec<(Part, String)> {
    sample::texts()
        .into_iter()
        .map(|(p, t)| {
            if p != part {
                return (p, t);
            }
            let kept: Vec<&str> = t.lines().filter(|l| !l.contains(needle)).collect();
            assert_ne!(
                kept.len(),
                t.lines().count(),
                "{needle} is in the sample's {part:?}"
            );
            (p, kept.join("\n") + "\n")
        })
        .collect()
}

/// A folder made read-only for the length of a test: by its mode, or, when
/// the tests run as root (who ignores modes), by the immutable attribute.
/// `None` when neither works here. Writable again when dropped.
#[cfg(unix)]
pub struct ReadOnly {
    dir: PathBuf,
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnly {
    pub fn make(dir: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
        let mut guard = ReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if !can_create_in(dir) {
            return Some(guard);
        }
        guard.immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        (!can_create_in(dir)).then_some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.dir)
                .status();
        }
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
    }
}

/// Whether a file can be created in `dir` (tried, then removed).
#[cfg(unix)]
fn can_create_in(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ok = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(probe);
    ok
}
