//! The iCalendar export read back by an independent parser: Python's
//! `icalendar` package. Skipped with a notice when python3 or the package is
//! missing, except on CI (`CI` set), where `.ci/run` installs it and a
//! missing parser is a failure.

use std::io::Write as _;
use std::process::{Command, Stdio};

const PARSE: &str = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
tz = [c for c in cal.walk("VTIMEZONE")]
out = {"name": str(cal.get("X-WR-CALNAME")), "timezones": [str(t["TZID"]) for t in tz], "events": []}
for e in cal.walk("VEVENT"):
    start = e.decoded("DTSTART")
    end = e.decoded("DTEND") if "DTEND" in e else None
    out["events"].append({
        "uid": str(e["UID"]),
        "summary": str(e["SUMMARY"]),
        "location": str(e.get("LOCATION", "")),
        "description": str(e.get("DESCRIPTION", "")),
        "status": str(e.get("STATUS", "")),
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "utcoffset": start.utcoffset().total_seconds() if start.utcoffset() is not None else None,
    })
print(json.dumps(out, ensure_ascii=False))
"#;

fn python_icalendar_available() -> bool {
    Command::new("python3")
        .args(["-c", "import icalendar"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn parse(ics: &str) -> serde_json::Value {
    let mut child = Command::new("python3")
        .args(["-c", PARSE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ics.as_bytes())
        .expect("write ics");
    let out = child.wait_with_output().expect("python3 output");
    assert!(
        out.status.success(),
        "python icalendar could not read the export:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from python")
}

use crate::support::{self, stationcal};

fn export(args: &[&str]) -> String {
    export_from(&support::sample_dir(), args)
}

fn export_from(dir: &std::path::Path, args: &[&str]) -> String {
    let out = stationcal(dir, &[&["print", "--format", "ics"], args].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn python_icalendar_reads_the_export() {
    if !python_icalendar_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with icalendar (pip install icalendar)"
        );
        eprintln!(
            "SKIPPED: python3 -c 'import icalendar' fails; pip install icalendar to run this test"
        );
        return;
    }
    let week = parse(&export(&["--week", "2026-11-23"]));
    assert_eq!(week["name"], "石化街道社区党群服务中心");
    assert_eq!(week["timezones"], serde_json::json!(["Asia/Shanghai"]));
    let events = week["events"].as_array().expect("events");
    let summaries: Vec<&str> = events
        .iter()
        .map(|e| e["summary"].as_str().expect("summary"))
        .collect();
    assert_eq!(
        summaries,
        [
            "“8+3”夜间志愿服务",
            "微党课：浦东开发开放与上海的腾飞",
            "电影放映：焦裕禄",
            "“8+3”夜间志愿服务",
            "微党课：从“凭票供应”到“菜篮子工程”",
            "“8+3”夜间志愿服务",
        ]
    );
    let film = &events[2];
    assert_eq!(film["start"], "2026-11-25T14:00:00+08:00");
    assert_eq!(film["end"], "2026-11-25T16:00:00+08:00");
    assert_eq!(film["utcoffset"], 8.0 * 3600.0);
    assert_eq!(film["location"], "石化街道社区党群服务中心 多功能厅");
    assert!(
        film["description"]
            .as_str()
            .expect("description")
            .starts_with("影片：焦裕禄（1990年）\n王冀邢导演，李雪健主演；")
    );
    // Folded long lines come back whole.
    let lecture = &events[4];
    assert_eq!(
        lecture["location"],
        "石化街道社区党群服务中心 四村居民区党群服务站活动室"
    );

    // UIDs: unique, and the same activities keep them in a longer export.
    let uids: Vec<&str> = events
        .iter()
        .map(|e| e["uid"].as_str().expect("uid"))
        .collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    let month = parse(&export(&["--from", "2026-11-01", "--days", "30"]));
    let month_uids: Vec<&str> = month["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["uid"].as_str().expect("uid"))
        .collect();
    for u in &uids {
        assert!(month_uids.contains(u), "{u} missing from the month export");
    }

    // Escaped text and cancelled dates: the October holiday weeks.
    let oct = parse(&export(&["--from", "2026-09-28", "--days", "28"]));
    let oct_events = oct["events"].as_array().expect("events");
    let cancelled: Vec<&serde_json::Value> = oct_events
        .iter()
        .filter(|e| e["status"] == "CANCELLED")
        .collect();
    assert_eq!(cancelled.len(), 2);
    assert!(
        cancelled
            .iter()
            .all(|e| e["description"] == "暂停：国庆放假")
    );

    // Commas, semicolons, backslashes and line breaks survive the round trip.
    let dir = support::sample_copy();
    let path = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&path).expect("events.ron");
    let at = text.rfind("    ],").expect("end of the events list");
    let extra = r#"        Event(id: "T1", title: "读书沙龙, 第2期; 主题\\反思", date: "2026-11-28", start: "14:00", end: "15:00", place: "A, B; C", note: "第一行\n第二行, 完"),
"#;
    std::fs::write(&path, format!("{}{extra}{}", &text[..at], &text[at..])).expect("write");
    let special = parse(&export_from(dir.path(), &["--week", "2026-11-23"]));
    let e = special["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .is_some_and(|u| u.starts_with("event-T1-"))
        })
        .expect("the extra event")
        .clone();
    assert_eq!(e["summary"], "读书沙龙, 第2期; 主题\\反思");
    assert_eq!(e["location"], "A, B; C");
    assert_eq!(e["description"], "第一行\n第二行, 完");
}
