//! What the documents say about the build agrees with the build: the
//! README names the same minimum Rust version as Cargo.toml, and the CI
//! scripts name paths that exist.

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

/// Every `1.NN` version number written in `text`.
fn versions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("1.") {
        let before_ok = i == 0 || !text[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.');
        let digits: String = text[i + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = text[i + 2 + digits.len()..].chars().next();
        if before_ok && digits.len() == 2 && after != Some('.') {
            out.push(format!("1.{digits}"));
        }
    }
    out
}

#[test]
fn the_readme_names_the_rust_version_cargo_toml_requires() {
    let toml = read("Cargo.toml");
    let required = toml
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("Cargo.toml sets rust-version");
    let readme = read("README.md");
    let said: Vec<String> = readme
        .lines()
        .filter(|l| l.contains("Rust") && l.contains("newer"))
        .flat_map(versions)
        .collect();
    assert!(!said.is_empty(), "the README says which Rust is needed");
    assert!(
        said.iter().all(|v| v == required),
        "README says {said:?}, Cargo.toml requires {required}"
    );
}

/// The CI and release scripts name repository paths as `REPO / "…"`; each
/// must exist (the Windows smoke test once looked for the check-corpus
/// snapshots where they no longer were, and only CI found out).
#[test]
fn the_scripts_name_paths_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for script in [".ci/windows_smoke.py", "scripts/windows_zip.py"] {
        let text = read(script);
        for (i, _) in text.match_indices("REPO / \"") {
            let rest = &text[i + "REPO / \"".len()..];
            let path = &rest[..rest.find('"').expect("a closing quote")];
            assert!(
                root.join(path).exists(),
                "{script} names {path}, which is not in the repository"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} paths found: has the pattern changed?"
    );
}

/// Every repository path the README and the docs name in backquotes
/// (`tests/…`, `src/…`, `assets/…`, …) exists: tests moved into
/// `tests/it/` once and two sentences still pointed at the old files.
#[test]
fn the_documents_name_paths_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec!["README.md".to_owned()];
    for e in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = e.expect("entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            let name = path.file_name().expect("a name").to_string_lossy();
            docs.push(format!("docs/{name}"));
        }
    }
    let roots = [
        "tests/", "src/", "assets/", "docs/", "benches/", "scripts/", ".ci/",
    ];
    let mut checked = 0;
    for doc in &docs {
        let text = read(doc);
        for quoted in text.split('`').skip(1).step_by(2) {
            let is_path = roots.iter().any(|r| quoted.starts_with(r))
                && !quoted.contains([' ', '*', '<', '{']);
            if is_path {
                assert!(
                    root.join(quoted).exists(),
                    "{doc} names `{quoted}`, which is not in the repository"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} paths found: has the pattern changed?"
    );
}
