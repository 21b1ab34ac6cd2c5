//! `config.ron`: the user's settings. Every field is optional.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::recurrence::WeekStart;
use crate::store::{Cause, Diagnostic};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The schedule folder to open when no `--dir` or `$STATIONCAL_DIR` is given.
    #[serde(default)]
    pub data_dir: Option<PathBuf>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The first day of the week in the week and month views.
    #[serde(default)]
    pub week_start: Option<WeekStart>,
    /// Colours; `NO_COLOR` in the environment always means [`Theme::None`].
    #[serde(default)]
    pub theme: Option<Theme>,
    /// Key overrides: action name to a list of keys, e.g. `"next": ["n"]`.
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, Vec<String>>,
    /// Whether the mouse works in the app (default: yes). `false` leaves the
    /// mouse to the terminal, for selecting and copying its text.
    #[serde(default)]
    pub mouse: Option<bool>,
    /// Whether the views and printed sheets show the lunar date, the solar
    /// terms and the traditional festivals (default: yes).
    #[serde(default)]
    pub lunar: Option<bool>,
    /// Where the station publishes its calendar file (`.ics`) for residents
    /// to subscribe to: printed as a QR code on the sheets and the image.
    #[serde(default)]
    pub subscribe_url: Option<String>,
    /// The staffer's name, as the author of each version in the folder's
    /// history (asked once at the first save in a folder kept in git).
    #[serde(default)]
    pub name: Option<String>,
}

/// How the interface is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Default,
    /// Bright colours on black or white, for poor screens and eyes.
    HighContrast,
    /// No colours at all: bold, reverse and underline only.
    None,
}

impl Theme {
    /// The theme in force: `NO_COLOR` (set and not empty, see no-color.org)
    /// wins over the config file.
    pub fn effective(configured: Option<Theme>, no_color: Option<&std::ffi::OsStr>) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) {
            Theme::None
        } else {
            configured.unwrap_or_default()
        }
    }
}

/// The commented default written on first run (all settings commented out).
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.ron");

/// A settings file is a few lines; anything bigger is not one.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config file; a missing file is the defaults, a broken one is
/// the defaults plus a diagnostic.
pub fn load(path: &Path) -> (Config, Option<Diagnostic>) {
    let text = match crate::store::fsio::read_file(path, MAX_CONFIG_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return (Config::default(), None),
        Err(refusal) => {
            return (
                Config::default(),
                Some(whole(path, crate::store::load::cause_of(refusal))),
            );
        }
    };
    let text = match crate::store::load::decode(text) {
        Ok(t) => t,
        Err(c) => return (Config::default(), Some(whole(path, c))),
    };
    parse(&path.display().to_string(), &text)
}

/// Reads config text; `file` names it in a diagnostic.
pub fn parse(file: &str, text: &str) -> (Config, Option<Diagnostic>) {
    if text.trim().is_empty() {
        return (Config::default(), None);
    }
    match crate::store::load::ron_options().from_str::<Config>(text) {
        Ok(c) => (c, None),
        Err(e) => (
            Config::default(),
            Some(crate::store::diagnostics::from_ron(file, text, &e)),
        ),
    }
}

/// Writes the commented default config to `path` if there is no file there
/// yet, creating its folder. `Ok(false)` when a file exists (it is never
/// touched); an error when the folder cannot be created or written.
pub fn write_default_if_missing(path: &Path) -> std::io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            use std::io::Write as _;
            f.write_all(crate::store::newline::native(DEFAULT_CONFIG).as_bytes())?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// `text` (a config file's) with `name: "…",` set: inserted before the
