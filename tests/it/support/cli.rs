//! Running the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, without the `STATIONCAL_DIR` of whoever runs the tests.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationcal"));
    c.env_remove("STATIONCAL_DIR");
    c
}

/// `stationcal --dir DIR --today 2026-11-27 ARGS…` in the package folder,
/// with no config file (not the tester's own).
pub fn stationcal(dir: &Path, args: &[&str]) -> Output {
    stationcal_in(dir, Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// [`stationcal`] started in the folder `cwd`.
pub fn stationcal_in(dir: &Path, cwd: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(cwd)
        .env("STATIONCAL_CONFIG", "/nonexistent/stationcal-config.ron")
        .arg("--dir")
        .arg(dir)
        .args(["--today", "2026-11-27"])
        .args(args)
        .output()
        .expect("run stationcal")
}

/// What the program wrote to standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// What the program wrote to standard error, which must be UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// The first of `names` found on `PATH` (for the checks with real tools:
/// Chromium, poppler, tesseract, zbar).
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}
