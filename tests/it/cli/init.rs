//! `stationcal init` writes the bundled sample and never overwrites.

use crate::support::bin;

#[test]
fn init_writes_a_sample_that_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("站点");
    let out = bin().arg("init").arg(&target).output().expect("runs");
    assert!(out.status.success(), "{out:?}");
    for f in [
        "station.ron",
        "screenings.ron",
        "service-days.ron",
        "lectures.ron",
        "events.ron",
    ] {
        let written = std::fs::read_to_string(target.join(f)).expect("written");
        let shipped = std::fs::read_to_string(format!("assets/sample/{f}")).expect("shipped");
        assert_eq!(written, shipped, "{f}");
    }
    let check = bin()
        .arg("--dir")
        .arg(&target)
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn init_refuses_to_overwrite_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("lectures.ron"), "// 我的课程\n").expect("write");
    let out = bin().arg("init").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lectures.ron") && err.contains("已存在"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lectures.ron")).expect("read"),
        "// 我的课程\n"
    );
    assert!(
        !dir.path().join("station.ron").exists(),
        "nothing else was written"
    );
}

#[test]
fn dir_flag_beats_the_environment() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let out = bin()
        .env("STATIONCAL_DIR", b.path())
        .args(["--lang", "en", "init"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(
        b.path().join("station.ron").exists(),
        "init without DIR uses $STATIONCAL_DIR"
    );
    let out = bin()
        .env("STATIONCAL_DIR", b.path())
        .arg("--dir")
        .arg(a.path())
        .arg("init")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(
        a.path().join("station.ron").exists(),
        "--dir wins over $STATIONCAL_DIR"
    );
}
