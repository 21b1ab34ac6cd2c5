//! The lunar repeat through the commands: `check` names a wrong rule at
//! its value, in both languages; `list` and the iCalendar export write
//! each year's date out (no RRULE).

use crate::support::{copy_of, sample_dir, stationcal, stderr, stdout};

fn with_events(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = copy_of(&sample_dir());
    let path = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&path).expect("events.ron");
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit applies");
    std::fs::write(&path, changed).expect("write");
    dir
}

#[test]
fn check_names_a_wrong_lunar_rule_at_its_value() {
    let dir = with_events(|t| {
        // The entries' lines, not the comment at the top that shows the form.
        t.replace(
            "repeat: Lunar(month: 9, day: 9)",
            "repeat: Lunar(month: 13, day: 9)",
        )
        .replace(
            "repeat: Lunar(festival: \"中秋\")",
            "repeat: Lunar(festival: \"仲秋\")",
        )
    });
    let out = stationcal(dir.path(), &["check"]);
    assert!(!out.status.success());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    let line_of = |needle: &str| {
        let events = std::fs::read_to_string(dir.path().join("events.ron")).expect("read");
        let (n, l) = events
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .expect("line");
        (n + 1, l.find(needle).map(|c| c + 1).expect("col"))
    };
    // At the value: the month's number, the festival's quoted name.
    let (line, col) = line_of("repeat: Lunar(month: 13");
    let col = col + "repeat: Lunar(month: ".len();
    assert!(
        text.contains(&format!("events.ron:{line}:{col}:"))
            && text.contains("农历月份应为 1 到 12"),
        "{line}:{col} {text}"
    );
    let (line, col) = line_of("\"仲秋\"");
    assert!(
        text.contains(&format!("events.ron:{line}:{col}:")) && text.contains("不认识的节日"),
        "{text}"
    );
    let en = stationcal(dir.path(), &["check", "--lang", "en"]);
    let text = format!("{}{}", stdout(&en), stderr(&en));
    assert!(text.contains("the lunar month is 1 to 12"), "{text}");
    assert!(text.contains("unknown festival"), "{text}");
}

#[test]
fn check_warns_when_the_first_date_is_not_the_lunar_day() {
    let dir = with_events(|t| t.replacen("date: \"2026-10-18\"", "date: \"2026-10-17\"", 1));
    let out = stationcal(dir.path(), &["check"]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("首日 2026-10-17 不是农历九月初九"), "{text}");
    assert!(text.contains("2026-10-18"), "{text}");
}

#[test]
fn list_and_ics_write_each_years_date() {
    let dir = sample_dir();
    let out = stationcal(&dir, &["list", "--from", "2027-09-01", "--days", "60"]);
    let text = stdout(&out);
    assert!(
        text.contains("2027-09-15 周三 18:30-20:30 活动 中秋邻里联欢会"),
        "{text}"
    );
    assert!(
        text.contains("2027-10-08 周五 09:00-11:00 活动 重阳节敬老活动"),
        "{text}"
    );
    let ics = stationcal(
        &dir,
        &[
            "print",
            "--format",
            "ics",
            "--from",
            "2027-09-01",
            "--days",
            "60",
        ],
    );
    let ics = stdout(&ics);
    assert!(
        ics.contains("DTSTART;TZID=Asia/Shanghai:20271008T090000"),
        "{ics}"
    );
    assert!(
        ics.contains("DTSTART;TZID=Asia/Shanghai:20270915T183000"),
        "{ics}"
    );
    assert!(!ics.contains("RRULE"), "{ics}");
    // 2028: 重阳 on 10-26.
    let out = stationcal(&dir, &["list", "--from", "2028-10-20", "--days", "10"]);
    assert!(stdout(&out).contains("2028-10-26"), "{}", stdout(&out));
}

#[test]
fn a_misspelt_field_of_a_lunar_repeat_is_an_error() {
    let dir = with_events(|t| {
        t.replace(
            "repeat: Lunar(month: 9, day: 9)",
            "repeat: Lunar(mnth: 9, day: 9)",
        )
    });
    let out = stationcal(dir.path(), &["check"]);
    assert!(!out.status.success());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("mnth"), "{text}");
}
