//! `config.ron`: the user's settings. Every field is optional.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;
use crate::store::{Cause, Diagnostic};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The schedule folder to open when no `--dir` or `$STATIONCAL_DIR` is given.
    #[serde(default)]
    pub data_dir: Option<PathBuf>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Key overrides: action name to a list of keys, e.g. `"next": ["n"]`.
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, Vec<String>>,
}

/// Reads the config file; a missing file is the defaults, a broken one is
/// the defaults plus a diagnostic.
pub fn load(path: &Path) -> (Config, Option<Diagnostic>) {
    let text = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => {
            return (
                Config::default(),
                Some(whole(path, Cause::Unreadable(e.to_string()))),
            );
        }
    };
    let text = match crate::store::load::decode(text) {
        Ok(t) => t,
        Err(c) => return (Config::default(), Some(whole(path, c))),
    };
    if text.trim().is_empty() {
        return (Config::default(), None);
    }
    match crate::store::load::ron_options().from_str::<Config>(&text) {
        Ok(c) => (c, None),
        Err(e) => (
            Config::default(),
            Some(crate::store::diagnostics::from_ron(
                &path.display().to_string(),
                &text,
                &e,
            )),
        ),
    }
}

fn whole(path: &Path, cause: Cause) -> Diagnostic {
    Diagnostic {
        file: path.display().to_string(),
        line: 0,
        col: 0,
        span: 0,
        source_line: String::new(),
        severity: crate::model::validate::Severity::Error,
        cause,
    }
}
