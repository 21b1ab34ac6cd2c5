//! `stationcal print` and `stationcal list` as staff and scripts run them:
//! outputs, file names and exit codes.

use std::path::Path;

use crate::support::{self, stationcal, stationcal_in, stderr, stdout};

/// A copy of the sample where a lecture session names a room that does not
/// exist: an error in lectures.ron, the rest of the schedule still reads.
fn broken_copy() -> tempfile::TempDir {
    let dir = support::sample_copy();
    let path = dir.path().join("lectures.ron");
    let text = std::fs::read_to_string(&path).expect("lectures.ron");
    let broken = text.replacen(
        "date: \"2026-11-24\", start: \"09:30\", end: \"10:10\", room: \"党员活动室\"",
        "date: \"2026-11-24\", start: \"09:30\", end: \"10:10\", room: \"党员活动室二\"",
        1,
    );
    assert_ne!(broken, text, "the sample changed: update this test");
    std::fs::write(&path, broken).expect("write");
    dir
}

#[test]
fn html_goes_to_the_iso_week_file_in_the_current_folder() {
    let cwd = tempfile::tempdir().expect("cwd");
    let o = stationcal_in(&support::sample_dir(), cwd.path(), &["print"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = cwd.path().join("周程-2026-W48.html");
    assert!(file.is_file());
    let printed = stdout(&o);
    assert!(
        printed.trim_end().ends_with("周程-2026-W48.html"),
        "{printed}"
    );
    assert!(Path::new(printed.trim_end()).is_absolute());
    let page = std::fs::read_to_string(&file).expect("read html");
    assert!(page.contains("2026年11月23日—29日"));

    // --week next, and --output naming a folder.
    let o = stationcal_in(
        &support::sample_dir(),
        cwd.path(),
        &["print", "--week", "next", "--output", "."],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(cwd.path().join("周程-2026-W49.html").is_file());
}

#[test]
fn text_and_ics_go_to_stdout_unless_output_is_given() {
    let o = stationcal(&support::sample_dir(), &["print", "--format", "text"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("石化街道社区党群服务中心 一周活动安排\n2026年11月23日至29日\n"));
    assert!(text.contains("  14:00-16:00  电影放映  焦裕禄（1990年）  地点：多功能厅\n"));

    let o = stationcal(
        &support::sample_dir(),
        &["print", "--format", "ics", "--week", "2026-11-25"],
    );
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("BEGIN:VCALENDAR\r\n"));

    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("w.ics");
    let o = stationcal(
        &support::sample_dir(),
        &[
            "print",
            "--format",
            "ics",
            "--output",
            file.to_str().expect("utf-8 path"),
        ],
    );
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&file)
            .expect("ics")
            .contains("SUMMARY:电影放映：焦裕禄")
    );
    assert!(stdout(&o).trim_end().ends_with("w.ics"));
}

#[test]
fn schedule_errors_stop_printing_unless_forced() {
    let dir = broken_copy();
    let o = stationcal(dir.path(), &["print", "--format", "text"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).is_empty(),
        "printed despite errors: {}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(err.contains("lectures.ron:"), "{err}");
    assert!(err.contains("党员活动室二"), "{err}");
    assert!(err.contains("--force"), "{err}");

    let o = stationcal(dir.path(), &["print", "--format", "text", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("焦裕禄"));
    assert!(stderr(&o).contains("lectures.ron:"));

    let o = stationcal(dir.path(), &["list", "--from", "2026-11-23"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
}

#[test]
fn bad_arguments_exit_2() {
    let sample = support::sample_dir();
    for args in [
        &["print", "--week", "someday"][..],
        &["print", "--week", "2027-W53"],
        &["print", "--format", "pdf"],
        &["print", "--format", "text", "--width", "10"],
        &["print", "--week", "next", "--from", "2026-11-23"],
        &["list", "--from", "2026-13-01"],
        &["list", "--days", "0"],
    ] {
        let o = stationcal(&sample, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    // The HTML sheet is one week; --from is for text and ics.
    let o = stationcal(&sample, &["print", "--from", "2026-11-23"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--week"));
    // A missing schedule folder cannot be forced.
    let o = stationcal(Path::new("/nonexistent/stationcal"), &["print", "--force"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn list_prints_one_activity_a_line() {
    let o = stationcal(
        &support::sample_dir(),
        &["list", "--from", "2026-11-23", "--days", "3"],
    );
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "2026-11-23 周一 19:00-21:00 活动 “8+3”夜间志愿服务 各居民区党群服务站门前及周边小区\n\
         2026-11-24 周二 09:30-10:10 微党课 浦东开发开放与上海的腾飞 党员活动室\n\
         2026-11-25 周三 14:00-16:00 电影放映 焦裕禄 多功能厅\n\
         2026-11-25 周三 19:00-21:00 活动 “8+3”夜间志愿服务 各居民区党群服务站门前及周边小区\n"
    );
    let o = stationcal(
        &support::sample_dir(),
        &["list", "--from", "2026-09-30", "--days", "1"],
    );
    assert_eq!(
        stdout(&o).lines().next(),
        Some("2026-09-30 周三 14:00-16:00 电影放映 影片待定 多功能厅 暂停：国庆放假")
    );
}

#[test]
fn list_json_is_an_array_of_activities() {
    let o = stationcal(
        &support::sample_dir(),
        &["list", "--from", "2026-10-19", "--days", "7", "--json"],
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let items = v.as_array().expect("array");
    assert_eq!(items.len(), 8);
    let film = items
        .iter()
        .find(|i| i["programme"] == "screening")
        .expect("the moved screening");
    assert_eq!(film["date"], "2026-10-23");
    assert_eq!(film["start"], "14:00");
    assert_eq!(film["end"], "16:00");
    assert_eq!(film["title"], "上甘岭");
    assert_eq!(film["room"], "会议室");
    assert_eq!(film["status"], "moved");
    assert_eq!(film["moved_from"], "2026-10-21");
    assert_eq!(film["details"]["year"], 1956);
    assert!(
        film["uid"]
            .as_str()
            .expect("uid")
            .starts_with("screening-20261021-")
    );
    let service = items
        .iter()
        .find(|i| i["programme"] == "service_day")
        .expect("service day");
    assert_eq!(service["details"]["services"][0], "水费查询与缴费指导");
    let lecture = items
        .iter()
        .find(|i| i["programme"] == "lecture")
        .expect("lecture");
    assert_eq!(lecture["details"]["speaker"], "陈昊然");
}

#[test]
fn an_ics_file_past_year_9999_is_refused_not_written_with_a_plus_sign() {
    let dir = support::sample_copy();
    let path = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&path).expect("events.ron");
    // A weekly event that never ends reaches year 10000.
    let endless = text.replacen("            until: \"2027-07-30\",\n", "", 1);
    assert_ne!(endless, text, "the sample changed: update this test");
    std::fs::write(&path, endless).expect("write");
    let out = stationcal(
        dir.path(),
        &[
            "print",
            "--format",
            "ics",
            "--from",
            "9999-12-20",
            "--days",
            "30",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "nothing written: {}", stdout(&out));
    assert!(stderr(&out).contains("9999"), "{}", stderr(&out));
    // Up to 9999-12-31 is fine.
    let out = stationcal(
        dir.path(),
        &[
            "print",
            "--format",
            "ics",
            "--from",
            "9999-12-20",
            "--days",
            "12",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("DTSTART;TZID=Asia/Shanghai:99991220T190000"));
    assert!(!stdout(&out).contains("+1"));
}

#[test]
fn the_month_and_the_flyer_go_to_their_own_files() {
    let cwd = tempfile::tempdir().expect("cwd");
    let sample = support::sample_dir();
    let o = stationcal_in(&sample, cwd.path(), &["print", "--month", "2026-12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let month = cwd.path().join("月历-2026-12.html");
    assert!(stdout(&o).trim_end().ends_with("月历-2026-12.html"));
    assert!(
        std::fs::read_to_string(month)
            .expect("month")
            .contains("月度活动安排")
    );
    let o = stationcal_in(&sample, cwd.path(), &["print", "--service-day", "2026/12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let flyer = std::fs::read_to_string(cwd.path().join("乐淘淘-2026-12.html")).expect("flyer");
    assert!(flyer.contains("@page { size: A4 portrait"));
    assert!(flyer.contains("<h1>法律援助乐</h1>"));
    // In English, and into a folder.
    let out = tempfile::tempdir().expect("out");
    let o = stationcal_in(
        &sample,
        cwd.path(),
        &[
            "--lang",
            "en",
            "print",
            "--month",
            "2026-12",
            "-o",
            out.path().to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.path().join("month-2026-12.html").is_file());
    // The month's text and iCalendar: the month's activities.
    let o = stationcal(
        &sample,
        &["print", "--month", "2026-12", "--format", "text"],
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("石化街道社区党群服务中心 月度活动安排\n2026年12月1日至31日\n"));
    assert!(text.contains("12月31日 周四") && !text.contains("11月30日"));
    let o = stationcal(&sample, &["print", "--month", "2026-12", "--format", "ics"]);
    assert!(stdout(&o).contains("DTSTART;TZID=Asia/Shanghai:20261219T090000"));
}

#[test]
fn the_short_text_is_for_phones() {
    let o = stationcal(
        &support::sample_dir(),
        &["print", "--format", "text", "--short", "--week", "2026-W48"],
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("\n14:00 焦裕禄 多功能厅\n"), "{text}");
    assert!(!text.contains("周六"), "empty days are left out: {text}");
}

#[test]
fn sheets_that_cannot_be_made_say_what_to_do_instead() {
    let sample = support::sample_dir();
    for (args, word) in [
        (&["print", "--service-day", "2027-08"][..], "没有乐淘淘活动"),
        (
            &["print", "--service-day", "2026-12", "--format", "text"],
            "html 和 png",
        ),
        (
            &["print", "--month", "2026-12", "--format", "png"],
            "--service-day",
        ),
        (&["print", "--format", "html", "--short"], "--format text"),
    ] {
        let o = stationcal(&sample, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(word), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    for args in [
        &["print", "--month", "2026-13"][..],
        &["print", "--month", "2026-12", "--week", "next"],
        &["print", "--service-day", "2026-12", "--from", "2026-12-01"],
        &["print", "--format", "text", "--short", "--width", "40"],
    ] {
        let o = stationcal(&sample, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // Several sites of a network hold one: the flyer asks for --site, and
    // is made for the site named.
    let net = tempfile::tempdir().expect("temp");
    let opts = stationcal::store::generate::GenOptions {
        // Sites 2 and 5 hold a service day.
        sites: 6,
        years: 1,
        ..Default::default()
    };
    stationcal::store::generate::write(net.path(), &opts).expect("generate");
    let o = stationcal(net.path(), &["print", "--service-day", "2026-12"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--site"), "{}", stderr(&o));
    let (name, _) = stationcal::store::generate::site_name(2);
    let out = tempfile::tempdir().expect("out");
    let o = stationcal(
        net.path(),
        &[
            "print",
            "--service-day",
            "2026-12",
            "--site",
            &name,
            "-o",
            out.path().to_str().expect("utf-8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.path().join("乐淘淘-2026-12.html")).expect("flyer");
    assert!(page.contains(&name), "the flyer names its site");
}
