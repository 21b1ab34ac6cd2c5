//! Settings problems beyond a config file that does not read: key overrides
//! that name no action or no key, placed at their line in `config.ron`.

use std::path::Path;

use crate::config::Config;
use crate::model::validate::Severity;
use crate::store::{Cause, Diagnostic};
use crate::tui::keymap::{Keymap, KeymapProblem};

/// One diagnostic per problem in `keys:`, at the first place the offending
/// name is written in the file (line 0 when it cannot be found).
pub fn key_diagnostics(config: &Config, path: Option<&Path>) -> Vec<Diagnostic> {
    let (_, problems) = Keymap::with_overrides(&config.keys);
    if problems.is_empty() {
        return Vec::new();
    }
    let text = path
        .and_then(|p| crate::store::fsio::read_file(p, crate::config::MAX_CONFIG_BYTES).ok())
        .flatten()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let file = path.map_or_else(|| "config.ron".to_owned(), |p| p.display().to_string());
    problems
        .into_iter()
        .map(|p| {
            let (name, cause) = match p {
                KeymapProblem::UnknownAction(a) => (a.clone(), Cause::UnknownAction(a)),
                KeymapProblem::UnknownKey(k) => (k.clone(), Cause::UnknownKey(k)),
            };
            let quoted = format!("\"{name}\"");
            let found = text.lines().enumerate().find_map(|(i, l)| {
                let byte = l.find(&quoted)?;
                (!l.trim_start().starts_with("//"))
                    .then(|| (i + 1, l[..byte].chars().count() + 1, l))
            });
            let (line, col, source) = found.unwrap_or((0, 0, ""));
            Diagnostic {
                file: file.clone(),
                line,
                col,
                span: quoted.chars().count(),
                source_line: source.trim_end_matches('\r').to_owned(),
                severity: Severity::Error,
                cause,
            }
        })
        .collect()
}
