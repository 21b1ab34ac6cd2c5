//! The layers only know the ones below them: a source scan that fails when
//! an arrow runs back up (the TUI calling into `commands`, the store
//! knowing the terminal, the model reading files or the clock).

use std::path::{Path, PathBuf};

/// Each layer, and the crate modules its files may name.
const ALLOWED: [(&str, &[&str]); 7] = [
    ("model", &["model", "i18n", "textwidth", "sanitize"]),
    (
        "store",
        &["store", "model", "i18n", "textwidth", "sanitize", "paths"],
    ),
    (
        "print",
        &["print", "model", "i18n", "textwidth", "sanitize"],
    ),
    (
        "tui",
        &[
            "tui",
            "model",
            "store",
            "print",
            "i18n",
            "textwidth",
            "sanitize",
            "config",
            "context",
            "paths",
        ],
    ),
    (
        "commands",
        &[
            "commands",
            "tui",
            "model",
            "store",
            "print",
            "i18n",
            "textwidth",
            "sanitize",
            "config",
            "context",
            "paths",
            "cli",
            "raster",
        ],
    ),
    // Fonts and pixels for the printed image, beside print (it reads files).
    ("raster.rs", &["raster", "print", "i18n", "sanitize"]),
    // The pure helpers under everything.
    ("sanitize.rs", &["sanitize", "i18n"]),
];

/// What a layer may not use at all, whatever it imports.
const FORBIDDEN: [(&str, &[&str]); 3] = [
    (
        "model",
        &[
            "ratatui",
            "crossterm",
            "std::fs",
            "Local::now",
            "Utc::now",
            "SystemTime::now",
        ],
    ),
    ("store", &["ratatui", "crossterm"]),
    ("print", &["ratatui", "crossterm", "Local::now"]),
];

fn files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(path).expect("source folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The code of a file without its tests (tests may use anything) and
/// without comments (a doc link names what it explains).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("source file");
    // The tests at the end, however they are gated (`cfg(test)`,
    // `cfg(all(test, unix))`).
    let tests_at = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| text.find(m))
        .min();
    let text = match tests_at {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn src(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(name)
}

#[test]
fn no_arrow_runs_back_up() {
    let mut wrong = Vec::new();
    // Macros sit at the crate's root: `tr!` (i18n) for everyone, and the
    // dialogs' `dialog_any!` for the TUI.
    let macros = |layer: &str, name: &str| name == "tr" || (layer == "tui" && name == "dialog_any");
    for (layer, allowed) in ALLOWED {
        for file in files(&src(layer)) {
            let text = code(&file);
            for (i, _) in text.match_indices("crate::") {
                let name: String = text[i + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !allowed.contains(&name.as_str()) && !macros(layer, &name) {
                    wrong.push(format!("{}: crate::{name}", file.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_lower_layers_use_no_terminal_and_the_model_no_files_or_clock() {
    let mut wrong = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        for file in files(&src(layer)) {
            let text = code(&file);
            for f in forbidden {
                if text.contains(f) {
                    wrong.push(format!("{}: {f}", file.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Tests start the app through `support::new_app`, whose print folder is
/// never made: an app started with `App::new` prints into the working
/// directory, and a test pressing `p` `h` once left a page in the repository.
#[test]
fn tests_start_the_app_through_the_support_that_prints_nowhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let support = root.join("it/support/app.rs");
    let mut found = Vec::new();
    for f in files(&root) {
        let text = std::fs::read_to_string(&f).expect("test file");
        let uses = text
            .lines()
            .filter(|l| l.contains(concat!("App::", "new(")))
            .count();
        if f != support && uses > 0 {
            found.push(f.display().to_string());
        }
    }
    assert!(
        found.is_empty(),
        "App::new in {found:?}: use support::new_app"
    );
}
