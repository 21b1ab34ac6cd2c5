//! The tests' own layout: every integration test is a module of this one
//! crate (a file outside it is one more binary to build and link, a file
//! inside it that no `mod` names is never compiled, so its tests silently
//! never run), and every snapshot belongs to a module that exists (a moved
//! test leaves its old snapshots behind, and insta then writes new ones
//! beside them).

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::asset;

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("folder lists") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The module name a file defines, and the files that may declare it:
/// `a/b.rs` is `b`, declared in `a/mod.rs`, `a/main.rs` or `a.rs`;
/// `a/b/mod.rs` is `b`, declared in `a/mod.rs`, `a/main.rs` or `a.rs`.
fn declared_where(file: &Path) -> (String, Vec<PathBuf>) {
    let stem = file.file_stem().expect("a name").to_string_lossy();
    let (name, parent) = if stem == "mod" {
        let dir = file.parent().expect("a folder");
        (
            dir.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned(),
            dir.parent().expect("a folder"),
        )
    } else {
        (stem.into_owned(), file.parent().expect("a folder"))
    };
    let candidates = vec![
        parent.join("mod.rs"),
        parent.join("main.rs"),
        parent.with_extension("rs"),
    ];
    (name, candidates)
}

fn declares(file: &Path, name: &str) -> bool {
    let Ok(text) = fs::read_to_string(file) else {
        return false;
    };
    text.lines().any(|l| {
        let l = l.trim_start();
        // `#[cfg(unix)] mod x;` on one line.
        let l = match l.strip_prefix("#[") {
            Some(rest) => rest.split_once("] ").map_or(l, |(_, m)| m),
            None => l,
        };
        let l = l.strip_prefix("pub ").unwrap_or(l);
        let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
        l.strip_prefix("mod ")
            .is_some_and(|rest| rest.trim_end() == format!("{name};"))
    })
}

#[test]
fn every_test_file_is_a_module_of_the_one_test_crate() {
    let tests = asset("tests");
    // Cargo makes a test binary of each `tests/*.rs` and `tests/*/main.rs`.
    let mut outside: Vec<PathBuf> = Vec::new();
    for e in fs::read_dir(&tests).expect("tests/") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "rs") || p.join("main.rs").is_file() {
            outside.push(p);
        }
    }
    assert_eq!(
        outside,
        [tests.join("it")],
        "move each into tests/it/ as a module (see tests/it/main.rs)"
    );
    let root = tests.join("it");
    let mut undeclared = Vec::new();
    let mut rs = 0;
    for file in files(&root) {
        if file.extension().is_none_or(|x| x != "rs") || file == root.join("main.rs") {
            continue;
        }
        rs += 1;
        let (name, candidates) = declared_where(&file);
        if !candidates.iter().any(|c| declares(c, &name)) {
            undeclared.push(file.strip_prefix(&tests).expect("inside").to_path_buf());
        }
    }
    assert!(rs > 40, "only {rs} files: is this the right folder?");
    assert!(
        undeclared.is_empty(),
        "no `mod` names these, so they are never compiled: {undeclared:?}"
    );
}

#[test]
fn every_snapshot_belongs_to_a_module_beside_it() {
    let tests = asset("tests");
    let mut orphans = Vec::new();
    let mut snaps = 0;
    for file in files(&tests) {
        let name = file.file_name().expect("a name").to_string_lossy();
        let Some(stem) = name.strip_suffix(".snap") else {
            continue;
        };
        snaps += 1;
        // tests/it/<layer>/snapshots/it__<layer>__<module>__<name>.snap
        // is written by tests/it/<layer>/<module>.rs (insta names it after
        // the module path and puts it beside the module's file; names
        // here have no `__` of their own).
        let dir = file.parent().expect("a folder");
        let parts: Vec<&str> = stem.split("__").collect();
        let ok = dir.file_name().is_some_and(|d| d == "snapshots")
            && parts.len() > 2
            && parts[0] == "it"
            && {
                let module: PathBuf = parts[1..parts.len() - 1].iter().collect();
                let module = tests.join("it").join(module);
                (module.with_extension("rs").is_file() && module.parent() == dir.parent())
                    || (module.join("mod.rs").is_file() && Some(module.as_path()) == dir.parent())
            };
        if !ok {
            orphans.push(file.strip_prefix(&tests).expect("inside").to_path_buf());
        }
    }
    assert!(
        snaps > 100,
        "only {snaps} snapshots: is this the right folder?"
    );
    assert!(
        orphans.is_empty(),
        "snapshots no module writes (moved or renamed tests?): {orphans:?}"
    );
}