/// closing parenthesis, or the old value replaced, everything else kept.
/// `None` when no such text reads back as a config with that name (the
/// user adds it by hand then).
pub fn with_name(text: &str, name: &str) -> Option<String> {
    let literal = ron::to_string(name).ok()?;
    let reads =
        |t: &str| matches!(parse("config.ron", t), (c, None) if c.name.as_deref() == Some(name));
    if text.trim().is_empty() {
        let t = format!("(\n    name: {literal},\n)\n");
        return reads(&t).then_some(t);
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let close = text.rfind(')')?;
    let (head, tail) = text.split_at(close);
    let candidates = [
        format!("{head}    name: {literal},{nl}{tail}"),
        format!("{},{nl}    name: {literal},{nl}{tail}", head.trim_end()),
    ];
    candidates.into_iter().find(|t| reads(t))
}

/// Writes `name` into the config file at `path` (created when missing),
/// atomically and never through a link.
pub fn save_name(path: &Path, name: &str) -> Result<(), String> {
    let old = match crate::store::fsio::read_file(path, MAX_CONFIG_BYTES) {
        Ok(b) => b,
        Err(e) => return Err(format!("{e:?}")),
    };
    let old_text = match &old {
        Some(b) => crate::store::load::decode(b.clone()).map_err(|c| format!("{c:?}"))?,
        None => String::new(),
    };
    let (config, problem) = parse("config.ron", &old_text);
    if problem.is_some() {
        return Err("config.ron does not read".to_owned());
    }
    if config.name.is_some() {
        return Err("config.ron already has a name".to_owned());
    }
    let text = with_name(&old_text, name).ok_or_else(|| "cannot place the name".to_owned())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    crate::store::write::write_file(path, &text, old.as_deref()).map_err(|e| format!("{e:?}"))
}

fn whole(path: &Path, cause: Cause) -> Diagnostic {
    Diagnostic::whole_file(path.display().to_string(), cause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_added_to_any_config_and_nothing_else_changes() {
        for text in [
            DEFAULT_CONFIG,
            "",
            "(lang: zh)",
            "(\n    lang: en\n)\n",
            "(\r\n    lunar: false,\r\n)\r\n",
        ] {
            let t = with_name(text, "王老师").unwrap_or_else(|| panic!("not placed in {text:?}"));
            let (c, problem) = parse("config.ron", &t);
            assert!(problem.is_none(), "{t}");
            assert_eq!(c.name.as_deref(), Some("王老师"));
            let before = parse("config.ron", text).0;
            assert_eq!(Config { name: None, ..c }, before, "{t}");
        }
        let quoted = with_name("()", "a\"b").expect("placed");
        assert_eq!(parse("c", &quoted).0.name.as_deref(), Some("a\"b"));
    }

    #[test]
    fn the_default_config_reads_as_the_defaults() {
        let (c, problem) = parse("config.ron", DEFAULT_CONFIG);
        assert_eq!(problem, None);
        assert_eq!(c, Config::default());
        // Every commented setting, uncommented, reads too.
        let uncommented: String = DEFAULT_CONFIG
            .lines()
            .map(|l| {
                let t = l.trim_start();
                match t.strip_prefix("// ").map(str::trim_start) {
                    Some(rest)
                        if rest.starts_with(|c: char| c.is_ascii_lowercase() || c == '"')
                            && rest.contains(':')
                            || rest.starts_with('}') =>
                    {
                        rest.to_owned()
                    }
                    _ => l.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let (c, problem) = parse("config.ron", &uncommented);
        assert_eq!(problem, None, "{uncommented}");
        assert_eq!(c.lang, Some(Lang::Zh));
        assert_eq!(c.week_start, Some(WeekStart::Monday));
        assert_eq!(c.theme, Some(Theme::Default));
        assert_eq!(c.keys.get("next").map(Vec::len), Some(2));
        assert!(
            c.subscribe_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        );
    }

    #[test]
    fn no_color_wins_over_the_config() {
        let set = std::ffi::OsStr::new("1");
        let empty = std::ffi::OsStr::new("");
        assert_eq!(
            Theme::effective(Some(Theme::HighContrast), Some(set)),
            Theme::None
        );
        assert_eq!(
            Theme::effective(Some(Theme::HighContrast), Some(empty)),
            Theme::HighContrast
        );
        assert_eq!(Theme::effective(None, None), Theme::Default);
    }

    #[test]
    fn the_default_is_written_once_and_never_over_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/config.ron");
        assert!(write_default_if_missing(&path).expect("writes"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            DEFAULT_CONFIG
        );
        std::fs::write(&path, "(lang: en)").expect("write");
        assert!(!write_default_if_missing(&path).expect("no error"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "(lang: en)");
        // A folder that cannot be made: an error, nothing written.
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").expect("write");
        assert!(write_default_if_missing(&blocker.join("config.ron")).is_err());
    }
}
